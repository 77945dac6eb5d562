"""Stories of the store, and their compared reports cached per version in the app instance.

A story is the set of current articles sharing ``Article.story_id``; articles no grouper
has placed yet form the story ``all`` (the whole database until stories are assigned).
A story's version is a digest of its article ids and their extraction row ids (an
extraction saved again gets a new row id), computed by one SQL query; the compared
report is cached under ``(story id, version)``, so new articles or new extractions
are picked up on the next request and an unchanged story is never compared twice.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from newsprism.errors import NewsprismError, NotFoundError
from newsprism.group.stories import unique_keywords
from newsprism.model import Article, Extraction, from_dict
from newsprism.store import Store
from newsprism.store import queries as q
from newsprism.store.filters import ALL, ArticleFilters
from newsprism.web.reads import Reader, list_articles, outlets
from newsprism.web.views import PairView, StoryView, compare_report, pair_view, story_view

V = TypeVar("V")
log = logging.getLogger(__name__)

#: Most articles of one story compared (earliest first); comparison cost grows with the square.
MAX_COMPARED = 30
#: Articles listed on a story page.
MAX_LISTED = 100
#: Stories whose reports a finding-type filter may compute in one request.
MAX_FINDING_SCAN = 200


def _frozen(value: V) -> V:
    """``value``, after moving every object alive now out of the garbage collector's reach.

    The first comparison imports large libraries (spaCy, torch); without this, each full
    collection walks all their objects and stalls a request for up to a second.
    """
    gc.freeze()
    return value


class LruCache:
    """A small thread-safe LRU map; each missing key is computed once even under concurrency."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._data:
                    return self._data[key]  # type: ignore[no-any-return]
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(key, None)
                raise
            with self._lock:
                self._data[key] = value
                self._computing.pop(key, None)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
        return value

    def prefetch(self, key: Hashable, compute: Callable[[], Any], name: str = "newsprism-prefetch") -> bool:
        """True when ``key``'s value is cached; else False, and ``compute`` runs for it in a
        background thread unless it is being computed already (a failure is logged; the next
        :meth:`get` raises it again)."""
        with self._lock:
            if key in self._data:
                return True
            if key in self._computing:
                return False
            self._computing[key] = threading.Lock()
        threading.Thread(target=self._fill, args=(key, compute), name=name, daemon=True).start()
        return False

    def _fill(self, key: Hashable, compute: Callable[[], Any]) -> None:
        try:
            self.get(key, compute)
        except Exception:
            log.exception("computing %s failed", key)

    def __len__(self) -> int:
        return len(self._data)


class StoryService:
    """Story listing, story views and article-pair views over a Reader, with a report cache."""

    def __init__(self, reader: Reader, *, cache_size: int = 32, max_compared: int = MAX_COMPARED) -> None:
        self.reader = reader
        self.max_compared = max_compared
        self.cache = LruCache(cache_size)

    # ------------------------------------------------------------ listing

    def list(
        self, filters: ArticleFilters, finding: str | None, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of stories having an article that matches ``filters`` (newest first), and the total."""
        rows = self.reader.memo(("stories", filters), lambda store: self._groups(store, filters))
        if finding:
            rows = [r for r in rows[:MAX_FINDING_SCAN] if finding in self.view(r["sid"]).finding_kinds()]
        page = rows[offset : offset + limit]
        items = [
            self.reader.memo(("story-summary", *r.values()), lambda store, r=r: self._summary(store, r))
            for r in page
        ]
        return items, len(rows)

    @staticmethod
    def _groups(store: Store, filters: ArticleFilters) -> list[dict[str, Any]]:
        where, params = filters.where()
        rows = store.execute_read(
            "SELECT coalesce(a.story_id, 'all') AS sid, count(*) AS n, min(a.published) AS first, "
            f"max(a.published) AS last FROM articles a {where} GROUP BY sid "
            "ORDER BY last IS NULL, last DESC, sid",
            params,
        )
        return [{"sid": r["sid"], "n": r["n"], "first": r["first"], "last": r["last"]} for r in rows]

    def _summary(self, store: Store, row: dict[str, Any]) -> dict[str, Any]:
        sid = str(row["sid"])
        total = store.count_articles(filters=ArticleFilters(story=sid))
        return {
            "id": sid,
            "label": self._label(store, sid),
            "keywords": self._keywords(store, sid),
            "articles": total,
            "matching": int(row["n"]),
            "first_published": row["first"],
            "last_published": row["last"],
            "outlets": [name for name, _ in outlets(store, sid)[:8]],
        }

    @staticmethod
    def _keywords(store: Store, sid: str) -> str | None:
        """The grouper's label of the story (its key entities and phrase), if it stored one,
        with each keyword once (:func:`unique_keywords`: a store grouped by an older newsprism
        may repeat them)."""
        rows = store.execute_read("SELECT label FROM stories WHERE id = ?", (sid,))
        if not rows or not rows[0][0]:
            return None
        return unique_keywords(str(rows[0][0])) or None

    @staticmethod
    def _label(store: Store, sid: str) -> str:
        """The story's headline: the title of its earliest article."""
        where, params = ArticleFilters(story=sid).where()
        rows = store.execute_read(
            f"SELECT a.title FROM articles a {where} AND a.title IS NOT NULL AND a.title != '' "
            "ORDER BY a.published IS NULL, a.published, a.seq LIMIT 1",
            params,
        )
        return str(rows[0][0]) if rows else "untitled story"

    def warm(self, count: int) -> None:
        """Compute the views of the ``count`` newest stories (errors are logged, not raised)."""
        try:
            for item in self.list(ArticleFilters(), None, count, 0)[0]:
                self.view(item["id"])
        except Exception:
            log.exception("warming the story cache failed")

    # ------------------------------------------------------------ one story

    def version(self, store: Store, sid: str) -> tuple[int, str]:
        """How many current articles the story has and the digest of (article id, extraction row id)."""
        where, params = ArticleFilters(story=sid).where()
        row = store.execute_read(
            "SELECT count(*), group_concat(x, ',') FROM (SELECT a.id || ':' || coalesce(e.rowid, '') AS x "
            f"FROM articles a LEFT JOIN extractions e ON e.article_id = a.id {where} ORDER BY a.seq)",
            params,
        )[0]
        return int(row[0]), hashlib.sha256((row[1] or "").encode()).hexdigest()

    def view(self, sid: str) -> StoryView:
        """The story's view, computed on first use of this version; NotFoundError E050 when empty."""
        total, key = self._key(sid)
        return self.cache.get(key, lambda: _frozen(self._build(sid, total)))

    def ready(self, sid: str) -> tuple[bool, int]:
        """Whether the view of the story's current version is computed, and its article count.

        When it is not, its computation starts in a background thread (once per version), so a
        page can say "comparing..." and reload instead of hanging for the first comparison.
        """
        total, key = self._key(sid)
        ready = self.cache.prefetch(key, lambda: _frozen(self._build(sid, total)), f"newsprism-{sid[:12]}")
        return ready, total

    def _key(self, sid: str) -> tuple[int, tuple[str, str, str]]:
        total, digest = self.reader.memo(("version", sid), lambda store: self.version(store, sid))
        if total == 0:
            raise NotFoundError("E050", sid, hint=self.reader.store().story_hint(sid))
        return total, ("story", sid, digest)

    def _build(self, sid: str, total: int) -> StoryView:
        store = self.reader.store()
        articles, extractions = self._compared(store, ArticleFilters(story=sid).where(), self.max_compared)
        report, note = compare_report(articles, extractions, sid, store.edited_originals(articles))
        compared = len(articles)
        if compared and total > compared:
            extra = f"compared the {compared} earliest articles with an extraction, of {total}"
            note = f"{note}; {extra}" if note else extra
        listed, _ = list_articles(store, ArticleFilters(story=sid), MAX_LISTED, 0)
        where, params = ArticleFilters(story=sid).where()
        dates = store.execute_read(
            f"SELECT min(a.published), max(a.published) FROM articles a {where}", params
        )[0]
        return story_view(
            sid,
            self._label(store, sid),
            report,
            extractions,
            total=total,
            articles=listed,
            outlets=outlets(store, sid),
            dates=(dates[0], dates[1]),
            note=note,
        )

    @staticmethod
    def _compared(
        store: Store, where: tuple[str, list[Any]], limit: int
    ) -> tuple[list[Article], list[Extraction]]:
        sql = (
            f"SELECT a.*, e.json AS extraction FROM articles a JOIN extractions e ON e.article_id = a.id "
            f"{where[0]} ORDER BY a.published IS NULL, a.published, a.seq LIMIT ?"
        )
        rows = store.execute_read(sql, [*where[1], limit])
        articles = [q.row_article(r) for r in rows]
        extractions = [from_dict(Extraction, json.loads(r["extraction"])) for r in rows]
        return articles, extractions

    # ------------------------------------------------------------ two articles

    def pair(self, ref_a: str, ref_b: str) -> PairView:
        """Two articles side by side, aligned by their story's report (or a report of the two).

        E061 (422) when both references name the same article: there is nothing to compare.
        """
        store = self.reader.store()
        a, b = store.get_article(ref_a), store.get_article(ref_b)
        if a.id == b.id:
            refs = ref_a if ref_a == ref_b else f"{ref_a} and {ref_b}"
            raise NewsprismError(
                "E061",
                f"compare {refs}",
                detail=f"the two ids are the same article {a.id}",
                hint="compare two different articles, e.g. from the compare links of a story's findings",
            )
        xa, xb = store.get_extraction(a.id), store.get_extraction(b.id)
        if a.story_id == b.story_id:
            view = self.view(a.story_id or ALL)
            ids = {x.id for x in view.report.articles}
            if a.id in ids and b.id in ids:
                return pair_view(a, b, xa, xb, view.report, view.note)
        rows = store.execute_read(
            "SELECT group_concat(article_id || ':' || rowid, ',') FROM extractions WHERE article_id IN (?, ?)",
            (a.id, b.id),
        )
        key = ("pair", a.id, b.id, rows[0][0])
        return self.cache.get(key, lambda: self._pair(a, b, xa, xb))

    @staticmethod
    def _pair(a: Article, b: Article, xa: Extraction | None, xb: Extraction | None) -> PairView:
        have = [(art, x) for art, x in ((a, xa), (b, xb)) if x is not None]
        report, note = compare_report([p[0] for p in have], [p[1] for p in have], f"pair:{a.id}:{b.id}")
        if len(have) < 2:
            note = "both articles need an extraction to be aligned"
        return pair_view(a, b, xa, xb, report, note)
