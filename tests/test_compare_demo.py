"""Acceptance: the bundled demo story, every planted item found and nothing else flagged as a conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.analysis import read_articles
from newsprism.compare import compare_story
from newsprism.compare.scorer import PairScorer
from newsprism.compare.summary import line_text
from newsprism.demo import demo_manifest, demo_sources
from newsprism.extract import extract_articles
from newsprism.extract.facts import chronological
from newsprism.model import Article, Extraction, Finding, StoryReport, from_dict, to_dict

CONFLICT_KINDS = {
    "misattribution",
    "dropped_attribution",
    "number_conflict",
    "date_conflict",
    "entity_conflict",
    "negation_conflict",
}


def _file(article: Article) -> str:
    return Path(article.source.split("#", 1)[0]).name


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], list[Extraction]]:
    articles, refusals = read_articles(demo_sources())  # the wire copy is its own article, a reprint
    assert refusals == []
    return articles, extract_articles(articles)


@pytest.fixture(scope="module")
def report(story: tuple[list[Article], list[Extraction]]) -> StoryReport:
    return compare_story(*story, scorer=PairScorer.load(semantic=False))


@pytest.fixture(scope="module")
def ids(story: tuple[list[Article], list[Extraction]]) -> dict[str, str]:
    return {_file(a): a.id for a in story[0]}


def _low(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _check_passages(report: StoryReport, finding: Finding) -> None:
    bodies = {a.id: a.body for a in report.articles}
    for p in finding.passages:
        assert p.text == bodies[p.article_id][p.start : p.end]
        assert p.outlet


def _planted(kind: str) -> list[dict]:
    return [p for p in demo_manifest()["planted"] if p["kind"] == kind]  # type: ignore[union-attr]


def test_compare_demo_misattributions_with_both_passages(report: StoryReport, ids: dict[str, str]) -> None:
    planted = _planted("misattribution")
    assert len(planted) == 2
    for item in planted:
        hits = [
            f
            for f in report.findings
            if f.kind == "misattribution" and _low(item["text"]) in _low(f.passages[0].text)
        ]
        assert len(hits) == 1, item["text"]
        f = hits[0]
        _check_passages(report, f)
        assert f.severity == "high"
        assert f.passages[0].article_id == ids[item["article"]]
        assert f.passages[1].article_id != ids[item["article"]]
        assert _low(item["text"]) in _low(f.passages[1].text)
        assert item["given_to"] in f.explanation and item["original_speaker"] in f.explanation
        surname = item["original_speaker"].split()[-1]
        assert surname in f.passages[1].text  # the reference passage shows who said it
        assert f.detail["a_speaker_key"] != f.detail["b_speaker_key"]
        assert surname.lower() in (f.detail["b_speaker_key"] or "")  # b_* is the reference's side


def test_compare_demo_number_conflict(report: StoryReport, ids: dict[str, str]) -> None:
    (item,) = _planted("number_conflict")
    (f,) = [f for f in report.findings if f.kind == "number_conflict"]
    _check_passages(report, f)
    assert f.passages[0].article_id == ids[item["article"]]
    assert item["text"] in f.passages[0].text and item["original"] in f.passages[1].text
    assert "280 million" in f.explanation and "180 million" in f.explanation


def test_compare_demo_unsupported_opinion(report: StoryReport, ids: dict[str, str]) -> None:
    (item,) = _planted("unsupported")
    hits = [f for f in report.findings if f.kind == "unsupported" and item["text"] in f.passages[0].text]
    assert len(hits) == 1
    f = hits[0]
    _check_passages(report, f)
    assert f.passages[0].article_id == ids[item["article"]]
    assert f.detail["attributed"] is item["attributed"] and f.detail["opinion"] is item["opinion"]
    assert f.severity == "medium"  # unattributed opinion in a derivative article


def test_compare_demo_unintroduced_speaker(report: StoryReport, ids: dict[str, str]) -> None:
    (item,) = _planted("unintroduced_speaker")
    hits = [f for f in report.findings if f.kind == "unintroduced_speaker"]
    assert len(hits) == 1
    f = hits[0]
    _check_passages(report, f)
    assert f.passages[0].article_id == ids[item["article"]] and item["text"] in f.passages[0].text
    assert "Samuel Okafor" in f.explanation  # introduced in full by another article


def test_compare_demo_nothing_else_is_a_conflict(report: StoryReport) -> None:
    conflicts = sorted(f.kind for f in report.findings if f.kind in CONFLICT_KINDS)
    assert conflicts == ["misattribution", "misattribution", "number_conflict"]
    assert {f.kind for f in report.findings} <= CONFLICT_KINDS | {"unsupported", "unintroduced_speaker"}


def test_compare_demo_copy_and_rewrite(report: StoryReport, ids: dict[str, str]) -> None:
    edges = {(e.source, e.derived): e for e in report.derivations}
    wire, copy, herald, farm = (ids[f] for f in sorted(ids))
    assert edges[(wire, copy)].copy is True
    farm_sources = [e for (s, d), e in edges.items() if d == farm]
    assert len(farm_sources) == 1 and farm_sources[0].source in {wire, copy}
    assert not farm_sources[0].copy and farm_sources[0].score >= 0.5
    assert all(herald not in key for key in edges)  # the independent report rewrites nobody


def test_compare_demo_corroborated_facts_count_independent_sources(
    report: StoryReport, ids: dict[str, str], story: tuple[list[Article], list[Extraction]]
) -> None:
    wire = ids["01_meridian_press.html"]
    facts = {e.article_id: e.facts for e in story[1]}[wire]
    probes = {"praised": "praised Hollis", "dependent": "heavily dependent on Drevia"}
    corroborated = demo_manifest()["corroborated"]
    assert len(corroborated) == 2  # type: ignore[arg-type]
    for item in corroborated:  # type: ignore[union-attr]
        probe = probes["praised" if "praised" in item["text"] else "dependent"]
        (fact,) = [f for f in facts if probe in f.text]
        (cluster,) = [c for c in report.clusters if (wire, fact.index) in c.members]
        members = {a for a, _ in cluster.members}
        assert {ids[f] for f in item["articles"]} <= members
        assert cluster.independent_sources == item["independent_sources"]
        assert cluster.conflicting == []


def test_compare_demo_dossier_parts(report: StoryReport, ids: dict[str, str]) -> None:
    wire = next(a for a in report.articles if a.id == ids["01_meridian_press.html"])
    assert report.headline == wire.title
    values = [chronological(e.value) for e in report.timeline]
    assert values == sorted(values)
    assert {e.article_id for e in report.timeline} >= {wire.id}
    keller = next(s for s in report.speakers if s["speaker"] == "Anton Keller")
    assert {"Meridian Press", "Northern Herald"} <= set(keller["outlets"])
    assert any(report.findings[i].kind == "misattribution" for i in keller["conflicts"])
    for row in report.speakers:
        for q in row["quotes"]:
            assert set(q) == {"text", "article_id", "start", "end", "kind"}
            assert q["kind"] in {"direct", "partial", "indirect"}
    severities = [f.severity for f in report.findings]
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    assert severities == sorted(severities, key=order.__getitem__)
    assert all(line.citations for line in report.summary)
    assert all(line_text(line).endswith("]") for line in report.summary)


def test_compare_demo_summary_cites_bare_only_the_lead_wording(report: StoryReport) -> None:
    assert 3 <= len(report.summary) <= 5
    (warrant,) = [line for line in report.summary if line.text.startswith("On February 3")]
    assert "Vessen" in warrant.text
    labels = {a.id: a.outlet for a in report.articles}
    cites = [(labels[c.article_id], c.own_words is None) for c in warrant.citations]
    # the copy has the same words; the Herald is cited with its own, shorter sentence
    assert cites == [("Meridian Press", True), ("Valley Courier", True), ("Northern Herald", False)]
    assert "issued a warrant for Keller's arrest" in (warrant.citations[2].own_words or "")
    assert line_text(warrant).startswith(
        f"{warrant.text} [Meridian Press] [Valley Courier] [Northern Herald: “"
    )
    for line in report.summary:
        assert any(c.own_words is None for c in line.citations), line  # the lead outlet is always cited bare


def test_compare_demo_report_round_trips_and_is_deterministic(
    report: StoryReport, story: tuple[list[Article], list[Extraction]]
) -> None:
    data = to_dict(report)
    assert to_dict(from_dict(StoryReport, data)) == data
    again = compare_story(*story, scorer=PairScorer.load(semantic=False))
    assert to_dict(again) == data


@pytest.mark.slow
def test_compare_demo_default_scorer_finds_the_same(story: tuple[list[Article], list[Extraction]]) -> None:
    """The default scorer (with the cross-encoder feature when the ``semantic`` extra is installed)."""
    report = compare_story(*story)
    kinds = sorted(f.kind for f in report.findings if f.kind in CONFLICT_KINDS)
    assert kinds == ["misattribution", "misattribution", "number_conflict"]
    assert any(
        f.kind == "unsupported" and "shrewder negotiator" in f.passages[0].text for f in report.findings
    )
    assert any(e.copy for e in report.derivations)


def test_compare_demo_story_id_only_when_every_article_shares_it(report: StoryReport) -> None:
    from dataclasses import replace

    from newsprism.compare.story import _shared_story_id

    one = [replace(a, story_id="s1") for a in report.articles]
    assert _shared_story_id(one) == "s1"
    mixed = [*one[:-1], replace(one[-1], story_id="s2")]
    assert _shared_story_id(mixed) is None  # `story all`: several stories are not one
    assert _shared_story_id([replace(a, story_id=None) for a in report.articles]) is None
