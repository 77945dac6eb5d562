"""Throughput and memory of the group stage (near-duplicates + stories) on Reuters-21578.

    python benchmarks/bench_group.py [--sizes 5000,10000,all] [--no-state] [--profile N]

For each size, three tables. Speed: articles/s (one process, one core) by wall clock and by
CPU time of the process (the fair per-core figure on a shared, loaded machine) and the share
of CPU time per step (dedup: shingling + signature + LSH; story features; story assignment).
Memory: peak traced memory and the index memory per article (traced memory the two indexes
hold after the run, divided by the articles read; the article texts and ids are not counted,
nor the fixed dense arrays and bounded term memo of the story clusterer), split into the
near-duplicate index (allocated in ``newsprism/group/dedup.py``; its parts from
``DuplicateIndex.nbytes``) and the story clusterer (everything else). Saved state: the saves
``group_pending`` makes while grouping the articles in ingest order (its commit schedule:
``CHUNK`` and ``STATE_SHARE`` of ``newsprism.group.assign``) into a temporary store, their
total time against the grouping time, and the cost of the last save and load per part.
``--profile N`` adds the N functions with most cumulative time under cProfile (its overhead
inflates functions of many small calls: read the shares, not the seconds).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from newsprism.group.assign import CHUNK, STATE_SHARE, dedup_text
from newsprism.group.dedup import DuplicateIndex
from newsprism.group.features import lexical_features
from newsprism.group.stories import ID_CACHE, StoryClusterer
from newsprism.model import Article, DateInference
from newsprism.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578" / "reuters21578.jsonl"
MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}
NOW = "1987-12-31"


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
    dedup, stories = DuplicateIndex(), StoryClusterer(now=NOW)
    t_dedup = t_feat = t_assign = 0.0
    links = 0
    clock = time.process_time
    start, start_cpu = time.perf_counter(), clock()
    for a in articles:
        t0 = clock()
        links += len(dedup.add(a.id, dedup_text(a)))
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
        "cpu": cpu,
        "rate": len(articles) / total,
        "cpu_rate": len(articles) / cpu,
        "dedup": t_dedup / steps,
        "features": t_feat / steps,
        "assign": t_assign / steps,
        "links": links,
        "stories": len(stories),
    }


def commits(articles: list[Article], dedup: DuplicateIndex, stories: StoryClusterer) -> Iterator[int]:
    """Group ``articles`` as ``group_pending`` does, yielding the articles read at each commit
    (after ``CHUNK``-article reads, once the articles since the last commit reach ``CHUNK`` and
    ``STATE_SHARE`` of those already saved; and at the end). The caller saves there."""
    done = saved = 0
    for start in range(0, len(articles), CHUNK):
        for a in articles[start : start + CHUNK]:
            dedup.add(a.id, dedup_text(a))
            stories.add(a)
        done += min(CHUNK, len(articles) - start)
        if done >= max(CHUNK, STATE_SHARE * saved) or start + CHUNK >= len(articles):
            stories.changed_story_ids()  # what a commit does with the record of changed stories
            yield start + min(CHUNK, len(articles) - start)
            done, saved = 0, stories.article_count


def memory(articles: list[Article]) -> dict[str, float]:
    """Peak traced memory of a pass and the memory the indexes keep, per article read."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    dedup, stories = DuplicateIndex(), StoryClusterer(now=NOW)
    for _ in commits(articles, dedup, stories):
        pass
    gc.collect()
    held, peak = tracemalloc.get_traced_memory()
    in_dedup = sum(
        s.size
        for s in tracemalloc.take_snapshot().statistics("filename")
        if s.traceback[0].filename.endswith("newsprism/group/dedup.py")
    )
    tracemalloc.stop()
    memo = _memo_bytes(stories._cache)  # the term-id memo: bounded (ID_CACHE), not per article
    fixed = stories._df.nbytes + stories._query.nbytes + memo  # dense arrays: fixed, not per article
    n = len(articles)
    return {
        "peak_mb": (peak - base) / 1e6,
        "per_article": (held - base - fixed) / n,
        "dedup": in_dedup / n,
        "stories": (held - base - fixed - in_dedup) / n,
        "parts": {k: v / n for k, v in dedup.nbytes().items()},
        "fixed_mb": fixed / 1e6,
        "memo_mb": memo / 1e6,
    }


def _memo_bytes(cache: dict[str, int]) -> int:
    """Size of the term-id memo: the dict, its keys and its int values."""
    return sys.getsizeof(cache) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in cache.items())


def state_costs(articles: list[Article], folder: Path) -> dict[str, float]:
    """CPU seconds of the state saves ``group_pending`` makes over ``articles`` (into a fresh
    store in ``folder``), and of the last save and load per part, with the blob sizes."""
    dedup, stories = DuplicateIndex(), StoryClusterer(now=NOW)
    clock = time.process_time
    total = 0.0
    saves = 0
    with Store.open(folder / f"state-{len(articles)}.db") as store:
        for _ in commits(articles, dedup, stories):
            t0 = clock()
            store.save_group_state(dedup, stories)
            total += clock() - t0
            saves += 1
        t0 = clock()
        store.save_group_state(dedup, None)
        t1 = clock()
        store.save_group_state(None, stories)
        t2 = clock()
        store.load_group_state()
        t3 = clock()
        sizes = dict(store.connection.execute("SELECT name, length(blob) FROM group_state").fetchall())
    return {
        "saves": saves,
        "total": total,
        "dedup_save": t1 - t0,
        "stories_save": t2 - t1,
        "load": t3 - t2,
        "dedup_mb": sizes["duplicates"] / 1e6,
        "stories_mb": sizes["stories"] / 1e6,
    }


def profile(articles: list[Article], top: int) -> Table:
    """The ``top`` functions by cumulative time over one pass, under cProfile."""
    prof = cProfile.Profile()
    prof.runcall(run, articles)
    stats = pstats.Stats(prof)
    rows = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in rows.values())
    table = Table(title=f"cProfile, {len(articles):,} articles: cumulative and own share of the pass")
    for name in ("function", "cumulative %", "own %", "calls"):
        table.add_column(name, justify="left" if name == "function" else "right")
    ranked = sorted(rows.items(), key=lambda kv: -kv[1][3])
    shown = 0
    for (file, line, func), (_, calls, own, cum, _) in ranked:
        if "newsprism" not in file and "{" not in func:
            continue
        where = file.split("newsprism/", 1)[-1] if "newsprism" in file else ""
        table.add_row(
            f"{where}:{line} {func}" if where else func,
            f"{100 * cum / total:.1f}",
            f"{100 * own / total:.1f}",
            f"{calls:,}",
        )
        shown += 1
        if shown == top:
            break
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,all")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-state", action="store_true", help="skip the saved-state table")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile: top N functions")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"{args.data} is absent")
    articles = load(args.data)
    console = Console(width=160)
    speed = Table(title=f"group stage on Reuters-21578 ({args.data.name}), one process: speed")
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
    ):
        speed.add_column(name, justify="right")
    mem = Table(title="memory: traced peak and index bytes per article read")
    for name in (
        "articles",
        "peak MB",
        "index B/article",
        "dedup",
        "signatures",
        "band table",
        "ids",
        "stories",
    ):
        mem.add_column(name, justify="right")
    state = Table(
        title=f"saved state: group_pending's saves (commit every >= {CHUNK:,} articles and "
        f">= {STATE_SHARE:g} x those saved) into a temporary store"
    )
    for name in (
        "articles",
        "saves",
        "saves CPU-s",
        "vs grouping",
        "last save: dedup s",
        "MB",
        "stories s",
        "MB",
        "load s",
    ):
        state.add_column(name, justify="right")
    subsets = [articles if s == "all" else articles[: int(s)] for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-group-") as tmp:
        for subset in subsets:
            r = run(subset)
            m = memory(subset)
            speed.add_row(
                f"{r['n']:,}",
                f"{r['rate']:,.0f}",
                f"{r['cpu_rate']:,.0f}",
                f"{r['seconds']:.1f}",
                f"{100 * r['dedup']:.0f}",
                f"{100 * r['features']:.0f}",
                f"{100 * r['assign']:.0f}",
                f"{r['links']:,}",
                f"{r['stories']:,}",
            )
            p = m["parts"]
            mem.add_row(
                f"{r['n']:,}",
                f"{m['peak_mb']:.0f}",
                f"{m['per_article']:,.0f}",
                f"{m['dedup']:,.0f}",
                f"{p['signatures']:,.0f}",
                f"{p['band_table']:,.0f}",
                f"{p['ids']:,.0f}",
                f"{m['stories']:,.0f}",
            )
            if not args.no_state:
                s = state_costs(subset, Path(tmp))
                state.add_row(
                    f"{r['n']:,}",
                    f"{s['saves']}",
                    f"{s['total']:.1f}",
                    f"{100 * s['total'] / r['cpu']:.0f} %",
                    f"{s['dedup_save']:.2f}",
                    f"{s['dedup_mb']:.1f}",
                    f"{s['stories_save']:.2f}",
                    f"{s['stories_mb']:.1f}",
                    f"{s['load']:.2f}",
                )
    speed.caption = "step shares of CPU time; goal >= 2,000 art/s per core"
    mem.caption = (
        f"goal <= 2 KB/article; plus fixed {m['fixed_mb']:.0f} MB (dense arrays + a term-id memo bounded "
        f"at {ID_CACHE:,} terms, {m['memo_mb']:.1f} MB here); dedup parts from DuplicateIndex.nbytes()"
    )
    console.print(speed)
    console.print(mem)
    if not args.no_state:
        state.caption = "CPU seconds; 'vs grouping': all the saves against the CPU time of the grouping pass"
        console.print(state)
    if args.profile:
        console.print(profile(subsets[-1], args.profile))


if __name__ == "__main__":
    main()
