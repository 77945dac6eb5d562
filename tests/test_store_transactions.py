"""One transaction per batch: a failed or crashed batch loses only itself; runaway queries stop."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.model import Article
from newsprism.store import Store


def make(n: int) -> Article:
    return Article(id=f"id{n:04d}", fingerprint=f"fp{n:04d}", source=f"{n}.txt", body=f"Article number {n}.")


def test_store_transactions_failed_batch_rolls_back_only_itself(db_path: Path) -> None:
    broken = make(99)
    broken.body = None  # type: ignore[assignment]  # violates NOT NULL: the batch crashes mid-way
    with Store.open(db_path) as store:
        store.add_articles([make(1), make(2)])
        with pytest.raises(StoreError) as err:
            store.add_articles([make(3), broken, make(4)])
        assert err.value.code == "E020"
        assert store.count_articles() == 2
        assert store.add_articles([make(3)]) == ["ingested"]  # the store is usable afterwards
    with Store.open(db_path) as store:
        assert sorted(a.id for a in store.list_articles()) == ["id0001", "id0002", "id0003"]
        assert [a.id for a, _ in store.search("number")] == ["id0001", "id0002", "id0003"]


def test_store_transactions_exception_inside_batch_rolls_back_everything_of_it(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add_articles([make(1)])
        with pytest.raises(RuntimeError), store.transaction():
            store.add_articles([make(2)])
            store.save_boilerplate_counts([("Herald", "k", 2)], {"Herald": 2})
            raise RuntimeError("crash after writing")
        assert store.count_articles() == 1
        assert store.boilerplate_counts() == ([], {})


def test_store_transactions_process_killed_mid_batch_keeps_committed(db_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os
        from newsprism.model import Article
        from newsprism.store import Store
        store = Store.open({str(db_path)!r})
        store.add_articles([Article(id="kept", fingerprint="f-kept", source="k.txt", body="Committed batch.")])
        with store.transaction():
            store.add_articles([Article(id="lost", fingerprint="f-lost", source="l.txt", body="In flight.")])
            os._exit(3)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    with Store.open(db_path) as store:
        assert [a.id for a in store.list_articles()] == ["kept"]
        assert store.search("flight") == []


def test_store_transactions_time_limit_interrupts_runaway_query(db_path: Path) -> None:
    runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    with Store.open(db_path, time_limit=0.2) as store:
        started = time.monotonic()
        with pytest.raises(StoreError) as err:
            store.execute_read(runaway)
        assert time.monotonic() - started < 5
        assert err.value.code == "E020" and "time limit" in err.value.message
        assert store.execute_read("SELECT 1")[0][0] == 1  # the limit does not outlive the query
        with pytest.raises(StoreError):
            store.execute_read(runaway, time_limit=0.05)
