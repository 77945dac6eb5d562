"""The group step of the store: near-duplicates and stories for stored articles.

:func:`group_pending` places every article the grouper has not seen (``story_flags`` NULL, in
ingest order) incrementally: it loads the saved :class:`DuplicateIndex` and
:class:`StoryClusterer` and adds each article to both, ``chunk`` articles read at a time. A
commit writes, in one transaction, the links, the story ids and flags of the articles grouped
since the last commit, the stories they changed (only those: ``changed_story_ids``) and both
saved states. Saving the states costs time in proportion to everything grouped so far, so a
commit comes when the articles since the last one reach ``chunk`` and ``STATE_SHARE`` of the
articles in the saved state (and at the end): the saves form a geometric series, O(1)
amortised per article, instead of a full save every chunk (quadratic). A crash before a commit
leaves its articles ungrouped (nothing half-written); the next ingest picks them up. When two
stories merge, the articles of the smaller one move: a commit also rewrites the story id of
those grouped earlier (``moved_articles``); the merged-away story keeps its row but no article,
so it is no longer listed. :func:`regroup` re-clusters every current article at once
(``batch_cluster``) and replaces the stories, keeping the old id of each story it matches best.
A story state saved by another version of newsprism (``StateVersionError``) does not block
ingest: :func:`group_pending` runs :func:`regroup` over every stored article (the articles waiting
included), says so in its report (``rebuilt``, one line of :meth:`GroupReport.warnings`) and goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from newsprism.errors import StoreError
from newsprism.group.dedup import DuplicateIndex
from newsprism.group.stories import (
    STATE_VERSION,
    StateVersionError,
    StoryAssignment,
    StoryClusterer,
    batch_cluster,
)
from newsprism.model import Article, DuplicateLink, Extraction

if TYPE_CHECKING:
    from newsprism.store import Store

#: Articles read per step, and the fewest grouped per commit (each commit rewrites the saved states).
CHUNK = 1000
#: A commit also waits for this share of the articles in the saved state (see the module docstring;
#: 0.5: the saves cost at most 1 / 0.5 + 1 = 3 full writes of the final state in all, and a crash
#: loses at most a third of the work of a long run. Reuters-21578, 21k articles: 47 s at 0.25, 27 s at
#: 1.0, about 120 s with a save every 1,000 articles).
STATE_SHARE = 0.5
#: Flags that mean an article was reported rather than silently clustered.
FLAGS = ("no_text", "no_date", "future_date")


@dataclass(slots=True)
class GroupReport:
    """What one :func:`group_pending` call did."""

    assignments: list[StoryAssignment] = field(default_factory=list)
    links: list[DuplicateLink] = field(default_factory=list)
    commits: int = 0  # transactions written (each saves both states)
    stories_written: int = 0  # story rows upserted (stories changed since the previous commit)
    rebuilt: RegroupReport | None = None  # the saved state was of another version: regrouped first
    rebuilt_from: Any = None  # ... that version

    @property
    def new_stories(self) -> int:
        """Stories started by these articles."""
        return sum(1 for a in self.assignments if a.new)

    def flagged(self) -> dict[str, list[StoryAssignment]]:
        """Assignments carrying each flag (``no_text``: in no story; dates: placed at ingest time)."""
        out: dict[str, list[StoryAssignment]] = {}
        for a in self.assignments:
            for flag in a.flags:
                out.setdefault(flag, []).append(a)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: counts, the flagged articles and the near-duplicate links."""
        return {
            "rebuilt": None
            if self.rebuilt is None
            else {"from_version": self.rebuilt_from, **self.rebuilt.to_dict()},
            "grouped": len(self.assignments),
            "stories_touched": len({a.story_id for a in self.assignments if a.story_id}),
            "new_stories": self.new_stories,
            "flagged": [
                {"id": a.article_id, "story_id": a.story_id, "flags": list(a.flags)}
                for a in self.assignments
                if a.flags
            ],
            "duplicates": [{"a": x.a, "b": x.b, "jaccard": x.jaccard} for x in self.links],
        }

    def warnings(self, shown: int = 5) -> list[str]:
        """One line per flag kind naming up to ``shown`` articles."""
        text = {
            "no_text": "joined no story (no usable text)",
            "no_date": "undated: placed in a story at their ingest time",
            "future_date": "dated in the future: placed in a story at their ingest time",
        }
        out = []
        if self.rebuilt is not None:
            r = self.rebuilt
            out.append(
                f"the saved story state was written by another newsprism version (state version "
                f"{self.rebuilt_from!r}, this one reads {STATE_VERSION}): rebuilt it from the {r.articles} stored "
                f"articles as `newsprism regroup` does, into {r.stories} stories ({r.changed} article(s) changed story)"
            )
        for flag, items in sorted(self.flagged().items()):
            ids = ", ".join(a.article_id for a in items[:shown]) + (", ..." if len(items) > shown else "")
            out.append(f"{len(items)} article(s) {text.get(flag, flag)}: {ids}")
        return out


@dataclass(slots=True)
class RegroupReport:
    """What :func:`regroup` did: articles re-clustered, stories now, articles whose story changed."""

    articles: int
    stories: int
    changed: int
    agreement: float  # B-cubed F1 of the new partition against the previous one (1.0: identical)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "articles": self.articles,
            "stories": self.stories,
            "changed": self.changed,
            "agreement_bcubed_f1": self.agreement,
        }


def dedup_text(article: Article) -> str:
    """The text near-duplicates are computed on: title and body."""
    return f"{article.title or ''}\n{article.body}"


def load_state(store: Store) -> tuple[DuplicateIndex, StoryClusterer]:
    """The saved index and clusterer, or fresh ones with default settings."""
    dedup, clusterer = store.load_group_state()
    return dedup or DuplicateIndex(), clusterer or StoryClusterer()


def group_pending(store: Store, *, chunk: int = CHUNK) -> GroupReport:
    """Group every article not grouped yet (see the module docstring); the report of what happened."""
    report = GroupReport()
    if not store.ungrouped_ids(1):
        return report
    try:
        dedup, clusterer = load_state(store)
    except StoreError as exc:
        if not isinstance(exc.__cause__, StateVersionError):
            raise
        waiting = set(store.ungrouped_ids(2**62))
        report.rebuilt, rebuilt = _regroup(store)  # the waiting articles too (the current ones)
        report.rebuilt_from = exc.__cause__.found
        report.assignments = [a for a in rebuilt if a.article_id in waiting]
        dedup, clusterer = load_state(store)
    clusterer.changed_story_ids()  # start the records of changed stories and moved articles
    clusterer.moved_articles()  # from the saved state
    saved = clusterer.article_count
    done: list[StoryAssignment] = []
    links: list[DuplicateLink] = []
    last: str | None = None
    while ids := store.ungrouped_ids(chunk, after=last):
        last = ids[-1]
        articles = [store.get_article(i) for i in ids]
        for article, extraction in zip(
            articles, _extractions(store, ids, clusterer.use_extraction), strict=True
        ):
            links.extend(dedup.add(article.id, dedup_text(article)))
            done.append(clusterer.add(article, extraction))
        if len(done) >= max(chunk, STATE_SHARE * saved):
            _commit(store, dedup, clusterer, done, links, report)
            done, links, saved = [], [], clusterer.article_count
    if done:
        _commit(store, dedup, clusterer, done, links, report)
    return report


def _commit(
    store: Store,
    dedup: DuplicateIndex,
    clusterer: StoryClusterer,
    done: list[StoryAssignment],
    links: list[DuplicateLink],
    report: GroupReport,
) -> None:
    """Write the articles grouped since the last commit, the stories they changed and both states."""
    moved = clusterer.moved_articles()
    if moved:
        for a in chain(report.assignments, done):  # stories merged since these articles joined
            a.story_id = moved.pop(a.article_id, a.story_id)
    changed = [clusterer.story(sid) for sid in clusterer.changed_story_ids()]
    with store.transaction():
        store.add_duplicates(links)
        store.assign_stories((a.article_id, a.story_id, a.flags) for a in done)
        store.move_articles(moved.items())  # articles of earlier commits whose story merged away
        store.upsert_stories(changed)
        store.save_group_state(dedup, clusterer)
    report.assignments.extend(done)
    report.links.extend(links)
    report.commits += 1
    report.stories_written += len(changed)


def regroup(store: Store) -> RegroupReport:
    """Re-cluster every current article at once and replace the stories (see the module docstring).

    A saved state that cannot be read (E072) is rebuilt from scratch with the default settings; one
    saved by another version keeps only its feature path (``use_extraction``)."""
    return _regroup(store)[0]


def _regroup(store: Store) -> tuple[RegroupReport, list[StoryAssignment]]:
    """:func:`regroup`, with the assignment of every article re-clustered."""
    try:
        dedup, old = load_state(store)
    except StoreError as exc:
        if exc.code != "E072":
            raise
        cause = exc.__cause__
        kept = cause.options if isinstance(cause, StateVersionError) else {}
        dedup, old = DuplicateIndex(), StoryClusterer(use_extraction=kept.get("use_extraction") is True)
    options = {k: v for k, v in old.to_dict()["options"].items() if k != "now"}
    before = store.story_assignments()
    ids = list(before)
    articles = [store.get_article(i) for i in ids]
    items = list(zip(articles, _extractions(store, ids, bool(options.get("use_extraction"))), strict=True))
    clusterer, assignments = batch_cluster(items, **options)
    clusterer = _renamed(clusterer, assignments, before)
    clusterer.frozen = False  # incremental ingest goes on from here, document frequencies growing
    after = {a.article_id: a.story_id for a in assignments}
    links = [link for a in articles if a.id not in dedup for link in dedup.add(a.id, dedup_text(a))]
    stories = clusterer.stories()
    with store.transaction():
        store.add_duplicates(links)
        store.assign_stories((a.article_id, after[a.article_id], a.flags) for a in assignments)
        store.replace_stories(stories)
        store.save_group_state(dedup, clusterer)
    changed = sum(1 for i in ids if before[i] != after[i])
    report = RegroupReport(len(ids), len(stories), changed, round(_agreement(ids, before, after), 4))
    return report, assignments


def _extractions(store: Store, ids: Sequence[str], wanted: bool) -> list[Extraction | None]:
    return [store.get_extraction(i) for i in ids] if wanted else [None] * len(ids)


def _renamed(
    clusterer: StoryClusterer, assignments: list[StoryAssignment], before: dict[str, str | None]
) -> StoryClusterer:
    """The clusterer with each new story renamed to the old story it shares most articles with
    (one to one, largest overlap first), so that story ids users know survive a regroup."""
    overlap = Counter(
        (a.story_id, before[a.article_id]) for a in assignments if a.story_id and before[a.article_id]
    )
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for (new, old), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if new not in rename and old not in taken:
            rename[new] = old
            taken.add(old)
    # a new story keeping its own id must not collide with an old id given to another story
    clash = {new for new in {a.story_id for a in assignments if a.story_id} - set(rename) if new in taken}
    for new in sorted(clash):
        rename[new] = new + "~"
    if not rename:
        return clusterer
    state = clusterer.to_dict()
    for story in state["stories"]:
        story["id"] = rename.get(story["id"], story["id"])
    for a in assignments:
        if a.story_id:
            a.story_id = rename.get(a.story_id, a.story_id)
    return StoryClusterer.from_dict(state)


def _agreement(ids: list[str], before: dict[str, str | None], after: dict[str, str | None]) -> float:
    from newsprism.eval.stories import bcubed

    if not ids:
        return 1.0
    gold = [before[i] or "\0" + i for i in ids]
    pred = [after[i] or "\0" + i for i in ids]
    return bcubed(gold, pred)["f1"]
