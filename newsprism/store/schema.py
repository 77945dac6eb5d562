"""The store's schema as named, re-runnable SQL migrations applied in order.

Each migration is plain SQL written so that running it twice changes nothing
(``IF NOT EXISTS`` everywhere). :func:`migrate` applies the ones not yet recorded in
``schema_migrations``, each in its own transaction, and sets ``PRAGMA user_version`` to
the number of migrations applied. A database whose ``user_version`` is higher than
``len(MIGRATIONS)`` was written by a newer newsprism and is refused (E022).

Stored layouts (JSON columns hold :func:`newsprism.model.to_dict` output):

- ``articles``: one row per stored version of an article; ``bylines``, ``tags``,
  ``published_evidence`` are JSON lists of strings, ``removed`` a JSON list of
  ``RemovedBlock`` dicts; ``supersedes`` is the id of the older version this one
  replaces (see docs/store.md). ``seq`` is the stable integer rowid the FTS index uses.
- ``articles_fts``: FTS5 index over title, body, outlet and bylines, an external-content
  table kept in sync with ``articles`` by triggers.
- ``extractions``: one ``Extraction`` JSON blob per article; ``entities`` and ``quotes``
  copy its entities and quotes into rows so that speakers and entities can be filtered.
- ``outlet_lines`` / ``outlet_pages``: per-outlet boilerplate counts;
  ``observed_docs``: hashes of raw documents already counted (re-ingest counts nothing twice).
- ``refusals``: the log of inputs not ingested.
- ``stories`` / ``findings``: stories (with ``duplicates`` and ``group_state`` from 0002); findings reserved.

Added by ``0002_stories`` (see :mod:`newsprism.store.stories`):

- ``articles.story_flags``: NULL until the grouper has seen the article, then a JSON list
  of flags (``[]``, ``["no_text"]``, ``["no_date"]``, ``["future_date"]``); the partial
  index ``articles_ungrouped`` finds the articles still to group.
- ``stories``: gains ``key_entities`` and ``outlets`` (JSON lists) and ``key_phrase``;
  ``json`` holds the :class:`~newsprism.model.Story` without its article ids (those are
  the articles whose ``story_id`` names the story).
- ``duplicates(a, b, jaccard)``: near-duplicate links, ``a`` the earlier article.
- ``group_state(name, format, blob, updated_at)``: the grouper's saved state, ``zlib``
  compressed: ``duplicates`` a pickle of the DuplicateIndex (read back through an
  allowlist unpickler), ``stories`` the JSON of ``StoryClusterer.to_dict()``.

Added by ``0003_reprints``: ``articles.reprint_of``, the id of the stored article whose text
a reprint prints (another publication's copy, see :mod:`newsprism.clean.reprints`), else NULL.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

from newsprism.errors import StoreError


class Migration(NamedTuple):
    """One named step of the schema: columns ``(table, column, declaration)`` added when
    missing (SQLite has no ``ADD COLUMN IF NOT EXISTS``), then ``sql``."""

    name: str
    sql: str
    columns: tuple[tuple[str, str, str], ...] = ()


INITIAL = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    title TEXT,
    bylines TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    published_method TEXT NOT NULL DEFAULT 'none',
    published_confidence REAL NOT NULL DEFAULT 0.0,
    published_evidence TEXT NOT NULL DEFAULT '[]',
    section TEXT,
    standfirst TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    body TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',
    outlet_evidence TEXT,
    source TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    story_id TEXT,
    supersedes TEXT REFERENCES articles(id)
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_supersedes ON articles(supersedes);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, body, outlet, bylines,
    content='articles', content_rowid='seq', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body, outlet, bylines)
    VALUES (new.seq, new.title, new.body, new.outlet, new.bylines);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, outlet, bylines)
    VALUES ('delete', old.seq, old.title, old.body, old.outlet, old.bylines);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, body, outlet, bylines ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body, outlet, bylines)
    VALUES ('delete', old.seq, old.title, old.body, old.outlet, old.bylines);
    INSERT INTO articles_fts(rowid, title, body, outlet, bylines)
    VALUES (new.seq, new.title, new.body, new.outlet, new.bylines);
END;

CREATE TABLE IF NOT EXISTS extractions (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (article_id, key)
);
CREATE INDEX IF NOT EXISTS entities_key ON entities(key);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    speaker TEXT,
    speaker_key TEXT,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    vague INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker_key ON quotes(speaker_key);

CREATE TABLE IF NOT EXISTS outlet_pages (
    outlet TEXT PRIMARY KEY,
    pages INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outlet_lines (
    outlet TEXT NOT NULL,
    line_key TEXT NOT NULL,
    pages INTEGER NOT NULL,
    PRIMARY KEY (outlet, line_key)
);
CREATE TABLE IF NOT EXISTS observed_docs (
    hash TEXT PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS refusals (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    json TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE TABLE IF NOT EXISTS findings (
    id INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_story ON findings(story_id);
"""

STORIES = """
CREATE INDEX IF NOT EXISTS articles_ungrouped ON articles(seq) WHERE story_flags IS NULL;
CREATE TABLE IF NOT EXISTS duplicates (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    jaccard REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX IF NOT EXISTS duplicates_b ON duplicates(b);
CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen);
CREATE TABLE IF NOT EXISTS group_state (
    name TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    blob BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
"""

REPRINTS = """
CREATE INDEX IF NOT EXISTS articles_reprint_of ON articles(reprint_of) WHERE reprint_of IS NOT NULL;
"""

#: The schema, in order. Append new steps; never edit or reorder an applied one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", INITIAL),
    Migration(
        "0002_stories",
        STORIES,
        (
            ("articles", "story_flags", "TEXT"),
            ("stories", "key_entities", "TEXT NOT NULL DEFAULT '[]'"),
            ("stories", "key_phrase", "TEXT"),
            ("stories", "outlets", "TEXT NOT NULL DEFAULT '[]'"),
        ),
    ),
    Migration("0003_reprints", REPRINTS, (("articles", "reprint_of", "TEXT"),)),
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The ``PRAGMA user_version`` of an open database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, source: str) -> int:
    """The database's schema version; StoreError E022 when it is newer than this code."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError("E022", source, detail=f"{version} (this newsprism knows {SCHEMA_VERSION})")
    return version


def migrate(conn: sqlite3.Connection, source: str = "database") -> list[str]:
    """Apply every migration not yet recorded, in order; return the names applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Each migration runs
    in its own transaction together with its bookkeeping, so a failure leaves the
    database at the previous version.
    """
    check_version(conn, source)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    applied = []
    for number, migration in enumerate(MIGRATIONS, start=1):
        if migration.name in done:
            continue
        now = datetime.now(UTC).isoformat(timespec="seconds")
        script = (
            f"BEGIN IMMEDIATE;\n{_add_columns(conn, migration.columns)}{migration.sql}\n"
            f"INSERT INTO schema_migrations(name, applied_at) VALUES ('{migration.name}', '{now}');\n"
            f"PRAGMA user_version = {number};\nCOMMIT;"
        )
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError("E020", source, detail=f"migration {migration.name} failed: {exc}") from exc
        applied.append(migration.name)
    return applied


def _add_columns(conn: sqlite3.Connection, columns: tuple[tuple[str, str, str], ...]) -> str:
    """``ALTER TABLE ... ADD COLUMN`` statements for the columns not there yet."""
    out = []
    for table, column, decl in columns:
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:
            out.append(f"ALTER TABLE {table} ADD COLUMN {column} {decl};\n")
    return "".join(out)
