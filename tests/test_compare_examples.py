"""The ../shared/examples pair: what the README says a user expects newsprism to find."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.compare import compare_story
from newsprism.compare.scorer import PairScorer
from newsprism.compare.summary import line_text
from newsprism.extract import extract_articles
from newsprism.ingest import read_sources
from newsprism.model import Article, Extraction, RawDocument, StoryReport
from tests.conftest import EXAMPLES, need

FILES = ("004_31080f053772ce81.txt", "000_8e5266d007373164.txt")


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], list[Extraction]]:
    paths = [str(need(EXAMPLES / name)) for name in FILES]
    docs = [d for d in read_sources(paths) if isinstance(d, RawDocument)]
    articles = [clean(d) for d in docs]
    return articles, extract_articles(articles)


@pytest.fixture(scope="module")
def report(story: tuple[list[Article], list[Extraction]]) -> StoryReport:
    return compare_story(*story, scorer=PairScorer.load(semantic=False))


@pytest.fixture(scope="module")
def ids(story: tuple[list[Article], list[Extraction]]) -> dict[str, str]:
    return {name[:3]: next(a.id for a in story[0] if a.source.endswith(name)) for name in FILES}


def test_compare_examples_misattribution_with_both_passages(report: StoryReport, ids: dict[str, str]) -> None:
    words = "firm, calm, pragmatic, and reliable partner"
    (f,) = [f for f in report.findings if f.kind == "misattribution"]
    assert f.severity == "high"
    assert f.passages[0].article_id == ids["000"] and words in f.passages[0].text
    assert "Russian media" in f.passages[0].text
    assert f.passages[1].article_id == ids["004"] and words in f.passages[1].text
    assert "Russian media" in f.explanation and "Putin" in f.explanation
    bodies = {a.id: a.body for a in report.articles}
    assert all(p.text == bodies[p.article_id][p.start : p.end] for p in f.passages)


def test_compare_examples_unsupported_unattributed_opinion(report: StoryReport, ids: dict[str, str]) -> None:
    (f,) = [
        f
        for f in report.findings
        if f.kind == "unsupported" and "a more assertive leader than Mao Zedong" in f.passages[0].text
    ]
    assert f.passages[0].article_id == ids["000"]
    assert f.detail["attributed"] is False and f.detail["opinion"] is True


def test_compare_examples_hart_is_never_introduced(report: StoryReport, ids: dict[str, str]) -> None:
    (f,) = [f for f in report.findings if f.kind == "unintroduced_speaker"]
    assert f.passages[0].article_id == ids["000"] and "Hart" in f.passages[0].text
    assert '"Hart"' in f.explanation


def test_compare_examples_000_derives_from_004(report: StoryReport, ids: dict[str, str]) -> None:
    (edge,) = report.derivations
    assert (edge.source, edge.derived, edge.copy) == (ids["004"], ids["000"], False)
    assert edge.order_preserved == 1.0 and len(edge.pairs) >= 3
    assert edge.not_before == "2023-10-18"  # 000 reports as done the meeting 004 sets for "tomorrow"


def test_compare_examples_both_report_praise_and_dependence(
    report: StoryReport, ids: dict[str, str], story: tuple[list[Article], list[Extraction]]
) -> None:
    facts = {e.article_id: e.facts for e in story[1]}[ids["000"]]
    for probe in ("singing Xi’s praises", "dependent on China"):
        (fact,) = [f for f in facts if probe in f.text]
        (cluster,) = [c for c in report.clusters if (ids["000"], fact.index) in c.members]
        assert {a for a, _ in cluster.members} == {ids["000"], ids["004"]}
        assert cluster.independent_sources == 1  # 000 repeats 004: not a second confirmation
    assert not any(f.kind in {"number_conflict", "date_conflict", "entity_conflict"} for f in report.findings)


def test_compare_examples_summary_never_gives_000_a_quote_it_does_not_print(
    report: StoryReport, ids: dict[str, str], story: tuple[list[Article], list[Extraction]]
) -> None:
    summary = [line_text(line) for line in report.summary]
    (thomas,) = [line for line in summary if "Thomas told Newsweek" in line]
    label = next(a for a in story[0] if a.id == ids["000"]).source.rsplit("/", 1)[-1].removesuffix(".txt")
    assert f"[{label}]" not in thomas  # 000 gives the point to another expert, in its own words
    assert f"[{label}: “Zsuzsa Anna Ferenczy" in thomas
    (praise,) = [line for line in summary if "China Media Group" in line]
    assert "[Newsweek]" in praise and "singing Xi’s praises" in praise
