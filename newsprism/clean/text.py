"""The scraped-text cleaner: a page saved as plain text, cleaned line by line.

General heuristics, each a small pass over the lines (see :mod:`chrome` for the passes
shared with HTML bodies): header (section label, headline, standfirst), bylines,
datelines, photo captions and credits, writer bios, notices, subscription perks, promo
blocks, paragraphs printed twice, outlet boilerplate, and the glued tag line at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.clean.boilerplate import BoilerplateModel
from newsprism.clean.captions import mark_captions
from newsprism.clean.chrome import bio_names, mark_boilerplate, mark_safe_chrome
from newsprism.clean.lines import Line, ends_sentence, is_titleish, kept, mark, split_lines, words
from newsprism.clean.metadata import (
    DATE_KEYS,
    DATELINE_PLACE,
    HEADER_LINES,
    MAX_FRONT_MATTER_LINES,
    SECTION_KEYS,
    TAG_KEYS,
    TITLE_KEYS,
    bylines_from_meta,
    front_matter_outlet,
    front_matter_url,
    header_outlet,
    masthead_line,
    masthead_name,
    parse_byline,
    read_header,
    staff_byline,
    url_line,
)
from newsprism.clean.pubdate import FULL_DATE, REGION_ZONES, ZONES, published_from_meta
from newsprism.clean.tags import looks_like_tag_line, split_tags

ZONE = 8  # bylines and date lines are looked for in the first and last lines only
MAX_HEADLINE_WORDS = 25
MAX_SECTION_WORDS = 3
MIN_BARE_DATELINE_WORDS = 12  # "PLACE - lede": a bare hyphen is a dateline's before a sentence this long
_BYLINE = re.compile(r"^(?:(?:written |reported |words )?by|reporting by)\s+[A-Z]", re.I)
_NAME_BAR = re.compile(r"^(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})\s*[|•·]\s*(?P<rest>\S.{0,60})$")
_ZONE_WORDS = "|".join(
    sorted((z.lower() for z in [*ZONES, *REGION_ZONES] if len(z) > 1), key=len, reverse=True)
)
_DATE_WORDS = re.compile(
    r"\b(?:updated|published|posted|last|first|modified|on|at|am|pm|hrs|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|" + _ZONE_WORDS + r")\b|\b[ap]\.m\.?(?!\w)|\d{1,2}[:.]\d\d"
    r"|\b\d{1,3}[ -]?(?:min(?:ute)?s?|hours?|hrs?)\.?(?: (?:read|reading(?: time)?|listen|watch))?\b"
    r"|\b(?:reading time|read time|min read)\b|[|,·•()\-–—:]",
    re.I,
)
_DATELINE_PREFIX = re.compile(
    r"^(?P<prefix>(?P<place>" + DATELINE_PLACE + r")"
    r"(?:,?\s+(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
    r"(?:, (?:19|20)\d\d)?))?\s*"
    r"(?:\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?\s*(?P<dash>--|[-–—]))\s+(?=[A-Z\"“'‘])"
)
#: Capitalised labels a dateline pattern would read as a place.
_NOT_PLACES = frozenset(
    [
        "UPDATE",
        "UPDATED",
        "CORRECTION",
        "CORRECTED",
        "CLARIFICATION",
        "BREAKING",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "WATCH",
        "VIDEO",
        "LIVE",
        "LISTEN",
        "PHOTOS",
        "EXPLAINER",
        "INTERVIEW",
        "REVIEW",
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    ]
) | {"EDITOR'S NOTE", "EDITOR’S NOTE"}
_SAYS = re.compile(r"\b(?:said|says|told|tells)\b")
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_INNER_SENTENCE = re.compile(r"[.!?][\"”’']?\s+[A-Z\"“]")
_HEADING_MARK = re.compile(r"^(?P<mark>#{1,6})\s+(?P<text>\S.*?)(?:\s+#+)?$")
_SHARE = re.compile(
    r"^(?:share(?: this(?: story| article| post| page)?)?(?: (?:on|via) [\w ,/|&]{1,60})?|"
    r"(?:share|tweet|email|print)(?: ?[|/·•] ?(?:share|tweet|email|print|facebook|twitter|x|linkedin|whatsapp))+|"
    r"share (?:this|it)(?: story| article| post)? with (?:your )?(?:friends(?: and family)?|family|others))[!.:]?$",
    re.I,
)
#: A closing promo sentence: "Stay with X for more updates.", "Follow X for more.", "Stay tuned to X for ...".
_PROMO = re.compile(
    r"^(?:stay (?:with|tuned(?: to| with)?)|follow|keep (?:it )?locked (?:to|on)|check back with)"
    r"(?: (?!for\b)[\w&'’.@-]+){0,5} for (?:more|the latest|all the latest|further|updates|live updates)\b"
    r"[^.!?]{0,60}[.!]?$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MAX_PROMO_WORDS = 30
TRAILING_ROUNDS = 4  # passes over the text's tail (promo, tag line, promo, ...)
# Removals that frame a headline: a line right above one of these is the headline even in
# sentence case ("Council backs bridge plan" / "By Jane Doe").
_HEADER_REASONS = frozenset({"byline", "dateline", "masthead line", "url line"})


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline cut from the front of a lede: "SORIA, June 10 (Meridian Press) —"."""

    text: str
    place: str
    agency: str | None
    date: str | None


@dataclass(slots=True)
class TextResult:
    """What the line cleaner found: kept/removed lines plus the metadata they carried."""

    lines: list[Line]
    title: str | None = None
    section: str | None = None
    standfirst: str | None = None
    bylines: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)
    wire: Dateline | None = None  # a "PLACE (Agency) —" prefix cut from the lede
    url: str | None = None  # from front matter or a header "URL:" line
    outlet: str | None = None  # named by front matter or a masthead line


def clean_text(
    text: str,
    outlet: str | None = None,
    model: BoilerplateModel | None = None,
    model_outlet: str | None = None,
) -> TextResult:
    """Run every pass over scraped text; ``model_outlet`` is the key the boilerplate model uses."""
    lines = split_lines(text)
    result = TextResult(lines)
    mark_front_matter(lines, result)
    strip_heading_marks(lines)
    mark_boilerplate(lines, model, model_outlet)  # first: recurring nav must not become a headline
    mark_masthead_lines(lines, result)
    mark_bylines(lines, result, outlet)
    mark_datelines(lines, result)
    mark_header(lines, result, outlet or result.outlet)
    mark_captions(lines)
    mark_safe_chrome(lines, outlet, None, None)
    mark_trailing(lines, result)
    keep_bare_lede(lines, result)
    if not result.bylines:
        result.bylines = list(dict.fromkeys(bio_names(lines)))
    return result


def _zone(lines: list[Line]) -> list[Line]:
    live = kept(lines)
    return live[:ZONE] + live[max(ZONE, len(live) - ZONE) :]


def mark_front_matter(lines: list[Line], result: TextResult) -> None:
    """A YAML front matter block ("---" / "title: ..." / "---") or a plain "Title: ..." header
    block (:func:`~newsprism.clean.metadata.plain_header`) opening the file: removed, its title,
    author, date, url, section and tags kept as metadata (the outlet is read by
    :func:`~newsprism.clean.metadata.infer_outlet`)."""
    head: list[str] = []
    for i, line in enumerate(lines[: MAX_FRONT_MATTER_LINES + 2]):
        head += [""] if i and line.block != lines[i - 1].block else []
        head.append(line.text.strip())
    fields, count = read_header(head)
    if not count:
        return
    for line in lines[:count]:
        mark(line, "front matter" if lines[0].text.strip() == "---" else "header block")
    result.title = next((fields[k] for k in TITLE_KEYS if fields.get(k)), None)
    result.bylines = bylines_from_meta(fields)
    day = next((fields[k] for k in DATE_KEYS if fields.get(k)), None)
    if day and not FULL_DATE.search(day):
        day = (published_from_meta(day) or "").replace("T", " ")  # "2025-03-04T08:05:00-08:00"
    if day and FULL_DATE.search(day):
        result.datelines.append(day)
    result.url = front_matter_url(fields)
    result.section = next((fields[k] for k in SECTION_KEYS if fields.get(k)), None)
    tags = next((fields[k] for k in TAG_KEYS if fields.get(k)), "")
    result.tags = [t.strip() for t in re.split(r"\s*[;,]\s*", tags) if t.strip()]
    result.outlet = front_matter_outlet(fields)


def strip_heading_marks(lines: list[Line]) -> None:
    """Markdown ATX headings ("# Headline", "## Background ##") lose their marks (kept as a cut
    piece, reason "markdown heading")."""
    for line in kept(lines):
        m = _HEADING_MARK.match(line.text)
        if m:
            line.extra.append((m.group("mark"), "markdown heading"))
            line.text = m.group("text")


def mark_masthead_lines(lines: list[Line], result: TextResult) -> None:
    """Header lines near the top: "**Outlet** | By Name | Date" (outlet, bylines and date kept) and
    a line that is only the article's URL ("URL: https://...")."""
    for line in kept(lines)[:HEADER_LINES]:
        if found := masthead_line(line.text):
            name, names, day = found
            mark(line, "masthead line")
            result.outlet = result.outlet or name
            result.bylines.extend(n for n in names if n not in result.bylines)
            if day:
                result.datelines.append(day)
        elif (url := url_line(line.text)) and words(line.text) <= 2:
            mark(line, "url line")
            result.url = result.url or url


def mark_trailing(lines: list[Line], result: TextResult) -> None:
    """Share prompts, closing promos and the tag line at the end, repeated until nothing more is
    removed (at most :data:`TRAILING_ROUNDS` times), so their order does not matter: a promo
    above a tag line goes once the tag line has."""
    for _ in range(TRAILING_ROUNDS):
        before = len(kept(lines))
        mark_share_prompts(lines)
        mark_tag_line(lines, result)
        if len(kept(lines)) == before:
            return


def mark_share_prompts(lines: list[Line]) -> None:
    """ "Share this story!", "Share | Tweet | Email" lines near the end, and closing promo
    paragraphs ("Stay with X for more updates.") that end the text."""
    for line in kept(lines)[-ZONE:]:
        if _SHARE.match(line.text.strip()):
            mark(line, "share prompt")
    for line in reversed(kept(lines)[-ZONE:]):
        sentences = _SENTENCE_END.split(line.text.strip())
        if words(line.text) > MAX_PROMO_WORDS or not all(
            _SHARE.match(s) or _PROMO.match(s) for s in sentences
        ):
            break
        mark(line, "closing promo")


def mark_bylines(lines: list[Line], result: TextResult, outlet: str | None) -> None:
    """ "By Jane Doe", "By Outlet Staff" and "Jane Doe | Outlet" lines near the top or the bottom."""
    for line in _zone(lines):
        text = line.text
        if words(text) > 14 or (ends_sentence(text) and not text.endswith(".")):
            continue
        names: list[str] = []
        if staff_byline(text) and not parse_byline(text):
            mark(line, "byline")  # a staff credit: no person to name
        elif _BYLINE.match(text):
            names = parse_byline(text.split(";")[0])
        elif (m := _NAME_BAR.match(text)) and _names_outlet_or_date(m.group("rest"), outlet):
            names = parse_byline(m.group("name"))
        if names:
            mark(line, "byline")
            result.bylines.extend(n for n in names if n not in result.bylines)


def _names_outlet_or_date(rest: str, outlet: str | None) -> bool:
    return bool(
        FULL_DATE.search(rest)
        or (outlet and outlet.lower() in rest.lower())
        or re.search(r"\b(?:Staff|Reporter|Correspondent|Editor)\b", rest)
    )


def is_date_line(text: str) -> bool:
    """A line that is only a date with optional "Updated"/"Published", time and zone."""
    if words(text) > 14:
        return False
    if not FULL_DATE.search(text):
        return False
    rest = _DATE_WORDS.sub(" ", FULL_DATE.sub(" ", text))
    return not rest.split()


def mark_datelines(lines: list[Line], result: TextResult) -> None:
    """Date-only lines near the top/bottom ("June 12, 2025 | 4 min read"), and a wire dateline."""
    for line in _zone(lines):
        if is_date_line(line.text):
            mark(line, "dateline")
            result.datelines.append(line.text)
    result.wire = cut_dateline(lines)
    if result.wire is not None and result.wire.date:
        result.datelines.append(result.wire.text)


def cut_dateline(lines: list[Line]) -> Dateline | None:
    """Cut a "PLACE (Agency) —" / "PLACE, Month D (Agency) -" prefix off one of the first kept lines.

    The prefix is kept on the line as a removed piece (reason "dateline"); the line must go on for
    more than six words. A plain hyphen with neither agency nor date needs a lede after it (a
    sentence of MIN_BARE_DATELINE_WORDS words or more: "SAN JOSE - Corvantis said ..."); on a short
    line without a full stop it may be a heading's dash ("LONDON - A city rebuilds").
    """
    for line in kept(lines)[:6]:
        m = _DATELINE_PREFIX.match(line.text)
        if m and m.group("place").rstrip(".").upper() in _NOT_PLACES:
            continue  # "UPDATE, March 4 - ", "TUESDAY, March 4 - ": a label, not a place
        bare = m and not (m.group("agency") or m.group("date")) and m.group("dash") == "-"
        if bare and not (ends_sentence(line.text) and words(line.text) >= MIN_BARE_DATELINE_WORDS):
            continue  # "LONDON - A city rebuilds": a heading's dash
        if m and words(line.text) > 6:
            line.extra.append((m.group("prefix"), "dateline"))
            line.text = line.text[m.end() :]
            agency = m.group("agency").strip() if m.group("agency") else None
            return Dateline(m.group("prefix"), m.group("place"), agency, m.group("date"))
    return None


def is_headline(line: Line, following: Line | None, framed: bool = False) -> bool:
    """A short, title-like first line without a final period, followed by longer text.

    ``framed``: a byline, date or URL line follows it, so it is the headline in sentence case too.
    """
    text = line.text
    n = words(text)
    if following is None or not 2 <= n <= MAX_HEADLINE_WORDS or len(text) > 220:
        return False
    if re.search(r"[.,;:]$", text) or text[:1] in "•-*·" or "http" in text or text.count(" | ") >= 2:
        return False
    return framed or is_titleish(text) or len(following.text) > 1.5 * len(text)


def is_section(line: Line, headline: Line) -> bool:
    """A 1-3 word label in title case or capitals just above the headline."""
    text = line.text
    if not 1 <= words(text) <= MAX_SECTION_WORDS or len(text) > 40 or re.search(r"[.!?,;:]$", text):
        return False
    if FULL_DATE.search(text) or _WEEKDAY.search(text) or any(ch.isdigit() for ch in text):
        return False
    return is_titleish(text, 0.99) and words(headline.text) > words(text)


def is_standfirst(line: Line, rest: int) -> bool:
    """A one-sentence summary paragraph right after the headline (not a dated, attributed lede)."""
    text = line.text
    if rest < 2 or not 8 <= words(text) <= 45 or not ends_sentence(text):
        return False
    if _INNER_SENTENCE.search(text) or any(q in text for q in '"“”'):
        return False
    return not (_SAYS.search(text) or _WEEKDAY.search(text) or _DATELINE_PREFIX.match(text))


def mark_header(lines: list[Line], result: TextResult, outlet: str | None = None) -> None:
    """Masthead, section label, headline and standfirst at the top of the page become metadata.

    A headline already known (front matter) is only removed where the text repeats it.
    """
    live = kept(lines)
    if len(live) >= 3 and (
        (outlet and live[0].text.casefold() == outlet.casefold())
        or masthead_name(live[0].text, [line.text for line in live[1:HEADER_LINES]])
    ):
        mark(live[0], "outlet name")
    mark_outlet_line(lines, result, outlet)
    live = kept(lines)
    if len(live) < 2:
        return
    if result.title is not None:
        if live[0].text.casefold() == result.title.casefold():
            mark(live[0], "headline")
        return
    at = 0
    if (
        len(live) >= 3
        and is_section(live[0], live[1])
        and is_headline(live[1], live[2], _framed(lines, live[1]))
        and (live[0].block == live[1].block or is_titleish(live[1].text))
    ):
        result.section = live[0].text
        mark(live[0], "section label")
        at = 1
    if not is_headline(live[at], live[at + 1] if at + 1 < len(live) else None, _framed(lines, live[at])):
        return
    result.title = live[at].text
    mark(live[at], "headline")
    after = [line for line in live[at + 1 :] if line.reason is None]
    if after and is_standfirst(after[0], len(after) - 1):
        result.standfirst = after[0].text
        mark(after[0], "standfirst")


def mark_outlet_line(lines: list[Line], result: TextResult, outlet: str | None = None) -> None:
    """The outlet's name on a line of its own in the header block, after the byline or date line
    ("By Jane Doe" / "Lakeshore Ledger" / "November 18, 2026"): removed (:func:`header_outlet`)."""
    head = [line for line in lines if line.reason not in ("front matter", "header block")][:HEADER_LINES]
    found = header_outlet([line.text for line in head], outlet)
    if found:
        mark(head[found[0]], "outlet name")
        result.outlet = result.outlet or found[1]


def _framed(lines: list[Line], line: Line) -> bool:
    """Whether the line right after ``line`` was removed as a byline, date, masthead or URL line."""
    at = lines.index(line)
    return at + 1 < len(lines) and lines[at + 1].reason in _HEADER_REASONS


# Removals that are not page layout: a bare "headline + paragraphs" text has only these, and a
# typed-up article its "By ..." line and its date line too.
_NOT_FURNITURE = frozenset(
    {"headline", "standfirst", "paragraph printed twice", "byline", "dateline"}
    | {"front matter", "header block", "markdown heading", "masthead line", "url line", "outlet name"}
)


#: A figure in a standfirst: a claim of the story, not a page's teaser.
_FIGURE = re.compile(r"(?<!\d)(?!(?:1[89]|20)\d\d\b)\d")  # a year ("the 2026 budget") is no figure


def keep_bare_lede(lines: list[Line], result: TextResult) -> None:
    """Return the standfirst to the body when the page has no other furniture.

    A dek is a page-layout element: a scraped page that has one also shows a section label,
    captions, promos or tags. A plain text that is only a headline, perhaps a byline and a date
    line, and paragraphs (a corpus file, a copied article) opens with its lede, which must stay
    in the body: moved out, it would never be compared.
    """
    if result.standfirst is None:
        return
    reasons = {line.reason for line in lines} | {reason for line in lines for _, reason in line.extra}
    if reasons - _NOT_FURNITURE - {None} and not _FIGURE.search(result.standfirst):
        return  # a dek with a figure ("... for €84 million") is a claim to compare, kept in the body
    for line in lines:
        if line.reason == "standfirst":
            line.reason = None
    result.standfirst = None


def mark_tag_line(lines: list[Line], result: TextResult) -> None:
    """The last kept line when it is a tag list (glued or "Tags: a, b")."""
    live = kept(lines)
    if len(live) < 2:
        return
    last = live[-1]
    known = [result.title] if result.title else []
    if not looks_like_tag_line(last.text, known):
        return
    camel = {w for line in live[:-1] for w in re.findall(r"\b[A-Za-z]+[a-z][A-Z][A-Za-z]*\b", line.text)}
    tags = split_tags(last.text, known, camel)
    if tags:
        result.tags = tags
        mark(last, "tag line")
