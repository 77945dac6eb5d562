"""Sentences of a body as Facts with their slots, and the article's dated timeline.

Sentences are spaCy's parser sentences with three corrections: a paragraph break is always a boundary
(set before parsing by ``newsprism_paragraphs``), a closing quotation mark that the parser put after
the boundary (``not alone.`` | ``"``) goes back to the sentence it closes, and a boundary inside a
quotation that is still open, before a piece that starts in lower case (``," said Putin``), or after a
piece that ends in a letter or digit within one paragraph (``Corvantis`` | ``Systems said ...``), is undone.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date, timedelta
from typing import TYPE_CHECKING

from newsprism.extract.entity_rules import TITLE_ABBREVIATIONS
from newsprism.model import Fact, Mention, Quantity, Quote, TimelineEntry, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: A quotation left open by a stray mark never swallows more than this many characters.
MAX_SENTENCE_CHARS = 3000

_OPEN, _CLOSE = "“", "”"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_open(segment: str) -> bool:
    """Whether a quotation opened in ``segment`` is still open at its end."""
    return segment.count('"') % 2 == 1 or segment.count(_OPEN) > segment.count(_CLOSE)


def _closing_mark(text: str, prev_end: int, start: int) -> bool:
    """Whether the piece at ``start`` opens with a mark closing the sentence that ends at ``prev_end``.

    A closing mark touches the sentence end and is not followed by a letter or digit (an opening
    mark touches the word it opens): ``alone."`` split by the parser as ``alone.`` and ``"``.
    """
    if start != prev_end or text[start] not in ('"', _CLOSE):
        return False
    return start + 1 == len(text) or not text[start + 1].isalnum()


def _title_period(text: str, start: int, end: int) -> bool:
    """Whether the piece ``text[start:end]`` ends in an abbreviated title ("spokesperson Sgt.")."""
    words = text[start:end].split()
    return text[end - 1] == "." and bool(words) and words[-1][:-1].lower() in TITLE_ABBREVIATIONS


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc``, whitespace-trimmed, in order, covering all text."""
    text = doc.text
    raw = [_trimmed(text, s.start_char, s.end_char) for s in doc.sents]
    raw = [(s, e) for s, e in raw if s < e]
    out: list[tuple[int, int]] = []
    para_start = 0
    for s, e in raw:
        if out and _closing_mark(text, out[-1][1], s):
            out[-1] = (out[-1][0], s + 1)  # the mark closes the sentence before: it ends there
            s, e = _trimmed(text, s + 1, e)
            if s >= e:
                continue
        if out:
            ps, pe = out[-1]
            gap = text[pe:s]
            if "\n" in gap:
                para_start = s
            elif text[s] in ('"', _OPEN) and text[pe - 1] in ".!?" and _quote_open(text[para_start:pe]):
                para_start = s  # a new opening mark after a sentence end: the unclosed quote ended
            elif e - ps <= MAX_SENTENCE_CHARS and (
                _quote_open(text[para_start:pe])
                or text[s].islower()
                or text[pe - 1].isalnum()
                or _title_period(text, ps, pe)
                or not any(c.isalnum() for c in text[s:e])
                or not any(c.isalnum() for c in text[ps:pe])
            ):
                out[-1] = (ps, e)
                continue
        else:
            para_start = s
        out.append((s, e))
    return out


def sentence_of(starts: list[int], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the next one when it falls between sentences)."""
    return max(bisect_right(starts, offset) - 1, 0)


def _content_lemmas(doc: Doc, start: int, end: int) -> list[str]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [
        t.lemma_.lower()
        for t in span
        if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num)
    ]


def build_facts(
    article_id: str,
    doc: Doc,
    spans: list[tuple[int, int]],
    mentions: list[Mention],
    quotes: list[Quote],
    timexes: list[Timex],
    quantities: list[Quantity],
) -> list[Fact]:
    """One Fact per sentence span with its entity, quote, speaker, date and quantity slots.

    Sets ``sentence`` on every quote, timex and quantity (the sentence its start falls in).
    """
    text = doc.text
    facts = [
        Fact(article_id, i, s, e, text[s:e], lemmas=_content_lemmas(doc, s, e))
        for i, (s, e) in enumerate(spans)
    ]
    if not facts:
        return facts
    starts = [s for s, _ in spans]
    for m in mentions:
        keys = facts[sentence_of(starts, m.start)].entity_keys
        if m.entity_key not in keys:
            keys.append(m.entity_key)
    for qi, q in enumerate(quotes):
        q.sentence = sentence_of(starts, q.start)
        last = sentence_of(starts, max(q.end - 1, q.start))
        for fact in facts[q.sentence : last + 1]:
            fact.quote_indices.append(qi)
            if q.speaker_key and q.speaker_key not in fact.speaker_keys:
                fact.speaker_keys.append(q.speaker_key)
    for t in timexes:
        t.sentence = sentence_of(starts, t.start)
        facts[t.sentence].timex_values.append(t.value)
    for n in quantities:
        n.sentence = sentence_of(starts, n.start)
        facts[n.sentence].quantities.append(n.value)
    return facts


def build_timeline(article_id: str, facts: list[Fact], timexes: list[Timex]) -> list[TimelineEntry]:
    """One entry per calendar DATE (day, month, year, week, quarter, or a range of days as
    ``start/end``) and per TIME on a known day ("Monday evening": that day) with its sentence and
    entities, sorted by value. A period holding another date of the same sentence is left out
    ("next month's inauguration on January 12": January 12 only)."""
    entries = [
        TimelineEntry(
            value, t.sentence, facts[t.sentence].text, list(facts[t.sentence].entity_keys), article_id, t.text
        )
        for t in timexes
        if t.sentence is not None and (value := _timeline_value(t))
    ]
    entries = [e for e in entries if not any(_holds(e, o) for o in entries)]
    return sorted(entries, key=lambda e: (chronological(e.value), e.sentence))


def _holds(period: TimelineEntry, other: TimelineEntry) -> bool:
    """Whether ``period`` is a longer stretch of the same sentence that contains ``other``'s date."""
    if period.sentence != other.sentence or period.value == other.value:
        return False
    first, _, last = other.value.partition("/")
    outer, inner, end = calendar_bounds(period.value), calendar_bounds(first), calendar_bounds(last or first)
    if outer is None or inner is None or end is None:
        return False
    return outer[0] <= inner[0] and end[1] <= outer[1] and (outer[0], outer[1]) != (inner[0], end[1])


_DAY_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T")


def _timeline_value(t: Timex) -> str:
    """The calendar value a timex puts on the timeline, "" for none."""
    if t.type == "DATE" and t.granularity in {"day", "month", "year", "range"}:
        return f"{t.value}/{t.end_value}" if t.granularity == "range" and t.end_value else t.value
    if t.type == "DATE" and (bounds := calendar_bounds(t.value)) and bounds[2] in ("week", "Q", "H"):
        return t.value
    day = _DAY_TIME.match(t.value) if t.type == "TIME" else None
    return day.group(1) if day else ""


#: A calendar value of a year, half, quarter, month, ISO week or day ("2025", "2025-H1",
#: "2025-Q3", "2025-10", "2025-W41", "2025-10-14"); seasons and parts of days are not compared.
CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-([QHW])(\d{1,2}))?$")


def calendar_bounds(value: str) -> tuple[date, date, str] | None:
    """(first day, last day, unit) of a calendar value (see :data:`CALENDAR`), else None."""
    m = CALENDAR.match(value)
    if not m:
        return None
    year, month, day, unit, n = m.groups()
    y = int(year)
    try:
        if day:
            first = date(y, int(month), int(day))
            return first, first, "day"
        if month:
            first = date(y, int(month), 1)
            return first, date(y, int(month), calendar.monthrange(y, int(month))[1]), "month"
        if unit == "W":
            first = date.fromisocalendar(y, int(n), 1)
            return first, first + timedelta(days=6), "week"
        if unit in ("Q", "H"):
            months = 3 if unit == "Q" else 6
            if not 1 <= int(n) <= 12 // months:
                return None
            first_month = (int(n) - 1) * months + 1
            last_month = first_month + months - 1
            return date(y, first_month, 1), date(y, last_month, calendar.monthrange(y, last_month)[1]), unit
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError:
        return None


def chronological(value: str) -> str:
    """A sort key putting a timeline value in calendar order: a week, quarter or half sorts at its
    first day ("2026-W30" as "2026-07-20", "2026-Q3" as "2026-07"), anything else as written."""
    bounds = calendar_bounds(value)
    if bounds is None or bounds[2] in ("day", "month", "year"):
        return value
    first = bounds[0].isoformat()
    return first if bounds[2] == "week" else first[:7]
