"""Derivation edges, copies, families and independent-source counts (hand-built stories, no parsing)."""

from __future__ import annotations

from newsprism.compare.corroboration import cluster_facts, families, outlet_label
from newsprism.compare.provenance import derivations, order_share
from newsprism.model import AlignedPair, Article, DateInference, Derivation, Extraction, Fact


def _art(
    aid: str, day: str | None, outlet: str | None = None, body: str = "", tags: list[str] | None = None
) -> Article:
    return Article(
        id=aid,
        fingerprint=aid,
        source=f"/data/{aid}.txt",
        body=body or f"Body of {aid}.",
        outlet=outlet,
        published=DateInference(day),
        tags=tags or [],
    )


def _ex(aid: str, texts: list[str], keys: list[list[str]] | None = None) -> Extraction:
    facts = []
    for i, text in enumerate(texts):
        words = [w.strip(".,").lower() for w in text.split()]
        facts.append(
            Fact(
                aid,
                i,
                i * 100,
                i * 100 + len(text),
                text,
                entity_keys=(keys or [[]] * len(texts))[i],
                lemmas=words,
            )
        )
    return Extraction(aid, facts=facts)


def _pairs(a: str, b: str, links: list[tuple[int, int]], relation: str = "paraphrase") -> list[AlignedPair]:
    return [AlignedPair(a, [i], b, [j], 0.9, relation) for i, j in links]  # type: ignore[arg-type]


TEXTS = [f"fact number {i} about the port strike" for i in range(8)]


def test_compare_provenance_own_interviews_make_independent_coverage() -> None:
    from newsprism.model import Quote

    interviews = [
        Quote("We tried rationing and we tried hosepipe bans before this", 0, 10, "direct", "Ingrid Solberg"),
        Quote(
            "My father fished these waters and so did I before the plant", 20, 30, "direct", "Harald Nygaard"
        ),
    ]
    shared = Quote("The plant will open in June of next year", 40, 50, "direct", "Ingrid Solberg")
    wire = 'The council approved the plant. "The plant will open in June of next year," Solberg said.'
    arts = [_art("a", "2025-06-10", body=wire), _art("b", "2025-06-11")]

    def story(quotes: list[Quote], shared_facts: int = 3) -> list[Derivation]:
        b = _ex("b", TEXTS[:8])
        b.quotes = quotes
        links = [(i, i) for i in range(shared_facts)]
        return derivations(arts, [_ex("a", TEXTS), b], _pairs("a", "b", links))

    # a day later, 3 of 8 sentences shared: a partial rewrite, unless it prints quotes of its own
    assert [(e.source, e.derived) for e in story([shared])] == [("a", "b")]
    assert story([shared, *interviews]) == []
    assert len(story([shared, interviews[0]])) == 1  # one quote of its own is not yet its own reporting
    assert story([shared, *interviews], shared_facts=4) == []  # half its sentences: still its own reporting
    assert len(story([shared, *interviews], shared_facts=5)) == 1  # more than half: a rewrite
    # ... unless it quotes two people the other never names: it spoke to them (up to two thirds)
    for q, key in zip(interviews, ("person:ingrid_solberg", "person:harald_nygaard"), strict=True):
        q.speaker_key = key
    assert story([shared, *interviews], shared_facts=5) == []
    assert len(story([shared, *interviews], shared_facts=6)) == 1  # three quarters: a rewrite
    told = Quote(
        "the plant would cost less than planned", 60, 70, "indirect", "Ingrid Solberg", told="the B Post"
    )
    arts[1].outlet = "B Post"
    assert story([shared, interviews[0], told]) == []  # words said to its own outlet are its own reporting
    told.told, arts[1].outlet = "the Times", "New York Times"
    assert len(story([shared, interviews[0], told])) == 1  # "the Times" may be another Times


def test_compare_provenance_order_share_is_lis_over_pairs() -> None:
    assert order_share([(0, 0), (1, 1), (2, 2)]) == 1.0
    assert order_share([(2, 0), (1, 1), (0, 2)]) == 1 / 3
    assert order_share([]) == 0.0


def test_compare_provenance_later_article_derives_from_earlier() -> None:
    arts = [_art("b", "2025-06-12"), _art("a", "2025-06-10")]
    exs = [_ex("b", TEXTS[:6]), _ex("a", TEXTS)]
    edges = derivations(arts, exs, _pairs("b", "a", [(0, 0), (1, 2), (2, 3), (3, 5)]))
    assert len(edges) == 1
    e = edges[0]
    assert (e.source, e.derived, e.copy) == ("a", "b", False)
    assert e.aligned_share == round(4 / 6, 4) and e.order_preserved == 1.0
    assert 0.3 <= e.score <= 1.0
    assert (0, 0) in e.pairs and (5, 3) in e.pairs  # (source fact, derived fact)


def test_compare_provenance_wire_copy_by_credit_whatever_the_input_order() -> None:
    wire = _art("w", "2025-06-10", "Meridian Press")
    copy = _art("c", "2025-06-10", "Valley Courier", body="SORIA (Meridian Press) — Keller arrived.")
    exs = {"w": _ex("w", TEXTS), "c": _ex("c", TEXTS)}
    for arts in ([wire, copy], [copy, wire]):
        a, b = arts[0].id, arts[1].id
        edges = derivations(arts, [exs[x.id] for x in arts], _pairs(a, b, [(i, i) for i in range(8)], "same"))
        assert [(e.source, e.derived, e.copy) for e in edges] == [("w", "c", True)]
        assert edges[0].score == 1.0


def test_compare_provenance_wire_credit_of_a_cut_dateline_and_same_day_times() -> None:
    wire = _art("w", "2025-03-03", "Meridian Wire")
    copy = _art("c", "2025-03-03", "Coastal Daily")  # its dateline was cut from the body
    copy.outlet_evidence = "og:site_name; wire: Meridian Wire"
    exs = {"w": _ex("w", TEXTS), "c": _ex("c", TEXTS)}
    for arts in ([wire, copy], [copy, wire]):
        a, b = arts[0].id, arts[1].id
        edges = derivations(arts, [exs[x.id] for x in arts], _pairs(a, b, [(i, i) for i in range(8)], "same"))
        assert [(e.source, e.derived, e.copy, e.score) for e in edges] == [("w", "c", True, 1.0)]
    early = _art("e", "2025-03-03T18:40:00+00:00", "Meridian Wire")
    late = _art("l", "2025-03-03T15:05:00-05:00", "Coastal Daily")  # 20:05 UTC
    exs = {"e": _ex("e", TEXTS), "l": _ex("l", TEXTS)}
    for arts in ([early, late], [late, early]):
        a, b = arts[0].id, arts[1].id
        edges = derivations(arts, [exs[x.id] for x in arts], _pairs(a, b, [(i, i) for i in range(8)], "same"))
        assert [(e.source, e.derived, e.score) for e in edges] == [("e", "l", 0.9)]
    # 22:00 on the 3rd in New York is 03:00 UTC on the 4th: later than 01:00 UTC on the 4th
    ny = _art("n", "2025-03-03T22:00:00-05:00", "Harbor Ledger")
    uk = _art("u", "2025-03-04T01:00:00+00:00", "Coastal Daily")
    exs = {"n": _ex("n", TEXTS), "u": _ex("u", TEXTS)}
    edges = derivations([ny, uk], [exs["n"], exs["u"]], _pairs("n", "u", [(i, i) for i in range(8)], "same"))
    assert [(e.source, e.derived, e.score) for e in edges] == [("u", "n", 0.9)]
    # a time with no zone against a zoned one tells nothing: the direction falls to coverage
    naive = _art("v", "2025-03-04T10:00:00", "Valley Tribune")
    exs["v"] = _ex("v", TEXTS)
    edges = derivations(
        [uk, naive], [exs["u"], exs["v"]], _pairs("u", "v", [(i, i) for i in range(8)], "same")
    )
    assert [e.score for e in edges] == [0.6]
    # 21:30 in California on the 14th (the 15th in UTC) against a date alone, the 15th: the local
    # days differ, so the article dated the 15th is the later one, whatever the input order
    evening = _art("p", "2025-10-14T21:30:00-07:00", "Northline News")
    next_day = _art("d", "2025-10-15", "Buzz Daily")
    exs = {"p": _ex("p", TEXTS[:6]), "d": _ex("d", TEXTS)}  # the later one is the longer
    for arts in ([evening, next_day], [next_day, evening]):
        a, b = arts[0].id, arts[1].id
        links = [(i, i) for i in range(6)]
        edges = derivations(
            arts, [exs[x.id] for x in arts], _pairs(a, b, links if a == "p" else [(j, i) for i, j in links])
        )
        assert [(e.source, e.derived) for e in edges] == [("p", "d")]


def test_compare_provenance_same_day_independent_reports_get_no_edge() -> None:
    arts = [_art("a", "2025-06-10", "A"), _art("b", "2025-06-10", "B")]
    exs = [_ex("a", TEXTS), _ex("b", TEXTS)]
    assert derivations(arts, exs, _pairs("a", "b", [(0, 1), (2, 3), (4, 4)])) == []


def test_compare_provenance_reporting_as_done_what_the_other_announces_is_later() -> None:
    keys = [["person:anton_keller", "person:mira_hollis"]] + [[]] * 5
    announce = ["Keller is set to meet Hollis tomorrow in Soria.", *TEXTS[:5]]
    done = ["During their meeting, Hollis and Keller discussed ports.", *TEXTS[:5]]
    arts = [_art("late", None), _art("early", None)]
    exs = [_ex("late", done, keys), _ex("early", announce, keys)]
    edges = derivations(arts, exs, _pairs("late", "early", [(1, 1), (2, 2), (3, 3), (4, 4)]))
    assert [(e.source, e.derived) for e in edges] == [("early", "late")]


def test_compare_provenance_rewrite_of_a_wire_story_is_not_also_a_rewrite_of_its_copy() -> None:
    wire = _art("w", "2025-06-10", "Meridian Press")
    copy = _art("c", "2025-06-10", "Valley Courier", body="SORIA (Meridian Press) — Keller arrived.")
    farm = _art("f", "2025-06-12")
    indep = _art("i", "2025-06-10", "Northern Herald")
    arts = [wire, copy, indep, farm]
    exs = [_ex("w", TEXTS), _ex("c", TEXTS), _ex("i", TEXTS), _ex("f", TEXTS[:5])]
    links = [(0, 0), (2, 1), (3, 2), (5, 3)]
    pairs = (
        _pairs("w", "c", [(i, i) for i in range(8)], "same")
        + _pairs("w", "f", links)
        + _pairs("c", "f", links)
        + _pairs("w", "i", [(2, 2), (3, 3)])
        + _pairs("i", "f", [(2, 1), (3, 2)])
    )
    edges = derivations(arts, exs, pairs)
    assert {(e.source, e.derived) for e in edges} == {("w", "c"), ("w", "f")}
    fam = families(arts, edges)
    assert fam["w"] == fam["c"] == fam["f"] != fam["i"]
    clusters = cluster_facts(arts, exs, pairs, edges)
    by_member = {m: c for c in clusters for m in c.members}
    # fact 2 of the wire: wire, its copy, the rewrite and the independent report -> two sources
    assert by_member[("w", 2)].independent_sources == 2
    assert set(by_member[("w", 2)].outlets) == {"Meridian Press", "Valley Courier", "Northern Herald", "f"}
    # fact 0: the wire, its copy and the rewrite only -> one source
    assert by_member[("w", 0)].independent_sources == 1
    assert clusters[0].independent_sources == 2  # most independent first
    # the independent report's version of fact 2 contradicts the wire's: no second source
    flagged = cluster_facts(arts, exs, pairs, edges, {("i", 2): {"i"}})
    fact2 = next(c for c in flagged if ("w", 2) in c.members)
    assert fact2.independent_sources == 1 and fact2.conflicting == ["i"]


def test_compare_provenance_outlet_label_falls_back_to_host_then_file() -> None:
    assert outlet_label(_art("a", None, "Newsweek")) == "Newsweek"
    url_art = _art("b", None)
    url_art.url = "https://www.example.org/x/y"
    assert outlet_label(url_art) == "example.org"
    assert outlet_label(_art("04_globalpulse_daily", None)) == "04_globalpulse_daily"


def test_compare_provenance_families_without_edges_are_singletons() -> None:
    arts = [_art("a", None), _art("b", None)]
    assert families(arts, []) == {"a": 0, "b": 1}
    assert families(arts, [Derivation("a", "b", 0.9)]) == {"a": 0, "b": 0}


def test_compare_provenance_an_edited_reprint_is_a_copy_with_edits() -> None:
    from newsprism.model import StoryReport
    from newsprism.report.dossier import build_dossier

    wire = _art("w", "2025-06-10", "Meridian Press")
    verbatim = _art("v", "2025-06-11", "Valley Courier")
    edited = _art("e", "2025-06-11", "Bay Times")
    exs = [_ex("w", TEXTS), _ex("v", TEXTS), _ex("e", TEXTS)]
    links = [(i, i) for i in range(8)]
    pairs = (
        _pairs("w", "v", links, "same") + _pairs("w", "e", links[:6], "same") + _pairs("w", "e", links[6:])
    )
    edges = {e.derived: e for e in derivations([wire, verbatim, edited], exs, pairs)}
    assert (edges["v"].copy, edges["v"].same_share) == (True, 1.0)
    assert (edges["e"].copy, edges["e"].same_share) == (True, 0.75)  # two of eight sentences reworded
    report = StoryReport(
        headline="Port strike", articles=[wire, verbatim, edited], derivations=list(edges.values())
    )
    sentences = sorted(e.sentence for e in build_dossier(report).edges)
    assert sentences == [
        "Bay Times copies Meridian Press with edits (score 1.00, copy, 75% word for word)",
        "Valley Courier copies Meridian Press (score 1.00, copy)",
    ]
