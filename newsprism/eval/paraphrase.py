"""MRPC paraphrase evaluation of the pair scorer (accuracy, precision, recall, F1).

Reads the tidy MRPC JSONL (one ``{label, id1, id2, sentence1, sentence2}`` object a line).
MRPC's test file is withheld here, so the dev set is carved out of ``train.jsonl``:
:func:`split_rows` puts a fixed, label-stratified 10 % of the rows (shuffled with seed 13)
in ``dev`` and the rest in ``train``. The scorer is trained on ``train`` only (threshold
by cross-validation there) and ``dev`` is reported once.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.eval.jsonl import jsonl_rows

if TYPE_CHECKING:
    from rich.table import Table

    from newsprism.compare.features import SentenceView

SPLIT_SEED = 13
DEV_SHARE = 0.10
MAX_BYTES = 50_000_000  # MRPC train is 1.3 MB; refuse anything absurdly larger
MAX_SENTENCE_CHARS = 5_000
OPTIONS = frozenset({"threshold", "limit"})

#: Published MRPC test-set figures (from ../shared/data/mrpc/README.md): system, accuracy, F1.
PUBLISHED: tuple[tuple[str, float | None, float], ...] = (
    ("Majority class (all paraphrase)", 66.5, 79.9),
    ("Mihalcea et al. 2006 (unsupervised word similarity)", 70.3, 81.3),
    ("Rus et al. 2008 (graph subsumption)", 70.6, 80.5),
    ("Qiu et al. 2006", 72.0, 81.6),
    ("Wan et al. 2006 (dependency features, supervised)", 75.6, 83.0),
    ("BERT-base / BERT-large (GLUE test)", None, 88.9),
)


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a tidy MRPC JSONL file, validated; InputError E040 naming the problem."""
    rows: list[dict[str, Any]] = []
    for number, row in jsonl_rows(path, MAX_BYTES):
        if not isinstance(row, dict):
            raise InputError("E040", str(path), detail=f"line {number}: not a JSON object")
        rows.append(_check_row(row, path, number))
    if not rows:
        raise InputError("E040", str(path), detail="no rows")
    return rows


def _check_row(row: dict[str, Any], path: Path, number: int) -> dict[str, Any]:
    for key in ("sentence1", "sentence2"):
        value = row.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_SENTENCE_CHARS:
            raise InputError("E040", str(path), detail=f"line {number}: {key} missing, empty or too long")
    if row.get("label") not in (0, 1, "0", "1"):
        raise InputError("E040", str(path), detail=f"line {number}: label must be 0 or 1")
    return {
        "label": int(row["label"]),
        "id1": str(row.get("id1", "")),
        "id2": str(row.get("id2", "")),
        "sentence1": row["sentence1"],
        "sentence2": row["sentence2"],
    }


def split_labels(
    rows: list[dict[str, Any]], seed: int = SPLIT_SEED, dev_share: float = DEV_SHARE
) -> list[str]:
    """``"train"`` or ``"dev"`` for each row: per label, a seeded shuffle sends ``dev_share`` to dev."""
    out = ["train"] * len(rows)
    rng = random.Random(seed)
    for label in (0, 1):
        idx = [i for i, row in enumerate(rows) if row["label"] == label]
        rng.shuffle(idx)
        for i in idx[: round(len(idx) * dev_share)]:
            out[i] = "dev"
    return out


def split_rows(rows: list[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    """The rows of ``split`` (``train`` or ``dev``); all rows for None or ``all``."""
    if split is None or split == "all":
        return rows
    if split not in ("train", "dev"):
        raise ValueError(f"split must be 'train', 'dev', 'all' or None, not {split!r}")
    return [row for row, s in zip(rows, split_labels(rows), strict=True) if s == split]


def sentence_views(
    rows: list[dict[str, Any]], batch_size: int = 256
) -> list[tuple[SentenceView, SentenceView]]:
    """Parse every distinct sentence once with spaCy (``nlp.pipe``) and pair up the views."""
    from newsprism.compare.features import view_from_doc
    from newsprism.extract.nlp import load_nlp

    texts = sorted({row[k] for row in rows for k in ("sentence1", "sentence2")})
    views = {
        t: view_from_doc(doc)
        for t, doc in zip(texts, load_nlp().pipe(texts, batch_size=batch_size), strict=True)
    }
    return [(views[row["sentence1"]], views[row["sentence2"]]) for row in rows]


def evaluate(
    path: Path, split: str | None = "dev", semantic: bool | None = None, **options: Any
) -> dict[str, Any]:
    """Score the pairs of ``path`` (rows of ``split``; None = all) and measure against the labels.

    ``semantic=None`` uses the cross-encoder feature iff the extra is installed. ``seconds`` is the
    whole run (spaCy parsing included); ``pairs_per_second`` times the scorer alone. Options:
    ``threshold`` (override the shipped decision threshold), ``limit`` (first N rows).
    """
    from newsprism.compare.scorer import PairScorer, binary_metrics

    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"unknown evaluate() options: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    rows = split_rows(read_rows(Path(path)), split)
    if options.get("limit") is not None:
        rows = rows[: int(options["limit"])]
    if not rows:
        raise InputError("E040", str(path), detail=f"no rows in split {split!r}")
    scorer = PairScorer.load(semantic=semantic)
    threshold = float(options["threshold"]) if options.get("threshold") is not None else scorer.threshold
    pairs = sentence_views(rows)
    scoring = time.perf_counter()
    probs = scorer.score(pairs)
    scoring = time.perf_counter() - scoring
    gold = [row["label"] for row in rows]
    metrics = binary_metrics(gold, [int(p >= threshold) for p in probs])
    return {
        "path": str(path),
        "split": split,
        "n": len(rows),
        "positives": sum(gold),
        **{k: round(v, 4) for k, v in metrics.items()},
        "threshold": threshold,
        "semantic": scorer.semantic,
        "seconds": round(time.perf_counter() - started, 2),
        "pairs_per_second": round(len(rows) / scoring) if scoring > 0 else None,
        "published": [{"system": s, "accuracy": a, "f1": f} for s, a, f in PUBLISHED],
        "published_note": "published figures are on the MRPC test set; ours on the held-out part of train",
    }


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table: our figures first, then the published MRPC results for context."""
    from rich.table import Table

    mode = "lexical + cross-encoder" if metrics["semantic"] else "lexical"
    title = (
        f"MRPC paraphrase, {metrics['split'] or 'all'} rows (n={metrics['n']}, threshold {metrics['threshold']:.2f}, "
        f"{metrics['seconds']:.1f} s; scorer {metrics.get('pairs_per_second') or '?'} pairs/s)"
    )
    table = Table(title=title, caption=metrics.get("published_note"))
    for name in ("System", "Acc", "P", "R", "F1"):
        table.add_column(name, justify="left" if name == "System" else "right")
    table.add_row(
        f"newsprism pair scorer ({mode})",
        *(f"{100 * metrics[k]:.1f}" for k in ("accuracy", "precision", "recall", "f1")),
        style="bold",
    )
    for row in metrics.get("published", []):
        acc = "—" if row["accuracy"] is None else f"{row['accuracy']:.1f}"
        table.add_row(row["system"], acc, "", "", f"{row['f1']:.1f}")
    return table
