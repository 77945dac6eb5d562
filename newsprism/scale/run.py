"""``newsprism batch``: the per-shard stages on Dask distributed, then one reduce on the client.

One task per shard (:func:`newsprism.scale.work.process_shard`) on a LocalCluster of
``workers`` processes by default, or on the cluster at ``scheduler``. A task that raises is
retried ``retries`` times; a task whose worker dies is rescheduled on another worker by the
scheduler (up to ``distributed.scheduler.allowed-failures`` deaths). A shard that still fails
stops the batch with one message naming it, and any shard that died with it (E071), before
anything is loaded into the store.
``run_batch(..., scheduler="inprocess")`` runs the same tasks in this process, in order.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsprism.errors import DependencyError, NewsprismError
from newsprism.model import Refusal
from newsprism.scale.shards import MAX_SHARD_BYTES, expand_inputs
from newsprism.scale.work import ShardResult, ShardSettings, process_shard

IN_PROCESS = "inprocess"
SHARDS_DIR = "shards"
#: ``progress(done, total, shard source)`` after each finished shard.
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class BatchSummary:
    """What a batch did: shards, articles, stories, links, refusals, timings and the store load."""

    output: str
    shards: list[ShardResult] = field(default_factory=list)
    articles: int = 0
    stories: int = 0
    duplicate_links: int = 0
    flagged: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    loaded: dict[str, Any] | None = None
    workers: int = 0

    @property
    def refusals(self) -> list[Refusal]:
        """Every input refused, shard by shard."""
        return [r for s in self.shards for r in s.refusals]

    @property
    def exit_code(self) -> int:
        """0 nothing refused, 1 some inputs refused, 2 no article at all."""
        if self.articles == 0:
            return 2
        return 1 if self.refusals else 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (also written as ``summary.json`` in the output folder)."""
        return {
            "output": self.output,
            "shards": [
                {"source": s.source, "file": s.file, "articles": s.articles, "seconds": s.seconds}
                for s in self.shards
            ],
            "articles": self.articles,
            "stories": self.stories,
            "duplicate_links": self.duplicate_links,
            "flagged": self.flagged,
            "refused": [{"source": r.source, "code": r.code, "reason": r.reason} for r in self.refusals],
            "warnings": [w for s in self.shards for w in s.warnings],
            "files": self.files,
            "seconds": self.seconds,
            "loaded": self.loaded,
            "workers": self.workers,
            "exit_code": self.exit_code,
        }


def run_batch(
    inputs: Sequence[str],
    output: Path | str,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    threads_per_worker: int = 1,
    db: Path | str | None = None,
    extract: bool = True,
    now: str | None = None,
    retries: int = 2,
    max_bytes: int = MAX_SHARD_BYTES,
    progress: Progress | None = None,
) -> BatchSummary:
    """Run the batch over the shard files ``inputs`` (paths or globs) into the folder ``output``."""
    from newsprism.scale.reduce import reduce_shards, write_outputs

    paths = expand_inputs(inputs)
    out = Path(output)
    shard_dir = out / SHARDS_DIR
    shard_dir.mkdir(parents=True, exist_ok=True)
    for stale in shard_dir.glob(".*.tmp-*"):  # left by a worker that died while writing
        stale.unlink(missing_ok=True)
    now = now or datetime.now(UTC).isoformat(timespec="seconds")
    settings = ShardSettings(extract=extract, now=now, max_bytes=max_bytes)
    summary = BatchSummary(output=str(out))
    started = time.perf_counter()
    if scheduler == IN_PROCESS:
        summary.workers = 1
        for i, path in enumerate(paths):
            summary.shards.append(_in_process(i, path, str(shard_dir), settings))
            if progress is not None:
                progress(i + 1, len(paths), str(path))
    else:
        summary.shards = _on_dask(
            paths,
            str(shard_dir),
            settings,
            summary,
            scheduler,
            workers,
            threads_per_worker,
            retries,
            progress,
        )
    summary.shards.sort(key=lambda s: s.index)
    t_map = time.perf_counter()
    files = [s.file for s in summary.shards if s.file]
    reduced = reduce_shards(files, now=now, use_extraction=settings.use_extraction)
    summary.files = write_outputs(reduced, out)
    t_reduce = time.perf_counter()
    summary.articles, summary.stories = len(reduced.articles), len(reduced.stories)
    summary.duplicate_links = len(reduced.links)
    for a in reduced.assignments:
        for flag in a.flags:
            summary.flagged[flag] = summary.flagged.get(flag, 0) + 1
    if db is not None:
        from dataclasses import asdict

        from newsprism.scale.load import load_into_store

        summary.loaded = {"db": str(db), **asdict(load_into_store(reduced, db))}
    done = time.perf_counter()
    summary.seconds = {
        "shards": round(t_map - started, 3),
        "reduce": round(t_reduce - t_map, 3),
        "load": round(done - t_reduce, 3),
        "total": round(done - started, 3),
    }
    _write_summary(summary, out)
    return summary


def _in_process(index: int, path: Path, shard_dir: str, settings: ShardSettings) -> ShardResult:
    try:
        return process_shard(index, str(path), shard_dir, settings)
    except NewsprismError:
        raise
    except Exception as exc:
        raise NewsprismError("E071", str(path), detail=f"{type(exc).__name__}: {exc}") from exc


def _on_dask(
    paths: list[Path],
    shard_dir: str,
    settings: ShardSettings,
    summary: BatchSummary,
    scheduler: str | None,
    workers: int,
    threads_per_worker: int,
    retries: int,
    progress: Progress | None,
) -> list[ShardResult]:
    try:
        from distributed import as_completed
    except ImportError as exc:
        raise DependencyError("E031", detail="dask distributed", extra="scale") from exc
    run = uuid.uuid4().hex[:8]
    results: list[ShardResult] = []
    with _client(scheduler, workers, threads_per_worker) as client:
        summary.workers = len(client.scheduler_info().get("workers", {}))
        if settings.extract:
            from newsprism.scale.plugin import NlpPlugin

            client.register_plugin(NlpPlugin(), name=NlpPlugin.name)
        futures = {
            client.submit(
                process_shard,
                i,
                str(p),
                shard_dir,
                settings,
                key=f"newsprism-shard-{i}-{run}",
                retries=retries,
                pure=False,
            ): p
            for i, p in enumerate(paths)
        }
        for n, future in enumerate(as_completed(futures), start=1):
            path = futures[future]
            try:
                results.append(future.result())
            except NewsprismError:
                _cancel(futures)
                raise
            except Exception as exc:
                failed = _died_with(futures, future, exc)
                _cancel(futures)
                raise NewsprismError("E071", ", ".join(failed), detail=_reason(exc)) from exc
            if progress is not None:
                progress(n, len(paths), str(path))
    return results


def _died_with(futures: dict[Any, Path], first: Any, exc: BaseException) -> list[str]:
    """The shards that failed with ``first``: when a worker dies, every shard it held fails at once,
    and which one is reported first is a race, so all of them are named (sorted)."""
    from distributed import KilledWorker, wait

    if not isinstance(exc, KilledWorker):
        return [str(futures[first])]
    with contextlib.suppress(TimeoutError):  # shards still running are not part of this failure
        wait(list(futures), timeout=2, return_when="ALL_COMPLETED")
    died = {str(futures[f]) for f in futures if f.status == "error"}
    return sorted(died | {str(futures[first])})


def _reason(exc: BaseException) -> str:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "its worker process died on every attempt (KilledWorker); nothing of it was kept"
    return f"{type(exc).__name__}: {exc}"


def _cancel(futures: dict[Any, Path]) -> None:
    for future in futures:
        future.cancel()


class _Cluster:
    """A Client (and the LocalCluster it owns, if any) closed on exit."""

    def __init__(self, scheduler: str | None, workers: int, threads: int) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="15s")
            else:
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=threads,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as exc:
            if self.cluster is not None:
                self.cluster.close()
            raise NewsprismError("E073", scheduler or "local cluster", detail=str(exc)) from exc

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _client(scheduler: str | None, workers: int, threads: int) -> _Cluster:
    return _Cluster(scheduler, workers, threads)


def _write_summary(summary: BatchSummary, out: Path) -> None:
    final = out / "summary.json"
    tmp = out / f".summary.json.tmp-{os.getpid()}"
    tmp.write_text(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False), "utf-8")
    os.replace(tmp, final)
