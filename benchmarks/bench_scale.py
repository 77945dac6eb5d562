"""Group stage (near-duplicates + stories) on Reuters-21578: in-process against Dask with 1 and 2 workers.

    python benchmarks/bench_scale.py [--sizes 5000,10000,all] [--shards 8] [--workers 1,2]

The articles are built from the records without cleaning or extraction (those stages are the
same code on both paths and would dominate the time; this measures the grouping stage). Each
size is cut into ``--shards`` Parquet shards of article JSON beforehand (not timed). Then, per
mode: the map (per shard: MinHash signature + story features, one Parquet file per shard) runs
in-process or as one Dask task per shard, and the reduce (LSH + story assignment over all shards,
in time order) runs in this process. Cluster start-up is excluded and shown apart. Peak memory is
the peak RSS of this process (reduce included) and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_group import DATA, load

from newsprism.model import Article, from_dict, to_dict
from newsprism.scale.reduce import reduce_shards
from newsprism.scale.work import ShardSettings, group_rows, write_shard

NOW = "1987-12-31T00:00:00+00:00"


def map_shard(source: str, out_dir: str, name: str) -> str:
    """One map task: read a shard of article JSON, write its group rows (signature + features)."""
    import pyarrow.parquet as pq

    articles = [from_dict(Article, json.loads(t)) for t in pq.read_table(source)["article"].to_pylist()]
    return write_shard(group_rows(articles, {}, ShardSettings(extract=False, now=NOW)), Path(out_dir), name)


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


def run(inputs: list[str], folder: Path, client: Any | None) -> dict[str, float]:
    out = folder / f"out-{time.monotonic_ns()}"
    start = time.perf_counter()
    if client is None:
        files = [map_shard(p, str(out), f"{i:05d}") for i, p in enumerate(inputs)]
    else:
        futures = [
            client.submit(map_shard, p, str(out), f"{i:05d}", pure=False) for i, p in enumerate(inputs)
        ]
        files = client.gather(futures)
    mapped = time.perf_counter()
    reduced = reduce_shards(files, now=NOW)
    done = time.perf_counter()
    n = len(reduced.articles)
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
                    r = run(paths, folder, client)
                    label = mode if not workers else f"dask x{workers}"
                    table.add_row(
                        f"{r['n']:,}",
                        label,
                        f"{r['rate']:,.0f}",
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
    table.caption = "; ".join(notes) + ". map = signatures + features per shard; reduce = LSH + stories"
    Console(width=150).print(table)


if __name__ == "__main__":
    main()
