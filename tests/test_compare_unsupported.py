"""Unsupported sentences: claims only, and one finding for a claim an article gives twice.

Two independent reports written here: the second adds a question, a heading, a claim that it
reports and then quotes, and a claim of its own.
"""

from __future__ import annotations

import pytest

from newsprism.compare import compare_story
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Finding, StoryReport

FIRST = """The port of Soria reopened on Monday after a two-week strike by dock workers.

The city court ordered the dock workers' union to end the strike last week."""

SECOND = """The port of Soria reopened on Monday after a two-week strike by dock workers.

Will the grain ships that waited outside the harbour all week ever make up the lost time?

What the strike cost the shipping companies and the farmers

Lena Ortiz, the harbour master, added that the strike had been "a disaster for every farmer in the valley."

"It was a disaster for every farmer in the valley, and the ships will need a month to catch up," Ortiz said.

The shipping companies lost about $40 million in fees during the two weeks of the strike."""


@pytest.fixture(scope="module")
def report() -> StoryReport:
    arts = [
        Article(
            id=aid,
            fingerprint=aid,
            source=f"{aid}.txt",
            body=body,
            outlet=outlet,
            published=DateInference("2025-03-10", "metadata", 1.0),
        )
        for aid, body, outlet in (("first", FIRST, "Harbour Daily"), ("second", SECOND, "Coast Wire"))
    ]
    return compare_story(arts, extract_articles(arts), scorer=PairScorer.load(semantic=False))


def _unsupported(report: StoryReport) -> list[Finding]:
    return [f for f in report.findings if f.kind == "unsupported" and f.passages[0].article_id == "second"]


def test_compare_unsupported_questions_and_headings_are_not_claims(report: StoryReport) -> None:
    texts = " ".join(p.text for f in _unsupported(report) for p in f.passages)
    assert "Will the grain ships" not in texts
    assert "What the strike cost" not in texts


def test_compare_unsupported_claim_given_twice_is_one_finding(report: StoryReport) -> None:
    hits = [f for f in _unsupported(report) if any("disaster" in p.text for p in f.passages)]
    assert len(hits) == 1, [f.explanation for f in _unsupported(report)]
    f = hits[0]
    assert [p.text[:10] for p in f.passages] == ["Lena Ortiz", '"It was a ']
    assert f.detail["restated_in"] and "again in another sentence" in f.explanation
    assert f.detail["attributed"] is True


def test_compare_unsupported_claim_of_its_own_stays(report: StoryReport) -> None:
    (f,) = [f for f in _unsupported(report) if "$40 million" in f.passages[0].text]
    assert f.detail["attributed"] is False and f.detail["restated_in"] == []
