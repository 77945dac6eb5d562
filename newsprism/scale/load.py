"""Loading a batch's result into the SQLite store, by this one writer, in one transaction.

Idempotent by fingerprint: an article already stored (an earlier run, a retried shard, another
ingest) is not written again, so running the same batch twice loads nothing the second time; a
stored text printed by another outlet is not kept as a reprint here, as ``newsprism ingest``
keeps it (the batch has already merged its copies by fingerprint). In
a store where nothing is grouped yet the batch's grouping is adopted as is (story ids, stories,
links, and both indexes as the saved group state, so ingest goes on incrementally from it);
otherwise the new articles are grouped incrementally into the stored stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsprism.scale.reduce import Reduced


@dataclass(slots=True)
class LoadReport:
    """What loading did: articles written, already stored, and whether the grouping was adopted."""

    loaded: int
    already: int
    adopted: bool
    grouped_incrementally: int = 0


def load_into_store(reduced: Reduced, db: Path | str) -> LoadReport:
    """Write ``reduced`` into the store at ``db`` (see the module docstring)."""
    from newsprism.group.assign import group_pending
    from newsprism.store import Store

    with Store.open(db, write_time_limit=None) as store:
        adopt = not store.execute_read(
            "SELECT 1 FROM articles WHERE story_flags IS NOT NULL LIMIT 1"
        ) and not store.execute_read("SELECT 1 FROM group_state LIMIT 1")
        with store.transaction():
            statuses = store.add_articles(reduced.articles, reprints=False)
            fresh = {a.id for a, st in zip(reduced.articles, statuses, strict=True) if st != "duplicate"}
            for aid in sorted(fresh & set(reduced.extractions)):
                store.save_extraction(reduced.extractions[aid])
            if adopt:
                store.assign_stories((a.article_id, a.story_id, a.flags) for a in reduced.assignments)
                store.upsert_stories(reduced.stories)
                store.add_duplicates(reduced.links)
                reduced.clusterer.frozen = False  # incremental ingest continues from this state
                store.save_group_state(reduced.dedup, reduced.clusterer)
        report = LoadReport(len(fresh), len(statuses) - len(fresh), adopt)
        if not adopt:
            report.grouped_incrementally = len(group_pending(store).assignments)
    return report
