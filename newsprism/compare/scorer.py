"""The learned sentence-pair scorer: probability that two sentences report the same thing.

A logistic regression over standardised :mod:`~newsprism.compare.features`, trained on
the MRPC training pairs by ``scripts/train_pair_scorer.py`` and shipped as JSON (never
pickle) in ``newsprism/data/models/pair_scorer.json``. Layout of that file::

    format          "newsprism.pair_scorer/1"
    idf             {"weights": {lemma: idf}, "default": idf of a hapax}
    weight_sets     {"lexical": SET, "semantic": SET}   # semantic adds the "cross" feature
      SET = {feature_names, coefficients, intercept, scaler_mean, scaler_scale,
             threshold, C, cv: {f1, accuracy, f1_sd_over_repeats, folds, repeats}, dev: {f1, accuracy, precision, recall, n}}
    training        {data, data_sha256, rows, train_rows, dev_rows, split, seed, sklearn,
                     spacy_model, embedding_model, script, cross_encoder: {...}}

The ``cross`` feature is the logit of the LoRA-tuned MiniLM cross-encoder
(:mod:`~newsprism.compare.cross_encoder`, ``semantic`` extra); the semantic set is the
lexical regression stacked with it (see ``scripts/train_pair_scorer.py``). A weight set
with the older ``cosine`` feature is no longer supported. Lexical scoring never imports torch
or numpy; :func:`fit` (used by the training script) imports scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newsprism.compare import cross_encoder
from newsprism.compare import semantic as semantic_extra
from newsprism.compare.features import FEATURE_NAMES, UNIFORM, Idf, SentenceView, feature_vector
from newsprism.errors import DependencyError

FORMAT = "newsprism.pair_scorer/1"
#: The extra feature of the semantic weight set (the cross-encoder's logit).
CROSS = "cross"
WEIGHTS_FILE = "pair_scorer.json"
#: Regularisation strengths tried by :func:`fit`, chosen by cross-validated F1.
C_GRID: tuple[float, ...] = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
THRESHOLDS: tuple[float, ...] = tuple(round(0.2 + 0.01 * i, 2) for i in range(61))


@cache
def shipped_weights() -> dict[str, Any]:
    """The parsed weights file shipped in the package (read once per process)."""
    ref = resources.files("newsprism") / "data" / "models" / WEIGHTS_FILE
    try:
        data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DependencyError("E032", WEIGHTS_FILE, detail=f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DependencyError("E032", WEIGHTS_FILE, detail=f"format is not {FORMAT}")
    return data


@cache
def shipped_idf() -> Idf:
    """The IDF table shipped with the weights (uniform weights when the file has none)."""
    try:
        table = shipped_weights().get("idf")
    except DependencyError:
        return UNIFORM
    if not table:
        return UNIFORM
    return Idf(dict(table["weights"]), float(table["default"]))


@dataclass(slots=True)
class PairScorer:
    """Logistic regression over standardised pair features (one weight set)."""

    feature_names: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    scaler_mean: tuple[float, ...]
    scaler_scale: tuple[float, ...]
    threshold: float
    semantic: bool = False
    idf: Idf = UNIFORM

    @classmethod
    def load(cls, semantic: bool | None = None) -> PairScorer:
        """The shipped scorer; ``semantic=None`` uses the cross-encoder feature iff the extra is installed.

        ``semantic=True`` without the extra raises DependencyError (E031).
        """
        if semantic is None:
            semantic = semantic_extra.available()
        elif semantic and not semantic_extra.available():
            raise DependencyError("E031", detail="sentence-transformers", extra="semantic")
        sets = shipped_weights().get("weight_sets", {})
        name = "semantic" if semantic else "lexical"
        if name not in sets:
            raise DependencyError("E032", WEIGHTS_FILE, detail=f"no {name!r} weight set")
        return cls.from_weight_set(sets[name], shipped_idf())

    @classmethod
    def from_weight_set(cls, ws: dict[str, Any], idf: Idf = UNIFORM) -> PairScorer:
        """A scorer from one ``weight_sets`` entry of the weights file."""
        names = tuple(ws["feature_names"])
        if names not in (FEATURE_NAMES, feature_names(True)):
            raise DependencyError("E032", WEIGHTS_FILE, detail="weight set features do not match this code")
        return cls(
            feature_names=names,
            coefficients=tuple(float(x) for x in ws["coefficients"]),
            intercept=float(ws["intercept"]),
            scaler_mean=tuple(float(x) for x in ws["scaler_mean"]),
            scaler_scale=tuple(float(x) for x in ws["scaler_scale"]),
            threshold=float(ws["threshold"]),
            semantic=CROSS in names,
            idf=idf,
        )

    def features(self, pairs: list[tuple[SentenceView, SentenceView]]) -> list[list[float]]:
        """Feature rows for ``pairs`` in ``feature_names`` order (runs the cross-encoder when semantic)."""
        rows = [feature_vector(a, b, self.idf) for a, b in pairs]
        if self.semantic:
            for row, z in zip(rows, cross_encoder.logits([(a.text, b.text) for a, b in pairs]), strict=True):
                row.append(z)
        return rows

    def logits(self, rows: list[list[float]]) -> list[float]:
        """The linear score (log-odds, before the sigmoid) of feature rows."""
        return linear_scores(rows, self.intercept, self.coefficients, self.scaler_mean, self.scaler_scale)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """Probability of "same thing" for feature rows built as :meth:`features` does."""
        return [1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0 for z in self.logits(rows)]

    def score(self, pairs: list[tuple[SentenceView, SentenceView]]) -> list[float]:
        """Probability that each pair of sentences reports the same thing."""
        return self.probabilities(self.features(pairs))


def linear_scores(
    rows: list[list[float]],
    intercept: float,
    coefficients: Sequence[float],
    mean: Sequence[float],
    scale: Sequence[float],
) -> list[float]:
    """Log-odds of a standardised logistic regression for each feature row."""
    out = []
    for row in rows:
        z = intercept
        for x, c, m, s in zip(row, coefficients, mean, scale, strict=True):
            z += c * (x - m) / s
        out.append(z)
    return out


def feature_names(semantic: bool) -> tuple[str, ...]:
    """Feature names of the lexical or the semantic weight set."""
    return (*FEATURE_NAMES, CROSS) if semantic else FEATURE_NAMES


def fit(
    rows: list[list[float]],
    labels: list[int],
    names: tuple[str, ...],
    seed: int = 13,
    folds: int = 5,
    repeats: int = 3,
) -> dict:
    """Train one weight set: StandardScaler + LogisticRegression, C and threshold by CV F1.

    ``repeats`` rounds of ``folds``-fold stratified cross-validation on ``rows`` (shuffled
    with seeds ``seed``, ``seed + 1``, ...) pick the C of :data:`C_GRID` and the decision
    threshold of :data:`THRESHOLDS` with the best mean out-of-fold F1 (MRPC's F1 moves a lot
    with the threshold, and one round of folds is noisy); the model is then refitted on all
    rows. Deterministic for a seed: BLAS runs single-threaded and the (Newton) solver
    converges tightly, so two runs give identical rounded weights.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    x, y = np.asarray(rows, dtype=np.float64), np.asarray(labels, dtype=np.int64)
    rounds = [
        list(StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed + r).split(x, y))
        for r in range(repeats)
    ]

    def model(c: float) -> Any:
        return make_pipeline(
            StandardScaler(), LogisticRegression(C=c, solver="newton-cholesky", tol=1e-10, max_iter=1000)
        )

    with threadpool_limits(limits=1):
        ws = _fit_folds(x, y, rounds, model, names)
    ws["cv"].update(folds=folds, repeats=repeats)
    return ws


def _fit_folds(x: Any, y: Any, rounds: list[list], model: Any, names: tuple[str, ...]) -> dict:
    """The C / threshold search of :func:`fit` and the final refit on all rows."""
    import numpy as np

    best: tuple[float, float, float, float, float] = (-1.0, 0.0, 0.0, 0.0, 0.0)  # f1, C, t, acc, sd
    gold = y.tolist()
    for c in C_GRID:
        oofs = []
        for splits in rounds:
            oof = np.zeros(len(y))
            for train_idx, test_idx in splits:
                oof[test_idx] = model(c).fit(x[train_idx], y[train_idx]).predict_proba(x[test_idx])[:, 1]
            oofs.append(oof)
        for t in THRESHOLDS:
            ms = [binary_metrics(gold, (oof >= t).astype(int).tolist()) for oof in oofs]
            f1 = float(np.mean([m["f1"] for m in ms]))
            if f1 > best[0] + 1e-12:
                acc = float(np.mean([m["accuracy"] for m in ms]))
                best = (f1, c, t, acc, float(np.std([m["f1"] for m in ms])))
    f1, c, threshold, accuracy, sd = best
    pipe = model(c).fit(x, y)
    scaler, lr = pipe[0], pipe[1]
    return {
        "feature_names": list(names),
        "coefficients": [round(float(v), 8) for v in lr.coef_[0]],
        "intercept": round(float(lr.intercept_[0]), 8),
        "scaler_mean": [round(float(v), 8) for v in scaler.mean_],
        "scaler_scale": [round(float(v), 8) for v in scaler.scale_],
        "threshold": threshold,
        "C": c,
        "cv": {"f1": round(f1, 4), "accuracy": round(accuracy, 4), "f1_sd_over_repeats": round(sd, 4)},
    }


def binary_metrics(gold: list[int], predicted: list[int]) -> dict[str, float]:
    """Accuracy, precision, recall and F1 of the positive class."""
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 1 and p == 1)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 0 and p == 1)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == 1 and p == 0)
    n = len(gold)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = (n - fp - fn) / n if n else 0.0
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}
