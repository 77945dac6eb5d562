"""Read queries of the web service: filtered (:class:`~newsprism.store.filters.ArticleFilters`),
paginated article listings over a read-only Store. Listings never load whole bodies: they carry
the first ``EXCERPT_CHARS`` characters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from newsprism.model import Article, to_dict
from newsprism.store import Store
from newsprism.store import queries as q
from newsprism.store.filters import ArticleFilters

#: Characters of the body a listing shows.
EXCERPT_CHARS = 240
#: Answers remembered per thread between two changes of the database.
MEMO_SIZE = 256

V = TypeVar("V")

_LISTING_COLUMNS = ", ".join(f"a.{c}" for c in q.ARTICLE_COLUMNS if c != "body")
LISTING_SELECT = (
    f"SELECT {_LISTING_COLUMNS}, substr(a.body, 1, {EXCERPT_CHARS}) AS body, length(a.body) AS body_chars "
    "FROM articles a"
)


class Reader:
    """Read-only Stores on one database file, one per thread (a Store is one sqlite connection)."""

    def __init__(self, db: Path, *, time_limit: float = 2.0) -> None:
        self.db = db
        self.time_limit = time_limit
        self._local = threading.local()

    def store(self) -> Store:
        """This thread's read-only Store (opened on first use)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.db, readonly=True, time_limit=self.time_limit)
            self._local.store = store
        return store

    def memo(self, key: Hashable, compute: Callable[[Store], V]) -> V:
        """``compute(store)``, remembered on this thread until another connection commits a change.

        SQLite's ``PRAGMA data_version`` changes exactly when another connection has
        committed since the last look, so an answer is reused only while the database is
        unchanged (these connections never write).
        """
        store = self.store()
        version = store.execute_read("PRAGMA data_version")[0][0]
        local = self._local
        cache: dict[Hashable, Any] | None = getattr(local, "memo", None)
        if cache is None or local.memo_version != version or len(cache) >= MEMO_SIZE:
            cache = local.memo = {}
            local.memo_version = version
        if key not in cache:
            cache[key] = compute(store)
        return cache[key]  # type: ignore[no-any-return]

    def articles(self, filters: ArticleFilters, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """:func:`list_articles` on this thread's store, remembered while the database is unchanged."""
        return self.memo(
            ("articles", filters, limit, offset), lambda s: list_articles(s, filters, limit, offset)
        )


def listing(article: Article, body_chars: int | None = None) -> dict[str, Any]:
    """An article's JSON for listings: metadata, an excerpt and the body length (no chrome)."""
    data = to_dict(article)
    data.pop("removed")
    body = data.pop("body")
    data["excerpt"] = body[:EXCERPT_CHARS]
    data["body_chars"] = body_chars if body_chars is not None else len(body)
    return data


def list_articles(
    store: Store, filters: ArticleFilters, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of current articles matching ``filters`` (newest first) and the total count."""
    where, params = filters.where()
    sql = f"{LISTING_SELECT} {where} ORDER BY a.published IS NULL, a.published DESC, a.seq LIMIT ? OFFSET ?"
    rows = store.execute_read(sql, [*params, limit, offset])
    listed = [listing(q.row_article(r), int(r["body_chars"])) for r in rows]
    return listed, store.count_articles(filters=filters)


def article_heads(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Id, title, outlet, story and reprint source of each of ``ids`` that is stored, by id."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    sql = f"SELECT id, title, outlet, story_id, reprint_of FROM articles WHERE id IN ({marks})"
    return {r["id"]: dict(r) for r in store.execute_read(sql, ids)}


def outlets(store: Store, story: str | None = None) -> list[tuple[str, int]]:
    """Outlets of current articles (of one story) with their article counts, most first."""
    where, params = ArticleFilters(story=story).where()
    rows = store.execute_read(
        f"SELECT a.outlet, count(*) FROM articles a {where} AND a.outlet IS NOT NULL "
        "GROUP BY a.outlet COLLATE NOCASE ORDER BY count(*) DESC, a.outlet LIMIT 500",
        params,
    )
    return [(str(r[0]), int(r[1])) for r in rows]


#: Extra best-ranked rows fetched so that superseded versions can be dropped without a rerun.
SEARCH_SLACK = 20

#: Rank over the FTS index alone first (materialised), then join the few best rows to their
#: articles, flagging superseded versions; same order as :meth:`Store.search` (bm25, then seq).
_SEARCH_TOP = f"""
WITH top AS MATERIALIZED (
    SELECT rowid AS seq, bm25(articles_fts, {q.BM25_WEIGHTS}) AS score FROM articles_fts
    WHERE articles_fts MATCH :match ORDER BY score, rowid LIMIT :fetch
)
SELECT a.*, {q.CURRENT} AS current FROM top JOIN articles a ON a.seq = top.seq ORDER BY top.score, top.seq
"""
_SNIPPET = (
    "SELECT snippet(articles_fts, -1, :open, :close, '…', 16) FROM articles_fts "
    "WHERE articles_fts MATCH :match AND rowid = :seq"
)


def search(store: Store, text: str, limit: int) -> list[dict[str, Any]]:
    """Full-text hits, best first: listing, snippet and the ``[start, end)`` spans of the matches.

    The same hits as :meth:`Store.search`, found faster on large stores: the best
    ``limit + SEARCH_SLACK`` index rows are ranked before any join and snippets are built
    for the hits only; when superseded versions among them leave fewer than ``limit``
    hits, the store's full query runs instead.
    """
    match = q.fts_query(text)
    if match is None or limit <= 0:
        return []
    fetch = limit + SEARCH_SLACK
    rows = store.execute_read(_SEARCH_TOP, {"match": match, "fetch": fetch})
    current = [r for r in rows if r["current"]][:limit]
    if len(current) < limit and len(rows) == fetch:
        hits = store.search(text, limit, mark=(MARK_OPEN, MARK_CLOSE))
        return [{"article": listing(a), **marked_snippet(s)} for a, s in hits]
    out = []
    for row in current:
        marks = {"match": match, "seq": row["seq"], "open": MARK_OPEN, "close": MARK_CLOSE}
        snippet = store.execute_read(_SNIPPET, marks)
        out.append(
            {"article": listing(q.row_article(row)), **marked_snippet(snippet[0][0] if snippet else "")}
        )
    return out


#: Private-use characters that wrap matches in FTS snippets (never in cleaned text that matters).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def marked_snippet(snippet: str) -> dict[str, Any]:
    """Split a snippet marked with MARK_OPEN/MARK_CLOSE into plain text and match spans."""
    text: list[str] = []
    spans: list[list[int]] = []
    pos, start = 0, None
    for ch in snippet:
        if ch == MARK_OPEN:
            start = pos
        elif ch == MARK_CLOSE:
            if start is not None and pos > start:
                spans.append([start, pos])
            start = None
        else:
            text.append(ch)
            pos += 1
    return {"snippet": "".join(text), "highlights": spans}
