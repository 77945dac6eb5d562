"""Cleaning throughput, single process: HTML pages/s (extract_html on the article-extraction
benchmark's pages) and text documents/s (newsprism.clean.clean on BBC News scraped text).

    python benchmarks/bench_clean.py [--limit N] [--data ../shared/data]

Prints pages/s on the wall clock and per CPU-second (the per-core figure: the machine may be
shared, so CPU time is the steadier one), plus the CPU model. No asserts: a measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def timed(items: Sequence[Any], work: Callable[[Any], Any]) -> dict[str, float]:
    """Run ``work`` on every item after one warm-up call; wall and CPU seconds, failures."""
    if items:
        with contextlib.suppress(Exception):
            work(items[0])  # warm-up: lazy imports, compiled regexes, trafilatura's stoplists
    failures = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        try:
            work(item)
        except Exception:
            failures += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"items": len(items), "wall": wall, "cpu": cpu, "failures": failures}


def html_pages(data: Path, limit: int | None) -> list[tuple[str, str | None]]:
    """(html, url) of the benchmark's pages, decompressed in memory before timing."""
    folder = data / "article-extraction-benchmark"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = list(truth)[:limit]
    return [
        (
            gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8"),
            truth[key].get("url"),
        )
        for key in keys
    ]


def text_documents(data: Path, limit: int | None) -> list[Any]:
    """RawDocument(kind="text") of BBC News files (headline line, then body)."""
    from newsprism.model import RawDocument

    files = sorted((data / "bbc-news" / "bbc").glob("*/*.txt"))[:limit]
    return [
        RawDocument(
            source=str(path), content=path.read_bytes().decode("utf-8", errors="replace"), kind="text"
        )
        for path in files
    ]


def _text_cleaner(clean: Callable[..., Any]) -> Callable[[Any], Any]:
    """``clean(doc)``, passing ``None`` for a required boilerplate model (no per-outlet learning)."""
    import inspect

    required = [
        p
        for p in inspect.signature(clean).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    return (lambda doc: clean(doc, None)) if len(required) > 1 else clean


def row(table: Table, task: str, corpus: str, result: dict[str, float], note: str = "") -> None:
    items, wall, cpu = result["items"], result["wall"], result["cpu"]
    table.add_row(
        task,
        corpus,
        str(items),
        f"{wall:.2f}",
        f"{items / wall:.1f}" if wall else "-",
        f"{items / cpu:.1f}" if cpu else "-",
        str(result["failures"]),
        note,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="items per corpus (default: all)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 150)
    table = Table(title=f"Cleaning throughput, 1 process — CPU: {cpu_model()}")
    for name, justify in (("Task", "left"), ("Corpus", "left"), ("Items", "right"), ("Wall s", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for name in ("Items/s wall", "Items/CPU-s", "Failed"):
        table.add_column(name, justify="right")
    table.add_column("Note")

    from newsprism.clean.html import extract_html

    bench = args.data / "article-extraction-benchmark"
    if bench.is_dir():
        pages = html_pages(args.data, args.limit)
        size = sum(len(html) for html, _ in pages) / max(1, len(pages)) / 1024
        for fast in (False, True):
            result = timed(pages, lambda page, fast=fast: extract_html(page[0], page[1], fast=fast))
            label = "extract_html (fast)" if fast else "extract_html (default)"
            row(table, label, "article-extraction-benchmark", result, f"mean page {size:.0f} KiB")
    else:
        console.print(f"[yellow]skipped HTML: {bench} is absent[/yellow]")

    bbc = args.data / "bbc-news" / "bbc"
    try:
        from newsprism.clean import clean
    except ImportError as err:
        console.print(f"[yellow]skipped text: newsprism.clean.clean is not available ({err})[/yellow]")
    else:
        if bbc.is_dir():
            docs = text_documents(args.data, args.limit)
            chars = sum(len(doc.content) for doc in docs) / max(1, len(docs)) / 1024
            work = _text_cleaner(clean)
            row(table, "clean (text)", "bbc-news", timed(docs, work), f"mean doc {chars:.1f} KiB")
        else:
            console.print(f"[yellow]skipped text: {bbc} is absent[/yellow]")

    console.print(table)
    console.print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
