"""Named, re-runnable migrations; a newer schema is refused; bad files give clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.model import Article
from newsprism.store import MIGRATIONS, SCHEMA_VERSION, Store, migrate


def test_store_schema_fresh_database_is_current_wal_with_foreign_keys(db_path: Path) -> None:
    with Store.open(db_path) as store:
        rows = store.execute_read("SELECT name FROM schema_migrations ORDER BY name")
        assert [r[0] for r in rows] == [m.name for m in MIGRATIONS]
        assert store.execute_read("PRAGMA user_version")[0][0] == SCHEMA_VERSION
        assert store.execute_read("PRAGMA journal_mode")[0][0] == "wal"
        assert store.execute_read("PRAGMA foreign_keys")[0][0] == 1
        tables = {r[0] for r in store.execute_read("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {
        "articles",
        "articles_fts",
        "extractions",
        "entities",
        "quotes",
        "outlet_lines",
        "outlet_pages",
    }
    assert expected | {"refusals", "stories", "findings", "observed_docs"} <= tables


def test_store_schema_migrations_are_rerunnable(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_articles(
            [Article(id="a1", fingerprint="f1", source="a.txt", body="Kept across migrations.")]
        )
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert migrate(conn) == []  # nothing pending
        for migration in MIGRATIONS:  # every step's SQL can run again without error
            conn.executescript(migration.sql)
        # a database that lost its bookkeeping gets every step re-applied, data intact
        conn.execute("DELETE FROM schema_migrations")
        conn.execute("PRAGMA user_version = 0")
        assert migrate(conn) == [m.name for m in MIGRATIONS]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
    with Store.open(db_path) as store:
        assert store.get_article("a1").body == "Kept across migrations."
        assert [a.id for a, _ in store.search("migrations")] == ["a1"]


def test_store_schema_newer_version_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError) as err:
            Store.open(db_path, readonly=readonly)
        assert err.value.code == "E022"
        assert str(db_path) in err.value.message and str(SCHEMA_VERSION + 1) in err.value.message


def test_store_schema_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        Store.open(bogus)
    assert err.value.code == "E020" and "notes.db" in err.value.message


def test_store_schema_missing_file_without_create(tmp_path: Path) -> None:
    for kwargs in ({"readonly": True}, {"create": False}):
        with pytest.raises(StoreError) as err:
            Store.open(tmp_path / "absent.db", **kwargs)
        assert err.value.code == "E020"
    assert not (tmp_path / "absent.db").exists()


def test_store_schema_default_path_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "nested" / "dir" / "env.db"
    monkeypatch.setenv("NEWSPRISM_DB", str(target))
    with Store.open() as store:
        assert store.path == target
    assert target.is_file()
