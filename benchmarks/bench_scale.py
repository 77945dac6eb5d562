"""Group stage (near-duplicates + stories) on Reuters-21578: in-process against Dask with 1 and 2 workers.

    python benchmarks/bench_scale.py [--sizes 5000,10000,all] [--shards 8] [--workers 1,2]

The articles are built from the records without cleaning or extraction (those stages are the
same code on both paths and would dominate the time; this measures the grouping stage). Each
size is cut into ``--shards`` Parquet shards of article JSON beforehand (not timed). Then, per
mode: the map (per shard: MinHash signature + story features, one Parquet file per shard) runs
in-process or as one Dask task per shard, and the reduce (LSH + story assignment over all shards,
in time order) runs in this process. Cluster start-up is excluded and shown apart. Peak memory is
the peak RSS of this process (reduce included) and of the largest worker. Besides the wall clock
(pessimistic on a loaded machine), the CPU seconds of the map tasks (measured in each task) and
of the reduce give articles per CPU-second and the reduce's share of the work; a second table
splits the in-process reduce's CPU time into its steps (reading the shard rows, rebuilding the
articles, rebuilding the story features, the story pass, the near-duplicate index).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_group import DATA, load

from newsprism.group.dedup import DuplicateIndex
from newsprism.model import Article, from_dict, to_dict
from newsprism.scale import reduce as reduce_module
from newsprism.scale.reduce import reduce_shards
from newsprism.scale.work import ShardSettings, group_rows, write_shard

NOW = "1987-12-31T00:00:00+00:00"


def map_shard(source: str, out_dir: str, name: str) -> tuple[str, float]:
    """One map task: read a shard of article JSON, write its group rows (signature + features);
    the file written and the CPU seconds the task took."""
    import pyarrow.parquet as pq

    start = time.process_time()
    articles = [from_dict(Article, json.loads(t)) for t in pq.read_table(source)["article"].to_pylist()]
    rows = group_rows(articles, {}, ShardSettings(extract=False, now=NOW))
    return write_shard(rows, Path(out_dir), name), time.process_time() - start


def write_inputs(articles: list[Article], n: int, folder: Path) -> list[str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    size = -(-len(articles) // n)
    out = []
    for i in range(n):
        part = articles[i * size : (i + 1) * size]
        path = folder / f"in-{i:03d}.parquet"
        pq.write_table(pa.table({"article": [json.dumps(to_dict(a)) for a in part]}), path)
        out.append(str(path))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


#: The reduce's steps, as (name in newsprism.scale.reduce, label); timed by :func:`_timed`.
REDUCE_STEPS = (
    ("read_shard_rows", "read rows"),
    ("from_dict", "Article objects"),
    ("row_features", "features"),
    ("cluster_features", "stories"),
)


@contextlib.contextmanager
def _timed(totals: dict[str, float]) -> Iterator[None]:
    """Accumulate the CPU seconds of the reduce's steps in ``totals`` (by label) while inside:
    each function named in REDUCE_STEPS is wrapped in ``newsprism.scale.reduce``, and
    ``DuplicateIndex.add_signature`` in its class, and restored on leaving."""
    saved = {name: getattr(reduce_module, name) for name, _ in REDUCE_STEPS}
    add_signature = DuplicateIndex.add_signature

    def wrap(func: Callable[..., Any], label: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.process_time() - start

        return timed

    for name, label in REDUCE_STEPS:
        setattr(reduce_module, name, wrap(saved[name], label))
    DuplicateIndex.add_signature = wrap(add_signature, "near-duplicates")  # type: ignore[method-assign]
    try:
        yield
    finally:
        for name, func in saved.items():
            setattr(reduce_module, name, func)
        DuplicateIndex.add_signature = add_signature  # type: ignore[method-assign]


def run(
    inputs: list[str], folder: Path, client: Any | None, steps: dict[str, float] | None = None
) -> dict[str, float]:
    """Map and reduce ``inputs``; with ``steps``, the reduce's CPU seconds per step go there."""
    out = folder / f"out-{time.monotonic_ns()}"
    start = time.perf_counter()
    if client is None:
        mapped_files = [map_shard(p, str(out), f"{i:05d}") for i, p in enumerate(inputs)]
    else:
        futures = [
            client.submit(map_shard, p, str(out), f"{i:05d}", pure=False) for i, p in enumerate(inputs)
        ]
        mapped_files = client.gather(futures)
    files = [f for f, _ in mapped_files]
    mapped = time.perf_counter()
    reduce_cpu = time.process_time()
    with _timed(steps) if steps is not None else contextlib.nullcontext():
        reduced = reduce_shards(files, now=NOW)
    reduce_cpu = time.process_time() - reduce_cpu
    done = time.perf_counter()
    if steps is not None:
        steps["total"] = reduce_cpu
    n = len(reduced.articles)
    map_cpu = sum(c for _, c in mapped_files)
    worker_rss = 0.0
    if client is not None:
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        worker_rss = max(peaks.values())
    return {
        "n": n,
        "seconds": done - start,
        "rate": n / (done - start),
        "map": mapped - start,
        "reduce": done - mapped,
        "cpu_rate": n / (map_cpu + reduce_cpu),
        "reduce_share": reduce_cpu / (map_cpu + reduce_cpu),
        "stories": len(reduced.stories),
        "links": len(reduced.links),
        "rss": _rss_mb(),
        "worker_rss": worker_rss,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,all")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"{args.data} is absent")
    articles = load(args.data)
    for a in articles:
        a.fingerprint = a.id  # the loader leaves it empty; the reduce keeps one article per fingerprint
    table = Table(title=f"group stage on Reuters-21578, in-process vs Dask ({args.shards} shards)")
    for name in (
        "articles",
        "mode",
        "art/s",
        "art/CPU-s",
        "reduce CPU %",
        "seconds",
        "map s",
        "reduce s",
        "stories",
        "dup links",
        "peak RSS MB",
        "worker RSS MB",
    ):
        table.add_column(name, justify="right")
    modes: list[tuple[str, int]] = [("in-process", 0)] + [("dask", int(w)) for w in args.workers.split(",")]
    notes = []
    labels = [label for _, label in REDUCE_STEPS] + ["near-duplicates"]
    split = Table(title="the in-process reduce: share of its CPU time per step")
    for name in ("articles", "reduce CPU-s", *(f"{label} %" for label in labels), "other %"):
        split.add_column(name, justify="right")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        folder = Path(tmp)
        inputs = {
            s: write_inputs(articles if s == "all" else articles[: int(s)], args.shards, folder / s)
            for s in args.sizes.split(",")
            if (folder / s).mkdir() is None
        }
        for mode, workers in modes:
            client = cluster = None
            if workers:
                from distributed import Client, LocalCluster

                t0 = time.perf_counter()
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
                client = Client(cluster)
                client.run(lambda: __import__("newsprism.scale.work"))  # warm the imports
                notes.append(f"{workers}-worker cluster start {time.perf_counter() - t0:.1f} s (not counted)")
            try:
                for paths in inputs.values():
                    steps: dict[str, float] | None = None if workers else {}
                    r = run(paths, folder, client, steps)
                    if steps is not None:
                        total = steps.pop("total")
                        shares = [100 * steps.get(label, 0.0) / total for label in labels]
                        split.add_row(
                            f"{r['n']:,}",
                            f"{total:.1f}",
                            *(f"{x:.0f}" for x in shares),
                            f"{100 - sum(shares):.0f}",
                        )
                    label = mode if not workers else f"dask x{workers}"
                    table.add_row(
                        f"{r['n']:,}",
                        label,
                        f"{r['rate']:,.0f}",
                        f"{r['cpu_rate']:,.0f}",
                        f"{100 * r['reduce_share']:.0f}",
                        f"{r['seconds']:.1f}",
                        f"{r['map']:.1f}",
                        f"{r['reduce']:.1f}",
                        f"{r['stories']:,}",
                        f"{r['links']:,}",
                        f"{r['rss']:.0f}",
                        f"{r['worker_rss']:.0f}" if workers else "-",
                    )
            finally:
                if client is not None:
                    client.close()
                if cluster is not None:
                    cluster.close()
    table.caption = (
        "; ".join(notes) + ". map = signatures + features per shard; reduce = LSH + stories; "
        "art/CPU-s and reduce CPU %: CPU seconds of the map tasks and of the reduce"
    )
    split.caption = (
        "read rows: pyarrow; Article objects: from_dict (their JSON parsing is in other, with "
        "batch_order and the Story models); stories: cluster_features (the batch pass); "
        "near-duplicates: DuplicateIndex.add_signature"
    )
    console = Console(width=150)
    console.print(table)
    console.print(split)


if __name__ == "__main__":
    main()
