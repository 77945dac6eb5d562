"""Page chrome that is safe to remove from any body (scraped text or extracted HTML).

Each ``mark_*`` pass looks at the lines still kept and removes the ones it recognises,
with a short human reason. None of them touches the headline logic.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from newsprism.clean.boilerplate import BoilerplateModel
from newsprism.clean.lines import Line, ends_sentence, is_titleish, kept, mark, words
from newsprism.clean.normalize import fold_for_compare

_ABOUT = re.compile(r"^about (?:the|this) (?:writer|author|reporter|journalist)s?:?$", re.I)
_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}"
BIO_START = re.compile(rf"^(?P<name>{_NAME}) (?:is|was|has been|covers|writes|joined)\b")
BIO_ROLE = re.compile(
    rf"^(?P<name>{_NAME}) is (?:a|an|the) (?:[\w-]+ ){{0,3}}(?:reporter|correspondent|writer|editor|"
    r"journalist|columnist|contributor|producer)\b[^.]{0,80}\b(?:for|at|with) [A-Z]"
)
_PRONOUN_BIO = re.compile(r"^(?:He|She|They) (?:is|was|covers|writes|has|joined|previously)\b")
_READ_MORE_TAIL = re.compile(r"(?:\.{3}|…)\s*Read more\.?$", re.I)
_READ_MORE_LINE = re.compile(
    r"^(?:(?:read more|read also|continue reading|read the full (?:story|article))\b|(?:more|related|see also)\s*:)",
    re.I,
)
_CLICK_HERE = re.compile(r"\b(?:click|tap) here\b", re.I)
_READING_TIME = re.compile(r"^\d{1,3}\s*(?:min|mins|minute|minutes)\.? read$", re.I)
_BULLET = re.compile(r"^[•\-*·▪◦–]\s*(?P<item>\S.*)$")
_PERK = re.compile(
    r"\b(?:magazine|app|apps|ad-free|ads|subscri\w*|newsletters?|premium|podcasts?|browsing|delivered|"
    r"unlimited|digital access|members?(?:hip)?|e-?paper|crosswords?|puzzles|offers?|exclusive|audio|"
    r"comment on articles|cancel anytime|free trial)\b",
    re.I,
)
_ANNOUNCE = re.compile(
    r"\b(?:subscribe|subscription|join|cover|benefits|plans?|membership|access|offer)\b", re.I
)
_BRAND = re.compile(
    r"^(?:At )?(?P<brand>(?:The )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,2})(?:'s (?:journalists|reporters|"
    r"newsroom|team|editors))? (?:is|are) (?:committed|dedicated|devoted) to\b"
)
_JOURNALISM = re.compile(
    r"\b(?:journalism|reporting|news|readers|wisdom|truth|facts|accuracy|accurate|independent|"
    r"common ground|informed|fair|balanced)\b",
    re.I,
)
_PROMO_LINE = re.compile(
    r"^(?:follow us on\b|(?:subscribe|sign up|join|download|get|support|become a (?:member|subscriber)|"
    r"don't miss)\b.{0,200}\b(?:newsletter|subscription|subscribe|our app|journalism|inbox|membership|"
    r"podcast|free trial)\b)",
    re.I,
)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|urged|warned)\b|[\"“'‘]\s*(?:click|tap) here", re.I)
MAX_NOTICE_WORDS = 40
MAX_PERK_WORDS = 12
DUPLICATE_MIN_WORDS = 6
DUPLICATE_RATIO = 95.0  # rapidfuzz ratio for "near-exact" repeats (calibrated: 1-2 changed chars)
DUPLICATE_WINDOW = 20  # earlier paragraphs compared fuzzily (exact repeats are found anywhere)


def mark_about_writer(lines: list[Line]) -> None:
    """ "About the writer" headings, the bio after them, and a bio paragraph near the end."""
    for i, line in enumerate(lines):
        if line.reason is None and _ABOUT.match(line.text):
            mark(line, "about the writer")
            for j, nxt in enumerate(lines[i + 1 : i + 4]):
                if nxt.reason is not None or words(nxt.text) > 120:
                    break
                if j == 0 or BIO_START.match(nxt.text) or _PRONOUN_BIO.match(nxt.text):
                    mark(nxt, "about the writer")
                else:
                    break
    for line in kept(lines)[-6:]:
        if words(line.text) <= 80 and BIO_ROLE.match(line.text):
            mark(line, "about the writer")


def bio_names(lines: list[Line]) -> list[str]:
    """Names that open a removed writer bio ("Jane Doe is a reporter for ...")."""
    names = []
    for line in lines:
        if line.reason == "about the writer" and (m := BIO_START.match(line.text)):
            names.append(m.group("name"))
    return names


def mark_notices(lines: list[Line]) -> None:
    """ "Click here" notices, "Read more" teasers and links, reading-time lines."""
    for line in kept(lines):
        text = line.text
        if _CLICK_HERE.search(text) and words(text) <= MAX_NOTICE_WORDS and not _REPORTED.search(text):
            mark(line, "click-here notice")
        elif _READ_MORE_TAIL.search(text) and words(text) <= 120:
            mark(line, "read-more teaser")
        elif _READ_MORE_LINE.match(text) and words(text) <= 20 and not ends_sentence(text):
            mark(line, "read-more link")
        elif _READING_TIME.match(text):
            mark(line, "reading time")


def mark_perks(lines: list[Line], outlet: str | None) -> None:
    """Bullet lists of subscription perks and the short line that announces them."""
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _BULLET.match(lines[j].text):
            j += 1
        run = lines[i:j]
        if len(run) >= 2 and _is_perk_run(run, outlet):
            for line in run:
                mark(line, "subscription perks")
            if i > 0 and _announces(lines[i - 1], outlet):
                mark(lines[i - 1], "subscription perks")
        i = max(j, i + 1)


def _is_perk_run(run: list[Line], outlet: str | None) -> bool:
    items = [m.group("item") for line in run if (m := _BULLET.match(line.text))]
    if any(words(item) > MAX_PERK_WORDS or (ends_sentence(item) and words(item) > 8) for item in items):
        return False
    hits = sum(bool(_PERK.search(item) or (outlet and outlet.lower() in item.lower())) for item in items)
    return hits >= 2 and hits * 2 >= len(items)


def _announces(line: Line, outlet: str | None) -> bool:
    text = line.text
    if words(text) > 6 or ends_sentence(text) or _BULLET.match(text):
        return False
    return bool(_ANNOUNCE.search(text) or _PERK.search(text) or (outlet and outlet.lower() in text.lower()))


def mark_title(lines: list[Line], title: str | None) -> None:
    """The page's or record's headline printed again as the body's first line (an ``<h1>`` kept by
    the extractor): removed as "headline", so one article read as a page and as a record is one text."""
    body = kept(lines)
    if not title or len(body) < 2 or ends_sentence(body[0].text):
        return  # a first line that ends a sentence is the lede, even when the title repeats it
    key = fold_for_compare(title)
    if fuzz.ratio(fold_for_compare(body[0].text), key) >= DUPLICATE_RATIO:
        mark(body[0], "headline")


def mark_duplicates(lines: list[Line]) -> None:
    """Paragraphs printed twice: exact (folded) or near-exact repeats; the later copy goes."""
    seen: set[str] = set()
    recent: list[str] = []
    for line in kept(lines):
        if words(line.text) < DUPLICATE_MIN_WORDS:
            continue
        key = fold_for_compare(line.text)
        near = any(
            abs(len(key) - len(other)) <= 5 and fuzz.ratio(key, other) >= DUPLICATE_RATIO for other in recent
        )
        if key in seen or near:
            mark(line, "paragraph printed twice")
            continue
        seen.add(key)
        recent = [*recent[-(DUPLICATE_WINDOW - 1) :], key]


def is_brand_statement(text: str, outlet: str | None) -> bool:
    """ "X is committed to ..." about the outlet itself (or about journalism)."""
    m = _BRAND.match(text)
    if not m or words(text) > 60:
        return False
    brand = m.group("brand")
    if outlet and brand.lower().removeprefix("the ") == outlet.lower().removeprefix("the "):
        return True
    return len(brand.split()) <= 2 and bool(_JOURNALISM.search(text[m.end() :]))


def mark_promo(lines: list[Line], outlet: str | None) -> None:
    """Promo blocks: a brand statement and the short title line above it; newsletter/app pitches."""
    for i, line in enumerate(lines):
        if line.reason is None and _PROMO_LINE.match(line.text) and words(line.text) <= 30:
            mark(line, "promo block")
        if not is_brand_statement(line.text, outlet):
            continue
        mark(line, "promo block")
        if i > 0:
            title = lines[i - 1]
            if words(title.text) <= 5 and not ends_sentence(title.text) and is_titleish(title.text, 0.99):
                mark(title, "promo block")


def mark_boilerplate(lines: list[Line], model: BoilerplateModel | None, outlet: str | None) -> None:
    """Lines the outlet's boilerplate model has seen on many of its pages."""
    if model is None or not outlet:
        return
    for line in kept(lines):
        if model.is_chrome(outlet, line.text):
            mark(line, f"outlet boilerplate (seen on {model.seen_on(outlet, line.text)} pages)")


def mark_safe_chrome(
    lines: list[Line], outlet: str | None, model: BoilerplateModel | None, key: str | None
) -> None:
    """All passes that are safe on any body, in order."""
    mark_about_writer(lines)
    mark_notices(lines)
    mark_perks(lines, outlet)
    mark_duplicates(lines)
    mark_promo(lines, outlet)
    mark_boilerplate(lines, model, key)
