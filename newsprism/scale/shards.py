"""Batch input: sharded JSON Lines or Parquet files, each read as a stream of raw documents.

A shard is one file. JSON Lines shards (``.jsonl``, ``.ndjson``, ``.json``) go through the
ingest record reader; Parquet shards are read in record batches with pyarrow, each row a record
with the same column names (see :mod:`newsprism.ingest.records`). A shard larger than
``max_bytes`` is refused whole (E003), as ingest refuses a file.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.records import record_to_document
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
#: Largest shard read, in bytes (a shard is read whole into memory by the JSON reader).
MAX_SHARD_BYTES = 512_000_000
#: Rows per Parquet record batch.
PARQUET_BATCH = 1000


def expand_inputs(inputs: Sequence[str]) -> list[Path]:
    """The shard files named by ``inputs`` (paths or globs), sorted within each glob, each once.

    InputError E070 when a pattern matches nothing, a path is missing, or a file is neither
    JSON Lines nor Parquet.
    """
    out: list[Path] = []
    for item in inputs:
        matches = sorted(glob.glob(item)) if glob.has_magic(item) else [item]
        if not matches:
            raise InputError("E070", item, detail="the pattern matches no file")
        for match in matches:
            path = Path(match)
            if not path.is_file():
                raise InputError("E070", match, detail="no such file")
            if path.suffix.lower() not in JSONL_SUFFIXES | PARQUET_SUFFIXES:
                raise InputError("E070", match, detail="not a .jsonl, .ndjson, .json or .parquet file")
            if path.resolve() not in {p.resolve() for p in out}:
                out.append(path)
    if not out:
        raise InputError("E070", " ".join(inputs) or "(none)", detail="no input shards")
    return out


def read_shard(path: str | Path, max_bytes: int = MAX_SHARD_BYTES) -> Iterator[RawDocument | Refusal]:
    """Raw documents (and refusals) of one shard, in file order."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _refusal(InputError("E007", str(path), detail=str(exc)))
        return
    if size > max_bytes:
        yield _refusal(InputError("E003", str(path), limit=max_bytes))
        return
    if path.suffix.lower() in PARQUET_SUFFIXES:
        yield from _read_parquet(path)
    else:
        from newsprism.ingest import read_sources

        yield from read_sources([str(path)], IngestOptions(max_bytes=max_bytes))


def _read_parquet(path: Path) -> Iterator[RawDocument | Refusal]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(path)
        number = 0
        for batch in reader.iter_batches(batch_size=PARQUET_BATCH):
            for row in batch.to_pylist():
                number += 1
                yield record_to_document(_lower(row), f"{path}#{number}")
    except (OSError, pa.ArrowException) as exc:
        yield _refusal(InputError("E005", str(path), kind="Parquet", detail=str(exc)[:200]))
        return
    if number == 0:
        yield _refusal(InputError("E006", str(path), detail="no records"))


def _lower(row: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in row.items()}


def _refusal(err: InputError) -> Refusal:
    return Refusal(err.source, err.code, err.message)


def shard_name(index: int, path: Path) -> str:
    """The output name of shard ``index``: its position and its file stem (safe characters only)."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in path.stem)[:60]
    return f"{index:05d}-{stem}"


def atomic_replace(tmp: Path, final: Path) -> None:
    """Move a fully written ``tmp`` file onto ``final`` in one step (a reader never sees half)."""
    os.replace(tmp, final)
