"""Find quoted passages by their marks, paragraph by paragraph (pure string work, no NLP).

A *segment* is the text between an opening and a closing mark inside one paragraph. A
*chain* is one quotation: usually one segment; several when an opening mark runs to the end
of a paragraph unclosed and the next paragraph starts with an opening mark (the newspaper
convention for a quote that continues across paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.extract.quote_cues import CLOSE_MARKS, OPEN_MARKS, STRAIGHT_MARK

_PARAGRAPH_RE = re.compile(r"[^\n]+")
#: Two apostrophes used as a double quote mark (the New York Times archive style).
_TWO_APOSTROPHES_RE = re.compile(r"'{2,3}")
_CLOSING_OPENER_RE = re.compile(r"(?<=[^\s(\[{“‘'\"])“(?=\s|$)", re.MULTILINE)
_OPENING_CLOSER_RE = re.compile(r"(?:^|(?<=[\s\u200e\u200f\u202a-\u202e]))”(?=\w)", re.MULTILINE)
#: A single-quoted passage ‘...’ in a paragraph without double marks (headlines: Trump: ‘We will win.’).
_SINGLE_RE = re.compile(
    r"(?:(?:^|(?<=[\s:(—–-]))‘|(?:^|(?<=: ))')(?=[\w\[])(.+?)(?:(?<=[.!?,])[’'](?=\s|$)|(?<=[\w)\]])[’'](?=[.,;:!?)]|$))",
    re.MULTILINE,
)
_MARK_RE = re.compile("[" + re.escape(OPEN_MARKS + CLOSE_MARKS + STRAIGHT_MARK) + "]")


@dataclass(slots=True)
class Segment:
    """Quoted words ``text[start:end]`` (marks excluded) and where its marks sit."""

    start: int
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark, None when the paragraph ended first
    paragraph: int


@dataclass(slots=True)
class Chain:
    """One quotation: one or more segments in consecutive paragraphs."""

    segments: list[Segment] = field(default_factory=list)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines (paragraphs) of ``text``."""
    return [(m.start(), m.end()) for m in _PARAGRAPH_RE.finditer(text) if m.group().strip()]


def marks_view(text: str) -> str:
    """``text`` with its quote marks normalised for scanning, offsets unchanged.

    ``''`` becomes a straight mark and a space; a run of three apostrophes is a single mark next
    to a double one (after a word it closes ``'...'`` and then the quote around it; before a word
    it opens both). Curly marks typed the wrong way round are turned: ``unusual,“ said`` closes,
    a ``”`` at the start of a paragraph or after a space, right before a word, opens.
    """
    if "“" in text or "”" in text:
        text = _CLOSING_OPENER_RE.sub("”", text)
        text = _OPENING_CLOSER_RE.sub("“", text)
    if "''" not in text:
        return text

    def swap(match: re.Match[str]) -> str:
        if len(match.group()) == 2:
            return STRAIGHT_MARK + " "
        closing = match.start() > 0 and not text[match.start() - 1].isspace()
        return "'" + STRAIGHT_MARK + " " if closing else STRAIGHT_MARK + " '"

    return _TWO_APOSTROPHES_RE.sub(swap, text)


def _is_opener(text: str, i: int, start: int) -> bool:
    """Whether a straight mark at ``i`` looks like an opening mark (space or start before it)."""
    before = text[i - 1] if i > start else " "
    return before.isspace() or before in "([{—–-:/;" or before in OPEN_MARKS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_paragraph(text: str, start: int, end: int, index: int) -> list[Segment]:
    segments: list[Segment] = []
    open_at: int | None = None
    nested: str | None = None  # the closer awaited by a quote of the other style inside this one
    for match in _MARK_RE.finditer(text, start, end):  # only marks change the state: skip other characters
        i = match.start()
        ch = text[i]
        if open_at is not None and nested is None:
            style_straight = text[open_at] == STRAIGHT_MARK
            if (ch in OPEN_MARKS and style_straight) or (
                ch == STRAIGHT_MARK and not style_straight and _is_opener(text, i, start)
            ):
                nested = STRAIGHT_MARK if ch == STRAIGHT_MARK else CLOSE_MARKS
                continue
        elif nested is not None:
            if ch in nested:
                nested = None
            continue
        if ch in OPEN_MARKS or (ch == STRAIGHT_MARK and open_at is None and _is_opener(text, i, start)):
            if open_at is not None:  # an opener inside an open quote: the earlier one was never closed
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    segments.append(Segment(s, e, open_at, None, index))
            open_at = i
        elif (ch in CLOSE_MARKS or ch == STRAIGHT_MARK) and open_at is not None:
            s, e = _trim(text, open_at + 1, i)
            if e > s:
                segments.append(Segment(s, e, open_at, i, index))
            open_at = None
    if open_at is not None:
        s, e = _trim(text, open_at + 1, end)
        if e > s:
            segments.append(Segment(s, e, open_at, None, index))
    if not segments and not _MARK_RE.search(text, start, end):
        for m in _SINGLE_RE.finditer(text, start, end):
            segments.append(Segment(m.start(1), m.end(1), m.start(), m.end(1), index))
    return segments


def find_chains(text: str) -> list[Chain]:
    """All quotations of ``text`` in order, with paragraph-spanning ones joined into one chain.

    Straight, curly and doubled-apostrophe marks are recognised.
    """
    text = marks_view(text)
    chains: list[Chain] = []
    previous: Segment | None = None
    for index, (start, end) in enumerate(paragraphs(text)):
        for segment in _scan_paragraph(text, start, end, index):
            continues = (
                previous is not None
                and previous.close_at is None
                and previous.paragraph == index - 1
                and segment.open_at == _trim(text, start, end)[0]
            )
            if continues and chains:
                chains[-1].segments.append(segment)
            else:
                chains.append(Chain([segment]))
            previous = segment
    return chains
