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


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """``text`` cut at span boundaries; spans outside the text or empty are ignored."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)][:MAX_SPANS]
    if not valid:
        return [Segment(text)] if text else []
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
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
