"""Store: the 0002_stories migration, stories, near-duplicate links and the saved group state."""

from __future__ import annotations

import json
import pickle
import sqlite3
import zlib
from pathlib import Path

import pytest

from newsprism.errors import NotFoundError, StoreError
from newsprism.group.dedup import DuplicateIndex
from newsprism.group.stories import StateVersionError, StoryClusterer
from newsprism.model import Article, DateInference, DuplicateLink, Story
from newsprism.store import MIGRATIONS, Store
from newsprism.store.schema import migrate


def art(i: int, published: str | None, outlet: str = "Herald", story: str | None = None) -> Article:
    return Article(
        id=f"a{i}",
        fingerprint=f"f{i}",
        source=f"s{i}.txt",
        body=f"body {i} " * 30,
        title=f"title {i}",
        outlet=outlet,
        published=DateInference(published),
        story_id=story,
    )


def test_store_stories_migration_keeps_old_rows_and_reruns(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.executescript(MIGRATIONS[0].sql + "PRAGMA user_version = 1;")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', 'then')")
    conn.execute("INSERT INTO stories(id, label, json) VALUES ('old', 'Old story', '{}')")
    assert migrate(conn) == ["0002_stories", "0003_reprints"]
    assert migrate(conn) == []
    conn.execute("DELETE FROM schema_migrations WHERE name = '0002_stories'")
    assert migrate(conn) == ["0002_stories"]  # re-running the step itself changes nothing
    cols = {r[1] for r in conn.execute("PRAGMA table_info(stories)")}
    assert {"key_entities", "key_phrase", "outlets"} <= cols
    assert conn.execute("SELECT label, key_entities FROM stories").fetchall() == [("Old story", "[]")]
    conn.close()


def test_store_stories_listing_and_lookup(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_articles([art(1, "2024-03-02", "Herald", "s1"), art(2, "2024-03-01", "Courier", "s1")])
        store.add_articles([art(3, "2024-05-01", "Courier", "s2"), art(4, None, "Press")])
        store.upsert_stories(
            [
                Story(
                    "s1", "Quake", ["cap:valoria"], "quake rescue", "2024-03-01", "2024-03-02", [], ["Herald"]
                ),
                Story("s2", "Rates", [], None, "2024-05-01", "2024-05-01", [], ["Courier"]),
                Story("s3", "Empty", [], None, "2024-06-01", "2024-06-01", [], ["Press"]),
            ]
        )
        store.upsert_stories(
            [
                Story(
                    "s1",
                    "Quake in Valoria",
                    ["cap:valoria"],
                    "quake",
                    "2024-03-01",
                    "2024-03-02",
                    [],
                    ["Herald", "Courier"],
                )
            ]
        )
        assert [s.id for s in store.list_stories()] == ["s2", "s1"]  # s3 has no article
        assert store.count_stories() == 2
        s1 = store.get_story("s1")
        assert (
            s1.label == "Quake in Valoria" and s1.article_ids == ["a2", "a1"] and s1.outlets[-1] == "Courier"
        )
        assert [a.id for a in store.story_articles("s1")] == ["a2", "a1"]
        assert [s.id for s in store.list_stories(outlet="courier")] == ["s2", "s1"]
        assert [s.id for s in store.list_stories(outlet="herald")] == ["s1"]
        assert [s.id for s in store.list_stories(since="2024-04-01")] == ["s2"]
        assert [s.id for s in store.list_stories(since="2024-03-02T09:00")] == ["s2", "s1"]  # s1's last day
        assert [s.id for s in store.list_stories(until="2024-03-31")] == ["s1"]
        assert [s.id for s in store.list_stories(limit=1, offset=1)] == ["s1"]
        with pytest.raises(NotFoundError) as err:
            store.get_story("s3")
        assert err.value.code == "E050" and err.value.hint == "list stories with `newsprism stories`"
        assert store.story_hint("a2") is None  # too short to be read as an article id
        assert store.ungrouped_ids() == ["a1", "a2", "a3", "a4"]
        store.assign_stories([("a4", None, ["no_text"]), ("a1", "s1", [])])
        assert store.ungrouped_ids() == ["a2", "a3"] and store.story_flags("a4") == ["no_text"]
        store.replace_stories([Story("s2", "Rates", first_seen="2024-05-01", last_seen="2024-05-01")])
        assert store.execute_read("SELECT id FROM stories")[0][0] == "s2"


def test_store_stories_duplicates_and_state_roundtrip(db_path: Path) -> None:
    dedup, clusterer = DuplicateIndex(), StoryClusterer(now="2024-03-10")
    text = " ".join(f"word{i}" for i in range(60))
    assert dedup.add("a1", text) == [] and dedup.add("a2", text + " end")
    clusterer.add(art(1, "2024-03-02"))
    with Store.open(db_path) as store:
        assert store.load_group_state() == (None, None)
        assert store.add_duplicates([DuplicateLink("a1", "a2", 0.97), DuplicateLink("a2", "a3", 0.85)]) == 2
        assert store.add_duplicates([DuplicateLink("a1", "a2", 0.5)]) == 0
        assert [(x.a, x.b, x.jaccard) for x in store.duplicates_of("a2")] == [
            ("a1", "a2", 0.97),
            ("a2", "a3", 0.85),
        ]
        store.save_group_state(dedup, clusterer)
        got_dedup, got_clusterer = store.load_group_state()
    assert got_dedup is not None and got_clusterer is not None
    assert len(got_dedup) == 2 and [x.a for x in got_dedup.add("a9", text)] == ["a1", "a2"]
    assert got_clusterer.to_dict() == clusterer.to_dict()


def test_store_stories_state_of_another_version_is_e072_naming_it(db_path: Path) -> None:
    clusterer = StoryClusterer(now="2024-03-10")
    clusterer.add(art(1, "2024-03-02"))
    with Store.open(db_path) as store:
        store.save_group_state(DuplicateIndex(), clusterer)
        state = json.loads(
            zlib.decompress(store.execute_read("SELECT blob FROM group_state WHERE name = 'stories'")[0][0])
        )
        with store.transaction():
            store.connection.execute(
                "UPDATE group_state SET blob = ? WHERE name = 'stories'",
                (zlib.compress(json.dumps({**state, "version": 3}).encode("utf-8")),),
            )
        with pytest.raises(StoreError) as err:
            store.load_group_state()
    assert err.value.code == "E072" and "version 3" in err.value.message
    assert isinstance(err.value.__cause__, StateVersionError) and err.value.__cause__.found == 3


class _Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("pwned",))


def test_store_stories_state_refuses_foreign_pickles(db_path: Path) -> None:
    with Store.open(db_path) as store:
        blob = zlib.compress(pickle.dumps(_Evil()))
        with store.transaction():
            store.connection.execute(
                "INSERT INTO group_state VALUES ('duplicates', 'pickle+zlib', ?, 'now')", (blob,)
            )
        with pytest.raises(StoreError) as err:
            store.load_group_state()
    assert err.value.code == "E072" and "builtins.print" in err.value.message
