"""Loading a batch's result into the SQLite store, by this one writer, in one transaction.

The articles are added as ``newsprism ingest`` adds them (:meth:`Store.add_articles`, each
reprint by its text): one already stored from the same publication (an earlier run, a retried
shard, another ingest) is not written again, so running the same batch twice loads nothing the
second time; a stored text printed by another publication is kept as a reprint of the article
stored first with it, under the reprint's id (an id the batch gave otherwise is replaced by it,
extraction included). In a store where nothing is grouped yet the batch's grouping is adopted as
is (story ids, stories, links, and both indexes as the saved group state, so ingest goes on
incrementally from it), unless the store gave some article another id than the batch did (its
text was stored already): then, as otherwise, the new articles are grouped incrementally into
the stored stories.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from newsprism.clean.normalize import article_id
from newsprism.model import Article
from newsprism.scale.reduce import Reduced, with_article_id


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
            added = [_as_read(a, reduced.texts.get(a.id)) for a in reduced.articles]
            statuses = store.add_articles(added)  # sets each id to that of the row that holds it
            loaded = 0
            for mine, held, status in zip(reduced.articles, added, statuses, strict=True):
                if status == "duplicate":
                    continue
                loaded += 1
                if mine.id in reduced.extractions:
                    store.save_extraction(with_article_id(reduced.extractions[mine.id], held.id))
            adopt = adopt and all(a.id == b.id for a, b in zip(reduced.articles, added, strict=True))
            if adopt:
                store.assign_stories((a.article_id, a.story_id, a.flags) for a in reduced.assignments)
                store.upsert_stories(reduced.stories)
                store.add_duplicates(reduced.links)
                reduced.clusterer.frozen = False  # incremental ingest continues from this state
                store.save_group_state(reduced.dedup, reduced.clusterer)
        report = LoadReport(loaded, len(statuses) - loaded, adopt)
        if not adopt:
            report.grouped_incrementally = len(group_pending(store).assignments)
    return report


def _as_read(article: Article, text: str | None) -> Article:
    """A copy of ``article`` as ingest would add it: a reprint as its text (the store makes it a
    reprint of the text's stored article again)."""
    if text is None:
        return replace(article)
    return replace(article, fingerprint=text, id=article_id(text), reprint_of=None)
