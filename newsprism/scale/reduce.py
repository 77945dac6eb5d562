"""The single reduce step of a batch, on the client: near-duplicates and stories over all shards.

Shards are read in shard order, and their articles of one text kept as ``newsprism ingest`` keeps
them (:mod:`newsprism.clean.reprints`): a text already read from the same publication (the same
article in two shards) is kept once; one read first from another publication is a reprint of the
first article read with it (its id, and its extraction's, become the reprint's). The stories are the batch pass of the in-process path itself,
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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.clean.reprints import Printings, Publication, as_reprint, publication
from newsprism.errors import NewsprismError
from newsprism.group.dedup import DuplicateIndex
from newsprism.group.features import Features
from newsprism.group.stories import StoryAssignment, StoryClusterer, batch_order, cluster_features
from newsprism.model import Article, DuplicateLink, Extraction, Story, from_dict, to_dict
from newsprism.scale.work import FEATURE_COLUMNS, SHARD_SCHEMA_VERSION


@dataclass(slots=True)
class Reduced:
    """Everything the reduce step produced; ``assignments[i]`` is the story of ``articles[i]``;
    ``texts`` the fingerprint of the text of each reprint, by id."""

    articles: list[Article]
    extractions: dict[str, Extraction]
    assignments: list[StoryAssignment]
    stories: list[Story]
    links: list[DuplicateLink]
    dedup: DuplicateIndex
    clusterer: StoryClusterer
    texts: dict[str, str] = field(default_factory=dict)


def read_shard_rows(files: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of the shard files, in order, each text once per publication (a later printing by
    another publication as a reprint: :class:`Printings`); E071 for a shard written by another shard
    layout version (an output folder of an older newsprism: run the batch again)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    printings = Printings()
    for file in files:
        table = pq.read_table(file)
        version = (table.schema.metadata or {}).get(b"newsprism_shard", b"?").decode("ascii", "replace")
        if version != str(SHARD_SCHEMA_VERSION):
            raise NewsprismError(
                "E071",
                file,
                detail=f"shard layout version {version}, this reduce reads {SHARD_SCHEMA_VERSION}",
            )
        rows.extend(_keep(printings, table.to_pylist()))
    return rows


def _keep(printings: Printings, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows of one shard (in order) to keep, as ingest keeps articles (:class:`Printings`): a
    text's first printing as it is, one by a publication already kept with the text not at all, one
    by another publication as a reprint of the first (:func:`as_reprint_row`). A publication is read
    from a row's article JSON only when a second printing of its text comes."""
    for row in rows:
        text = row["text"]
        same, original = printings.place(text, partial(_publication, row))
        if same is not None:
            continue
        if original is not None:
            row = as_reprint_row(row, original)
        printings.add(text, row["id"], partial(_publication, row))
        yield row


def _publication(row: dict[str, Any]) -> Publication:
    a = json.loads(row["article"])
    return publication(a.get("url"), a.get("outlet"), a.get("title"), a.get("source") or "")


def as_reprint_row(row: dict[str, Any], original: str) -> dict[str, Any]:
    """``row`` as a reprint of the article ``original`` (:func:`as_reprint` of its text): its id,
    fingerprint, article and the ids in its extraction; the row itself when they are already so."""
    article = from_dict(Article, json.loads(row["article"]))
    reprint = as_reprint(replace(article, fingerprint=row["text"]), original)
    if reprint.id == row["id"] and article.reprint_of == original:
        return row
    out = dict(row, id=reprint.id, fingerprint=reprint.fingerprint)
    out["article"] = json.dumps(to_dict(reprint), ensure_ascii=False)
    if row["extraction"]:
        extraction = from_dict(Extraction, json.loads(row["extraction"]))
        out["extraction"] = json.dumps(to_dict(with_article_id(extraction, reprint.id)), ensure_ascii=False)
    return out


def with_article_id(extraction: Extraction, new: str) -> Extraction:
    """``extraction`` as that of the article ``new`` (its facts and timeline entries too)."""
    old = extraction.article_id
    return replace(
        extraction,
        article_id=new,
        facts=[replace(f, article_id=new) if f.article_id == old else f for f in extraction.facts],
        timeline=[replace(t, article_id=new) if t.article_id == old else t for t in extraction.timeline],
    )


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
    texts = {r["id"]: r["text"] for r in rows if r["text"] != r["fingerprint"]}
    return Reduced(articles, extractions, assignments, clusterer.stories(), links, index, clusterer, texts)


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
            "reprint_of": pa.array([a.reprint_of for a in reduced.articles], type=pa.string()),
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
