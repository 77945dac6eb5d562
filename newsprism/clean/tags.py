"""Tag lines: a list of topic tags printed at the end of a page, often glued together.

``"ParisClimate Accord (COP)France"`` is three tags whose separators were lost when the
page was scraped. Boundaries are restored where a lowercase letter, a digit or ``)`` is
directly followed by an uppercase letter; known phrases (the headline, words that occur
glued in the body, "McCain"-style names) are protected from splitting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.clean.normalize import fold_quotes

_GLUE = re.compile(r"(?<=[a-z0-9)\]])(?=[A-Z])")
_PREFIXED = re.compile(r"^(?:tags|topics|related topics|filed under|keywords)\s*:\s*(?P<rest>.+)$", re.I)
_SEPARATORS = re.compile(r"\s*(?:[,|;•·]|\s/\s)\s*")
_SENTENCE_END = re.compile(r"[.!?:]['\"”’)]?$")
MIN_FRAGMENT = 3  # "Mc|Cain", "i|Phone", "De|Santis": a glued prefix this short is part of a name
MAX_TAG_WORDS = 25
MAX_LINE_CHARS = 1000


def glue_points(text: str) -> list[int]:
    """Offsets where a tag boundary was glued away (lower/digit/")" directly before upper)."""
    points = []
    for match in _GLUE.finditer(text):
        i = match.start()
        start = i
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "_"):
            start -= 1
            if text[start].isupper():
                break
        if text[i - 1].isalpha() and i - start < MIN_FRAGMENT:
            continue
        points.append(i)
    return points


def looks_like_tag_line(line: str, known: Iterable[str] = ()) -> bool:
    """True for a line that is a list of tags: "Tags: a, b" or several tags glued together."""
    if not line or len(line) > MAX_LINE_CHARS:
        return False
    if _PREFIXED.match(line):
        return True
    if _SENTENCE_END.search(line) or line.startswith(("•", "-", "*")):
        return False
    masked = _mask(line, known)
    return len(glue_points(masked)) >= 2


def split_tags(line: str, known: Iterable[str] = (), body_words: Iterable[str] = ()) -> list[str]:
    """The tags of a tag line, in order; ``known`` phrases (e.g. the headline) stay whole.

    ``body_words`` are camel-case words that occur as such in the article (``YouTube``),
    which are therefore not split.
    """
    line = line.strip()[:MAX_LINE_CHARS]
    prefixed = _PREFIXED.match(line)
    if prefixed:
        parts = _SEPARATORS.split(prefixed.group("rest"))
        return _unique(p.strip() for p in parts if p.strip())
    protected = set(body_words)
    masked = _mask(line, known)
    cuts = [p for p in glue_points(masked) if _camel_word(line, p) not in protected]
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    return _unique(p for p in pieces if p and len(p.split()) <= MAX_TAG_WORDS)


def _mask(line: str, known: Iterable[str]) -> str:
    """``line`` with the inner part of each known phrase hidden from the glue finder.

    Quote styles are folded so a headline with curly quotes matches a tag with straight
    ones. The phrase's own first and last characters stay, so its edges are still cut.
    """
    folded = fold_quotes(line).casefold()
    chars = list(line)
    for phrase in known:
        key = fold_quotes(phrase.strip()).casefold()
        if len(key) < 4:
            continue
        start = folded.find(key)
        while start >= 0:
            for i in range(start + 1, start + len(key) - 1):
                chars[i] = " " if chars[i] == " " else "_"
            start = folded.find(key, start + len(key))
    return "".join(chars)


def _camel_word(line: str, point: int) -> str:
    """The camel-case word a glue point falls in: "ChinaYouTube" at 8 -> "YouTube"."""
    start = point
    while start > 0 and line[start - 1].isalpha():
        start -= 1
        if line[start].isupper():
            break
    end = point + 1
    while end < len(line) and line[end].islower():
        end += 1
    return line[start:end]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
