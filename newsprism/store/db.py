"""The SQLite store: one file, WAL, versioned schema, one transaction per batch.

Re-ingest rules (also in docs/store.md):

- Same fingerprint (sha256 of the normalised body) as a stored article, and the same
  publication as it or one of its reprints: nothing is written, the status is ``duplicate``.
- Same fingerprint but another publication (another web site, outlet or headline: a wire
  story printed elsewhere): stored as a reprint with its own id, ``reprint_of`` naming the
  article whose text it prints; status ``ingested``.
- New fingerprint but the same URL as a current stored article (or, for articles
  without a URL, the same source path, when that path names exactly one stored
  article and one article of the batch): stored as a new article whose
  ``supersedes`` is the old id; status ``new_version``. Listings, counts and search
  show current versions only; ``get_article(old_id)`` still works and
  :meth:`Store.superseded_by` names the newer version.
- Otherwise: stored, status ``ingested``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsprism.clean.reprints import (
    ANONYMOUS_SOURCES,
    as_reprint,
    publication,
    publication_of,
    same_printing,
)
from newsprism.errors import NotFoundError, StoreError
from newsprism.model import Article, Extraction, Refusal, from_dict, to_dict
from newsprism.settings import default_db_path
from newsprism.store import queries as q
from newsprism.store.filters import ArticleFilters
from newsprism.store.schema import SCHEMA_VERSION, check_version, migrate
from newsprism.store.stories import StoryTables

if TYPE_CHECKING:
    from newsprism.clean.boilerplate import BoilerplateModel

Status = Literal["ingested", "duplicate", "new_version"]

#: Progress-handler granularity (SQLite virtual-machine steps between deadline checks).
_PROGRESS_STEPS = 1000


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    """sha256 hex digest of a raw document's text (for ``observed_docs``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class Store(StoryTables):
    """Articles, extractions, boilerplate counts, refusals, stories and duplicates in one SQLite file.

    Open with :meth:`Store.open`; use as a context manager. One Store is one
    connection: use it from one thread (open one Store per thread or request).
    Reads run under ``time_limit`` seconds each (SQLite progress handler); writes
    under ``write_time_limit`` when set.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        readonly: bool,
        time_limit: float | None,
        write_time_limit: float | None,
    ) -> None:
        self.connection = conn
        self.path = path
        self.readonly = readonly
        self.time_limit = time_limit
        self.write_time_limit = write_time_limit
        self._deadline: float | None = None
        self._limit_seconds: float | None = None
        self._depth = 0
        self._saved_lines: dict[tuple[str, str], int] = {}
        self._saved_pages: dict[str, int] = {}
        conn.set_progress_handler(self._over_time, _PROGRESS_STEPS)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        readonly: bool = False,
        *,
        create: bool = True,
        time_limit: float | None = 5.0,
        write_time_limit: float | None = None,
        busy_timeout: float = 10.0,
    ) -> Store:
        """Open (creating and migrating unless ``readonly``) the store at ``path``.

        ``path`` defaults to :func:`newsprism.settings.default_db_path`; its parent
        folders are created. With ``create=False`` (or ``readonly``) a missing file is
        an error instead of a new empty store. Raises StoreError E020 (unreadable, not a database, older
        schema opened read-only) or E022 (schema newer than this code).
        """
        path = Path(path) if path is not None else default_db_path()
        source = str(path)
        try:
            if (readonly or not create) and not path.is_file():
                raise StoreError("E020", source, detail="no database file there; ingest something first")
            if readonly:
                conn = sqlite3.connect(
                    path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None, timeout=busy_timeout
                )
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError("E020", source, detail=str(exc)) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if readonly:
                version = check_version(conn, source)
                if version < SCHEMA_VERSION:
                    raise StoreError(
                        "E020", source, detail=f"schema version {version} is older; open it once for writing"
                    )
            else:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn, source)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError("E020", source, detail=str(exc)) from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, path, readonly=readonly, time_limit=time_limit, write_time_limit=write_time_limit)

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    def _over_time(self) -> int:
        return int(self._deadline is not None and time.monotonic() > self._deadline)

    @contextlib.contextmanager
    def _guard(self, seconds: float | None) -> Iterator[None]:
        """Run the block under a time limit, turning sqlite errors into StoreError."""
        outer = self._deadline
        if seconds is not None:
            deadline = time.monotonic() + seconds
            self._deadline = deadline if outer is None else min(outer, deadline)
            self._limit_seconds = seconds
        try:
            yield
        except sqlite3.OperationalError as exc:
            if str(exc) == "interrupted":
                detail = f"query interrupted: over the {self._limit_seconds:g} s time limit"
                raise StoreError("E020", str(self.path), detail=detail) from exc
            raise StoreError("E020", str(self.path), detail=str(exc)) from exc
        except sqlite3.Error as exc:
            raise StoreError("E020", str(self.path), detail=str(exc)) from exc
        finally:
            self._deadline = outer

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT); rolled back on any exception.

        Nested calls join the outer transaction, so a batch groups several writes.
        """
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._guard(self.write_time_limit):
            self.connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise
        self._depth = 0
        with self._guard(self.write_time_limit):
            self.connection.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._guard(self.time_limit):
            return self.connection.execute(sql, params).fetchall()

    def execute_read(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = (), *, time_limit: float | None = None
    ) -> list[sqlite3.Row]:
        """Run one read query under a time limit (default: the store's) and return its rows."""
        with self._guard(time_limit if time_limit is not None else self.time_limit):
            return self.connection.execute(sql, params).fetchall()

    # ------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article], *, reprints: bool = True) -> list[Status]:
        """Store a batch in one transaction; one status per article, in order.

        Statuses: ``ingested`` (new), ``duplicate`` (already stored), ``new_version`` (an
        edited version of a stored article, which it supersedes). Any failure rolls the whole
        batch back and raises StoreError. With ``reprints``, a stored text printed by another
        publication (:mod:`newsprism.clean.reprints`) is stored as a reprint, else it is a
        duplicate. Each article's ``id`` and ``fingerprint`` are set to those of the row that
        holds it (a reprint's own, or the reprint it duplicates), and a reprint's ``reprint_of``.
        """
        batch = list(articles)
        source_counts = Counter(a.source for a in batch if not a.url)
        statuses: list[Status] = []
        with self.transaction(), self._guard(self.write_time_limit):
            for article in batch:
                statuses.append(self._add_one(article, source_counts[article.source] == 1, reprints))
        return statuses

    def _add_one(self, article: Article, source_unique: bool, reprints: bool) -> Status:
        conn = self.connection
        original = conn.execute(
            "SELECT id FROM articles WHERE fingerprint = ?", (article.fingerprint,)
        ).fetchone()
        if original:
            if not reprints:
                return "duplicate"
            printed = conn.execute(
                "SELECT id, fingerprint, url, outlet, title, source FROM articles WHERE id = ? OR reprint_of = ? ORDER BY seq",
                (original[0], original[0]),
            ).fetchall()
            fingerprints = {row["id"]: row["fingerprint"] for row in printed}
            printings = [
                (r["id"], publication(r["url"], r["outlet"], r["title"], r["source"])) for r in printed
            ]
            same = same_printing(printings, publication_of(article))
            if same is not None:
                article.id, article.fingerprint = same, fingerprints[same]
                return "duplicate"
            reprint = as_reprint(article, original[0])
            article.id, article.fingerprint, article.reprint_of = reprint.id, reprint.fingerprint, original[0]
        previous = self._previous_version(article, source_unique)
        conn.execute(q.INSERT_ARTICLE, q.article_row(article, article.ingested_at or _now(), previous))
        return "new_version" if previous else "ingested"

    def _previous_version(self, article: Article, source_unique: bool) -> str | None:
        if article.url:
            sql = f"SELECT a.id FROM articles a WHERE a.url = ? AND {q.CURRENT} ORDER BY a.seq DESC LIMIT 1"
            row = self.connection.execute(sql, (article.url,)).fetchone()
            return row[0] if row else None
        if not source_unique or article.source in ANONYMOUS_SOURCES:
            return None
        sql = f"SELECT a.id FROM articles a WHERE a.source = ? AND a.url IS NULL AND {q.CURRENT} LIMIT 2"
        rows = self.connection.execute(sql, (article.source,)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def get_article(self, ref: str) -> Article:
        """The article with id ``ref`` or the one id starting with ``ref``.

        Raises NotFoundError E021 (none) or E023 (prefix shared by several ids).
        """
        return q.row_article(self._article_row(ref))

    def resolve_id(self, ref: str) -> str:
        """The full article id for an id or unique id prefix (errors as :meth:`get_article`)."""
        return str(self._article_row(ref)["id"])

    def _article_row(self, ref: str) -> sqlite3.Row:
        ref = ref.strip()
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (ref,))
        if not rows and ref:
            rows = self._rows(
                "SELECT * FROM articles WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 3", (len(ref), ref)
            )
        if not rows:
            raise NotFoundError("E021", ref)
        if len(rows) > 1:
            ids = [r["id"] for r in rows]
            raise NotFoundError("E023", ref, detail=", ".join(ids[:2]) + (", ..." if len(ids) > 2 else ""))
        return rows[0]

    def edited_originals(self, articles: Iterable[Article]) -> dict[str, str]:
        """For each reprint among ``articles`` whose original has since been edited: reprint id ->
        the id of the original's current version (the reprint prints an earlier version of it)."""
        out: dict[str, str] = {}
        for article in articles:
            newest, seen = article.reprint_of, set()
            while newest and (newer := self.superseded_by(newest)) and newer not in seen:
                seen.add(newer)
                newest = newer
            if article.reprint_of and newest and newest != article.reprint_of:
                out[article.id] = newest
        return out

    def superseded_by(self, article_id: str) -> str | None:
        """The id of the newer version that replaced ``article_id``, if any."""
        rows = self._rows(
            "SELECT id FROM articles WHERE supersedes = ? ORDER BY seq DESC LIMIT 1", (article_id,)
        )
        return rows[0][0] if rows else None

    def supersedes(self, article_id: str) -> str | None:
        """The id of the older version ``article_id`` replaced, if any."""
        rows = self._rows("SELECT supersedes FROM articles WHERE id = ?", (article_id,))
        return rows[0][0] if rows else None

    def list_articles(
        self,
        limit: int = 50,
        offset: int = 0,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *,
        filters: ArticleFilters | None = None,
        include_superseded: bool = False,
    ) -> list[Article]:
        """Current articles matching ``filters`` (else: of ``outlet``, published in the range),
        newest publication first (undated last, then ingest order).

        ``since`` / ``until`` are ISO dates compared with the publication date,
        both inclusive (an undated article is in no range); ``outlet`` matches case-insensitively.
        """
        filters = filters or ArticleFilters(since=since, until=until, outlet=outlet)
        where, params = filters.where(include_superseded=include_superseded)
        sql = (
            f"SELECT a.* FROM articles a {where} "
            "ORDER BY a.published IS NULL, a.published DESC, a.seq LIMIT ? OFFSET ?"
        )
        return [q.row_article(r) for r in self._rows(sql, [*params, max(0, limit), max(0, offset)])]

    def count_articles(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *,
        filters: ArticleFilters | None = None,
        include_superseded: bool = False,
    ) -> int:
        """How many current articles match ``filters`` (else: of ``outlet``, published in the range)."""
        filters = filters or ArticleFilters(since=since, until=until, outlet=outlet)
        where, params = filters.where(include_superseded=include_superseded)
        return int(self._rows(f"SELECT count(*) FROM articles a {where}", params)[0][0])

    def count_undated(self, filters: ArticleFilters | None = None) -> int:
        """How many current articles match ``filters`` but for their date bounds and have no
        publication date: no date range holds them (listings say so)."""
        where, params = replace(filters or ArticleFilters(), since=None, until=None).where()
        sql = f"SELECT count(*) FROM articles a {where} AND a.published IS NULL"
        return int(self._rows(sql, params)[0][0])

    def search(
        self, query: str, limit: int = 20, *, mark: tuple[str, str] = ("[", "]")
    ) -> list[tuple[Article, str]]:
        """Current articles matching every word of ``query``, best (bm25) first, with a snippet.

        ``query`` is free text: FTS syntax in it is escaped (a trailing ``*`` on a
        word is kept as a prefix search). Matches in the snippet are wrapped in ``mark``.
        """
        match = q.fts_query(query)
        if match is None:
            return []
        params = {"open": mark[0], "close": mark[1], "match": match, "limit": max(0, limit)}
        return [(q.row_article(r), q.plain_snippet(r["snippet"])) for r in self._rows(q.SEARCH, params)]

    # ------------------------------------------------------------ extractions

    def save_extraction(self, extraction: Extraction) -> None:
        """Store (replace) the extraction of one article, with its entity and quote rows."""
        aid = extraction.article_id
        blob = json.dumps(to_dict(extraction), ensure_ascii=False, sort_keys=True)
        with self.transaction(), self._guard(self.write_time_limit):
            conn = self.connection
            conn.execute("INSERT OR REPLACE INTO extractions(article_id, json) VALUES (?, ?)", (aid, blob))
            conn.execute("DELETE FROM entities WHERE article_id = ?", (aid,))
            conn.execute("DELETE FROM quotes WHERE article_id = ?", (aid,))
            conn.executemany(
                "INSERT OR IGNORE INTO entities(article_id, key, name, label) VALUES (?, ?, ?, ?)",
                [(aid, e.key, e.name, e.label) for e in extraction.entities],
            )
            conn.executemany(
                "INSERT INTO quotes(article_id, idx, speaker, speaker_key, text, kind, vague) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (aid, i, x.speaker, x.speaker_key, x.text, x.kind, int(x.vague))
                    for i, x in enumerate(extraction.quotes)
                ],
            )

    def get_extraction(self, article_id: str) -> Extraction | None:
        """The stored extraction of an article, or None."""
        rows = self._rows("SELECT json FROM extractions WHERE article_id = ?", (article_id,))
        return from_dict(Extraction, json.loads(rows[0][0])) if rows else None

    def missing_extractions(self, article_ids: Sequence[str]) -> list[str]:
        """The ids among ``article_ids`` that have no stored extraction, in order."""
        have = self._present("SELECT article_id FROM extractions WHERE article_id IN ({})", article_ids)
        return [a for a in article_ids if a not in have]

    # ------------------------------------------------------------ boilerplate

    def boilerplate_counts(self) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
        """Stored per-outlet line counts ``(outlet, line_key, pages)`` and pages per outlet."""
        lines = [(r[0], r[1], r[2]) for r in self._rows("SELECT outlet, line_key, pages FROM outlet_lines")]
        pages = {r[0]: r[1] for r in self._rows("SELECT outlet, pages FROM outlet_pages")}
        return lines, pages

    def save_boilerplate_counts(self, lines: Iterable[tuple[str, str, int]], pages: dict[str, int]) -> None:
        """Upsert line and page counts (only the rows that changed since the last load or save)."""
        changed_lines = [(o, k, n) for o, k, n in lines if self._saved_lines.get((o, k)) != n]
        changed_pages = [(o, n) for o, n in pages.items() if self._saved_pages.get(o) != n]
        with self.transaction(), self._guard(self.write_time_limit):
            self.connection.executemany(
                "INSERT INTO outlet_lines(outlet, line_key, pages) VALUES (?, ?, ?) "
                "ON CONFLICT(outlet, line_key) DO UPDATE SET pages = excluded.pages",
                changed_lines,
            )
            self.connection.executemany(
                "INSERT INTO outlet_pages(outlet, pages) VALUES (?, ?) "
                "ON CONFLICT(outlet) DO UPDATE SET pages = excluded.pages",
                changed_pages,
            )
        self._saved_lines.update(((o, k), n) for o, k, n in changed_lines)
        self._saved_pages.update(changed_pages)

    def load_boilerplate(self, min_pages: int) -> BoilerplateModel:
        """The per-outlet boilerplate model built from the stored counts."""
        from newsprism.clean.boilerplate import BoilerplateModel

        lines, pages = self.boilerplate_counts()
        self._saved_lines = {(o, k): n for o, k, n in lines}
        self._saved_pages = dict(pages)
        return BoilerplateModel.from_rows(lines, pages, min_pages)

    def save_boilerplate(self, model: BoilerplateModel) -> None:
        """Persist the model's counts (changed rows only)."""
        self.save_boilerplate_counts(model.to_rows(), model.page_counts())

    def observed(self, hashes: Iterable[str]) -> set[str]:
        """Which of these raw-document hashes were already counted for boilerplate."""
        return self._present("SELECT hash FROM observed_docs WHERE hash IN ({})", list(hashes))

    def _present(self, sql: str, values: Sequence[str]) -> set[str]:
        """The values an ``IN ({})`` query returns, asked in chunks under SQLite's variable limit."""
        wanted = list(dict.fromkeys(values))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found |= {r[0] for r in self._rows(sql.format(",".join("?" * len(chunk))), chunk)}
        return found

    def mark_observed(self, hashes: Iterable[str]) -> None:
        """Record raw-document hashes as counted."""
        with self.transaction(), self._guard(self.write_time_limit):
            self.connection.executemany(
                "INSERT OR IGNORE INTO observed_docs(hash) VALUES (?)", [(h,) for h in hashes]
            )

    # ------------------------------------------------------------ refusals

    def log_refusal(self, refusal: Refusal) -> None:
        """Append a refusal to the log."""
        with self.transaction(), self._guard(self.write_time_limit):
            self.connection.execute(
                "INSERT INTO refusals(source, code, reason, at) VALUES (?, ?, ?, ?)",
                (refusal.source, refusal.code, refusal.reason, _now()),
            )

    def refusals(self, limit: int = 100) -> list[Refusal]:
        """The most recent refusals, newest first."""
        rows = self._rows(
            "SELECT source, code, reason FROM refusals ORDER BY id DESC LIMIT ?", (max(0, limit),)
        )
        return [Refusal(r[0], r[1], r[2]) for r in rows]
