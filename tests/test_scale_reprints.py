"""``newsprism batch`` keeps a wire text printed by other publications as ``newsprism ingest`` does:
each reprint its own article (id, reprint_of, extraction), the same publication read twice once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from newsprism.model import to_dict
from newsprism.pipeline import ingest
from newsprism.scale.run import IN_PROCESS, run_batch
from newsprism.store import Store

NOW = "2026-03-10T00:00:00+00:00"
WIRE = (
    "Dock workers in Lindqvist voted on Monday to end a nine-day strike, the union said.\n\n"
    '"We have a deal that protects every job," said union leader Marta Olsen.\n\n'
    "The port handles about 4,000 containers a day, according to the harbour authority.\n\n"
    "Shipping lines said the first vessels would berth on Tuesday morning."
)
OWN = (
    "The Lindqvist dock strike is over after nine days, union leader Marta Olsen said on Monday.\n\n"
    '"Nobody loses a job under this deal," Olsen told the Harbour Gazette.\n\n'
    "Fishermen in the old harbour said they had lost two weeks of sales."
)
RAIL = (
    "Rail services between Lindqvist and Serrano will resume on Wednesday after repairs to a bridge, "
    "the operator said.\n\nAbout 12,000 passengers a day use the line, which closed on March 1."
)


def record(outlet: str, url: str, body: str = WIRE, title: str = "Lindqvist dockers end strike") -> dict:
    return {"outlet": outlet, "url": url, "title": title, "published": "2026-03-02", "body": body}


WIRE_AT = record("Meridian Wire", "https://wire.test/dockers")
TRIBUNE = record("Valley Tribune", "https://tribune.test/dockers")


def shards(tmp_path: Path) -> list[str]:
    """The wire text: its first printing and a third outlet's in shard a, a second outlet's (first in
    its shard), the wire's again (same outlet and address) and a fourth outlet's in shard b, the third
    outlet's again in shard c."""
    parts = [
        [WIRE_AT, record("Harbour Gazette", "https://gazette.test/own", OWN, "Strike over"), TRIBUNE],
        [
            record("Harbour Gazette", "https://gazette.test/dockers"),
            dict(WIRE_AT),
            record("Coast Herald", "https://herald.test/strike", title="Dockers back at work"),
        ],
        [dict(TRIBUNE), record("Valley Tribune", "https://tribune.test/rail", RAIL, "Rail line reopens")],
    ]
    out = []
    for name, rows in zip("abc", parts, strict=True):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
        out.append(str(path))
    return out


def stored(db: Path) -> dict[str, Any]:
    """id -> (outlet, url, reprint_of, extraction as a dict) of every stored article."""
    with Store.open(db) as store:
        out = {}
        for a in store.list_articles(100):
            x = store.get_extraction(a.id)
            out[a.id] = (a.outlet, a.url, a.reprint_of, to_dict(x) if x else None)
        assert store.ungrouped_ids() == []
    return out


def test_scale_batch_keeps_reprints_as_ingest(tmp_path: Path) -> None:
    inputs = shards(tmp_path)
    ingest(inputs, tmp_path / "ingest.db", extract=True)
    want = stored(tmp_path / "ingest.db")
    reprints = {aid for aid, (_, _, of, _) in want.items() if of}
    assert len(want) == 6 and len(reprints) == 3  # the wire's repeat and the tribune's are kept once
    summary = run_batch(inputs, tmp_path / "out", scheduler=IN_PROCESS, now=NOW, db=tmp_path / "batch.db")
    rows = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert [r["id"] for r in rows] == list(dict.fromkeys(r["id"] for r in rows))
    assert {r["id"] for r in rows} == set(want)
    assert {r["id"]: r["reprint_of"] for r in rows} == {aid: v[2] for aid, v in want.items()}
    assert summary.loaded is not None and summary.loaded["loaded"] == 6 and summary.loaded["adopted"]
    got = stored(tmp_path / "batch.db")
    assert got == want  # the same ids, reprint_of and extractions (each under its own id)
    for aid in reprints:
        x = got[aid][3]
        assert x["article_id"] == aid and {f["article_id"] for f in x["facts"]} == {aid}
    again = run_batch(inputs, tmp_path / "out2", scheduler=IN_PROCESS, now=NOW, db=tmp_path / "batch.db")
    assert again.loaded is not None and again.loaded["loaded"] == 0 and again.loaded["already"] == 6
    assert stored(tmp_path / "batch.db") == want


def test_scale_batch_load_makes_reprints_of_a_stored_text(tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(record("Wire Service", "https://service.test/w")) + "\n", "utf-8")
    inputs = shards(tmp_path)
    ingest([str(first), *inputs], tmp_path / "ingest.db", extract=True)
    want = stored(tmp_path / "ingest.db")
    # the store already holds the text, ungrouped: the batch's first printing becomes a reprint
    ingest([str(first)], tmp_path / "batch.db", extract=True, group=False)
    (original,) = stored_ids = list(_ids(tmp_path / "batch.db"))
    summary = run_batch(inputs, tmp_path / "out", scheduler=IN_PROCESS, now=NOW, db=tmp_path / "batch.db")
    rows = pq.read_table(tmp_path / "out" / "articles.parquet").to_pylist()
    assert original in {r["id"] for r in rows}  # the batch's own first printing: the text's id
    assert summary.loaded is not None and summary.loaded["loaded"] == 6
    assert not summary.loaded["adopted"]  # its grouping names that id: grouped incrementally instead
    got = stored(tmp_path / "batch.db")
    assert got == want and got[original][2] is None and stored_ids == [original]
    assert sum(1 for v in got.values() if v[2] == original) == 4  # wire, tribune, gazette, herald
    again = run_batch(inputs, tmp_path / "out2", scheduler=IN_PROCESS, now=NOW, db=tmp_path / "batch.db")
    assert again.loaded is not None and again.loaded["loaded"] == 0
    assert stored(tmp_path / "batch.db") == want


def _ids(db: Path) -> list[str]:
    with Store.open(db) as store:
        return [a.id for a in store.list_articles(100)]
