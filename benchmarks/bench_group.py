"""Throughput and memory of the group stage (near-duplicates + stories) on Reuters-21578.

    python benchmarks/bench_group.py [--sizes 5000,10000,all]

For each size: articles/s (one process, one core) by wall clock and by CPU time of the
process (the fair per-core figure on a shared, loaded machine), the share of CPU time per
step (dedup shingling+signature+LSH, story features, story assignment), peak traced memory,
and the index memory per article (traced memory held by the two indexes after the run,
divided by the articles indexed; the article texts themselves are not counted, nor the two
fixed dense arrays of the story clusterer: document frequencies and the query scratch).
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsprism.group.dedup import DuplicateIndex
from newsprism.group.features import lexical_features
from newsprism.group.stories import ID_CACHE, StoryClusterer
from newsprism.model import Article, DateInference

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578" / "reuters21578.jsonl"
MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}


def _date(raw: str) -> str | None:
    try:
        day, mon, year = raw.strip().split()[0].split("-")
        return f"{int(year):04d}-{MONTHS[mon.upper()]:02d}-{int(day):02d}"
    except (ValueError, KeyError, IndexError):
        return None


def load(path: Path) -> list[Article]:
    """Reuters records as Articles (title + body, the DATE element as publication date)."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out.append(
                Article(
                    id=f"r{r['newid']}",
                    fingerprint="",
                    source="reuters",
                    body=r.get("body") or "",
                    title=r.get("title"),
                    outlet="Reuters",
                    published=DateInference(_date(r.get("date") or "")),
                )
            )
    return out


def run(articles: list[Article]) -> dict[str, float]:
    """One timed pass over ``articles`` (dedup, features, assignment) with step timings."""
    dedup, stories = DuplicateIndex(), StoryClusterer(now="1987-12-31")
    t_dedup = t_feat = t_assign = 0.0
    links = 0
    clock = time.process_time
    start, start_cpu = time.perf_counter(), clock()
    for a in articles:
        t0 = clock()
        links += len(dedup.add(a.id, f"{a.title or ''}\n{a.body}"))
        t1 = clock()
        feats = lexical_features(a)
        t2 = clock()
        stories.add_features(a, feats)
        t3 = clock()
        t_dedup, t_feat, t_assign = t_dedup + t1 - t0, t_feat + t2 - t1, t_assign + t3 - t2
    total, cpu = time.perf_counter() - start, clock() - start_cpu
    steps = t_dedup + t_feat + t_assign
    return {
        "n": len(articles),
        "seconds": total,
        "rate": len(articles) / total,
        "cpu_rate": len(articles) / cpu,
        "dedup": t_dedup / steps,
        "features": t_feat / steps,
        "assign": t_assign / steps,
        "links": links,
        "stories": len(stories),
    }


def memory(articles: list[Article]) -> dict[str, float]:
    """Peak traced memory of a pass and the memory the indexes keep, per article."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    dedup, stories = DuplicateIndex(), StoryClusterer(now="1987-12-31")
    for a in articles:
        dedup.add(a.id, f"{a.title or ''}\n{a.body}")
        stories.add(a)
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    memo = _memo_bytes(stories._cache)  # the term-id memo: bounded (ID_CACHE), not per article
    fixed = stories._df.nbytes + stories._query.nbytes + memo  # dense arrays: fixed, not per article
    return {
        "peak_mb": (peak - base) / 1e6,
        "per_article": (held - base - fixed) / len(articles),
        "fixed_mb": fixed / 1e6,
        "memo_mb": memo / 1e6,
    }


def _memo_bytes(cache: dict[str, int]) -> int:
    """Size of the term-id memo: the dict, its keys and its int values."""
    return sys.getsizeof(cache) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in cache.items())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,all")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"{args.data} is absent")
    articles = load(args.data)
    console = Console()
    table = Table(title=f"group stage on Reuters-21578 ({args.data.name}), one process")
    for name in (
        "articles",
        "art/s",
        "art/CPU-s",
        "seconds",
        "dedup %",
        "features %",
        "assign %",
        "dup links",
        "stories",
        "peak MB",
        "index B/article",
    ):
        table.add_column(name, justify="right")
    for size in args.sizes.split(","):
        subset = articles if size == "all" else articles[: int(size)]
        r = run(subset)
        m = memory(subset)
        table.add_row(
            f"{r['n']:,}",
            f"{r['rate']:,.0f}",
            f"{r['cpu_rate']:,.0f}",
            f"{r['seconds']:.1f}",
            f"{100 * r['dedup']:.0f}",
            f"{100 * r['features']:.0f}",
            f"{100 * r['assign']:.0f}",
            f"{r['links']:,}",
            f"{r['stories']:,}",
            f"{m['peak_mb']:.0f}",
            f"{m['per_article']:,.0f}",
        )
    table.caption = (
        f"plus fixed {m['fixed_mb']:.0f} MB (dense arrays + a term-id memo bounded at {ID_CACHE:,} "
        f"terms, {m['memo_mb']:.1f} MB here); step shares of CPU time; "
        f"goal >= 2,000 art/s per core, <= 2 KB/article"
    )
    console.print(table)


if __name__ == "__main__":
    main()
