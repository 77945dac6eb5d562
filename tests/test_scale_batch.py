"""``newsprism batch``: same stories as the in-process path, survives a worker death, loads once.

The input holds two lottery draws told in the same words (see ``number_records``): only the story
features of the in-process path (numbers, with their own weight) keep them apart, so a reduce
that clustered on other features than :func:`newsprism.group.stories.cluster_features` (as an
old copy did: words and entities only) would merge them and fail these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_pipeline_stories import number_records, partition, records, write_jsonl

from newsprism.errors import NewsprismError
from newsprism.group.assign import regroup
from newsprism.group.features import Features, lexical_features
from newsprism.group.stories import cluster_batch, cluster_features
from newsprism.model import Article
from newsprism.pipeline import ingest
from newsprism.scale.run import IN_PROCESS, run_batch
from newsprism.scale.work import CRASH_ENV
from newsprism.store import Store

NOW = "2024-03-10T00:00:00+00:00"


def all_records() -> list[dict[str, Any]]:
    return records() + number_records()


def shards(tmp_path: Path) -> tuple[list[str], list[str]]:
    """Three shards (two JSON Lines, one Parquet) and the same records as JSON Lines files for ingest."""
    rows = all_records()
    rows.insert(9, dict(rows[2]))  # the same article in two shards: kept once
    parts = [rows[:6], rows[6:11], rows[11:]]
    a = write_jsonl(tmp_path / "a.jsonl", parts[0])
    b = write_jsonl(tmp_path / "b.jsonl", parts[1])
    c = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist([_full(r) for r in parts[2]]), c)
    c_jsonl = write_jsonl(tmp_path / "c_as.jsonl", parts[2])
    return [str(a), str(b), str(c)], [str(a), str(b), str(c_jsonl)]


def _full(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": row.get("title"),
        "body": row.get("body"),
        "published": row.get("published"),
        "outlet": row.get("outlet"),
    }


def draws_apart(stored: dict[str, str | None], articles: list[Article]) -> bool:
    """Each lottery draw in one story of its own (the numbers tell the two apart)."""
    draws = {}
    for a in articles:
        if a.title in ("Lottery draw", "Jackpot won"):
            draws.setdefault(a.published.value, set()).add(stored[a.id])
    return (
        len(draws) == 2
        and all(len(s) == 1 and None not in s for s in draws.values())
        and len(set.union(*draws.values())) == 2
    )


def number_blind_partition(articles: list[Article]) -> set[frozenset[str]]:
    """The batch pass on features without numbers (what the old reduce copy clustered on)."""
    feats = [lexical_features(a) for a in articles]
    _, got = cluster_features(articles, [Features(f.terms, f.entities) for f in feats])
    return partition({a.article_id: a.story_id for a in got})


def output_partition(out: Path) -> tuple[list[str], dict[str, str | None]]:
    table = pq.read_table(out / "articles.parquet").to_pylist()
    return [r["id"] for r in table], {r["id"]: r["story_id"] for r in table}


def test_scale_batch_in_process_matches_ingest_and_regroup(tmp_path: Path, db_path: Path) -> None:
    inputs, as_jsonl = shards(tmp_path)
    # undated articles are placed at the ingest time: the wall clock here, as in ingest
    summary = run_batch(inputs, tmp_path / "out", scheduler=IN_PROCESS, extract=False)
    ids, batch = output_partition(tmp_path / "out")
    assert len(ids) == len(set(ids)) == len(all_records()) and summary.exit_code == 0
    assert summary.flagged == {"no_text": 1, "no_date": 1} and summary.duplicate_links >= 1
    ingest(as_jsonl, db_path, extract=False)
    with Store.open(db_path) as store:
        ingested = store.story_assignments()
        regroup(store)
        stored = store.story_assignments()
        articles = [store.get_article(i) for i in sorted(stored)]
        links = {frozenset((x.a, x.b)) for i in stored for x in store.duplicates_of(i)}
    dups = pq.read_table(tmp_path / "out" / "duplicates.parquet").to_pylist()
    assert {frozenset((d["a"], d["b"])) for d in dups} == links and len(links) == summary.duplicate_links
    assert set(stored) == set(ids)
    assert partition(ingested) == partition(stored) == partition(batch)
    assert draws_apart(batch, articles) and number_blind_partition(articles) != partition(batch)
    in_memory = {aid: s.id for s in cluster_batch([(a, None) for a in articles]) for aid in s.article_ids}
    assert partition(in_memory) == partition(batch)
    stories = pq.read_table(tmp_path / "out" / "stories.parquet").to_pylist()
    assert sum(len(s["article_ids"]) for s in stories) == len(ids) - 1  # all but the no_text one
    summary_file = json.loads((tmp_path / "out" / "summary.json").read_text("utf-8"))
    assert summary_file["articles"] == len(ids)


def test_scale_batch_refuses_shards_of_another_layout(tmp_path: Path) -> None:
    from newsprism.scale.reduce import reduce_shards

    inputs, _ = shards(tmp_path)
    run_batch(inputs, tmp_path / "out", scheduler=IN_PROCESS, extract=False, now=NOW)
    shard = sorted((tmp_path / "out" / "shards").glob("*.parquet"))[0]
    table = pq.read_table(shard)
    old = table.drop_columns(["numbers"]).replace_schema_metadata({"newsprism_shard": "1"})
    pq.write_table(old, shard)
    with pytest.raises(NewsprismError) as err:
        reduce_shards([str(shard)], now=NOW)
    assert err.value.code == "E071" and shard.name in err.value.message and "version 1" in err.value.message


def test_scale_batch_loads_the_store_once(tmp_path: Path, db_path: Path) -> None:
    inputs, _ = shards(tmp_path)
    first = run_batch(inputs, tmp_path / "out", scheduler=IN_PROCESS, extract=False, now=NOW, db=db_path)
    assert (
        first.loaded is not None and first.loaded["loaded"] == len(all_records()) and first.loaded["adopted"]
    )
    again = run_batch(inputs, tmp_path / "out2", scheduler=IN_PROCESS, extract=False, now=NOW, db=db_path)
    assert (
        again.loaded is not None
        and again.loaded["loaded"] == 0
        and again.loaded["already"] == len(all_records())
    )
    _, batch = output_partition(tmp_path / "out")
    with Store.open(db_path) as store:
        assert store.count_articles() == len(all_records()) and store.ungrouped_ids() == []
        assert store.story_assignments() == batch
        assert len(store.list_stories(100)) == first.stories
        dedup, clusterer = store.load_group_state()
    assert dedup is not None and clusterer is not None and not clusterer.frozen


def test_scale_batch_bad_input_is_named(tmp_path: Path) -> None:
    with pytest.raises(NewsprismError) as err:
        run_batch([str(tmp_path / "none-*.jsonl")], tmp_path / "out", scheduler=IN_PROCESS)
    assert err.value.code == "E070" and "none-*.jsonl" in err.value.message
    (tmp_path / "x.csv").write_text("a,b\n", "utf-8")
    with pytest.raises(NewsprismError) as err:
        run_batch([str(tmp_path / "x.csv")], tmp_path / "out", scheduler=IN_PROCESS)
    assert err.value.code == "E070"


@pytest.mark.slow
def test_scale_batch_dask_two_workers_match_in_process_ingest(tmp_path: Path, db_path: Path) -> None:
    inputs, as_jsonl = shards(tmp_path)
    ingest(as_jsonl, db_path, extract=False)  # incremental, in ingest order, growing document frequencies
    with Store.open(db_path) as store:
        ingested = store.story_assignments()
        articles = [store.get_article(i) for i in sorted(ingested)]
    summary = run_batch(inputs, tmp_path / "out", workers=2, extract=False)
    assert summary.workers == 2 and summary.exit_code == 0
    ids, batch = output_partition(tmp_path / "out")
    assert set(ids) == set(ingested) and partition(batch) == partition(ingested)
    assert draws_apart(batch, articles) and number_blind_partition(articles) != partition(batch)


@pytest.mark.slow
def test_scale_batch_dask_survives_a_worker_death(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, _ = shards(tmp_path)
    run_batch(inputs, tmp_path / "ref", scheduler=IN_PROCESS, extract=False, now=NOW)
    marker = tmp_path / "crashed-once"
    monkeypatch.setenv(CRASH_ENV, f"00001-b|{marker}")  # the task of shard b kills its worker once
    summary = run_batch(inputs, tmp_path / "out", workers=2, extract=False, now=NOW, db=db_path)
    assert marker.exists() and summary.workers == 2
    ids, batch = output_partition(tmp_path / "out")
    ref_ids, ref = output_partition(tmp_path / "ref")
    assert ids == ref_ids and len(ids) == len(set(ids))  # complete, nothing twice
    assert batch == ref  # same stories as the in-process run
    assert len({s.pid for s in summary.shards}) >= 1 and [s.index for s in summary.shards] == [0, 1, 2]
    assert not list((tmp_path / "out" / "shards").glob(".*"))
    with Store.open(db_path) as store:
        assert store.count_articles() == len(ids) and store.story_assignments() == batch


@pytest.mark.slow
def test_scale_batch_dask_names_the_shard_that_kills_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    inputs, _ = shards(tmp_path)
    monkeypatch.setenv(CRASH_ENV, "00002-c|")  # every attempt dies
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        pytest.raises(NewsprismError) as err,
    ):
        run_batch(inputs, tmp_path / "out", workers=2, extract=False, now=NOW)
    assert err.value.code == "E071" and "c.parquet" in err.value.message
    assert "worker process died" in err.value.message
    assert not (tmp_path / "out" / "articles.parquet").exists()
