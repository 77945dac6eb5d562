"""Photo captions and photo credits in scraped text.

A caption is usually a short title line followed, in the same block, by a long
descriptive line with position markers ("(L)", "(R)"), a present-tense photo verb, a
date and a credit ("Name/Getty Images"). Each signal adds to a score; the credit at the
end of a caption is recorded separately.
"""

from __future__ import annotations

import re

from newsprism.clean.lines import Line, ends_sentence, kept, mark, words
from newsprism.clean.pubdate import FULL_DATE

_AGENCIES = (
    r"Getty Images|AFP|AP Photo|Associated Press|Reuters|REUTERS|EPA(?:-EFE)?|Shutterstock|Alamy|Sputnik|"
    r"Xinhua|Anadolu(?: Agency)?|NurPhoto|SOPA Images|Bloomberg|Pool|Kremlin Press Office|TASS|Zuma(?: Press)?|"
    r"Contributor|File Photo|Handout"
)
_POSITION = re.compile(r"\((?:L|R|C|l|r|c|left|right|center|centre|top|bottom|front|back|L-R|from left)\)")
_CREDIT_MARK = re.compile(
    rf"(?:[\w.'’-]+/(?:{_AGENCIES})|(?:{_AGENCIES})/[\w'’.-]+|\bvia (?:{_AGENCIES})|"
    rf"\b(?:Photo|Image|Picture|Credit|Photograph)s?(?: by)?:|\((?:{_AGENCIES})\)|\bGetty Images\b)"
)
_CREDIT_START = re.compile(
    rf"(?:(?:[A-Z](?:\.|[\w'’-]*)(?: [A-Z](?:\.|[\w'’-]*)){{0,3}})/)*(?:{_AGENCIES})(?:[ /][\w.'’&-]+){{0,8}}\s*$"
    rf"|\b(?:Photo|Image|Picture|Credit|Photograph)s?(?: by)?:.*$|\((?:Photo|Image) by [^)]*\)\s*$"
)
_CREDIT_LINE = re.compile(
    rf"^\(?(?:(?:Photo|Image|Picture|Credit|Photograph)s?(?: by)?:?\s*.{{0,80}}|"
    rf"[\w .,'’&-]{{0,60}}(?:/|\bvia )(?:{_AGENCIES})[\w .,/&'’-]{{0,60}}|(?:{_AGENCIES})(?:[ /][\w.'’&-]+){{0,6}})\)?$"
)
_PHOTO_VERB = re.compile(
    r"\b(?:shakes? hands|shake|poses?|looks? on|gestures?|waves?|speaks?|arrives?|attends?|walks?|"
    r"stands?|smiles?|listens?|delivers?|holds?|greets?|meets?)\b"
)
CAPTION_SCORE = 4  # position marker 2 + credit 2, or credit 2 + date 1 + verb 1, ...
MAX_CAPTION_WORDS = 120
MAX_TITLE_WORDS = 12


def caption_score(text: str, titled: bool) -> int:
    """How caption-like a line is (see the module docstring for the signals)."""
    score = 2 * bool(_POSITION.search(text)) + 2 * bool(_CREDIT_MARK.search(text[-120:]))
    score += bool(FULL_DATE.search(text)) + bool(_PHOTO_VERB.search(text)) + titled
    return score


def split_credit(text: str) -> tuple[str, str | None]:
    """A caption split into its description and the trailing credit (None when there is none)."""
    m = _CREDIT_START.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()].rstrip(" ,;-–—"), m.group(0).strip()


def is_credit_line(text: str) -> bool:
    """A short line that is only a photo credit ("Photo: J. Doe/AFP", "Getty Images")."""
    return words(text) <= 15 and not ends_sentence(text.rstrip(")")) and bool(_CREDIT_LINE.match(text))


def mark_captions(lines: list[Line]) -> None:
    """Remove caption title + caption pairs, lone captions and lone credit lines."""
    live = kept(lines)
    for i, line in enumerate(live):
        if line.reason is not None or words(line.text) > MAX_CAPTION_WORDS or line.text[:1] in "\"“'‘":
            continue
        prev = live[i - 1] if i > 0 else None
        titled = bool(
            prev is not None
            and prev.reason is None
            and prev.block == line.block
            and words(prev.text) <= MAX_TITLE_WORDS
            and not ends_sentence(prev.text)
        )
        if caption_score(line.text, titled) >= CAPTION_SCORE:
            description, credit = split_credit(line.text)
            line.text = description
            mark(line, "photo caption")
            if credit:
                line.extra.append((credit, "photo credit"))
            if titled and prev is not None:
                mark(prev, "photo caption")
        elif is_credit_line(line.text):
            mark(line, "photo credit")
