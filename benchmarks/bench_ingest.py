"""Whole-ingest throughput: read -> clean -> store into a fresh temporary SQLite file, then the
same sources again (every article a duplicate), with newsprism.pipeline.ingest(extract=False).

    python benchmarks/bench_ingest.py [--corpus bbc|reuters] [--limit N] [--data ../shared/data]

bbc: the BBC News text files (bbc/<category>/NNN.txt, one article each, read as text files).
reuters: the Reuters-21578 JSONL ({title, dateline, date, body, ...}, one record per line).
With --limit the first N files / lines are copied to the temporary folder first (not timed).
No asserts: a measurement.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_clean import cpu_model  # noqa: E402  (sibling script)


def sources(corpus: str, data: Path, limit: int | None, workdir: Path) -> list[str]:
    """The paths to ingest; with a limit, a copy of the first N documents inside ``workdir``."""
    if corpus == "bbc":
        root = data / "bbc-news" / "bbc"
        categories = sorted(p for p in root.iterdir() if p.is_dir())
        if limit is None:
            return [str(p) for p in categories]
        files = sorted(root.glob("*/*.txt"))[:limit]
        for path in files:
            target = workdir / "src" / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return [str(workdir / "src")]
    file = data / "reuters21578" / "reuters21578.jsonl"
    if limit is None:
        return [str(file)]
    target = workdir / "reuters.jsonl"
    with file.open("rb") as src, target.open("wb") as dst:
        for _, line in zip(range(limit), src, strict=False):
            dst.write(line)
    return [str(target)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("bbc", "reuters"), default="bbc")
    parser.add_argument("--limit", type=int, default=None, help="documents to ingest (default: all)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=64_000_000,
        help="input cap (the Reuters JSONL is ~27 MB, above the default)",
    )
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 150)
    from newsprism.settings import IngestOptions

    try:
        from newsprism.pipeline import ingest
    except ImportError as err:
        console.print(f"[red]newsprism.pipeline.ingest is not available: {err}[/red]")
        return 1

    table = Table(title=f"Ingest into SQLite ({args.corpus}, extract=False, 1 process) — CPU: {cpu_model()}")
    for name in (
        "Pass",
        "Read",
        "Stored",
        "Duplicates",
        "Refused",
        "Wall s",
        "Articles/s",
        "Per CPU-s",
        "DB MiB",
    ):
        table.add_column(name, justify="left" if name == "Pass" else "right")
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        workdir = Path(tmp)
        srcs = sources(args.corpus, args.data, args.limit, workdir)
        db = workdir / "bench.db"
        refusal_reasons: dict[str, int] = {}
        for label in ("first ingest", "again (duplicates)"):
            wall, cpu = time.perf_counter(), time.process_time()
            summary = ingest(srcs, db=db, options=IngestOptions(max_bytes=args.max_bytes), extract=False)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            read = summary.read
            size = sum(p.stat().st_size for p in workdir.glob("bench.db*")) / 2**20
            table.add_row(
                label,
                str(read),
                str(len(summary.ingested) + len(summary.superseded)),
                str(len(summary.duplicates)),
                str(len(summary.refusals)),
                f"{wall:.2f}",
                f"{read / wall:.1f}" if wall else "-",
                f"{read / cpu:.1f}" if cpu else "-",
                f"{size:.1f}",
            )
            for refusal in summary.refusals:
                refusal_reasons[refusal.code] = refusal_reasons.get(refusal.code, 0) + 1
    console.print(table)
    if refusal_reasons:
        console.print(
            "Refusals by code: " + ", ".join(f"{k} x{v}" for k, v in sorted(refusal_reasons.items()))
        )
    console.print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
