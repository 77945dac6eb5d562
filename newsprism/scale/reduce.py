"""The single reduce step of a batch, on the client: near-duplicates and stories over all shards.

Shards are read in shard order; an article whose fingerprint was already read (the same article
in two shards) is kept once. The stories are the batch pass of the in-process path itself,
:func:`newsprism.group.stories.cluster_features` (what ``regroup`` runs, and what ingest gives
when articles arrive in publication order), fed with the features the shard tasks computed; the
signatures go into a :class:`DuplicateIndex` in the same order (:func:`batch_order`). Outputs:
``articles.parquet``, ``stories.parquet``, ``duplicates.parquet``, each written under a
temporary name and renamed.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import NewsprismError
from newsprism.group.dedup import DuplicateIndex
from newsprism.group.features import Features
from newsprism.group.stories import StoryAssignment, StoryClusterer, batch_order, cluster_features
from newsprism.model import Article, DuplicateLink, Extraction, Story, from_dict
from newsprism.scale.work import FEATURE_COLUMNS, SHARD_SCHEMA_VERSION


@dataclass(slots=True)
class Reduced:
    """Everything the reduce step produced; ``assignments[i]`` is the story of ``articles[i]``."""

    articles: list[Article]
    extractions: dict[str, Extraction]
    assignments: list[StoryAssignment]
    stories: list[Story]
    links: list[DuplicateLink]
    dedup: DuplicateIndex
    clusterer: StoryClusterer


def read_shard_rows(files: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of the shard files, in order, each fingerprint once; E071 for a shard written by
    another shard layout version (an output folder of an older newsprism: run the batch again)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for file in files:
        table = pq.read_table(file)
        version = (table.schema.metadata or {}).get(b"newsprism_shard", b"?").decode("ascii", "replace")
        if version != str(SHARD_SCHEMA_VERSION):
            raise NewsprismError(
                "E071",
                file,
                detail=f"shard layout version {version}, this reduce reads {SHARD_SCHEMA_VERSION}",
            )
        for row in table.to_pylist():
            if row["fingerprint"] not in seen:
                seen.add(row["fingerprint"])
                rows.append(row)
    return rows


def row_features(row: dict[str, Any]) -> Features:
    """The story features a shard task stored in ``row`` (counts in their original order)."""
    return Features(*(Counter(json.loads(row[c])) for c in FEATURE_COLUMNS))


def reduce_shards(
    files: Sequence[str], *, now: str, dedup: DuplicateIndex | None = None, **options: Any
) -> Reduced:
    """Near-duplicates and stories over the articles of ``files`` (see the module docstring);
    ``options`` go to :func:`cluster_features` (clusterer settings, ``global_idf``)."""
    rows = read_shard_rows(files)
    articles = [from_dict(Article, json.loads(r["article"])) for r in rows]
    extractions = {
        r["id"]: from_dict(Extraction, json.loads(r["extraction"])) for r in rows if r["extraction"]
    }
    feats = [row_features(r) for r in rows]
    clusterer, assignments = cluster_features(articles, feats, now=now, **options)
    index = dedup if dedup is not None else DuplicateIndex()
    links: list[DuplicateLink] = []
    for i in batch_order(articles, now=now):
        sig = rows[i]["sig"]
        if sig is not None:
            links.extend(index.add_signature(articles[i].id, np.frombuffer(sig, dtype="<u4")))
    return Reduced(articles, extractions, assignments, clusterer.stories(), links, index, clusterer)


def write_outputs(reduced: Reduced, out_dir: Path) -> dict[str, str]:
    """``articles``, ``stories`` and ``duplicates`` Parquet files in ``out_dir``; their paths."""
    import pyarrow as pa

    story_of = {a.article_id: a for a in reduced.assignments}
    articles = pa.table(
        {
            "id": [a.id for a in reduced.articles],
            "fingerprint": [a.fingerprint for a in reduced.articles],
            "story_id": [story_of[a.id].story_id for a in reduced.articles],
            "story_flags": [list(story_of[a.id].flags) for a in reduced.articles],
            "published": [a.published.value for a in reduced.articles],
            "outlet": [a.outlet for a in reduced.articles],
            "title": [a.title for a in reduced.articles],
            "url": [a.url for a in reduced.articles],
            "source": [a.source for a in reduced.articles],
            "body": [a.body for a in reduced.articles],
        }
    )
    s = reduced.stories
    stories = pa.table(
        {
            "id": [x.id for x in s],
            "label": [x.label for x in s],
            "key_entities": [x.key_entities for x in s],
            "key_phrase": [x.key_phrase for x in s],
            "first_seen": [x.first_seen for x in s],
            "last_seen": [x.last_seen for x in s],
            "outlets": [x.outlets for x in s],
            "article_ids": [x.article_ids for x in s],
        }
    )
    dups = pa.table(
        {
            "a": [x.a for x in reduced.links],
            "b": [x.b for x in reduced.links],
            "jaccard": pa.array([x.jaccard for x in reduced.links], type=pa.float64()),
        }
    )
    return {
        name: _write(table, out_dir / f"{name}.parquet")
        for name, table in (("articles", articles), ("stories", stories), ("duplicates", dups))
    }


def _write(table: Any, final: Path) -> str:
    import pyarrow.parquet as pq

    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return str(final)
