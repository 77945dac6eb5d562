"""Stories, near-duplicate links and the grouper's saved state in the store (a :class:`Store` mixin).

Tables and blob layouts are described in :mod:`newsprism.store.schema` (migration ``0002_stories``).
A story's articles are the current articles whose ``story_id`` names it; ``Story.article_ids``
is filled from them, oldest publication first (undated last, then ingest order).
"""

from __future__ import annotations

import contextlib
import io
import json
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsprism.errors import NotFoundError, StoreError
from newsprism.model import Article, DuplicateLink, Story
from newsprism.store import queries as q

if TYPE_CHECKING:
    from newsprism.group.dedup import DuplicateIndex
    from newsprism.group.stories import StoryClusterer

#: Globals a stored DuplicateIndex pickle may name; anything else is refused (E072).
_PICKLE_ALLOWED = frozenset(
    {
        ("newsprism.group.dedup", "DuplicateIndex"),
        ("numpy", "dtype"),
        ("numpy", "ndarray"),
        ("numpy._core.numeric", "_frombuffer"),
        ("numpy.core.numeric", "_frombuffer"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy.core.multiarray", "scalar"),
    }
)
#: Largest state blob read back (compressed and uncompressed), in bytes.
MAX_STATE_BYTES = 2_000_000_000
_ORDER = "a.published IS NULL, a.published, a.seq"
#: A story reference this long or longer may be read as the start of an article id.
MIN_ID_PREFIX = 6


class _AllowlistUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _PICKLE_ALLOWED:
            raise pickle.UnpicklingError(f"global {module}.{name} is not allowed")
        return super().find_class(module, name)


def _story_row(story: Story) -> dict[str, Any]:
    data = {
        "id": story.id,
        "label": story.label,
        "key_entities": story.key_entities,
        "key_phrase": story.key_phrase,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "outlets": story.outlets,
    }
    return {
        **data,
        "json": json.dumps(data, ensure_ascii=False, sort_keys=True),
        "key_entities": json.dumps(story.key_entities, ensure_ascii=False),
        "outlets": json.dumps(story.outlets, ensure_ascii=False),
    }


def _row_story(row: sqlite3.Row, article_ids: list[str]) -> Story:
    return Story(
        id=row["id"],
        label=row["label"],
        key_entities=json.loads(row["key_entities"] or "[]"),
        key_phrase=row["key_phrase"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        article_ids=article_ids,
        outlets=json.loads(row["outlets"] or "[]"),
    )


_UPSERT_STORY = (
    "INSERT INTO stories(id, label, json, first_seen, last_seen, key_entities, key_phrase, outlets) "
    "VALUES (:id, :label, :json, :first_seen, :last_seen, :key_entities, :key_phrase, :outlets) "
    "ON CONFLICT(id) DO UPDATE SET label = excluded.label, json = excluded.json, "
    "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
    "key_entities = excluded.key_entities, key_phrase = excluded.key_phrase, outlets = excluded.outlets"
)


class StoryTables:
    """Store methods for stories, duplicates and group state (mixed into :class:`Store`)."""

    if TYPE_CHECKING:
        connection: sqlite3.Connection
        write_time_limit: float | None
        path: Any

        def transaction(self) -> contextlib.AbstractContextManager[None]: ...
        def _guard(self, seconds: float | None) -> contextlib.AbstractContextManager[None]: ...
        def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]: ...

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self.transaction(), self._guard(self.write_time_limit):
            yield self.connection

    # ------------------------------------------------------------ group state

    def save_group_state(self, dedup: DuplicateIndex | None, clusterer: StoryClusterer | None) -> None:
        """Save the near-duplicate index and the story clusterer (either may be None: kept as is)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = []
        if dedup is not None:
            rows.append(("duplicates", "pickle+zlib", zlib.compress(pickle.dumps(dedup, protocol=5), 1)))
        if clusterer is not None:
            text = json.dumps(clusterer.to_dict(), separators=(",", ":"))
            rows.append(("stories", "json+zlib", zlib.compress(text.encode("utf-8"), 1)))
        with self._write() as conn:
            conn.executemany(
                "INSERT INTO group_state(name, format, blob, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET format = excluded.format, blob = excluded.blob, "
                "updated_at = excluded.updated_at",
                [(*r, now) for r in rows],
            )

    def load_group_state(self) -> tuple[DuplicateIndex | None, StoryClusterer | None]:
        """The saved index and clusterer (None for each never saved); StoreError E072 when unreadable."""
        from newsprism.group.dedup import DuplicateIndex
        from newsprism.group.stories import StoryClusterer

        found = {r["name"]: (r["format"], r["blob"]) for r in self._rows("SELECT * FROM group_state")}
        dedup = clusterer = None
        source = f"{self.path} group_state"
        try:
            if "duplicates" in found:
                dedup = _AllowlistUnpickler(io.BytesIO(_inflate(found["duplicates"][1]))).load()
                if not isinstance(dedup, DuplicateIndex):
                    raise TypeError(f"duplicates holds a {type(dedup).__name__}")
            if "stories" in found:
                clusterer = StoryClusterer.from_dict(json.loads(_inflate(found["stories"][1])))
        except (pickle.UnpicklingError, zlib.error, ValueError, TypeError, KeyError, EOFError) as exc:
            raise StoreError("E072", source, detail=f"{type(exc).__name__}: {exc}") from exc
        return dedup, clusterer

    # ------------------------------------------------------------ near-duplicates

    def add_duplicates(self, links: Iterable[DuplicateLink]) -> int:
        """Store near-duplicate links (a link already stored is kept); how many were new."""
        rows = [(link.a, link.b, link.jaccard) for link in links]
        with self._write() as conn:
            before = conn.total_changes
            conn.executemany("INSERT OR IGNORE INTO duplicates(a, b, jaccard) VALUES (?, ?, ?)", rows)
            return conn.total_changes - before

    def duplicates_of(self, article_id: str) -> list[DuplicateLink]:
        """Every stored link touching ``article_id`` (either side), most similar first."""
        rows = self._rows(
            "SELECT a, b, jaccard FROM duplicates WHERE a = ? UNION SELECT a, b, jaccard FROM duplicates "
            "WHERE b = ? ORDER BY jaccard DESC, a, b",
            (article_id, article_id),
        )
        return [DuplicateLink(r[0], r[1], r[2]) for r in rows]

    # ------------------------------------------------------------ assignments

    def ungrouped_ids(self, limit: int = 10_000, after: str | None = None) -> list[str]:
        """Ids of articles the grouper has not seen yet, in ingest order; with ``after`` (an article
        id) only those ingested after it (paging through articles grouped but not yet committed)."""
        if after is None:
            sql, params = "SELECT id FROM articles WHERE story_flags IS NULL ORDER BY seq LIMIT ?", ()
        else:
            sql = (
                "SELECT id FROM articles WHERE story_flags IS NULL "
                "AND seq > (SELECT seq FROM articles WHERE id = ?) ORDER BY seq LIMIT ?"
            )
            params = (after,)
        return [r[0] for r in self._rows(sql, (*params, max(0, limit)))]

    def assign_stories(self, assignments: Iterable[tuple[str, str | None, Sequence[str]]]) -> None:
        """Set ``(article id, story id or None, flags)`` of articles (flags ``[]`` marks them grouped)."""
        rows = [(sid, json.dumps(list(flags)), aid) for aid, sid, flags in assignments]
        with self._write() as conn:
            conn.executemany("UPDATE articles SET story_id = ?, story_flags = ? WHERE id = ?", rows)

    def move_articles(self, moves: Iterable[tuple[str, str]]) -> None:
        """Set the story of ``(article id, story id)`` pairs that a story merge moved; their flags stay."""
        with self._write() as conn:
            conn.executemany(
                "UPDATE articles SET story_id = ? WHERE id = ?", [(sid, aid) for aid, sid in moves]
            )

    def story_assignments(self) -> dict[str, str | None]:
        """Story id of every current article (None when it has none)."""
        rows = self._rows(f"SELECT a.id, a.story_id FROM articles a WHERE {q.CURRENT}")
        return {r[0]: r[1] for r in rows}

    def story_flags(self, article_id: str) -> list[str] | None:
        """The grouper's flags of an article (None: not grouped yet)."""
        rows = self._rows("SELECT story_flags FROM articles WHERE id = ?", (article_id,))
        return json.loads(rows[0][0]) if rows and rows[0][0] is not None else None

    # ------------------------------------------------------------ stories

    def upsert_stories(self, stories: Iterable[Story]) -> None:
        """Insert or update stories (label, key entities and phrase, first/last seen, outlets)."""
        with self._write() as conn:
            conn.executemany(_UPSERT_STORY, [_story_row(s) for s in stories])

    def replace_stories(self, stories: Sequence[Story]) -> None:
        """Make ``stories`` the only stories (others deleted, with their findings) and upsert them."""
        with self._write() as conn:
            conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_stories(id TEXT PRIMARY KEY)")
            conn.execute("DELETE FROM keep_stories")
            conn.executemany("INSERT OR IGNORE INTO keep_stories(id) VALUES (?)", [(s.id,) for s in stories])
            conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT id FROM keep_stories)")
            conn.execute("DELETE FROM keep_stories")
            conn.executemany(_UPSERT_STORY, [_story_row(s) for s in stories])

    def list_stories(
        self,
        limit: int = 50,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> list[Story]:
        """Stories with at least one current article, most recently seen first (then id).

        ``since`` / ``until`` (ISO dates, inclusive) keep stories whose time span overlaps them;
        ``outlet`` keeps stories that outlet covered (case-insensitive).
        """
        where, params = self._story_filters(since, until, outlet)
        rows = self._rows(
            f"SELECT s.* FROM stories s {where} ORDER BY s.last_seen IS NULL, s.last_seen DESC, s.id "
            "LIMIT ? OFFSET ?",
            [*params, max(0, limit), max(0, offset)],
        )
        members = self._members([r["id"] for r in rows])
        return [_row_story(r, members.get(r["id"], [])) for r in rows]

    def count_stories(
        self, since: str | None = None, until: str | None = None, outlet: str | None = None
    ) -> int:
        """How many stories :meth:`list_stories` would list without a limit."""
        where, params = self._story_filters(since, until, outlet)
        return int(self._rows(f"SELECT count(*) FROM stories s {where}", params)[0][0])

    def get_story(self, story_id: str) -> Story:
        """One story with its current article ids; NotFoundError E050 when it has none."""
        rows = self._rows("SELECT * FROM stories WHERE id = ?", (story_id,))
        ids = self._members([story_id]).get(story_id, [])
        if not rows or not ids:
            raise NotFoundError("E050", story_id, hint=self.story_hint(story_id))
        return _row_story(rows[0], ids)

    def story_hint(self, ref: str) -> str | None:
        """The hint for a story ``ref`` not found that is an article id (or the start of one, at
        least :data:`MIN_ID_PREFIX` characters): the story that holds the article; else None."""
        if len(ref) < MIN_ID_PREFIX:
            return None
        rows = self._rows(
            "SELECT id, story_id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (ref, ref + "\uffff"),
        )
        if len(rows) != 1:
            return None
        article, story = rows[0]["id"], rows[0]["story_id"]
        what = f"{ref} is an article id" if article == ref else f"{ref} begins article id {article}"
        return f"{what}; its story is {story}" if story else f"{what}, in no story yet"

    def story_articles(self, story_id: str, limit: int | None = None) -> list[Article]:
        """The current articles of a story, oldest publication first (undated last, then ingest order)."""
        sql = f"SELECT a.* FROM articles a WHERE a.story_id = ? AND {q.CURRENT} ORDER BY {_ORDER} LIMIT ?"
        rows = self._rows(sql, (story_id, -1 if limit is None else max(0, limit)))
        return [q.row_article(r) for r in rows]

    def _members(self, story_ids: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for start in range(0, len(story_ids), 500):
            chunk = list(story_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT a.story_id, a.id FROM articles a WHERE a.story_id IN ({marks}) AND {q.CURRENT} "
                f"ORDER BY {_ORDER}"
            )
            for r in self._rows(sql, chunk):
                out.setdefault(r[0], []).append(r[1])
        return out

    @staticmethod
    def _story_filters(since: str | None, until: str | None, outlet: str | None) -> tuple[str, list[Any]]:
        clauses = [f"EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND {q.CURRENT})"]
        params: list[Any] = []
        if since:  # a story last seen on the bound's day is kept ("2024-03-02" for since 2024-03-02T09:00)
            clauses.append("(s.last_seen >= ? OR substr(s.last_seen, 1, 10) = substr(?, 1, 10))")
            params += [since, since]
        if until:
            clauses.append("substr(s.first_seen, 1, ?) <= ?")
            params += [len(until), until]
        if outlet:
            clauses.append("EXISTS (SELECT 1 FROM json_each(s.outlets) o WHERE o.value = ? COLLATE NOCASE)")
            params.append(outlet)
        return "WHERE " + " AND ".join(clauses), params


def _inflate(blob: bytes) -> bytes:
    if len(blob) > MAX_STATE_BYTES:
        raise ValueError(f"blob of {len(blob)} bytes")
    out = zlib.decompressobj()
    data = out.decompress(blob, MAX_STATE_BYTES)
    if out.unconsumed_tail:
        raise ValueError(f"more than {MAX_STATE_BYTES} bytes uncompressed")
    return data
