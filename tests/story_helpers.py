"""Helpers for comparison tests on made-up stories: articles from sentences, their extractions."""

from __future__ import annotations

from newsprism.compare import compare_story
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Extraction, StoryReport


def dated_article(aid: str, sentences: list[str], outlet: str, day: str, title: str = "Story") -> Article:
    """An article of one paragraph per sentence, published on ``day`` by ``outlet``."""
    return Article(
        id=aid, fingerprint=aid, source=f"{aid}.txt", body="\n\n".join(sentences), title=title,
        outlet=outlet, published=DateInference(day, "metadata", 1.0),
    )  # fmt: skip


def extractions_by_id(texts: dict[str, str], day: str = "2025-03-10") -> dict[str, Extraction]:
    """One article per text (id and outlet: its key), extracted, by article id."""
    arts = [
        Article(id=k, fingerprint=k, source=f"{k}.txt", body=v, outlet=k, published=DateInference(day))
        for k, v in texts.items()
    ]
    return {e.article_id: e for e in extract_articles(arts)}


def story_report(scorer: PairScorer, *articles: Article) -> StoryReport:
    """The dossier of ``articles`` (extracted here) with ``scorer``."""
    return compare_story(list(articles), extract_articles(list(articles)), scorer=scorer)
