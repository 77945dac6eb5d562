"""The dossier rows built from a hand-made StoryReport: summary, matrix, ranking, timeline, speakers."""

from __future__ import annotations

from newsprism.compare.story import speakers_table
from newsprism.model import (
    Article,
    Citation,
    DateInference,
    Derivation,
    FactCluster,
    Finding,
    Passage,
    StoryReport,
    SummaryLine,
    TimelineEntry,
)
from newsprism.report.dossier import (
    build_dossier,
    collapsed_note,
    coverage_line,
    independent_sources,
    ranked_findings,
    split_findings,
)
from newsprism.report.markdown import md_escape, render_markdown
from newsprism.report.text import render_text

HOSTILE = "<script>alert(1)</script> | pipe [bold]bold[/bold] \x1b[31mred\x1b[0m \u202eevil"


def _article(aid: str, outlet: str | None, date: str, title: str = "", source: str = "") -> Article:
    return Article(
        id=aid,
        fingerprint=aid * 2,
        source=source or f"/in/{aid}.txt",
        body="x" * 400,
        title=title or None,
        outlet=outlet,
        published=DateInference(date, "metadata", 1.0),
        bylines=["Ann Byline"],
    )


def hostile_report() -> StoryReport:
    """Four articles (one a copy, one a rewrite), hostile strings in every displayed field."""
    articles = [
        _article("rewrite0001", None, "2025-06-12", f"Rewrite {HOSTILE}", "/in/04_farm.txt"),
        _article("wire000001", "Wire <b>Press</b>", "2025-06-10", "Wire story"),
        _article("copy000001", "Valley | Courier", "2025-06-10", "Wire story"),
        _article("indep00001", "Northern [bold]Herald[/bold]", "2025-06-10", "Own story"),
    ]
    clusters = [
        FactCluster(
            0,
            "The leader arrived in the capital on Tuesday.",
            [("wire000001", 0), ("copy000001", 0), ("indep00001", 0), ("rewrite0001", 0)],
            ["Wire", "Valley", "Northern"],
            2,
        ),
        FactCluster(
            1,
            f"Trade grew 180 million times {HOSTILE}.",
            [("wire000001", 3), ("copy000001", 3), ("rewrite0001", 2)],
            [],
            1,
            conflicting=["rewrite0001"],
        ),
        FactCluster(
            2, "The country depends on its neighbour.", [("wire000001", 5), ("indep00001", 4)], [], 2
        ),
        FactCluster(3, "A lone claim nobody else makes.", [("rewrite0001", 7)], [], 1),
        FactCluster(4, "The forum opens on Wednesday.", [("wire000001", 1), ("indep00001", 2)], [], 2),
    ]
    findings = [
        Finding(
            "unsupported",
            "low",
            "Only one article says this.",
            [Passage("rewrite0001", 300, 330, "A lone claim")],
        ),
        Finding(
            "misattribution",
            "high",
            f"Words of Lena Ortiz are given to Okafor {HOSTILE}",
            [
                Passage("wire000001", 10, 60, f"Ortiz said: {HOSTILE}", "Wire"),
                Passage("rewrite0001", 20, 70, "Okafor said the same words", None),
            ],
            {"slot": "speaker", "original_speaker": "Lena Ortiz", "given_to": "Okafor"},
        ),
        Finding(
            "number_conflict",
            "medium",
            "180 million became 280 million.",
            [Passage("wire000001", 100, 120, "180 million"), Passage("rewrite0001", 90, 110, "280 million")],
        ),
    ]
    return StoryReport(
        headline=f"Leader visits {HOSTILE}",
        articles=articles,
        timeline=[
            TimelineEntry("2025-06-10", 0, "arrived Tuesday", [], "wire000001"),
            TimelineEntry("2025-06-10", 0, "arrived Tuesday (copy)", [], "copy000001"),
            TimelineEntry("2025-02-03", 9, f"warrant issued {HOSTILE}", [], "indep00001"),
            TimelineEntry("PRESENT_REF", 4, "now", [], "rewrite0001"),
        ],
        speakers=[
            {
                "speaker": f"Lena Ortiz {HOSTILE}",
                "affiliation": "CCPR | Lisbon",
                "quotes": [{"text": f"a red carpet {HOSTILE}", "article_id": "wire000001"}],
                "outlets": ["wire000001", "copy000001"],
            },
            {
                "speaker": "Drevian state media",
                "vague": True,
                "quotes": ["a steady partner"],
                "article_ids": ["rewrite0001"],
            },
        ],
        clusters=clusters,
        findings=findings,
        derivations=[
            Derivation("wire000001", "copy000001", 0.99, True, 1.0, 1.0, [(0, 0), (1, 1)]),
            Derivation("wire000001", "rewrite0001", 0.8, False, 0.6, 0.9, [(0, 0), (3, 2), (5, 4)]),
        ],
        story_id="story-1",
    )


def test_report_dossier_columns_ordered_and_labelled() -> None:
    d = build_dossier(hostile_report())
    assert [c.article_id for c in d.columns] == ["wire000001", "copy000001", "indep00001", "rewrite0001"]
    assert d.columns[-1].label == "04_farm"  # no outlet: the file name
    assert d.independent == 2  # the copy and the rewrite fold into the wire story
    wire, copy = d.columns[0].label, d.columns[1]
    assert copy.copy_of == wire and copy.outlet_cell == f"{copy.label} (copy of {wire})"
    assert d.columns[-1].copy_of is None and d.columns[-1].outlet_cell == "04_farm"  # a rewrite, no copy
    row = f"| {md_escape(copy.label)} (copy of {md_escape(wire)}) |"
    assert row in render_markdown(d)


def test_report_dossier_coverage_line_counts_a_file_name_as_no_outlet() -> None:
    line = coverage_line(build_dossier(hostile_report()))
    assert line == "4 articles, 3 outlets, 1 article of unknown outlet, 2 independent sources · story story-1"


def test_report_dossier_summary_is_the_reports_cleaned() -> None:
    report = hostile_report()
    report.summary = [
        SummaryLine("The leader arrived.", 0, [Citation("a1", HOSTILE)]),
        SummaryLine(
            "The forum opens.",
            1,
            [Citation("a1", "Valley | Courier"), Citation("a2", "Herald", "It [opens].", ["Ed"])],
        ),
    ]
    d = build_dossier(report)
    assert len(d.summary) == 2
    assert d.summary[1] == "The forum opens. [Valley | Courier] [Herald: “It (opens).” (said by Ed)]"
    assert "\x1b" not in d.summary[0] and "\u202e" not in d.summary[0]
    assert build_dossier(hostile_report()).summary == []  # the dossier never invents a summary


def test_report_dossier_matrix_cells_and_hidden_singletons() -> None:
    d = build_dossier(hostile_report())
    rows = {r.cluster_id: r for r in d.matrix}
    assert set(rows) == {0, 1, 2, 4} and d.matrix_hidden == 1
    assert rows[1].cells == ["reported", "reported", "absent", "conflicting"]
    assert rows[2].cells == ["reported", "absent", "reported", "absent"]
    assert d.matrix[0].cluster_id == 0  # most articles first among 2-source rows
    assert rows[0].independent == 2


def test_report_dossier_findings_ranked_by_severity() -> None:
    report = hostile_report()
    assert [f.kind for f in ranked_findings(report.findings)] == [
        "misattribution",
        "number_conflict",
        "unsupported",
    ]
    row = build_dossier(report).findings[0]
    assert [p.label for p in row.passages] == ["Wire <b>Press</b>", "04_farm"]
    assert row.passages[0].span == "10–60"
    assert "\x1b" not in row.explanation and "\u202e" not in row.explanation


def test_report_dossier_timeline_merges_one_event_across_outlets() -> None:
    report = hostile_report()
    report.clusters[0].members.append(("copy000001", 0))
    rows = build_dossier(report).timeline
    assert [r.date for r in rows] == ["2025-02-03", "2025-06-10", "PRESENT_REF"]
    assert rows[1].outlets == ["Wire <b>Press</b>", "Valley | Courier"]
    assert rows[1].text == "arrived Tuesday"  # the dated sentence of the first outlet


def test_report_dossier_timeline_keeps_a_conflicting_version_apart() -> None:
    # the rewrite's version of the trade fact is flagged: its dated sentence is its own row,
    # not one more outlet under the wire's words
    report = hostile_report()
    report.timeline += [
        TimelineEntry("2025-06-09", 3, "trade grew 180 million times", [], "wire000001"),
        TimelineEntry("2025-06-09", 2, "trade grew 280 million times", [], "rewrite0001"),
    ]
    rows = [r for r in build_dossier(report).timeline if r.date == "2025-06-09"]
    assert [(r.text, r.outlets) for r in rows] == [
        ("trade grew 180 million times", ["Wire <b>Press</b>"]),
        ("trade grew 280 million times", ["04_farm"]),
    ]


def test_report_dossier_speakers_conflicts_from_findings() -> None:
    d = build_dossier(hostile_report())
    ortiz, media = d.speakers
    assert ortiz.outlets == ["Wire <b>Press</b>", "Valley | Courier"]
    assert ortiz.conflicts and "Okafor" in ortiz.conflicts[0]
    assert ortiz.quotes == [
        "“a red carpet <script>alert(1)</script> | pipe [bold]bold[/bold] [31mred [0m evil” (Wire <b>Press</b>)"
    ]
    assert media.affiliation == "(vague source)" and media.outlets == ["04_farm"]
    assert media.conflicts == []


def test_report_dossier_speakers_table_joins_surname_to_full_name() -> None:
    from newsprism.model import Extraction, Quote

    a = _article("a1", "One", "2025-01-01")
    b = _article("b1", "Two", "2025-01-02")
    xa = Extraction(
        "a1", quotes=[Quote("hello", 0, 5, "direct", "Ann Lee", "person:ann_lee", descriptor="a mayor")]
    )
    xb = Extraction(
        "b1",
        quotes=[
            Quote("hello again", 0, 5, "direct", "Lee", "person:?lee"),
            Quote("x", 0, 1, "direct", "officials", None, vague=True),
        ],
    )
    rows = speakers_table([a, b], [xa, xb], [])
    assert rows[0]["speaker"] == "Ann Lee" and rows[0]["descriptor"] == "a mayor"
    assert rows[0]["outlets"] == ["One", "Two"] and len(rows[0]["quotes"]) == 2
    assert rows[0]["vague"] is False
    assert rows[1]["speaker"] == "officials" and rows[1]["vague"] is True
    report = hostile_report()
    report.articles, report.speakers = [a, b], rows
    named, officials = build_dossier(report).speakers
    assert named.affiliation == "a mayor" and officials.affiliation == "(vague source)"


def test_report_dossier_independent_sources_ignores_cycles() -> None:
    report = hostile_report()
    report.derivations.append(Derivation("copy000001", "wire000001", 0.9, True))
    assert independent_sources(report) == 2


def test_report_dossier_split_findings_counts_collapsed_per_outlet() -> None:
    report = hostile_report()
    report.findings += [
        Finding("unsupported", "low", "a", [Passage("wire000001", 0, 1, "a")]),
        Finding("unsupported", "medium", "opinion", [Passage("wire000001", 2, 3, "b")]),
        Finding("unsupported", "low", "b", [Passage("wire000001", 4, 5, "c")]),
    ]
    rows = build_dossier(report).findings
    shown, collapsed = split_findings(rows)
    assert [(n, r.kind, r.severity) for n, r in shown] == [
        (1, "misattribution", "high"),
        (2, "number_conflict", "medium"),
        (3, "unsupported", "medium"),
    ]
    assert collapsed == [("Wire <b>Press</b>", 2), ("04_farm", 1)]  # most first
    assert collapsed_note(collapsed, "hint") == (
        "3 more sentences are reported by one independent source only (low severity): Wire <b>Press</b> 2, 04_farm 1; hint"
    )
    assert (
        collapsed_note([("A", 1)])
        == "1 more sentence is reported by one independent source only (low severity): A 1"
    )
    everything, none = split_findings(rows, all_findings=True)
    assert [n for n, _ in everything] == list(range(1, 7)) and none == []


def test_report_dossier_speakers_reported_speech_and_nested_partial_quote() -> None:
    from newsprism.model import Extraction, Quote

    a = _article("a1", "One", "2025-01-01")
    b = _article("b1", "Two", "2025-01-02")
    said = 'the mayor has been "boxed in by the budget'
    xa = Extraction(
        "a1",
        quotes=[
            Quote(said, 0, 40, "indirect", "Ann Lee", "person:ann_lee"),
            Quote("boxed in by the budget", 20, 40, "partial", "Ann Lee", "person:ann_lee"),
            Quote("We will not wait.", 50, 67, "direct", "Ann Lee", "person:ann_lee"),
        ],
    )
    # the same partial words carried by another outlet on their own are kept: b1 does not carry the long one
    xb = Extraction(
        "b1", quotes=[Quote("boxed in by the budget", 0, 22, "partial", "Ann Lee", "person:ann_lee")]
    )
    report = hostile_report()
    report.articles = [a, b]
    report.speakers = speakers_table([a], [xa], [])
    (row,) = build_dossier(report).speakers
    assert row.quotes == ['reported: the mayor has been "boxed in by the budget"', "“We will not wait.”"]
    report.speakers = speakers_table([a, b], [xa, xb], [])
    (row,) = build_dossier(report).speakers
    assert row.quotes == [
        'reported: the mayor has been "boxed in by the budget" (One)',
        "“boxed in by the budget” (One, Two)",
        "“We will not wait.” (One)",
    ]


def test_report_dossier_undated_rewrite_is_no_earlier_than_its_sources() -> None:
    report = hostile_report()
    undated = _article("undated001", "Farm", "")
    undated.published = DateInference(None)
    alone = _article("undated002", "Alone", "")
    alone.published = DateInference(None)
    report.articles += [undated, alone]
    report.derivations += [
        Derivation("wire000001", "undated001", 0.5),
        Derivation("rewrite0001", "undated001", 0.4),  # the latest source date is the bound
        Derivation("undated002", "undated001", 0.4),  # an undated source gives no bound
    ]
    published = {c.article_id: c.published for c in build_dossier(report).columns}
    assert published["undated001"] == "2025-06-12 or later"
    assert published["undated002"] == "undated"
    assert published["wire000001"] == "2025-06-10"
    # an event the source announces for a later day, reported as done: no earlier than that day
    report.derivations[-1].not_before = "2025-06-14"
    assert {c.article_id: c.published for c in build_dossier(report).columns}[
        "undated001"
    ] == "2025-06-14 or later"


def test_report_dossier_a_partial_rewrite_stays_an_independent_source() -> None:
    report = hostile_report()
    before = independent_sources(report)
    report.derivations.append(
        Derivation("wire000001", "indep00001", 0.4, False, 0.2, 1.0, [(0, 0), (1, 1), (2, 2)])
    )
    assert independent_sources(report) == before  # 20% of it aligned: it keeps its own reporting
    edge = next(e for e in build_dossier(report).edges if e.derived_id == "indep00001")
    assert edge.sentence.startswith("Northern [bold]Herald[/bold] partly rewrites Wire <b>Press</b>")
    report.derivations[-1] = Derivation(
        "wire000001", "indep00001", 0.7, False, 0.6, 1.0, [(0, 0), (1, 1), (2, 2)]
    )
    assert independent_sources(report) == before - 1
    edge = next(e for e in build_dossier(report).edges if e.derived_id == "indep00001")
    assert " rewrites Wire" in edge.sentence and "partly" not in edge.sentence


def test_report_dossier_clean_cuts_at_a_word_boundary() -> None:
    from newsprism.report.dossier import clean

    text = "alpha beta gamma delta epsilon zeta eta theta"
    assert clean(text, 20) == "alpha beta gamma…"
    assert clean("x" * 30, 10) == "x" * 9 + "…"  # one long word is cut where it must be
    assert clean(text, 100) == text


def test_report_dossier_timeline_shows_the_articles_words_for_a_date() -> None:
    report = hostile_report()
    report.timeline[0].phrase = "Tuesday"
    report.timeline[2].phrase = "February 3"
    report.timeline[3].phrase = "now"
    rows = build_dossier(report).timeline
    assert [r.date for r in rows] == ["2025-02-03 (February 3)", "2025-06-10 (Tuesday)", "PRESENT_REF (now)"]
    report.timeline[0].phrase = "2025-06-10"  # the same as the value: not repeated
    assert build_dossier(report).timeline[1].date == "2025-06-10"
    text = render_text(report, width=120)
    assert "2025-06-10" in text and "(February 3)" in text
