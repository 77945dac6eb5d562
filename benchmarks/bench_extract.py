"""Throughput of the whole per-article extraction on BBC News, one process.

    python benchmarks/bench_extract.py [--limit 200] [--data ../shared/data]

Cleans ``--limit`` BBC News files (spread over the five categories) into Articles before the
clock starts, warms the pipeline up on one article, then times
``newsprism.extract.extract_articles(articles, n_process=1)``. Prints articles/s on the wall clock
and per CPU-second (the per-core figure on a shared machine), the spaCy components in use, and
the share of CPU time spent in spaCy, quotes, entities, dates (+ quantities) and facts (+ timeline),
measured by wrapping those functions for the run. No asserts: a measurement.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"

#: (module, attribute, part) of the functions timed separately; everything else is spaCy or glue.
TIMED: tuple[tuple[str, str, str], ...] = (
    ("newsprism.extract", "_context", "spaCy"),
    ("newsprism.extract", "extract_entities", "entities"),
    ("newsprism.extract.quotes", "extract_quotes", "quotes"),
    ("newsprism.extract", "_speaker_key", "quotes"),
    ("newsprism.extract.dates", "extract_timexes", "dates"),
    ("newsprism.extract.quantities", "extract_quantities", "dates"),
    ("newsprism.extract", "build_facts", "facts"),
    ("newsprism.extract", "sentence_spans", "facts"),
    ("newsprism.extract", "build_timeline", "facts"),
)


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, else what platform knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def articles(data: Path, limit: int) -> list[Any]:
    """Clean Articles from BBC News files, taken round-robin over the category folders."""
    from newsprism.clean import clean
    from newsprism.model import RawDocument

    folders = sorted(p for p in (data / "bbc-news" / "bbc").iterdir() if p.is_dir())
    lists = [sorted(folder.glob("*.txt")) for folder in folders]
    files = [f for group in zip(*lists, strict=False) for f in group][:limit]
    out = []
    for path in files:
        raw = RawDocument(source=str(path), content=path.read_bytes().decode("utf-8", "replace"), kind="text")
        out.append(clean(raw))
    return out


@contextmanager
def timing(spent: dict[str, float]) -> Iterator[None]:
    """Wrap the TIMED functions so that their CPU seconds add up in ``spent`` (restored after)."""
    import importlib

    saved: list[tuple[Any, str, Callable[..., Any]]] = []

    def wrap(func: Callable[..., Any], part: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - began

        return timed

    for module_name, attribute, part in TIMED:
        module = importlib.import_module(module_name)
        func = getattr(module, attribute, None)
        if func is not None:
            saved.append((module, attribute, func))
            setattr(module, attribute, wrap(func, part))
    try:
        yield
    finally:
        for module, attribute, func in saved:
            setattr(module, attribute, func)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="BBC News articles to extract (default 200)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args()
    console = Console()

    from newsprism.extract import extract_articles
    from newsprism.extract.nlp import load_nlp, model_name

    items = articles(args.data, args.limit)
    nlp = load_nlp()
    extract_articles(items[:1])  # warm-up: model load, lazy imports, compiled patterns

    wall, cpu = time.perf_counter(), time.process_time()
    extract_articles(items, n_process=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu

    spent: dict[str, float] = defaultdict(float)
    with timing(spent):
        began = time.process_time()
        extract_articles(items, n_process=1)
        total = time.process_time() - began
    spent["spaCy"] = max(0.0, total - sum(v for k, v in spent.items() if k != "spaCy"))

    chars = sum(len(a.body) for a in items) / max(1, len(items))
    table = Table(title=f"extract_articles on {len(items)} BBC News articles (mean body {chars:,.0f} chars)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("articles/s per core (CPU time)", f"{len(items) / cpu:.1f}")
    table.add_row("articles/s wall clock", f"{len(items) / wall:.1f}")
    table.add_row("ms per article (CPU)", f"{1000 * cpu / len(items):.1f}")
    for part in ("spaCy", "quotes", "entities", "dates", "facts"):
        table.add_row(f"share: {part}", f"{100 * spent[part] / total:.1f} %" if total else "-")
    table.add_row("spaCy pipeline", model_name())
    table.add_row("spaCy components", ", ".join(nlp.pipe_names))
    table.caption = (
        f"{cpu_model()}, Python {platform.python_version()}, one process. Shares from a second, "
        "instrumented run; spaCy includes the headline/standfirst parse and the glue; dates "
        "include quantities, facts the timeline."
    )
    console.print(table)


if __name__ == "__main__":
    main()
