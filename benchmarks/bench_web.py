"""Load benchmark of ``newsprism serve``: requests/s and p50/p99 latency of the story page and search.

A bounded load generator (httpx, ``--requests`` per endpoint, ``--concurrency`` in flight,
stops by itself) drives a real server started in a subprocess on 127.0.0.1, on the demo
database and, when given, on a database holding the Reuters-21578 corpus ingested with
``--no-extract`` (built once, then reused)::

    python benchmarks/bench_web.py --demo-db /tmp/webbench/demo.db \\
        --reuters-db /tmp/webbench/reuters.db \\
        --reuters-jsonl ../shared/data/reuters21578/reuters21578.jsonl

The first story request of a fresh server computes and caches the story report; it is
reported apart ("cold") and the load is measured after it. Goals on the Reuters database:
story page p99 <= 100 ms, search p99 <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

DEMO_QUERIES = ["Keller", "Okafor", "grain exports", "Soria", "red carpet", "Hollis", "warrant", "Kestrel"]
REUTERS_QUERIES = ["oil", "wheat", "dollar", "interest rates", "bank", "coffee", "tonnes", "trade deficit"]
PYTHON_SERVER = "import sys; from pathlib import Path; from newsprism.web import serve; serve(Path(sys.argv[1]), port=int(sys.argv[2]))"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(db: Path) -> Iterator[str]:
    """A ``newsprism.web.serve`` subprocess on a free port; its base URL until exit."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", PYTHON_SERVER, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stories?limit=1", timeout=5, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server on {db} did not start")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


async def load(base: str, paths: list[str], requests: int, concurrency: int) -> dict[str, float]:
    """GET ``paths`` round-robin, ``requests`` in all, ``concurrency`` at a time; latency stats."""
    latencies: list[float] = []
    errors = 0
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, trust_env=False) as client:

        async def worker() -> None:
            nonlocal next_index, errors
            while next_index < requests:
                path = paths[next_index % len(paths)]
                next_index += 1
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                errors += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "max": 1000 * latencies[-1],
    }


def bench_db(name: str, db: Path, queries: list[str], args: argparse.Namespace) -> list[tuple[str, ...]]:
    rows = []
    with server(db) as base:
        stories = httpx.get(base + "/api/stories?limit=1", trust_env=False).json()
        story = (args.story if name == "reuters" else None) or stories["items"][0]["id"]
        articles = httpx.get(base + "/api/articles?limit=1", trust_env=False).json()["total"]
        started = time.perf_counter()
        cold = httpx.get(f"{base}/stories/{story}", timeout=600, trust_env=False)
        cold_ms = 1000 * (time.perf_counter() - started)
        assert cold.status_code == 200, cold.text[:300]
        cases = [
            (f"story page /stories/{story}", [f"/stories/{story}"]),
            ("search /api/search?q=", [f"/api/search?q={q}" for q in queries]),
        ]
        for label, paths in cases:
            asyncio.run(load(base, paths, min(50, args.requests), args.concurrency))  # warm-up
            stats = asyncio.run(load(base, paths, args.requests, args.concurrency))
            rows.append(
                (
                    name,
                    str(articles),
                    label,
                    f"{stats['requests']:.0f}",
                    str(args.concurrency),
                    f"{stats['rps']:.0f}",
                    f"{stats['p50']:.1f}",
                    f"{stats['p99']:.1f}",
                    f"{stats['max']:.1f}",
                    f"{stats['errors']:.0f}",
                    f"{cold_ms:.0f}" if label.startswith("story") else "",
                )
            )
    return rows


def ensure_demo(db: Path) -> None:
    if db.is_file():
        return
    from newsprism.demo import demo_sources
    from newsprism.pipeline import ingest

    print(f"building the demo database {db} ...", file=sys.stderr)
    ingest(demo_sources(), db)


def ensure_reuters(db: Path, jsonl: Path | None) -> bool:
    if db.is_file():
        return True
    if jsonl is None or not jsonl.is_file():
        print(f"skipping Reuters: {db} is absent and no --reuters-jsonl file", file=sys.stderr)
        return False
    from newsprism.pipeline import ingest
    from newsprism.settings import IngestOptions

    print(f"ingesting {jsonl} into {db} (--no-extract; takes minutes) ...", file=sys.stderr)
    options = IngestOptions(max_bytes=max(jsonl.stat().st_size + 1, IngestOptions().max_bytes))
    ingest([str(jsonl)], db, options, extract=False)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--demo-db", type=Path, default=Path("/tmp/webbench/demo.db"))
    parser.add_argument("--reuters-db", type=Path, default=Path("/tmp/webbench/reuters.db"))
    parser.add_argument("--reuters-jsonl", type=Path, default=None)
    parser.add_argument("--requests", type=int, default=1000, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--story", default=None, help="story id to load on the Reuters db (default: the newest story)"
    )
    args = parser.parse_args()
    args.demo_db.parent.mkdir(parents=True, exist_ok=True)
    ensure_demo(args.demo_db)
    rows = bench_db("demo", args.demo_db, DEMO_QUERIES, args)
    if ensure_reuters(args.reuters_db, args.reuters_jsonl):
        rows += bench_db("reuters", args.reuters_db, REUTERS_QUERIES, args)
    header = (
        "db",
        "articles",
        "endpoint",
        "n",
        "conc",
        "req/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "cold ms",
    )
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
