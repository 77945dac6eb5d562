"""Generic scoring helpers shared by every evaluation task: counts, P/R/F1, bootstrap.

Nothing here knows about a particular dataset. Counts are ``(tp, fp, fn)`` triples, either
raw or normalised per item; "macro" scores average per-item precision and recall.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

Counts = tuple[float, float, float]
T = TypeVar("T")

_WORD = re.compile(r"\w+")


def word_tokens(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text`` (case kept)."""
    return _WORD.findall(text or "")


def shingles(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Word n-grams with their counts; a text shorter than ``n`` is one shorter shingle."""
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match_counts(true: Counter[Hashable], pred: Counter[Hashable]) -> Counts:
    """TP/FP/FN between two multisets: overlap, predicted surplus, missed remainder."""
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    return float(tp), float(fp), float(fn)


def normalise(counts: Counts) -> Counts:
    """Counts divided by their sum, so that every item weighs the same (zeros stay zeros)."""
    total = sum(counts)
    if total <= 0:
        return counts
    tp, fp, fn = counts
    return tp / total, fp / total, fn / total


def precision(counts: Counts) -> float:
    """tp / (tp + fp); 1.0 when nothing was expected nor predicted wrongly, 0.0 when nothing hit."""
    tp, fp, fn = counts
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(counts: Counts) -> float:
    """tp / (tp + fn), with the same edge cases as :func:`precision`."""
    tp, fp, fn = counts
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def micro_prf(items: Iterable[Counts]) -> dict[str, float]:
    """Precision, recall, F1 of the summed counts."""
    tp = fp = fn = 0.0
    for a, b, c in items:
        tp, fp, fn = tp + a, fp + b, fn + c
    p, r = precision((tp, fp, fn)), recall((tp, fp, fn))
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def macro_prf(items: Sequence[Counts]) -> dict[str, float]:
    """Per-item precision (items that predicted something) and recall (items that expected
    something) averaged over items; F1 is the harmonic mean of the two averages."""
    ps = [precision(c) for c in items if c[0] + c[1] > 0]
    rs = [recall(c) for c in items if c[0] + c[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def bootstrap_std(
    items: Sequence[T],
    statistic: Callable[[Sequence[T]], dict[str, float]],
    n: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """Standard deviation of each value of ``statistic`` over ``n`` resamples with replacement.

    The seed lives in a private ``random.Random``, so results are reproducible and the global
    random state is untouched. Returns ``{}`` when there are fewer than 2 resamples or no items.
    """
    if n < 2 or not items:
        return {}
    rng = random.Random(seed)
    size = len(items)
    samples: dict[str, list[float]] = {}
    for _ in range(n):
        resample = [items[rng.randrange(size)] for _ in range(size)]
        for key, value in statistic(resample).items():
            samples.setdefault(key, []).append(value)
    return {key: statistics.stdev(values) for key, values in samples.items()}
