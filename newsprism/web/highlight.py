"""Highlighting computed on the server: character spans of an extraction -> flat text segments.

Spans may overlap (a quote holds entity mentions and dates); the text is cut at every span
boundary and each piece carries the classes of all spans covering it, so the page never
nests or trusts markup: templates print ``segment.text`` escaped inside one ``<span>``.
Offsets come from stored extractions and are checked against the body (bad ones dropped).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.model import Extraction, Fact

#: Most spans drawn on one text (the rest are dropped, the text stays whole).
MAX_SPANS = 5000
#: Characters of context shown each side of a passage that no sentence holds.
CONTEXT_CHARS = 160


@dataclass(frozen=True, slots=True)
class Span:
    """A marked range of a text with a CSS class and a tooltip."""

    start: int
    end: int
    cls: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text with the classes and tooltips of every span covering it ('' when none)."""

    text: str
    cls: str = ""
    title: str = ""


def segments(text: str, spans: Iterable[Span], cuts: Iterable[int] = ()) -> list[Segment]:
    """``text`` cut at span boundaries (and at ``cuts``); spans outside the text or empty are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)][:MAX_SPANS]
    extra = {c for c in cuts if 0 < c < len(text)}
    if not valid and not extra:
        return [Segment(text)] if text else []
    cuts = sorted({0, len(text), *extra, *(s.start for s in valid), *(s.end for s in valid)})
    events: dict[int, list[Span]] = {}
    for span in valid:
        events.setdefault(span.start, []).append(span)
    active: list[Span] = []
    out: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        active = [s for s in active if s.end > left] + events.get(left, [])
        if not active:
            out.append(Segment(text[left:right]))
            continue
        classes = " ".join(dict.fromkeys(s.cls for s in active))
        titles = " · ".join(dict.fromkeys(s.title for s in active if s.title))
        out.append(Segment(text[left:right], classes, titles))
    return out


@dataclass(frozen=True, slots=True)
class Sentence:
    """The segments of one sentence of a text and its anchor (``s7`` for the 7th); "" between sentences."""

    anchor: str
    segments: list[Segment]


def sentence_anchor(index: int) -> str:
    """The id of the sentence with ``Fact.index`` ``index`` on the article page: its number, from 1."""
    return f"s{index + 1}"


def sentences(text: str, facts: Sequence[Fact], spans: Iterable[Span]) -> list[Sentence]:
    """:func:`segments` of ``text`` grouped by sentence, each fact's with its anchor.

    Text no fact covers (between sentences) gets the anchor ""; a fact outside the text,
    empty or overlapping an earlier one is ignored.
    """
    ranges: list[tuple[int, int, str]] = []
    for fact in sorted(facts, key=lambda f: f.start):
        if (ranges[-1][1] if ranges else 0) <= fact.start < fact.end <= len(text):
            ranges.append((fact.start, fact.end, sentence_anchor(fact.index)))
    out: list[Sentence] = []
    at, i = 0, 0
    for segment in segments(text, spans, [c for start, end, _ in ranges for c in (start, end)]):
        while i < len(ranges) and ranges[i][1] <= at:
            i += 1
        anchor = ranges[i][2] if i < len(ranges) and ranges[i][0] <= at else ""
        if out and out[-1].anchor == anchor:
            out[-1].segments.append(segment)
        else:
            out.append(Sentence(anchor, [segment]))
        at += len(segment.text)
    return out


def extraction_spans(extraction: Extraction | None) -> list[Span]:
    """Entity mentions, quotes (with their speaker) and resolved dates of an extraction."""
    if extraction is None:
        return []
    spans = [
        Span(q.start, q.end, f"quote quote-{q.kind}", f"{q.kind} quote · {q.speaker or 'no speaker found'}")
        for q in extraction.quotes
    ]
    spans += [
        Span(q.speaker_start, q.speaker_end, "speaker", f"speaker: {q.speaker}")
        for q in extraction.quotes
        if q.speaker_start is not None and q.speaker_end is not None
    ]
    spans += [
        Span(m.start, m.end, f"ent ent-{m.label}", f"{m.label} · {m.entity_key}") for m in extraction.mentions
    ]
    spans += [Span(t.start, t.end, "date", f"{t.type} {t.value}") for t in extraction.timexes]
    return spans


def fact_at(facts: Sequence[Fact], offset: int) -> Fact | None:
    """The fact (sentence) holding character ``offset``."""
    for fact in facts:
        if fact.start <= offset < fact.end:
            return fact
    return None


def passage_context(body: str, facts: Sequence[Fact], start: int, end: int) -> tuple[int, list[Segment]]:
    """The sentence(s) around ``body[start:end]`` with the passage marked, and where they start.

    Falls back to CONTEXT_CHARS characters each side when no fact covers the passage.
    """
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    first, last = fact_at(facts, start), fact_at(facts, max(start, end - 1))
    left = first.start if first else max(0, start - CONTEXT_CHARS)
    right = last.end if last else min(len(body), end + CONTEXT_CHARS)
    left, right = min(left, start), max(right, end)
    marked = [Span(start - left, end - left, "passage")] if end > start else []
    return left, segments(body[left:right], marked)
