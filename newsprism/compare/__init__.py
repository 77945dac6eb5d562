"""compare stage of newsprism: align facts across a story's articles and judge them.

    >>> from newsprism.compare import compare_story
    >>> report = compare_story(articles, extractions)   # -> StoryReport

Modules: :mod:`align` (fact alignment), :mod:`relations` (same / paraphrase / conflict
slot), :mod:`attribution` (who is quoted: speaker conflicts, moved or dropped attributions), :mod:`findings`, :mod:`provenance` (derivation edges), :mod:`corroboration`
(clusters and independent sources), :mod:`story` (the orchestrator); the pair scorer
lives in :mod:`features`, :mod:`scorer` and :mod:`semantic`.
"""

from __future__ import annotations

from newsprism.compare.story import compare_story

__all__ = ["compare_story"]
