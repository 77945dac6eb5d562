"""FTS5 search finds words, ranks with bm25 and never breaks on FTS syntax in the query."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.model import Article
from newsprism.store import Store


def make(
    body: str, title: str | None = None, outlet: str | None = None, bylines: list[str] | None = None
) -> Article:
    fingerprint = hashlib.sha256(body.encode()).hexdigest()
    return Article(
        id=fingerprint[:12],
        fingerprint=fingerprint,
        source=f"{fingerprint[:6]}.txt",
        body=body,
        title=title,
        outlet=outlet,
        bylines=bylines or [],
    )


@pytest.fixture
def store(db_path: Path):  # type: ignore[no-untyped-def]
    with Store.open(db_path) as s:
        s.add_articles(
            [
                make(
                    "Keller landed in Soria on Tuesday for the trade forum.",
                    "Keller in Soria",
                    "Meridian Press",
                ),
                make(
                    "The forum opened with a speech about ports, shipping.", "Forum opens", "Northern Herald"
                ),
                make('Markets were calm. AND (or) NOT* "quoted" text.', "Markets", None, ["Nadia Petrov"]),
            ]
        )
        yield s


def test_store_search_finds_a_word_with_snippet(store: Store) -> None:
    hits = store.search("soria")
    assert [a.title for a, _ in hits] == ["Keller in Soria"]
    assert "[Soria]" in hits[0][1]


def test_store_search_all_words_must_match_and_title_ranks_first(store: Store) -> None:
    assert [a.title for a, _ in store.search("forum")] == ["Forum opens", "Keller in Soria"]
    assert [a.title for a, _ in store.search("forum speech")] == ["Forum opens"]
    assert [a.title for a, _ in store.search("Petrov")] == ["Markets"]  # bylines are indexed
    assert [a.title for a, _ in store.search("Herald")] == ["Forum opens"]  # outlets too


def test_store_search_prefix(store: Store) -> None:
    assert [a.title for a, _ in store.search("ship*")] == ["Forum opens"]


@pytest.mark.parametrize(
    "query",
    ['"AND (', "*", "AND", "NOT", "(or)", '"', "NEAR(a b)", "title:Keller", "-", "^", "a OR", "{}", ""],
)
def test_store_search_survives_fts_syntax(store: Store, query: str) -> None:
    hits = store.search(query)
    assert isinstance(hits, list)


def test_store_search_operators_are_plain_words(store: Store) -> None:
    assert [a.title for a, _ in store.search('"AND (')] == ["Markets"]  # "and" occurs only there
    assert [a.title for a, _ in store.search("title:Keller")] == []  # no column filter: "title" is a word


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=30))
def test_store_search_never_raises(store: Store, query: str) -> None:
    store.search(query)


def test_store_search_a_byline_match_shows_the_names_not_their_json(store: Store) -> None:
    ((article, snippet),) = store.search("Petrov")
    assert article.bylines == ["Nadia Petrov"]
    assert snippet == "Nadia [Petrov]"


def test_store_search_plain_snippet_of_a_cut_byline_list() -> None:
    from newsprism.store.queries import plain_snippet

    assert plain_snippet('…"Ana Ruiz", "[Bo] Li"]') == "…Ana Ruiz, [Bo] Li"
    assert plain_snippet('He said "yes" to the [plan].') == 'He said "yes" to the [plan].'
