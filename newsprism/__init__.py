"""newsprism: what the coverage of a story really says, fact by fact, with evidence.

The shortest use::

    import newsprism
    report = newsprism.analyze(["coverage/"])      # read -> clean -> extract -> compare, in memory
    summary = newsprism.ingest(["coverage/"], db="news.db")   # into the SQLite store

Heavy modules (spaCy, trafilatura) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Store", "__version__", "analyze", "ingest"]

if TYPE_CHECKING:
    from newsprism.model import StoryReport
    from newsprism.pipeline import IngestSummary


def analyze(sources: Any, **options: Any) -> StoryReport:
    """Read, clean, extract and compare ``sources`` in memory; the story dossier (see newsprism.analysis)."""
    from newsprism.analysis import analyze as _analyze

    return _analyze(sources, **options)


def ingest(sources: Any, **options: Any) -> IngestSummary:
    """Ingest ``sources`` into the SQLite store (see newsprism.pipeline.ingest)."""
    from newsprism.pipeline import ingest as _ingest

    return _ingest(sources, **options)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from newsprism.store import Store

        return Store
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
