"""The unit the line cleaner works on: one non-blank input line with its verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.clean.normalize import normalise_text
from newsprism.model import RemovedBlock

MAX_REMOVED_CHARS = 2000  # audit-trail text kept per removed block
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")
_BULLET = re.compile(r"^[•\-*·▪◦–]\s")


@dataclass(slots=True)
class Line:
    """A non-blank line: 1-based input line number, text, blank-line block, verdict."""

    no: int
    text: str
    block: int
    reason: str | None = None  # why the whole line was removed; None keeps it
    extra: list[tuple[str, str]] = field(default_factory=list)  # (text, reason) cut from a kept line


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` (normalised), numbered, with a block id per blank-line group."""
    out: list[Line] = []
    block = 0
    for no, line in enumerate(normalise_text(text).split("\n"), 1):
        if not line:
            block += 1
            continue
        out.append(Line(no, line, block))
    return out


def kept(lines: list[Line]) -> list[Line]:
    """The lines still in the body."""
    return [line for line in lines if line.reason is None]


def mark(line: Line, reason: str) -> None:
    """Remove ``line`` with ``reason`` unless it was already removed."""
    if line.reason is None:
        line.reason = reason


def assemble_body(lines: list[Line]) -> str:
    """Kept lines as paragraphs separated by blank lines.

    A kept line is joined to the previous one (a hard-wrapped paragraph) when both are in the
    same block and the previous one is long and stops mid-sentence.
    """
    paragraphs: list[str] = []
    previous: Line | None = None
    for line in kept(lines):
        wrapped = (
            previous is not None
            and previous.block == line.block
            and len(paragraphs[-1]) >= 40
            and not _TERMINAL.search(paragraphs[-1])
            and not _BULLET.match(line.text)
        )
        if wrapped:
            paragraphs[-1] += " " + line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return "\n\n".join(paragraphs)


def removed_blocks(lines: list[Line]) -> list[RemovedBlock]:
    """The audit trail: every removed line and every cut piece, in line order."""
    out: list[RemovedBlock] = []
    for line in lines:
        if line.reason is not None:
            out.append(RemovedBlock(line.text[:MAX_REMOVED_CHARS], line.reason, line.no))
        for text, reason in line.extra:
            out.append(RemovedBlock(text[:MAX_REMOVED_CHARS], reason, line.no))
    return out


def words(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def is_titleish(text: str, share: float = 0.6) -> bool:
    """True when most content words start with a capital (title case), quotes ignored."""
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as"}
    tokens = [t.strip("'\"“”‘’()[]:,-–—") for t in text.split()]
    content = [t for t in tokens if t and t.lower() not in small and t[0].isalpha()]
    if not content:
        return False
    return sum(t[0].isupper() for t in content) / len(content) >= share


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (period, ?, ! possibly before a quote)."""
    return bool(re.search(r"[.!?][\"”’')\]]*$", text))
