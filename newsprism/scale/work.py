"""The per-shard task: read -> clean -> extract -> near-duplicate signature and story features.

It runs inside a Dask worker (or in-process) and ships nothing big: the spaCy pipeline is
loaded by :func:`newsprism.extract.nlp.load_nlp`, cached once per worker process (and warmed by
:class:`NlpPlugin`). Results go to one Parquet file per shard, written under a temporary name
and renamed, so a task retried after a worker died never leaves half a shard. Shard layout
(one row per clean article, in shard order; the same text printed by another publication is a
reprint of its first printing in the shard, as :func:`~newsprism.clean.batch.clean_batch` keeps it
with ``keep_copies``): ``id``, ``fingerprint``, ``text`` (the fingerprint of its text: its own, or
for a reprint that of the article it reprints), ``article`` (JSON of the Article), ``extraction``
(JSON or null), ``sig`` (``num_perm`` little-endian uint32 MinHash
values, null for texts under ``min_tokens`` words), ``terms`` / ``entities`` / ``numbers`` (JSON
objects of story-feature counts, in insertion order: :func:`newsprism.scale.reduce.row_features`
reads them back as the very :class:`~newsprism.group.features.Features` the in-process path uses).
Layout version 2 added ``numbers``, version 3 ``text``; the reduce refuses shards of another version.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import Article, Extraction, RawDocument, Refusal, to_dict

log = logging.getLogger(__name__)

#: Test-only hook: ``"NAME|MARKER"`` makes the task of shard NAME kill its worker process once
#: (when the file MARKER does not exist yet; it is created first); ``"NAME|"`` kills it every time.
CRASH_ENV = "NEWSPRISM_TEST_CRASH_SHARD"
SHARD_SCHEMA_VERSION = 3
#: The shard columns of the story features, in the order of the ``Features`` fields.
FEATURE_COLUMNS = ("terms", "entities", "numbers")


@dataclass(slots=True)
class ShardSettings:
    """What the per-shard task does (shipped to workers: small and picklable)."""

    extract: bool = True
    now: str = "1970-01-01T00:00:00+00:00"  # ingest time given to every article of the batch
    max_bytes: int = 512_000_000
    use_extraction: bool = False  # story features from the extraction (else lexical)
    num_perm: int = 128
    seed: int = 1
    shingle: int = 5
    min_tokens: int = 20


@dataclass(slots=True)
class ShardResult:
    """What one shard task produced: its Parquet file (None when no article), counts and refusals."""

    index: int
    source: str
    file: str | None
    articles: int
    refusals: list[Refusal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    pid: int = 0


def process_shard(index: int, source: str, out_dir: str, settings: ShardSettings) -> ShardResult:
    """Run the per-shard stages over ``source`` and write ``<out_dir>/<name>.parquet`` atomically."""
    from newsprism.scale.shards import read_shard, shard_name

    started = time.perf_counter()
    name = shard_name(index, Path(source))
    _crash_hook(name)
    docs: list[RawDocument] = []
    refusals: list[Refusal] = []
    for item in read_shard(source, settings.max_bytes):
        (refusals if isinstance(item, Refusal) else docs).append(item)  # type: ignore[arg-type]
    articles = _clean(docs, refusals, settings.now)
    warnings: list[str] = []
    extractions = _extract(articles, warnings) if settings.extract else {}
    rows = group_rows(articles, extractions, settings)
    file = write_shard(rows, Path(out_dir), name) if rows else None
    return ShardResult(
        index,
        source,
        file,
        len(rows),
        refusals,
        warnings,
        round(time.perf_counter() - started, 3),
        os.getpid(),
    )


def _crash_hook(name: str) -> None:
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    target, _, marker = spec.partition("|")
    if target != name:
        return
    if marker:
        try:
            with open(marker, "x"):
                pass
        except FileExistsError:
            return
    os._exit(17)


def _clean(docs: list[RawDocument], refusals: list[Refusal], now: str) -> list[Article]:
    """Clean one shard's documents with a boilerplate model learned from that shard; the same text
    printed by another publication is kept as a reprint, as ingest keeps it."""
    from newsprism.clean import BoilerplateModel
    from newsprism.clean.batch import clean_batch

    articles, unusable, _ = clean_batch(docs, BoilerplateModel(), keep_copies=True)
    refusals.extend(unusable)
    for article in articles:
        article.ingested_at = article.ingested_at or now
    return articles


def _extract(articles: list[Article], warnings: list[str]) -> dict[str, Extraction]:
    """Extractions by article id; an article that breaks extraction is skipped with a warning."""
    from newsprism.extract import extract_articles

    try:
        return {x.article_id: x for x in extract_articles(articles)}
    except NewsprismError as exc:
        if exc.code == "E030":
            raise
    except Exception:
        log.exception("extracting a shard failed; retrying article by article")
    out: dict[str, Extraction] = {}
    for article in articles:
        try:
            out.update((x.article_id, x) for x in extract_articles([article]))
        except Exception as exc:
            warnings.append(
                f"extraction failed for {article.id} ({article.source}): {type(exc).__name__}: {exc}"
            )
    return out


def group_rows(
    articles: list[Article], extractions: dict[str, Extraction], settings: ShardSettings
) -> list[dict[str, Any]]:
    """The shard rows of clean articles: text fingerprint, article and extraction JSON, signature,
    story features."""
    from newsprism.group.dedup import permutations

    perms = permutations(settings.num_perm, settings.seed)
    text_of = {a.id: a.fingerprint for a in articles if not a.reprint_of}  # a reprint's original is here
    return [_row(a, text_of[a.reprint_of or a.id], extractions.get(a.id), settings, perms) for a in articles]


def _row(
    article: Article, text: str, extraction: Extraction | None, s: ShardSettings, perms: Any
) -> dict[str, Any]:
    from newsprism.group.assign import dedup_text
    from newsprism.group.features import article_features

    feats = article_features(article, extraction, s.use_extraction)
    sig = dedup_signature(dedup_text(article), s, perms)
    return {
        "id": article.id,
        "fingerprint": article.fingerprint,
        "text": text,
        "article": json.dumps(to_dict(article), ensure_ascii=False),
        "extraction": json.dumps(to_dict(extraction), ensure_ascii=False) if extraction else None,
        "sig": None if sig is None else sig.astype("<u4").tobytes(),
        **{c: json.dumps(dict(getattr(feats, c)), ensure_ascii=False) for c in FEATURE_COLUMNS},
    }


def dedup_signature(text: str, s: ShardSettings, perms: Any) -> Any:
    """The MinHash signature DuplicateIndex.add computes for ``text`` (None: too short to index)."""
    from newsprism.group.dedup import text_signature

    return text_signature(text, perms, s.shingle, s.min_tokens)


def write_shard(rows: list[dict[str, Any]], out_dir: Path, name: str) -> str:
    """Write ``<out_dir>/<name>.parquet`` under a temporary name, then rename it; its path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()),
            ("fingerprint", pa.string()),
            ("text", pa.string()),
            ("article", pa.string()),
            ("extraction", pa.string()),
            ("sig", pa.binary()),
            *((c, pa.string()) for c in FEATURE_COLUMNS),
        ],
        metadata={"newsprism_shard": str(SHARD_SCHEMA_VERSION)},
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"{name}.parquet"
    tmp = out_dir / f".{name}.parquet.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp, compression="zstd")
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
    return str(final)
