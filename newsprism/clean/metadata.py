"""Metadata inference: outlet, bylines, language (and, via :mod:`pubdate`, the date).

Reader-supplied metadata always wins; these functions fill the gaps from the URL and the
text. All of them are deterministic and cheap (regular expressions and small tables).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from newsprism.clean.lines import ends_sentence
from newsprism.clean.pubdate import FULL_DATE, infer_published, published_from_meta

__all__ = [
    "bylines_from_meta",
    "detect_language",
    "front_matter",
    "header_outlet",
    "infer_outlet",
    "infer_published",
    "masthead_line",
    "outlet_from_url",
    "parse_byline",
    "published_from_meta",
    "safe_url",
    "url_line",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Registered domain -> display name, for outlets whose name is not just the domain label.
KNOWN_OUTLETS: dict[str, str] = {
    "apnews.com": "AP",
    "afp.com": "AFP",
    "aljazeera.com": "Al Jazeera",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "bloomberg.com": "Bloomberg",
    "cbsnews.com": "CBS News",
    "cgtn.com": "CGTN",
    "cnbc.com": "CNBC",
    "cnn.com": "CNN",
    "dailymail.co.uk": "Daily Mail",
    "dw.com": "DW",
    "economist.com": "The Economist",
    "foreignpolicy.com": "Foreign Policy",
    "foxnews.com": "Fox News",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "globaltimes.cn": "Global Times",
    "independent.co.uk": "The Independent",
    "kyivindependent.com": "The Kyiv Independent",
    "latimes.com": "Los Angeles Times",
    "nbcnews.com": "NBC News",
    "news.cn": "Xinhua",
    "npr.org": "NPR",
    "nytimes.com": "The New York Times",
    "rt.com": "RT",
    "scmp.com": "South China Morning Post",
    "tass.com": "TASS",
    "telegraph.co.uk": "The Telegraph",
    "theatlantic.com": "The Atlantic",
    "thediplomat.com": "The Diplomat",
    "theguardian.com": "The Guardian",
    "themoscowtimes.com": "The Moscow Times",
    "usatoday.com": "USA Today",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "xinhuanet.com": "Xinhua",
}
_SECOND_LEVEL = _words("co com org net gov ac edu ne or go")

#: The place of a wire dateline: "BEIJING", "NEW YORK", "SORIA, Valmoria".
DATELINE_PLACE = r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+)?"
_NAME = r"(?:[Tt]he )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,2}"
_ONE = r"(?:The )?[A-Z][\w&'’-]*[\w]"
# (pattern, weight): evidence phrases naming the outlet that published the text. Phrases that
# only quote or address an outlet ("told Reuters", "German magazine", "X reported") say nothing
# about who published the text and are not used.
_OUTLET_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        re.compile(
            r"\b(?:a|an|the) (?:senior |staff |political |foreign |chief )?(?:reporter|correspondent|writer|"
            r"editor|journalist|columnist|contributor) (?:for|at|with) (" + _NAME + r")"
        ),
        3,
    ),
    # a mission line of the outlet's own ("Newsweek is committed to ..."), not a quoted pledge
    (re.compile(r"^(" + _NAME + r") (?:is|are) (?:committed|dedicated|devoted) to\b", re.M), 3),
    # wire dateline opening a line: "BEIJING (Reuters) -", not "Numbering (Caspian) - has"
    (
        re.compile(
            r"^" + DATELINE_PLACE + r" ?\((" + _ONE + r")\) [-–—]",
            re.M,
        ),
        3,
    ),
)
_NOT_OUTLET = _words("He She They We I It The This That Mr Ms Mrs Dr President Minister Reporters Police")
_SAID = r"(?:said|says|added|stated|argued|noted)"

_BYLINE_NAME = re.compile(r"^[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|da|van|von|der|bin|al|el|la|le)){1,4}$")
_NOT_NAME_WORDS = _words(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The This That Staff Reporter "
    "Editor Our"
)


def registered_domain(url: str | None) -> str | None:
    """The registrable part of an http(s) URL's host: ``www.bbc.co.uk`` -> ``bbc.co.uk``."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or "." not in host or host.replace(".", "").isdigit():
        return None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def outlet_from_url(url: str | None) -> str | None:
    """Display name of the outlet behind a URL: a known name, else the domain label capitalised."""
    domain = registered_domain(url)
    if domain is None:
        return None
    if domain in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[domain]
    label = domain.split(".")[0]
    words = [w for w in re.split(r"[-_]", label) if w]
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in words) or None


def outlet_from_text(text: str, persons: Iterable[str] = ()) -> tuple[str | None, str | None]:
    """The most supported outlet named by evidence phrases in ``text``, and the best phrase.

    Candidates that the text also uses as a speaker ("Smith said") or that are part of a
    person's name are not outlets.
    """
    scores: Counter[str] = Counter()
    phrase: dict[str, tuple[int, str]] = {}
    for pattern, weight in _OUTLET_PATTERNS:
        for match in pattern.finditer(text):
            name = re.sub(r"^the ", "", match.group(1).strip(" .'’"))
            if not name or name in _NOT_OUTLET or not name[0].isupper():
                continue
            scores[name] += weight
            if phrase.get(name, (0, ""))[0] < weight:
                phrase[name] = (weight, match.group(0).strip())
    person_words = {w for p in persons for w in p.split()}
    for name in sorted(scores):
        speaker = re.search(rf"\b{re.escape(name)} {_SAID}\b|\b{_SAID} {re.escape(name)}\b", text)
        if speaker or name in person_words:
            del scores[name]
    if not scores:
        return None, None
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return best, phrase[best][1]


def infer_outlet(
    meta: dict[str, Any], url: str | None, text: str, site_name: str | None = None
) -> tuple[str | None, str | None]:
    """Outlet and its evidence: metadata, else the text's own header (front matter or a plain
    "Outlet: ..." header block, a "**Outlet** | By ..." line), else URL domain (a header URL line
    when ``url`` is None), else site name, else a masthead first line or an outlet line of the
    header block (:func:`header_outlet`: "By Jane Doe" / "Lakeshore Ledger"), else a staff credit
    in a header byline ("By Jane Doe, Times staff writer"), else evidence phrases in the text.

    A masthead or outlet line that spells the URL's domain ("Esk Valley Gazette",
    eskvalleygazette.example) names that outlet better than the domain label does.
    """
    given = meta.get("outlet")
    if isinstance(given, str) and given.strip():
        return given.strip(), "metadata"
    head = header_lines(text)
    fields, skip = read_header(text.split("\n", _RAW_HEAD)[:_RAW_HEAD])
    kind = "front matter" if head[:1] == ["---"] else "header block"
    named = front_matter_outlet(fields)
    if named:
        return named, kind
    head = head[skip:]
    for line in head[:HEADER_LINES]:
        found = masthead_line(line)
        if found:
            return found[0], f"masthead line '{line[:80]}'"
    if url is None:
        url = front_matter_url(fields) or next(
            (u for line in head[:HEADER_LINES] if (u := url_line(line))), None
        )
    masthead = masthead_name(head[0], head[1:HEADER_LINES]) if len(head) >= 3 else None
    where = "first line"
    if masthead is None and (found := header_outlet(head)):
        masthead, where = found[1], f"header line '{found[1][:80]}'"
    from_url = outlet_from_url(url)
    if from_url:
        domain = registered_domain(url)
        if masthead and _squash(masthead) == _squash((domain or "").split(".")[0]):
            return masthead, f"{where}, URL domain {domain}"
        return from_url, f"URL domain {domain}"
    if site_name and site_name.strip():
        return site_name.strip(), "site name"
    if masthead:
        return masthead, "masthead first line" if where == "first line" else where
    for line in head[:HEADER_LINES]:
        if credit := staff_credit(line):
            return credit, f"byline '{line[:80]}'"
    return outlet_from_text(text)


# --- The header of a text file: YAML front matter, masthead lines, a URL line --------------

HEADER_LINES = 8  # masthead, byline and URL lines are looked for in the first lines only
MAX_FRONT_MATTER_LINES = 40
MAX_URL_CHARS = 2048
MAX_FIELD_CHARS = 500
#: Front-matter keys (lower case) by the field they give; a plain header block uses the same keys.
TITLE_KEYS = ("title", "headline")
BYLINE_KEYS = ("bylines", "byline", "author", "authors")
DATE_KEYS = ("published", "date", "pubdate", "published_at")
OUTLET_KEYS = ("outlet", "publication", "publisher", "source", "site", "site_name", "sitename")
URL_KEYS = ("url", "canonical", "link", "permalink")
SECTION_KEYS = ("section", "category")
TAG_KEYS = ("tags",)
HEADER_KEYS = frozenset(
    TITLE_KEYS + BYLINE_KEYS + DATE_KEYS + OUTLET_KEYS + URL_KEYS + SECTION_KEYS + TAG_KEYS
)
MIN_PLAIN_HEADER_LINES = 2
_RAW_HEAD = 4 * MAX_FRONT_MATTER_LINES  # raw lines (blank ones too) searched for a plain header
_FIELD = re.compile(r"^(?P<key>[A-Za-z][\w-]{0,30})\s*:\s*(?P<value>.*)$")
_ITEM = re.compile(r"^\s*-\s+(?P<value>\S.*)$")
_PLAIN_FIELD = re.compile(r"^(?P<key>[A-Za-z][A-Za-z _-]{0,20}?)\s*:\s+(?P<value>\S.*)$")
_URL_LINE = re.compile(
    r"^(?:(?:url|link|source|permalink|canonical(?: url)?|original(?: url)?)\s*:\s*)?<?(?P<url>https?://\S+?)>?$",
    re.I,
)
_BAR = re.compile(r"\s+[|•·]\s+|\s*\|\s*")
_BOLD = re.compile(r"^(?:\*\*|__)(?P<name>[^*_|]{2,80}?)(?:\*\*|__)$")
_OUTLET_NAME = re.compile(r"^(?:The )?[A-Z][\w&'’.-]*(?: (?:of |& )?[A-Z][\w&'’.-]*){0,5}$")
#: Words that name a newspaper or news site ("Esk Valley Gazette", "BuzzCivic Today") and not a
#: section ("World News", "Local"): a first line with one of them is a masthead.
MASTHEAD_WORDS = _words(
    "Gazette Tribune Times Herald Journal Chronicle Post Courier Observer Inquirer Examiner Dispatch "
    "Bulletin Telegraph Sentinel Register Ledger Mercury Globe Daily Today Standard Argus Clarion"
)
_BY = re.compile(r"^(?:(?:written |reported |words )?by|reporting by)\s+\S", re.I)
_STAFF = re.compile(
    r"^by\s+(?:the\s+)?(?P<name>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}) (?:staff|newsroom|desk|team)\b",
    re.I,
)

_STAFF_CREDIT = re.compile(
    r"^(?i:by)\s+[^,]{3,60},\s*(?:(?i:the)\s+)?(?P<name>[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,4})"
    r"\s+(?i:staff)(?:\s+(?i:writer|reporter|photographer|correspondent|member))?\.?$"
)
#: Words before "staff" that give a rank or a desk, not an outlet ("Senior Staff", "Sports staff").
_RANKS = _words("senior chief special contributing associate assistant deputy veteran former longtime")
_DESKS = _words(
    "staff news sports metro business politics political local national world digital web online "
    "editorial features arts opinion city"
)


def header_lines(text: str, limit: int = MAX_FRONT_MATTER_LINES + 12) -> list[str]:
    """The first non-blank lines of ``text``, stripped."""
    out: list[str] = []
    for line in text.split("\n", limit * 4)[: limit * 4]:
        if line.strip():
            out.append(line.strip())
            if len(out) >= limit:
                break
    return out


def front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """The fields of a YAML front matter block opening ``lines`` (non-blank lines: "---",
    "key: value" or "- item" lines, "---"), lower-case keys, and the block's line count (0: none).

    Only flat fields are read: a list ("- a" lines or "[a, b]") becomes "a; b". Values are
    bounded; a block that is not closed within MAX_FRONT_MATTER_LINES is no front matter.
    """
    if not lines or lines[0] != "---":
        return {}, 0
    fields: dict[str, str] = {}
    key = None
    for n, line in enumerate(lines[1 : MAX_FRONT_MATTER_LINES + 1], 2):
        if line in ("---", "..."):
            return (fields, n) if fields else ({}, 0)
        if (item := _ITEM.match(line)) and key:
            fields[key] = "; ".join(v for v in (fields.get(key), _scalar(item.group("value"))) if v)
        elif m := _FIELD.match(line):
            key = m.group("key").lower()
            value = m.group("value").strip()
            if value.startswith("[") and value.endswith("]"):
                value = "; ".join(_scalar(v) for v in value[1:-1].split(",") if _scalar(v))
            fields[key] = _scalar(value)
        elif not line.startswith("#"):
            return {}, 0
    return {}, 0


def plain_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The fields of a plain "Title: ..." / "Outlet: ..." header at the very top of ``lines`` (raw
    lines, blank ones included), lower-case keys, and its line count (0: none).

    Read like front matter without the "---" fences, and only when it is unmistakable: at least
    MIN_PLAIN_HEADER_LINES consecutive lines, every one a key of :data:`HEADER_KEYS`, then a
    blank line. A body paragraph that opens "Note: ..." or "Source: ..." alone is no header.
    """
    fields: dict[str, str] = {}
    at = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    for line in lines[at : at + MAX_FRONT_MATTER_LINES + 1]:
        if not line.strip():
            return (fields, len(fields)) if len(fields) >= MIN_PLAIN_HEADER_LINES else ({}, 0)
        m = _PLAIN_FIELD.match(line.strip())
        key = re.sub(r"[\s-]+", "_", m.group("key").strip().lower()) if m else ""
        if not m or key not in HEADER_KEYS or key in fields:
            return {}, 0
        fields[key] = _scalar(m.group("value"))
    return {}, 0


def read_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """YAML front matter or a plain header block opening ``lines`` (raw lines, blank ones
    included): its fields and how many non-blank lines it takes (0: none)."""
    fields, count = front_matter([line.strip() for line in lines if line.strip()])
    return (fields, count) if count else plain_header(lines)


def front_matter_outlet(fields: dict[str, str]) -> str | None:
    """The outlet front matter names (:data:`OUTLET_KEYS`; an address is no name)."""
    return next((fields[k] for k in OUTLET_KEYS if fields.get(k) and "://" not in fields[k]), None)


def front_matter_url(fields: dict[str, str]) -> str | None:
    """The article's address front matter gives (:data:`URL_KEYS`), when it is a safe http(s) URL."""
    return next((u for k in URL_KEYS if (u := url_line(fields.get(k, "")))), None)


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].strip()
    return " ".join(value.split())[:MAX_FIELD_CHARS]


def safe_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL with a host, no credentials, no spaces or
    control characters and at most MAX_URL_CHARS long; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if (
        not text
        or len(text) > MAX_URL_CHARS
        or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text)
    ):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username or parts.password:
        return None
    return text


def url_line(line: str) -> str | None:
    """The URL of a header line that is only a URL ("URL: https://...", a bare https link)."""
    m = _URL_LINE.match(line.strip())
    return safe_url(m.group("url")) if m else None


def masthead_line(line: str) -> tuple[str, list[str], str | None] | None:
    """Outlet, bylines and date text of a "**Outlet** | By Name | October 15, 2025, 6:00 AM PDT"
    line (the outlet bold, or followed by a "By" part); None for any other line."""
    parts = [p.strip() for p in _BAR.split(line.strip()) if p.strip()]
    if len(parts) < 2 or len(line) > 300:
        return None
    bold = _BOLD.match(parts[0])
    name = bold.group("name").strip() if bold else parts[0]
    names: list[str] = []
    day: str | None = None
    for part in parts[1:]:
        if re.match(r"^by\s", part, re.I):
            names.extend(n for n in parse_byline(part) if n not in names)
        elif day is None and FULL_DATE.search(part):
            day = part
    if not (bold or names) or not (names or day) or not _OUTLET_NAME.match(name) or FULL_DATE.search(name):
        return None
    return name, names, day


def masthead_name(first: str, following: list[str]) -> str | None:
    """``first`` when it is a masthead above a headline and an outlet's name (:func:`is_outlet_name`
    with ``following`` as context). A first line that a byline or date line follows is the
    headline ("Times Square Reopens" / "By Jane Doe"), not a masthead."""
    if not following or len(following[0].split()) > 25 or following[0].endswith("."):
        return None  # not above a headline
    if is_header_line(following[0]):
        return None
    return first if is_outlet_name(first, following) else None


def is_outlet_name(name: str, context: list[str]) -> bool:
    """Whether ``name`` names an outlet: a short title-case name without digits that has a
    newspaper word ("Gazette", "Today"), spells the domain of a URL line in ``context``, or is
    named by a "By <Name> Staff" line there."""
    if len(name) > 60 or not _OUTLET_NAME.match(name) or any(ch.isdigit() for ch in name):
        return False
    tokens = name.split()
    if set(tokens) & MASTHEAD_WORDS and len(tokens) >= 2:
        return True
    for line in context:
        url = url_line(line)
        domain = registered_domain(url) if url else None
        if domain and _squash(name) == _squash(domain.split(".")[0]):
            return True
        staff = _STAFF.match(line)
        if staff and staff.group("name").split()[0] in tokens:
            return True
    return False


def is_header_line(line: str) -> bool:
    """A byline ("By Jane Doe"), a short date line ("Published November 18, 2026"), a URL line or
    a masthead line: the lines that frame a text's headline."""
    short = len(line.split()) <= 14
    return bool(
        (short and (_BY.match(line) or FULL_DATE.search(line))) or url_line(line) or masthead_line(line)
    )


def header_outlet(head: list[str], outlet: str | None = None) -> tuple[int, str] | None:
    """The outlet line of a text's header block and its index in ``head`` (the first non-blank
    lines): "Headline" / "By Jane Doe" / "Lakeshore Ledger" / "November 18, 2026".

    The header block ends at the first line that ends a sentence (the lede; a first line that ends
    in "?" or "!" is a headline). The outlet line comes after a byline or date line (so it is never
    the headline above them), is neither itself, and is ``outlet`` or an outlet's name
    (:func:`is_outlet_name`).
    """
    framed = False
    for i, line in enumerate(head[:HEADER_LINES]):
        if is_header_line(line):
            framed = True
        elif ends_sentence(line) and (i or line.rstrip("\"”’')]").endswith(".")):
            return None
        elif framed and (
            (outlet and line.casefold() == outlet.casefold()) or is_outlet_name(line, head[:HEADER_LINES])
        ):
            return i, line
    return None


def staff_byline(line: str) -> str | None:
    """The outlet name of a "By BuzzCivic Staff" line (a credit, not a person); None otherwise."""
    m = _STAFF.match(line.strip())
    return m.group("name") if m and len(line) <= 80 else None


def staff_credit(line: str) -> str | None:
    """The outlet a byline credits its writer to: "By Jane Doe, Times staff writer" -> "Times";
    None for any other line ("By Jane Doe, Senior Staff Writer" names a rank, not an outlet)."""
    m = _STAFF_CREDIT.match(line.strip())
    if not m or len(line) > 120:
        return None
    name = m.group("name").split()
    while name and name[0].casefold() in _RANKS:
        name = name[1:]
    if not name or all(w.casefold() in _DESKS for w in name) or not parse_byline(line.split(",")[0]):
        return None
    return " ".join(name)


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name.casefold()))


def parse_byline(line: str) -> list[str]:
    """Names in a byline line: "By Jane Doe and John Roe, Reuters" -> both names; [] if none."""
    text = re.sub(r"^(?:written |reported |words )?by\s+", "", line.strip(), flags=re.I)
    text = re.split(r"\s+[|•·]\s+|,\s*(?=(?:[A-Z][\w.]*\s*){1,3}$)|\s+[-–—]\s+", text)[0]
    names = []
    for part in re.split(r",\s*|\s+and\s+|\s*&\s*", text):
        part = part.strip(" .")
        words = part.split()
        if _BYLINE_NAME.match(part) and not any(w in _NOT_NAME_WORDS for w in words):
            names.append(part)
    return names


#: Last words of an outlet or agency a byline credits ("Jane Doe, Mountain Wire Service").
_CREDIT_WORDS = MASTHEAD_WORDS | _words("Wire Service Press Agency News Newswire Media")


def _credit(part: str) -> bool:
    """Whether a byline part after the first is an outlet's name, not a second writer's."""
    words = part.split()
    return len(words) >= 2 and words[-1] in _CREDIT_WORDS


#: A byline that names no person: a desk or the staff of an outlet ("Staff Writer", "GoalRush Staff").
STAFF_ONLY = re.compile(
    r"^(?:by )?(?:the )?(?:[\w&'’.-]+ ){0,3}(?:staff|newsroom|news desk)(?: (?:writer|reporter|report))?s?$",
    re.I,
)


def bylines_from_meta(meta: dict[str, Any]) -> list[str]:
    """Bylines given by the reader: ``bylines`` (list or string), ``byline`` or ``author``; in a
    string, an outlet credited after the names ("Jane Doe, Mountain Wire Service") is no byline,
    and a staff credit (:data:`STAFF_ONLY`) names no person."""
    for key in BYLINE_KEYS:
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            parts = [p.strip() for p in re.split(r"\s*;\s*|\s+and\s+|\s*,\s*", value.strip()) if p.strip()]
            names = parts[:1] + [p for p in parts[1:] if not _credit(p)]
        elif isinstance(value, list | tuple) and value:
            names = [str(v).strip() for v in value if str(v).strip()]
        else:
            continue
        return list(dict.fromkeys(n for n in names if not STAFF_ONLY.match(n)))
    return []


# Function words per language; the share of tokens that are one of these picks the language.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in a is that for it on was with as be by at are this from has have had not "
        "but his her its they he she which an were been their who will would said or than"
    ),
    "fr": _words("le la les des du de et est une un pour que qui dans sur pas au aux avec ce sont"),
    "de": _words("der die das und ist nicht ein eine zu den mit von sich des auf für im dem auch"),
    "es": _words("el la los las de y que en un una por con para es del se al lo como su"),
    "it": _words("il la di che e un una per non sono del della le gli con si nel al ha"),
    "pt": _words("o a os as de e que em um uma para com não do da dos das no na por"),
    "nl": _words("de het een en van is dat op te in zijn niet met voor die er aan ook"),
}
MIN_LANGUAGE_TOKENS = 8
MIN_LANGUAGE_SHARE = 0.15  # English news prose scores ~0.35-0.45; random text ~0
LANGUAGE_MARGIN = 0.05


def detect_language(text: str, max_tokens: int = 2000) -> str | None:
    """ISO code of the text's language by stopword share ("en", "fr", ...); None when unsure."""
    tokens = re.findall(r"[^\W\d_]+", text[: max_tokens * 12].casefold())[:max_tokens]
    if len(tokens) < MIN_LANGUAGE_TOKENS:
        return None
    shares = sorted(
        ((sum(t in words for t in tokens) / len(tokens), code) for code, words in _STOPWORDS.items()),
        reverse=True,
    )
    (best, code), (second, _) = shares[0], shares[1]
    if best < MIN_LANGUAGE_SHARE or best - second < LANGUAGE_MARGIN:
        return None
    return code
