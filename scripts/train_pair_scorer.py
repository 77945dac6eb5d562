"""Train the sentence-pair scorer on MRPC and write newsprism/data/models/pair_scorer.json.

    python scripts/train_cross_encoder.py     # first, for the semantic set (semantic extra)
    python scripts/train_pair_scorer.py [--data ../shared/data/mrpc/train.jsonl] [--no-semantic]

Reproducible: the dev split (label-stratified 10 %, seed 13) is defined in
:mod:`newsprism.eval.paraphrase`; the IDF table comes from the train part's sentences;
C and the threshold are chosen by the best mean F1 over 3 rounds of 5-fold cross-validation
on the train part (seeds 13, 14, 15);
dev is scored once, after training, and recorded in the file. Two weight sets are
written: ``lexical`` and ``semantic``.

The semantic set stacks the cross-encoder logit (feature ``cross``) onto the lexical
regression, using only pairs the cross-encoder never saw: ``train_cross_encoder.py`` held
out a calibration slice of the train part (its logits are in ``--calibration``). A lexical
regression is fitted on the rest of the train part (the cross-encoder's fit slice); on the
calibration slice a two-feature regression over (lexical logit, cross logit) is fitted
(C and threshold by the same repeated CV, on the slice), and the two are folded into one
weight set over the lexical features + ``cross``. Without the extra or the calibration
file, the previous semantic set is kept when its features still match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from newsprism.compare import cross_encoder
from newsprism.compare import semantic as semantic_extra
from newsprism.compare.features import FEATURE_NAMES, SentenceView, compute_idf, feature_vector
from newsprism.compare.scorer import CROSS, FORMAT, PairScorer, binary_metrics, feature_names, fit
from newsprism.compare.scorer import linear_scores as scorer_linear_scores
from newsprism.eval.paraphrase import DEV_SHARE, SPLIT_SEED, read_rows, sentence_views, split_labels

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "mrpc" / "train.jsonl"
DEFAULT_OUT = ROOT / "newsprism" / "data" / "models" / "pair_scorer.json"
DEFAULT_CALIBRATION = ROOT / "build" / "cross_encoder_calibration.json"
SEED = 13


def feature_rows(
    pairs: list[tuple[SentenceView, SentenceView]], idf: Any, cross: list[float] | None
) -> list[list[float]]:
    """Lexical feature rows, with the cross-encoder logit appended when ``cross`` is given."""
    rows = [feature_vector(a, b, idf) for a, b in pairs]
    if cross is not None:
        for row, z in zip(rows, cross, strict=True):
            row.append(z)
    return rows


def train(
    rows: list[dict[str, Any]],
    pairs: list[tuple[SentenceView, SentenceView]] | None = None,
    cross: list[float] | None = None,
    seed: int = SEED,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the IDF table and one weight set on ``rows`` (with the ``cross`` feature when given).

    Returns ``(idf_table, weight_set)`` as stored in the weights file.
    """
    pairs = pairs if pairs is not None else sentence_views(rows)
    texts: dict[str, list[str]] = {}
    for a, b in pairs:
        texts[a.text], texts[b.text] = a.content_lemmas, b.content_lemmas
    idf = compute_idf(texts[t] for t in sorted(texts))
    x = feature_rows(pairs, idf, cross)
    ws = fit(x, [row["label"] for row in rows], feature_names(cross is not None), seed=seed)
    return {"weights": dict(idf.weights), "default": idf.default}, ws


def dev_metrics(
    ws: dict[str, Any], idf: Any, pairs: list, labels: list[int], cross: list[float] | None
) -> dict:
    """Dev-set accuracy, precision, recall and F1 of one weight set at its threshold."""
    scorer = PairScorer.from_weight_set(ws, idf)
    probs = scorer.probabilities(feature_rows(pairs, idf, cross))
    m = binary_metrics(labels, [int(p >= ws["threshold"]) for p in probs])
    return {**{k: round(v, 4) for k, v in m.items()}, "n": len(labels)}


def linear_scores(ws: dict[str, Any], rows: list[list[float]]) -> list[float]:
    """The linear score (log-odds, before the sigmoid) of a weight set for feature rows."""
    return scorer_linear_scores(
        rows, ws["intercept"], ws["coefficients"], ws["scaler_mean"], ws["scaler_scale"]
    )


def stack(
    idf: Any,
    pairs: list[tuple[SentenceView, SentenceView]],
    labels: list[int],
    calibration: dict[str, Any],
    seed: int = SEED,
) -> dict[str, Any]:
    """The semantic weight set: lexical regression (fit slice) stacked with ``cross`` (calibration slice).

    ``pairs``/``labels`` are the whole train part; ``calibration`` is the file written by
    ``train_cross_encoder.py`` (row indices of the held-out slice and their logits).
    """
    held = set(calibration["rows"])
    fit_idx = [i for i in range(len(pairs)) if i not in held]
    cal_idx = list(calibration["rows"])
    x = feature_rows(pairs, idf, None)
    lex = fit([x[i] for i in fit_idx], [labels[i] for i in fit_idx], FEATURE_NAMES, seed=seed)
    z_lex = linear_scores(lex, [x[i] for i in cal_idx])
    top = fit(
        [[z, c] for z, c in zip(z_lex, calibration["logits"], strict=True)],
        [labels[i] for i in cal_idx],
        ("lexical", CROSS),
        seed=seed,
    )
    # z = b0 + a (z_lex - m_z) / s_z + b (cross - m_c) / s_c, with z_lex itself linear in the
    # standardised lexical features: fold a / s_z into the lexical coefficients.
    (a, b), (m_z, m_c), (s_z, s_c) = top["coefficients"], top["scaler_mean"], top["scaler_scale"]
    k = a / s_z
    return {
        "feature_names": list(feature_names(True)),
        "coefficients": [round(k * c, 8) for c in lex["coefficients"]] + [b],
        "intercept": round(top["intercept"] + k * (lex["intercept"] - m_z), 8),
        "scaler_mean": [*lex["scaler_mean"], m_c],
        "scaler_scale": [*lex["scaler_scale"], s_c],
        "threshold": top["threshold"],
        "C": top["C"],
        "cv": {**top["cv"], "rows": len(cal_idx), "on": "calibration slice (stacking regression)"},
        "stack": {"lexical": lex, "top": top, "fit_rows": len(fit_idx), "calibration_rows": len(cal_idx)},
    }


def read_calibration(path: Path, data_sha: str, train_rows: int) -> dict[str, Any] | None:
    """The cross-encoder's calibration logits, if they exist and match the data and shipped adapter."""
    if not path.exists():
        print(f"{path} missing: run scripts/train_cross_encoder.py first", file=sys.stderr)
        return None
    cal = json.loads(path.read_text(encoding="utf-8"))
    adapter_sha = hashlib.sha256(cross_encoder.adapter_ref().read_bytes()).hexdigest()
    if (cal["data_sha256"], cal["train_rows"], cal["adapter_sha256"]) != (data_sha, train_rows, adapter_sha):
        print(f"{path} does not match the data or the shipped adapter: retrain", file=sys.stderr)
        return None
    return cal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MRPC train.jsonl (tidy format)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="weights JSON to write")
    parser.add_argument(
        "--calibration", type=Path, default=DEFAULT_CALIBRATION, help="cross-encoder calibration logits"
    )
    parser.add_argument("--no-semantic", action="store_true", help="skip the cross-encoder weight set")
    args = parser.parse_args(argv)

    from newsprism.compare.features import Idf
    from newsprism.extract.nlp import model_name

    all_rows = read_rows(args.data)
    split = split_labels(all_rows)
    train_rows = [r for r, s in zip(all_rows, split, strict=True) if s == "train"]
    dev_rows = [r for r, s in zip(all_rows, split, strict=True) if s == "dev"]
    print(f"rows {len(all_rows)}: train {len(train_rows)}, dev {len(dev_rows)}", file=sys.stderr)
    train_pairs, dev_pairs = sentence_views(train_rows), sentence_views(dev_rows)
    dev_labels = [r["label"] for r in dev_rows]

    idf_table, lexical = train(train_rows, train_pairs, seed=SEED)
    idf = Idf(idf_table["weights"], idf_table["default"])
    lexical["dev"] = dev_metrics(lexical, idf, dev_pairs, dev_labels, None)
    print(f"lexical: cv {lexical['cv']}, dev {lexical['dev']}", file=sys.stderr)

    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    semantic_set = previous.get("weight_sets", {}).get("semantic")
    if semantic_set and semantic_set.get("feature_names") != list(feature_names(True)):
        semantic_set = None  # trained on other features: unusable with this code
    embedding_model = previous.get("training", {}).get("embedding_model")
    cross_info = previous.get("training", {}).get("cross_encoder")
    data_sha = hashlib.sha256(args.data.read_bytes()).hexdigest()
    cal = None
    if not args.no_semantic and semantic_extra.available():
        cal = read_calibration(args.calibration, data_sha, len(train_rows))
    if cal is not None:
        semantic_set = stack(idf, train_pairs, [r["label"] for r in train_rows], cal, seed=SEED)
        dev_cross = cross_encoder.logits([(a.text, b.text) for a, b in dev_pairs])
        semantic_set["dev"] = dev_metrics(semantic_set, idf, dev_pairs, dev_labels, dev_cross)
        embedding_model = semantic_extra.MODEL_NAME
        cross_info = {
            "adapter": f"newsprism/data/models/{cross_encoder.ADAPTER_FILE}",
            "adapter_sha256": cal["adapter_sha256"],
            "base_sha256": cal["base_sha256"],
            "recipe": cal["recipe"],
            "train_seconds": cal["train_seconds"],
            "calibration_f1_at_0": cal["f1_at_0"],
            "calibration_accuracy_at_0": cal["accuracy_at_0"],
            "script": "scripts/train_cross_encoder.py",
        }
        print(f"semantic: cv {semantic_set['cv']}, dev {semantic_set['dev']}", file=sys.stderr)
    elif semantic_set is None:
        print("semantic extra or calibration absent: the semantic weight set is missing", file=sys.stderr)

    import sklearn

    payload = {
        "format": FORMAT,
        "training": {
            "data": "MRPC msr_paraphrase_train (tidy train.jsonl)",
            "data_sha256": data_sha,
            "rows": len(all_rows),
            "train_rows": len(train_rows),
            "dev_rows": len(dev_rows),
            "split": f"label-stratified {DEV_SHARE:.0%} dev, random.Random({SPLIT_SEED}) shuffle per label",
            "seed": SEED,
            "sklearn": sklearn.__version__,
            "spacy_model": model_name(),
            "embedding_model": embedding_model,
            "script": "scripts/train_pair_scorer.py",
            **({"cross_encoder": cross_info} if cross_info else {}),
        },
        "weight_sets": {"lexical": lexical, **({"semantic": semantic_set} if semantic_set else {})},
        "idf": idf_table,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
