"""Idempotence by fingerprint and what re-ingesting an edited version does."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsprism.errors import NotFoundError
from newsprism.model import Article
from newsprism.store import Store
from newsprism.store.filters import ArticleFilters


def make(body: str, source: str = "a.txt", url: str | None = None, published: str | None = None) -> Article:
    fingerprint = hashlib.sha256(body.encode()).hexdigest()
    article = Article(id=fingerprint[:12], fingerprint=fingerprint, source=source, body=body, url=url)
    article.published.value = published
    return article


def test_store_versions_same_article_twice_is_one(db_path: Path) -> None:
    a = make("Keller landed in Soria.")
    with Store.open(db_path) as store:
        assert store.add_articles([a]) == ["ingested"]
        assert store.add_articles([a]) == ["duplicate"]
        assert store.add_articles([a, a]) == ["duplicate", "duplicate"]
        assert store.count_articles() == 1


def test_store_versions_edit_by_url_supersedes(db_path: Path) -> None:
    old = make("Keller landed in Soria on Tuesday.", source="feed.xml", url="https://x.test/a")
    new = make("Keller landed in Soria on Tuesday evening.", source="other.html", url="https://x.test/a")
    with Store.open(db_path) as store:
        store.add_articles([old])
        assert store.add_articles([new]) == ["new_version"]
        assert [a.id for a in store.list_articles()] == [new.id]
        assert store.count_articles() == 1
        assert store.count_articles(include_superseded=True) == 2
        assert store.get_article(old.id).body == old.body  # the old version is still readable
        assert store.superseded_by(old.id) == new.id
        assert store.supersedes(new.id) == old.id
        assert [a.id for a, _ in store.search("Tuesday")] == [new.id]
        # re-ingesting the old text again is a duplicate and does not make it current
        assert store.add_articles([old]) == ["duplicate"]
        assert [a.id for a in store.list_articles()] == [new.id]


def test_store_versions_edit_by_source_path_supersedes(db_path: Path) -> None:
    v1, v2, v3 = (make(f"Version {n} of the story.", source="/news/story.txt") for n in (1, 2, 3))
    with Store.open(db_path) as store:
        assert store.add_articles([v1]) == ["ingested"]
        assert store.add_articles([v2]) == ["new_version"]
        assert store.add_articles([v3]) == ["new_version"]
        assert [a.id for a in store.list_articles()] == [v3.id]
        assert store.superseded_by(v1.id) == v2.id and store.superseded_by(v2.id) == v3.id


def test_store_versions_shared_source_is_not_a_version(db_path: Path) -> None:
    """Many documents from one source (a feed, a JSONL file, stdin) never supersede each other."""
    entries = [make(f"Entry {n}.", source="feed.xml") for n in range(3)]
    piped = [make(f"Piped {n}.", source="stdin") for n in range(2)]
    with Store.open(db_path) as store:
        assert store.add_articles(entries) == ["ingested"] * 3
        assert store.add_articles([make("Entry 4.", source="feed.xml")]) == ["ingested"]
        assert store.add_articles(piped[:1]) == ["ingested"]
        assert store.add_articles(piped[1:]) == ["ingested"]
        assert store.count_articles() == 6


def test_store_versions_listing_filters(db_path: Path) -> None:
    arts = [
        make("One.", "1.txt", published="2025-06-10"),
        make("Two.", "2.txt", published="2025-06-12T09:30:00"),
        make("Three.", "3.txt"),
    ]
    arts[0].outlet, arts[1].outlet = "Northern Herald", "Meridian Press"
    with Store.open(db_path) as store:
        store.add_articles(arts)
        assert [a.body for a in store.list_articles()] == ["Two.", "One.", "Three."]
        assert [a.body for a in store.list_articles(outlet="northern herald")] == ["One."]
        assert [a.body for a in store.list_articles(since="2025-06-11")] == ["Two."]
        assert [a.body for a in store.list_articles(until="2025-06-12")] == ["Two.", "One."]
        assert [a.body for a in store.list_articles(limit=1, offset=1)] == ["One."]
        # counts follow the same filters; the undated article is in no range
        assert store.count_articles(since="2025-06-11") == 1 and store.count_articles(until="2025-06") == 2
        assert store.count_articles(outlet="MERIDIAN PRESS", since="2025") == 1
        assert (
            store.count_undated() == 1 and store.count_undated(ArticleFilters(outlet="Northern Herald")) == 0
        )


def test_store_versions_unknown_and_ambiguous_ids(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_articles([make("x"), make("y"), make("z")])
        with pytest.raises(NotFoundError) as missing:
            store.get_article("zzzz-not-there")
        assert missing.value.code == "E021"
        with pytest.raises(NotFoundError) as ambiguous:
            store.get_article("")
        assert ambiguous.value.code == "E021"
        first = store.list_articles()[0]
        assert store.resolve_id(first.id[:10]) == first.id
