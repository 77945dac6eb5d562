"""Dask worker plugin: the spaCy pipeline loaded once per worker process, when the worker starts."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin


class NlpPlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads (and caches in the worker process) the English pipeline; tasks then reuse it."""

    name = "newsprism-nlp"

    def setup(self, worker: Any) -> None:
        """Load :func:`newsprism.extract.nlp.load_nlp` in the worker process."""
        from newsprism.extract.nlp import load_nlp

        load_nlp()
