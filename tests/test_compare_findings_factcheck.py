"""Findings a fact-check review missed or got wrong, on a made-up ferry story written here: a bare
company name taken for an unintroduced person, an invented "more than any" comparison, a short
reported claim printed as plain fact."""

from __future__ import annotations

import pytest
from story_helpers import dated_article, story_report

from newsprism.compare.findings import Context, conflict_findings, cue_kind, read_sentence
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import AlignedPair, Article, Derivation, Finding, StoryReport

WIRE = [
    "A hovercraft ferry built by Marlow Shipyards began carrying passengers between Port Ellis and Cray "
    "Island on Friday, cutting the crossing from 70 minutes to 22.",
    "The ferry seats 180 passengers and will make eleven round trips a day from the old herring pier.",
    "Storm surges flooded 2,300 homes along the Kessel coast last winter, officials said.",
    "Harbour councillor Ines Varga said the island's school would no longer close when the old boat broke down.",
    "Marlow said the hovercraft was fully certified.",
    "Marlow said the meeting was brief.",
]


def _article(aid: str, sentences: list[str], outlet: str, day: str) -> Article:
    return dated_article(aid, sentences, outlet, day, "Ferry")


@pytest.fixture
def scorer(lexical_scorer: PairScorer) -> PairScorer:
    return lexical_scorer


_report = story_report


def _kind(report: StoryReport, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def test_compare_findings_factcheck_company_first_word_is_an_introduced_speaker(scorer: PairScorer) -> None:
    lone = _article(
        "wire", [*WIRE[:2], "Dunmore said the tickets would cost 9 euros."], "Isle Wire", "2025-06-06"
    )
    report = _report(scorer, lone, _article("wire2", WIRE, "Bay Times", "2025-06-06"))
    speakers = {f.detail["speaker"]: f for f in _kind(report, "unintroduced_speaker")}
    assert "Marlow" not in speakers  # "Marlow Shipyards" in full in the same article
    assert speakers["Dunmore"].severity == "medium"  # a bare name nobody introduces is still flagged
    # another article's full name introduces it too ("Marlow said" alone in this one)
    bare = _article("bare", ["The crossing to Cray Island is rough.", WIRE[4]], "Cray News", "2025-06-07")
    other = _article("other", WIRE[:1], "Isle Wire", "2025-06-06")
    assert not _kind(_report(scorer, other, bare), "unintroduced_speaker")


def test_compare_findings_factcheck_more_than_any_is_an_added_comparison(scorer: PairScorer) -> None:
    farm = list(WIRE)
    farm[2] = (
        "Storm surges flooded 2,300 homes along the Kessel coast last winter, more than any storm the region "
        "has recorded this century."
    )
    report = _report(scorer, _article("wire", WIRE, "Isle Wire", "2025-06-06"),
                     _article("farm", farm, "ViralNow", "2025-06-07"))  # fmt: skip
    (f,) = _kind(report, "added_claim")
    assert f.detail["cues"] == ["more than any"] and "this century" in f.passages[0].text
    assert f.explanation.startswith('ViralNow adds a comparison ("more than any")')


def test_compare_findings_factcheck_comparison_cues() -> None:
    cues = {
        "The surge flooded more homes than any other storm on the coast.": "more ... than any",
        "It flooded the most homes since the great storm of 1953.": "the most ... since",
        "The ferry is unlike any boat the island has owned.": "unlike any",
        "Fewer passengers than ever crossed to the island in May.": "Fewer ... than ever",
    }
    for text, cue in cues.items():
        assert read_sentence(text)[1] == [cue], text
        assert cue_kind(cue) == "comparison"
    for plain in (
        "The ferry carried more than 400 passengers on Friday.",  # a measure
        "The surge flooded more homes than the storm of 1953.",  # a named rival, no "any"
        "The most recent ferry sank in 1998.",  # a superlative, not since
    ):
        assert not [c for c in read_sentence(plain)[1] if cue_kind(c) == "comparison"], plain


def test_compare_findings_factcheck_short_reported_claim_printed_as_fact(scorer: PairScorer) -> None:
    wire = _article("wire", WIRE, "Isle Wire", "2025-06-06")

    def dropped(last: list[str]) -> list[Finding]:
        rew = _article("rew", [*WIRE[:4], *last], "Quick News", "2025-06-07")
        return _kind(_report(scorer, wire, rew), "dropped_attribution")

    (f,) = dropped(["The hovercraft was fully certified.", WIRE[5]])
    assert [p.article_id for p in f.passages] == ["rew", "wire"]
    assert f.passages[0].text == "The hovercraft was fully certified."
    assert f.explanation.startswith('Quick News prints "the hovercraft was fully certified" without saying')
    # near misses: the attribution kept in other words, a short generic sentence
    assert not dropped(["The hovercraft was fully certified, the company said.", WIRE[5]])
    assert not dropped([WIRE[4], "The meeting was brief."])


def _conflicts(score: float, edges: list[Derivation], *texts: tuple[str, str, str]) -> list[Finding]:
    """conflict_findings of one hand-aligned pair (fact 0 of two one-sentence articles)."""
    arts = [_article(aid, [text], aid.title(), day) for aid, text, day in texts]
    exs = extract_articles(arts)
    (a, _, _), (b, _, _) = texts
    pair = AlignedPair(a, [0], b, [0], score, "conflict")
    findings, _ = conflict_findings(Context(arts, exs, edges), [pair], {})
    return findings


def test_compare_findings_a_later_independent_report_updates_a_figure() -> None:
    # the toll rose between two independent reports: an update, shown low and not flagged
    early = (
        "wire",
        "Sheriff Tom Bauer said the fire had killed two people on Cedar Hollow Road.",
        "2026-08-12",
    )
    late = (
        "post",
        "The fire has now killed three people on Cedar Hollow Road, Sheriff Tom Bauer said.",
        "2026-08-13",
    )
    (update,) = _conflicts(0.6, [], early, late)
    assert (update.kind, update.severity) == ("updated_figure", "low") and '("now")' in update.explanation
    # no update cue, or a rewrite of the earlier report: a number conflict
    bare = (
        "post",
        "The fire killed three people on Cedar Hollow Road, Sheriff Tom Bauer said.",
        "2026-08-13",
    )
    assert [f.kind for f in _conflicts(0.6, [], early, bare)] == ["number_conflict"]
    edge = Derivation("wire", "post", 0.8)
    assert [f.kind for f in _conflicts(0.6, [edge], early, late)] == ["number_conflict"]
    # an official revision is an update too
    revised = (
        "post",
        "The statistics office revised the toll of the Cedar Hollow Road fire to three people.",
        "2026-08-13",
    )
    (update,) = _conflicts(0.6, [], early, revised)
    assert update.kind == "updated_figure" and '("revised")' in update.explanation


def test_compare_findings_a_weak_pair_of_independent_reports_gives_no_date_conflict() -> None:
    # aligned by shared names only: the two sentences tell of two moments, not one statement
    one = ("wire", "About 350 evacuees spent Tuesday night at the Alder Springs shelter.", "2026-08-12")
    two = ("post", "Ana Delgado spoke at the Alder Springs shelter on Wednesday.", "2026-08-13")
    assert _conflicts(0.07, [], one, two) == []
    assert [f.kind for f in _conflicts(0.9, [], one, two)] == ["date_conflict"]
    assert [f.kind for f in _conflicts(0.07, [Derivation("wire", "post", 0.8)], one, two)] == [
        "date_conflict"
    ]


def test_compare_findings_factcheck_who_said_what_takes_the_descriptor_most_outlets_give(
    scorer: PairScorer,
) -> None:
    # a content farm's longer, swapped affiliation must not replace the one three outlets print
    quote = (
        '"The ferry will pay for itself within six years," said Ines Varga, {desc}, at the opening on Friday.'
    )
    right = quote.format(desc="harbour councillor for the Civic Union")
    wrong = quote.format(desc="harbour councillor for the opposition People's Front alliance")
    arts = [
        _article("wire", [WIRE[0], right], "Isle Wire", "2025-06-06"),
        _article("copy", [WIRE[0], right], "Bay Times", "2025-06-06"),
        _article("edit", [WIRE[1], right], "Cray News", "2025-06-06"),
        _article("farm", [WIRE[0], wrong], "Buzz Daily", "2025-06-07"),
    ]
    row = next(r for r in _report(scorer, *arts).speakers if r["speaker"] == "Ines Varga")
    assert row["descriptor"] == "harbour councillor for the Civic Union"


def test_compare_findings_factcheck_a_comparison_added_to_a_changed_figure_is_found_too(
    scorer: PairScorer,
) -> None:
    # one sentence, two distortions: the changed figure and the invented record are both found
    farm = list(WIRE)
    farm[2] = (
        "Storm surges flooded 3,200 homes along the Kessel coast last winter, the worst flooding in the "
        "island's history, officials said."
    )
    report = _report(scorer, _article("wire", WIRE, "Isle Wire", "2025-06-06"),
                     _article("farm", farm, "ViralNow", "2025-06-07"))  # fmt: skip
    assert [f.passages[0].text for f in _kind(report, "number_conflict")] == [farm[2]]
    (added,) = _kind(report, "added_claim")
    assert added.detail["cues"] == ["worst"] and added.passages[0].text == farm[2]


def test_compare_findings_factcheck_a_fact_a_rewrite_adds_on_its_own_is_medium(scorer: PairScorer) -> None:
    # a content farm copies the wire and slips in a claim of its own: not one lone report among many
    invented = "The shipyard is also under investigation for unpaid wages at its Cray Island plant."
    farm = [*WIRE, invented]
    report = _report(scorer, _article("wire", WIRE, "Isle Wire", "2025-06-06"),
                     _article("farm", farm, "ViralNow", "2025-06-07"))  # fmt: skip
    (added,) = [f for f in _kind(report, "unsupported") if f.passages[0].text == invented]
    assert added.severity == "medium" and added.detail["attributed"] is False
    # the same sentence in an article of its own reporting is a low lone report
    own = _article("own", ["Cray Island has 900 residents.", invented], "Cray News", "2025-06-07")
    alone = _report(scorer, _article("wire", WIRE, "Isle Wire", "2025-06-06"), own)
    assert [f.severity for f in _kind(alone, "unsupported") if f.passages[0].text == invented] == ["low"]


def test_compare_findings_factcheck_a_wire_updating_its_own_figure_and_a_stale_copy() -> None:
    # the wire's day-2 version raises its own toll: an update, though it derives from day 1; a
    # content farm of day 3 that still prints day 1's toll is the odd one against the update
    texts = {
        "day1": ("The quake killed 12 people in Velmar province, Governor Elena Vasko said.", "2026-03-09"),
        "day2": (
            "The toll has risen to 27 people in Velmar province, Governor Elena Vasko said.",
            "2026-03-10",
        ),
        "farm": ("The quake killed 12 people in Velmar province, Governor Elena Vasko said.", "2026-03-11"),
    }
    arts = [_article(aid, [text], "Continental Press" if aid != "farm" else "ViralNow", day)
            for aid, (text, day) in texts.items()]  # fmt: skip
    exs = extract_articles(arts)
    pairs = [
        AlignedPair("day1", [0], "day2", [0], 0.8, "conflict"),
        AlignedPair("day2", [0], "farm", [0], 0.8, "conflict"),
    ]
    edges = [Derivation("day1", "day2", 0.9, copy=True), Derivation("day1", "farm", 0.9, copy=True)]
    findings, flagged = conflict_findings(Context(arts, exs, edges), pairs, {})
    kinds = sorted((f.kind, f.severity, f.passages[0].article_id) for f in findings)
    assert kinds == [("number_conflict", "high", "farm"), ("updated_figure", "low", "day2")]
    assert ("day2", 0) not in flagged or "day2" not in flagged[("day2", 0)]
    # another outlet's rewrite of day 1 changing the figure is no update, whatever its words
    other = _article("day2", [texts["day2"][0]], "Rival Daily", "2026-03-10")
    found, _ = conflict_findings(
        Context([arts[0], other], extract_articles([arts[0], other]), edges[:1]), pairs[:1], {}
    )
    assert [f.kind for f in found] == ["number_conflict"]


def test_compare_findings_factcheck_an_unproven_allegation_printed_as_fact_is_high(
    scorer: PairScorer,
) -> None:
    claim = "hundreds of mail-in ballots in the Eastgate district had been counted twice"
    wire = [*WIRE[:4], f"Mayor Ivo Haskell alleged that {claim}, but he offered no evidence."]
    farm = [*WIRE[:4], claim[0].upper() + claim[1:] + "."]
    report = _report(scorer, _article("wire", wire, "Isle Wire", "2025-06-06"),
                     _article("farm", farm, "ViralNow", "2025-06-07"))  # fmt: skip
    (f,) = _kind(report, "dropped_attribution")
    assert f.severity == "high" and f.explanation.endswith("as an unproven allegation.")
    # an attribution without doubt dropped stays medium
    plain = [*WIRE[:4], f"Mayor Ivo Haskell said that {claim}."]
    report = _report(scorer, _article("wire", plain, "Isle Wire", "2025-06-06"),
                     _article("farm", farm, "ViralNow", "2025-06-07"))  # fmt: skip
    assert [f.severity for f in _kind(report, "dropped_attribution")] == ["medium"]


def test_compare_findings_factcheck_a_full_name_the_model_missed_introduces_the_speaker(
    scorer: PairScorer,
) -> None:
    body = [
        "OSTREL, Velmar — Ana Petrik, 54, was asleep when the ground began to shake.",
        '"The whole house jumped, and then the roof came down on the kitchen," Petrik told the paper.',
        '"We have nothing left now," Mr Doran said.',
        'Later Kessel said: "The school will stay shut."',
    ]
    report = _report(scorer, _article("own", body, "Harbour Times", "2026-03-10"))
    speakers = {f.detail["speaker"] for f in _kind(report, "unintroduced_speaker")}
    assert "Petrik" not in speakers and "Doran" in speakers  # "Mr Doran" gives no full name
    assert "Kessel" in speakers  # "Later" is no given name


def test_compare_findings_factcheck_a_release_is_its_publisher_s_own_words() -> None:
    # the agency writes "the university said" of the university's own press release: the release
    # dropped no attribution; a newspaper printing the same words bare did
    claim = "In earlier experiments in mice, the drug also reduced the size of strokes by a third"
    agency = ("agency", f"{claim}, the university said.", "2026-05-06")
    release = ("release", f"{claim}.", "2026-05-06")
    arts = [_article(agency[0], [agency[1]], "Meridian Press Agency", agency[2]),
            _article(release[0], [release[1]], "University of Northmoor News", release[2])]  # fmt: skip
    exs = extract_articles(arts)
    pair = AlignedPair("agency", [0], "release", [0], 0.8, "conflict")
    found, _ = conflict_findings(Context(arts, exs, []), [pair], {})
    assert [f.kind for f in found] == []
    arts[1].outlet = "Valley Courier"
    found, _ = conflict_findings(Context(arts, extract_articles(arts), []), [pair], {})
    assert [f.kind for f in found] == ["dropped_attribution"]
