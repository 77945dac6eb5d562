"""Cost of comparing a story: the lexical pair scorer against the ``semantic`` extra's cross-encoder.

    python benchmarks/bench_compare.py [--repeat 3]

Reads, cleans and extracts the bundled demo story (4 articles) and, when ``../shared/examples``
is present, the examples pair, before the clock starts. Then times
``newsprism.compare.compare_story`` with the lexical scorer and, when the extra is installed,
with the cross-encoder (its model load is done once before timing). Prints, per story and
scorer: sentence pairs scored, seconds (best of ``--repeat``, wall and CPU), pairs per
CPU-second, and the findings above low severity. No asserts: a measurement.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT.parent / "shared" / "examples"


def stories() -> dict[str, tuple[list[Any], list[Any]]]:
    """Name -> (articles, extractions) of the demo story and, when present, the examples pair."""
    from newsprism.analysis import read_articles
    from newsprism.demo import demo_sources
    from newsprism.extract import extract_articles

    sources = {"demo (4 articles)": demo_sources()}
    if EXAMPLES.is_dir():
        sources["examples pair"] = [str(EXAMPLES)]
    out = {}
    for name, paths in sources.items():
        articles, _ = read_articles(paths)
        out[name] = (articles, extract_articles(articles, n_process=1))
    return out


class CountingScorer:
    """A PairScorer wrapper that counts the sentence pairs it scores."""

    def __init__(self, scorer: Any) -> None:
        self.scorer, self.pairs = scorer, 0

    def __getattr__(self, name: str) -> Any:  # threshold, features, ...: the wrapped scorer's
        return getattr(self.scorer, name)

    def score(self, pairs: list[Any]) -> list[float]:
        self.pairs += len(pairs)
        return self.scorer.score(pairs)


def timed(articles: list[Any], extractions: list[Any], scorer: Any, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` wall and CPU seconds of one comparison, pairs scored, findings shown."""
    from newsprism.compare import compare_story

    best: dict[str, float] = {}
    for _ in range(repeat):
        counting = CountingScorer(scorer)
        wall, cpu = time.perf_counter(), time.process_time()
        report = compare_story(articles, extractions, scorer=counting)  # type: ignore[arg-type]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if not best or cpu < best["cpu"]:
            shown = sum(1 for f in report.findings if f.severity != "low")
            best = {"wall": wall, "cpu": cpu, "pairs": counting.pairs, "findings": shown}
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the best is kept)")
    args = parser.parse_args()

    from newsprism.compare import semantic
    from newsprism.compare.scorer import PairScorer

    data = stories()
    scorers = {"lexical": PairScorer.load(semantic=False)}
    if semantic.available():
        scorers["lexical + cross-encoder"] = PairScorer.load(semantic=True)
        first = next(iter(data.values()))
        timed(*first, scorers["lexical + cross-encoder"], 1)  # loads the model once, untimed
    table = Table(title="compare_story: pair scorer cost", header_style="bold")
    for col in ("story", "scorer", "pairs scored", "wall s", "CPU s", "pairs / CPU-s", "findings > low"):
        table.add_column(col, justify="left" if col in {"story", "scorer"} else "right")
    for name, (articles, extractions) in data.items():
        for label, scorer in scorers.items():
            m = timed(articles, extractions, scorer, args.repeat)
            rate = m["pairs"] / m["cpu"] if m["cpu"] else 0.0
            table.add_row(
                name,
                label,
                f"{m['pairs']:.0f}",
                f"{m['wall']:.2f}",
                f"{m['cpu']:.2f}",
                f"{rate:,.0f}",
                f"{m['findings']:.0f}",
            )
    if not semantic.available():
        table.caption = "the semantic extra is not installed: lexical only"
    Console().print(table)


if __name__ == "__main__":
    main()
