"""Train the sentence-pair scorer on MRPC and write newsprism/data/models/pair_scorer.json.

    python scripts/train_pair_scorer.py [--data ../shared/data/mrpc/train.jsonl] [--no-semantic]

Reproducible: the dev split (label-stratified 10 %, seed 13) is defined in
:mod:`newsprism.eval.paraphrase`; the IDF table comes from the train part's sentences;
C and the threshold are chosen by the best mean F1 over 3 rounds of 5-fold cross-validation
on the train part (seeds 13, 14, 15);
dev is scored once, after training, and recorded in the file. Two weight sets are
written: ``lexical`` and ``semantic`` (plus the MiniLM cosine; needs the ``semantic``
extra, otherwise the previous semantic set is kept when its features still match).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from newsprism.compare import semantic as semantic_extra
from newsprism.compare.features import SentenceView, compute_idf, feature_vector
from newsprism.compare.scorer import FORMAT, PairScorer, binary_metrics, feature_names, fit
from newsprism.eval.paraphrase import DEV_SHARE, SPLIT_SEED, read_rows, sentence_views, split_labels

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "mrpc" / "train.jsonl"
DEFAULT_OUT = ROOT / "newsprism" / "data" / "models" / "pair_scorer.json"
SEED = 13


def feature_rows(
    pairs: list[tuple[SentenceView, SentenceView]], idf: Any, cosines: list[float] | None
) -> list[list[float]]:
    """Lexical feature rows, with the cosine appended when ``cosines`` is given."""
    rows = [feature_vector(a, b, idf) for a, b in pairs]
    if cosines is not None:
        for row, cos in zip(rows, cosines, strict=True):
            row.append(cos)
    return rows


def train(
    rows: list[dict[str, Any]],
    pairs: list[tuple[SentenceView, SentenceView]] | None = None,
    cosines: list[float] | None = None,
    seed: int = SEED,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Fit the IDF table and one weight set on ``rows`` (semantic when ``cosines`` is given).

    Returns ``(idf_table, weight_set)`` as stored in the weights file.
    """
    pairs = pairs if pairs is not None else sentence_views(rows)
    texts: dict[str, list[str]] = {}
    for a, b in pairs:
        texts[a.text], texts[b.text] = a.content_lemmas, b.content_lemmas
    idf = compute_idf(texts[t] for t in sorted(texts))
    x = feature_rows(pairs, idf, cosines)
    ws = fit(x, [row["label"] for row in rows], feature_names(cosines is not None), seed=seed)
    return {"weights": dict(idf.weights), "default": idf.default}, ws


def dev_metrics(
    ws: dict[str, Any], idf: Any, pairs: list, labels: list[int], cosines: list[float] | None
) -> dict:
    """Dev-set accuracy, precision, recall and F1 of one weight set at its threshold."""
    scorer = PairScorer.from_weight_set(ws, idf)
    probs = scorer.probabilities(feature_rows(pairs, idf, cosines))
    m = binary_metrics(labels, [int(p >= ws["threshold"]) for p in probs])
    return {**{k: round(v, 4) for k, v in m.items()}, "n": len(labels)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MRPC train.jsonl (tidy format)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="weights JSON to write")
    parser.add_argument("--no-semantic", action="store_true", help="skip the embedding weight set")
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
    if not args.no_semantic and semantic_extra.available():
        train_cos = semantic_extra.cosines([(a.text, b.text) for a, b in train_pairs])
        dev_cos = semantic_extra.cosines([(a.text, b.text) for a, b in dev_pairs])
        _, semantic_set = train(train_rows, train_pairs, train_cos, seed=SEED)
        semantic_set["dev"] = dev_metrics(semantic_set, idf, dev_pairs, dev_labels, dev_cos)
        embedding_model = semantic_extra.MODEL_NAME
        print(f"semantic: cv {semantic_set['cv']}, dev {semantic_set['dev']}", file=sys.stderr)
    elif semantic_set is None:
        print("semantic extra absent: the semantic weight set is missing", file=sys.stderr)

    import sklearn

    payload = {
        "format": FORMAT,
        "training": {
            "data": "MRPC msr_paraphrase_train (tidy train.jsonl)",
            "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
            "rows": len(all_rows),
            "train_rows": len(train_rows),
            "dev_rows": len(dev_rows),
            "split": f"label-stratified {DEV_SHARE:.0%} dev, random.Random({SPLIT_SEED}) shuffle per label",
            "seed": SEED,
            "sklearn": sklearn.__version__,
            "spacy_model": model_name(),
            "embedding_model": embedding_model,
            "script": "scripts/train_pair_scorer.py",
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
