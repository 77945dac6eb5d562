"""Derivation edges between the articles of a story: which article rewrites (or copies) which.

For two articles with aligned facts, the edge ``source -> derived`` needs a direction, and
the evidence for one is, strongest first:

1. publication dates (day) that differ: the later article is the derived one;
2. a wire credit: one article names the other's outlet in its opening, its dateline
   ("SORIA (Meridian Press) —", kept as the article's wire evidence once cut from the body) or
   its tags, and not the other way round;
3. publication times of one day that differ (both known): the later article is derived;
4. tense: one article reports as done an event the other announces ("is set to meet
   ... tomorrow" / "During a meeting, Xi and Putin discussed"): the first is later;
5. none of these: a verbatim copy, or a rewrite covering most of the shorter article,
   takes the direction in which the derived article is the more covered one (ties: input
   order). Two articles of the same day, with no cue and their own material, get no edge:
   nothing says who rewrote whom.

Before all of these: a reprint of an earlier version of an article that has since been edited
(``versions``, from the store) derives from that article, whatever the edit's time says.

The edge's score (0..1) weighs the share of the derived article's facts aligned to the
source and the preserved order of the aligned pairs (longest increasing subsequence),
times the confidence of the direction. Verbatim copies (most aligned pairs ``same``,
most of the article aligned) are marked ``copy``. When an article has several candidate
sources, the best one explains it; another source keeps its edge only if it has aligned
facts of its own (a rewrite of a wire story is not also a rewrite of every copy of it).
An article that shares at most half its sentences with the other and prints direct quotes the
other does not, or words said to its own outlet (:data:`OWN_QUOTES`: its own interviews), is
independent coverage of the same event, not a rewrite: it gets no edge.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Protocol

from rapidfuzz import fuzz

from newsprism.compare.align import MIN_CONTENT, same_entity
from newsprism.model import AlignedPair, Article, Derivation, Extraction

#: At least this many aligned facts ("several sentences") make an edge.
MIN_PAIRS = 3
#: Edges scoring below this are dropped.
MIN_SCORE = 0.3
#: Copy: this share of the aligned pairs is ``same`` text and this share of the article aligned.
COPY_SAME = 0.6
COPY_SHARE = 0.6
#: Without any direction cue, a rewrite must cover this much of the shorter article, in order.
UNDATED_SHARE = 0.75
UNDATED_ORDER = 0.8
#: Confidence of each kind of direction evidence.
CONFIDENCE = {"version": 1.0, "date": 1.0, "credit": 1.0, "time": 0.9, "tense": 0.8, "coverage": 0.6}
#: Original reporting: an article that prints at least this many direct quotes the other does
#: not, and shares at most this much of its sentences with it, is independent coverage of the
#: same event (its own interviews), not a rewrite.
OWN_QUOTES = 2
OWN_REPORTING_SHARE = 0.5
#: ... or this much, when it quotes this many people the other article never names.
OWN_SOURCES_SHARE = 2 / 3
OWN_SOURCES = 2
#: A direct quote counts from this many words; the other prints it when rapidfuzz's partial
#: ratio of the quote against its body reaches this (a rewrite trims or reflows its quotes).
QUOTE_WORDS = 6
QUOTE_PRINTED = 70

_FUTURE = re.compile(
    r"\b(?:will|is set to|are set to|is due to|are due to|is expected to|are expected to|plans? to|"
    r"tomorrow|upcoming|later this week|next week)\b",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"\b(?:during (?:their|the|a|his|her) (?:meeting|talks|visit)|after (?:their|the) (?:meeting|talks)|"
    r"met|discussed|held talks|signed|attended|visited)\b",
    re.IGNORECASE,
)
_EVENTS = {
    "meet": "meet",
    "meeting": "meet",
    "met": "meet",
    "talks": "talk",
    "summit": "summit",
    "visit": "visit",
}
_EVENT_WORD = re.compile(r"\b(?:meet|meeting|met|talks|summit|visit)\b", re.IGNORECASE)


def _days(a: Article, b: Article) -> tuple[str | None, str | None]:
    """The publication days of two articles, to compare: in UTC when both give a time with its
    zone (two instants), else each as its article writes it (a zoned time's local day against a
    date alone, which is a local day too)."""
    ma, mb = _moment(a), _moment(b)
    if ma is not None and mb is not None and ma.tzinfo is not None and mb.tzinfo is not None:
        return ma.astimezone(UTC).date().isoformat(), mb.astimezone(UTC).date().isoformat()
    return _local_day(a), _local_day(b)


def _local_day(article: Article) -> str | None:
    value = article.published.value
    return value[:10] if value and len(value) >= 10 else None


def _moment(article: Article) -> datetime | None:
    """The publication time, when the article gives one (not only a day)."""
    value = article.published.value
    if not value or len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _credits(article: Article, other: Article) -> bool:
    """Whether ``article`` names ``other``'s outlet as its source (opening words, the wire of its
    dateline, or tags)."""
    if not other.outlet or not article.outlet or other.outlet.casefold() == article.outlet.casefold():
        return False
    name = other.outlet.casefold()
    head = article.body[:200].casefold()
    wire = _WIRE_EVIDENCE.search(article.outlet_evidence or "")
    return (
        bool(re.search(rf"\b{re.escape(name)}\b", head))
        or bool(wire and wire.group(1).strip().casefold() == name)
        or any(name == t.casefold() for t in article.tags)
    )


#: The wire agency a cleaned-away dateline credited (``outlet_evidence`` "...; wire: Meridian Wire").
_WIRE_EVIDENCE = re.compile(r"(?:^|;\s*)wire: ([^;]+)")

Event = tuple[str, list[str], str]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _events(ex: Extraction) -> tuple[list[Event], list[Event]]:
    """Announced and done events of an article: (event, person keys, latest day the sentence names or "")."""
    announced: list[Event] = []
    done: list[Event] = []
    for fact in ex.facts:
        words = {_EVENTS[w.lower()] for w in _EVENT_WORD.findall(fact.text)}
        persons = [k for k in fact.entity_keys if k.startswith("person:")]
        if not words or len(persons) < 2:
            continue
        day = max((v for v in fact.timex_values if _DAY.match(v)), default="")
        for event in sorted(words):
            if _FUTURE.search(fact.text):
                announced.append((event, persons, day))
            elif _DONE.search(fact.text):
                done.append((event, persons, day))
    return announced, done


Events = tuple[list[Event], list[Event]]


def reported_done(later: Events, earlier: Events) -> list[str]:
    """The events (same people) ``earlier`` announces and ``later`` reports as done (both as
    :func:`_events` reads them), by the day ``earlier`` gives each ("" when it names none).
    Non-empty: ``later`` is the later article."""
    announced, _ = earlier
    _, done = later
    out = []
    for ev_a, pa, day in announced:
        for ev_d, pd, _ in done:
            shared = [k for k in pa if any(same_entity(k, o) for o in pd)]
            if ev_a == ev_d and len(shared) >= 2:
                out.append(day)
                break
    return out


def order_share(pairs: list[tuple[int, int]]) -> float:
    """Longest increasing subsequence of source indices (pairs sorted by derived index) / pairs."""
    if not pairs:
        return 0.0
    tails: list[int] = []
    for _, s in sorted((d, s) for s, d in pairs):
        i = bisect_left(tails, s)
        if i == len(tails):
            tails.append(s)
        else:
            tails[i] = s
    return len(tails) / len(pairs)


def _alignable(ex: Extraction) -> int:
    return max(1, sum(1 for f in ex.facts if len(f.lemmas) >= MIN_CONTENT))


class _PairStats:
    """Aligned pairs between two articles, oriented either way."""

    def __init__(self, x: str, y: str, pairs: list[AlignedPair]) -> None:
        self.x, self.y = x, y
        self.pairs = pairs
        self.covered: dict[str, set[int]] = {x: set(), y: set()}
        for p in pairs:
            self.covered[p.a_article].update(p.a_facts)
            self.covered[p.b_article].update(p.b_facts)
        self.same = sum(1 for p in pairs if p.relation == "same") / len(pairs)

    def oriented(self, source: str) -> list[tuple[int, int]]:
        """(source fact, derived fact) for each aligned pair (first facts of merged groups)."""
        return [
            (p.a_facts[0], p.b_facts[0]) if p.a_article == source else (p.b_facts[0], p.a_facts[0])
            for p in self.pairs
        ]

    def evidence(self, source: str) -> list[tuple[int, int]]:
        """Every (source fact, derived fact) combination of the aligned pairs."""
        out = set()
        for p in self.pairs:
            src, dst = (p.a_facts, p.b_facts) if p.a_article == source else (p.b_facts, p.a_facts)
            out.update((s, d) for s in src for d in dst)
        return sorted(out)


def _direction(
    ax: Article, ay: Article, ex: Extraction, ey: Extraction, stats: _PairStats, events: dict[str, Events]
) -> tuple[str, str, float] | None:
    """(source id, derived id, confidence) or None when nothing tells the direction."""
    dx, dy = _days(ax, ay)
    if dx and dy and dx != dy:
        return (ax.id, ay.id, CONFIDENCE["date"]) if dx < dy else (ay.id, ax.id, CONFIDENCE["date"])
    cx, cy = _credits(ax, ay), _credits(ay, ax)
    if cx != cy:
        return (ay.id, ax.id, CONFIDENCE["credit"]) if cx else (ax.id, ay.id, CONFIDENCE["credit"])
    mx, my = _moment(ax), _moment(ay)
    # one day (days that differ decided above); both with a time zone or neither (a naive time
    # against a zoned one says nothing)
    if mx and my and (mx.tzinfo is None) == (my.tzinfo is None) and mx != my:
        return (ax.id, ay.id, CONFIDENCE["time"]) if mx < my else (ay.id, ax.id, CONFIDENCE["time"])
    tx, ty = (
        bool(reported_done(events[ax.id], events[ay.id])),
        bool(reported_done(events[ay.id], events[ax.id])),
    )
    if tx != ty:
        return (ay.id, ax.id, CONFIDENCE["tense"]) if tx else (ax.id, ay.id, CONFIDENCE["tense"])
    share_x = len(stats.covered[ax.id]) / _alignable(ex)
    share_y = len(stats.covered[ay.id]) / _alignable(ey)
    copy_like = stats.same >= COPY_SAME and min(share_x, share_y) >= COPY_SHARE
    shorter_share = share_x if _alignable(ex) <= _alignable(ey) else share_y
    if not copy_like and shorter_share < UNDATED_SHARE:
        return None
    if share_y > share_x + 1e-9:
        return ax.id, ay.id, CONFIDENCE["coverage"]
    if share_x > share_y + 1e-9:
        return ay.id, ax.id, CONFIDENCE["coverage"]
    return ax.id, ay.id, CONFIDENCE["coverage"]


def own_quotes(ex: Extraction, other: Article, mine: Article | None = None) -> list[str]:
    """The statements of ``ex`` its own reporting gathered: direct quotes (of :data:`QUOTE_WORDS`
    words or more) that ``other`` does not print, not even in part, and anything said to
    ``mine``'s own outlet ("Reyes told the Ledger")."""
    body = " ".join(other.body.casefold().split())
    own = [
        q.text
        for q in ex.quotes
        if q.kind == "direct"
        and len(q.text.split()) >= QUOTE_WORDS
        and fuzz.partial_ratio(" ".join(q.text.casefold().split()), body) < QUOTE_PRINTED
    ]
    outlet = set((mine.outlet or "").casefold().split()) - {"the"} if mine is not None else set()
    told = [
        q.text
        for q in ex.quotes
        if q.told
        and _names_outlet(q.told, outlet)
        and q.text not in own
        and fuzz.partial_ratio(" ".join(q.text.casefold().split()), body) < QUOTE_PRINTED
    ]
    return own + told


def _reporting_share(ex: Extraction, other: Extraction) -> float:
    """How much of its sentences an article with its own interviews may share with ``other`` and
    still be independent: :data:`OWN_REPORTING_SHARE`, or :data:`OWN_SOURCES_SHARE` when it quotes
    :data:`OWN_SOURCES` people or more whom ``other`` never names (it spoke to them)."""
    known = {e.key for e in other.entities}
    speakers = {q.speaker_key for q in ex.quotes if q.speaker_key and q.speaker_key.startswith("person:")}
    unknown = [k for k in speakers if not any(same_entity(k, o) for o in known)]
    return OWN_SOURCES_SHARE if len(unknown) >= OWN_SOURCES else OWN_REPORTING_SHARE


def _names_outlet(name: str, outlet: set[str]) -> bool:
    """Whether ``name`` ("the Ledger") names the outlet whose words are ``outlet``."""
    words = set(name.casefold().split()) - {"the"}
    return (
        bool(words) and words <= outlet and 2 * len(words) >= len(outlet)
    )  # "the Times": not the New York Times


def _edge(source: str, derived: str, conf: float, stats: _PairStats, ex_derived: Extraction) -> Derivation:
    share = min(1.0, len(stats.covered[derived]) / _alignable(ex_derived))
    oriented = stats.oriented(source)
    order = order_share(oriented)
    n = len(oriented)
    score = conf * (0.55 * share**0.5 + 0.45 * order * (1.0 - 1.0 / n))
    copy = stats.same >= COPY_SAME and share >= COPY_SHARE
    if copy:
        score = max(score, conf * (0.5 + 0.5 * share))
    return Derivation(
        source=source,
        derived=derived,
        score=round(min(1.0, score), 4),
        copy=copy,
        aligned_share=round(share, 4),
        order_preserved=round(order, 4),
        same_share=round(stats.same, 4),
        pairs=stats.evidence(source),
    )


#: A rewrite aligned over at least this share of its own sentences is a rewrite of the whole article;
#: below it, a partial one: the article is folded into its source only when it is a copy or a whole rewrite.
WHOLE_REWRITE = 0.5


class EdgeShape(Protocol):
    """What :func:`whole` reads of an edge (a Derivation or a dossier row)."""

    copy: bool
    aligned_share: float


def whole(edge: EdgeShape) -> bool:
    """A copy, or a rewrite of at least :data:`WHOLE_REWRITE` of the derived article: not a partial one."""
    return edge.copy or edge.aligned_share >= WHOLE_REWRITE


def derivations(
    articles: list[Article],
    extractions: list[Extraction],
    pairs: list[AlignedPair],
    versions: Mapping[str, str] | None = None,
) -> list[Derivation]:
    """Derivation edges (source -> derived) of a story, strongest first, explained-away sources dropped.

    ``versions``: reprint id -> the current version of the since-edited article it reprints.
    """
    versions = versions or {}
    arts = {a.id: a for a in articles}
    exs = {e.article_id: e for e in extractions}
    order = {a.id: i for i, a in enumerate(articles)}
    grouped: dict[tuple[str, str], list[AlignedPair]] = defaultdict(list)
    for p in pairs:
        key = tuple(sorted((p.a_article, p.b_article), key=order.__getitem__))
        grouped[key].append(p)  # type: ignore[index]
    events = {e.article_id: _events(e) for e in extractions}  # read once, used by every pair
    candidates: list[tuple[Derivation, _PairStats]] = []
    for (x, y), group in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])):
        if len(group) < MIN_PAIRS:
            continue
        stats = _PairStats(x, y, group)
        reprint = x if versions.get(x) == y else y if versions.get(y) == x else None
        if reprint is not None:
            direction: tuple[str, str, float] | None = (versions[reprint], reprint, CONFIDENCE["version"])
        else:
            direction = _direction(arts[x], arts[y], exs[x], exs[y], stats, events)
        if direction is None:
            continue
        source, derived, conf = direction
        edge = _edge(source, derived, conf, stats, exs[derived])
        if edge.score < MIN_SCORE:
            continue
        if (
            not edge.copy
            and edge.aligned_share <= _reporting_share(exs[derived], exs[source])
            and len(own_quotes(exs[derived], arts[source], arts[derived])) >= OWN_QUOTES
        ):
            continue  # its own interviews: independent coverage of the same event
        edge.not_before = max(reported_done(events[derived], events[source]), default="") or None
        candidates.append((edge, stats))
    return _explain_away(candidates, order)


def _explain_away(candidates: list[tuple[Derivation, _PairStats]], order: dict[str, int]) -> list[Derivation]:
    """Keep, per derived article, its best source and the other sources with aligned facts of their own."""
    derived_ids = {e.derived for e, _ in candidates}
    by_derived: dict[str, list[tuple[Derivation, _PairStats]]] = defaultdict(list)
    for edge, stats in candidates:
        by_derived[edge.derived].append((edge, stats))
    kept: list[Derivation] = []
    for derived in sorted(by_derived, key=order.__getitem__):
        ranked = sorted(
            by_derived[derived],
            key=lambda es: (-es[0].score, es[0].source in derived_ids, order[es[0].source]),
        )
        explained: set[int] = set()
        for edge, stats in ranked:
            own = stats.covered[derived] - explained
            if edge is not ranked[0][0] and len(own) < MIN_PAIRS:
                continue
            explained |= stats.covered[derived]
            kept.append(edge)
    return sorted(kept, key=lambda e: (-e.score, order[e.source], order[e.derived]))
