"""HTML pages -> main text, metadata and the page chrome that was left out (via trafilatura).

trafilatura runs in its default, balanced mode (with its readability/jusText fallbacks,
comments excluded, tables kept as text): the configuration its published benchmark figures
use. ``fast=True`` skips the fallbacks for throughput.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from newsprism.errors import InputError
from newsprism.model import RemovedBlock
from newsprism.settings import IngestOptions

CHROME = "page chrome (not main content)"
MAX_REMOVED = 200  # audit trail bound per page
MAX_BLOCK_CHARS = 300
# Fewer words than a short sentence is not an article body (e.g. a lone "Home" link that
# trafilatura's fallbacks return for a navigation-only page). Chosen on principle, not tuned.
MIN_BODY_WORDS = 5
# HTML beyond this is cut before parsing: trafilatura costs a few seconds per MB of dense markup
# (measured: ~3 s/MB for 200k links on this machine), and real article pages are far smaller
# (the article-extraction benchmark's largest of 181 is 1.5 MB, its median 115 KB).
MAX_HTML_BYTES = 4_000_000

# Elements that start a new line in a plain html-to-text pass.
_BLOCK_TAGS = frozenset(
    (  # noqa: SIM905 (a word list reads better than 45 quoted lines)
        "address article aside blockquote body br button caption dd details dialog div dl dt fieldset "
        "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section "
        "select summary table tbody td tfoot th thead tr ul"
    ).split()
)
# Elements whose content is never text a reader sees.
_SKIP_TAGS = frozenset("script style noscript template svg math head iframe object embed canvas".split())  # noqa: SIM905
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+and\s+", re.IGNORECASE)


def extract_html(
    html: str, url: str | None, *, max_bytes: int | None = None, fast: bool = False
) -> tuple[str, dict[str, Any], list[RemovedBlock]]:
    """Main text, metadata and removed chrome blocks of one HTML page.

    The body's paragraphs are separated by blank lines. The meta dict has exactly the keys
    title, outlet, bylines, published, section, tags, language, url (its canonical link, see
    :func:`canonical_url`). Input beyond ``max_bytes`` (default: the ``max_bytes`` setting, at most
    MAX_HTML_BYTES) is cut before parsing. Raises
    :class:`~newsprism.errors.InputError` E006 when the page has no main text.
    """
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    source = url or "html"
    if max_bytes is None:
        max_bytes = min(IngestOptions().max_bytes, MAX_HTML_BYTES)
    html = _truncate(html, max_bytes)
    tree = load_html(html) if html.strip() else None
    if tree is None:
        raise InputError("E006", source=source, detail="not parseable as HTML")
    doc = bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    body = _paragraphs(doc.text if doc is not None else "")
    if len(_WORD.findall(body)) < MIN_BODY_WORDS:
        detail = "no main text found" if not body else f"main text shorter than {MIN_BODY_WORDS} words"
        raise InputError("E006", source=source, detail=detail)
    meta = _meta(doc, tree, url)
    return body, meta, removed_blocks(tree, body)


def _truncate(html: str, max_bytes: int) -> str:
    """``html`` cut to at most ``max_bytes`` UTF-8 bytes (on a character boundary)."""
    if len(html) * 4 <= max_bytes:
        return html
    data = html.encode("utf-8", "surrogatepass")
    if len(data) <= max_bytes:
        return html
    return data[:max_bytes].decode("utf-8", "ignore")


def _paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text as NFC paragraphs separated by blank lines."""
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _meta(doc: Any, tree: Any, url: str | None) -> dict[str, Any]:
    """The metadata dict from trafilatura's Document plus the page's declared language."""
    categories = [c.strip() for c in (doc.categories or []) if c and c.strip()]
    return {
        "title": _clean(doc.title),
        "outlet": _clean(doc.sitename) or _domain(url),
        "bylines": split_authors(doc.author),
        "published": _published(tree, _clean(doc.date)),
        "section": categories[0] if categories else None,
        "tags": split_tags(doc.tags),
        "language": _language(tree),
        "url": canonical_url(tree),
    }


def canonical_url(tree: Any) -> str | None:
    """The href of the page's first ``<link rel="canonical">`` (in its head when it has one) when
    that is an absolute http(s) URL (see :func:`~newsprism.clean.metadata.safe_url`); else None."""
    from newsprism.clean.metadata import safe_url

    head = tree.find(".//head")
    for link in (head if head is not None else tree).iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel:
            return safe_url(link.get("href"))
    return None


#: Meta tags (property, name or itemprop, lower case) that give the publication time itself.
_TIME_META = frozenset(
    {
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "dc.date.issued",
        "parsely-pub-date",
    }
)


def _published(tree: Any, day: str | None) -> str | None:
    """The page's publication time ("2026-03-09T14:00:00-05:00") from the meta tags of its head when
    it falls on ``day`` (trafilatura's date, a day only) or next to it, or no day was found; else
    ``day``."""
    from newsprism.clean.pubdate import days_apart, published_from_meta

    head = tree.find(".//head")
    for meta in (head if head is not None else tree).iter("meta"):  # not a related story's in the body
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _TIME_META:
            value = published_from_meta(meta.get("content"))
            if value and len(value) > 10 and (day is None or days_apart(value, day) in (0, 1)):
                return value  # a time zone can put the day of the time one off the page's day
    return day


def split_authors(author: str | None) -> list[str]:
    """trafilatura's author string split into bylines on ";" and " and "."""
    if not author:
        return []
    return _unique(part.strip(" ,") for part in _AUTHOR_SPLIT.split(author) if part.strip(" ,"))


def split_tags(tags: list[str] | None) -> list[str]:
    """trafilatura's tags; a lone comma-joined keywords string is split on its commas."""
    items = [t for t in (tags or []) if t and t.strip()]
    if len(items) == 1 and "," in items[0]:
        items = items[0].split(",")
    return _unique(_SPACE.sub(" ", t).strip() for t in items if t.strip())


def _unique(items: Any) -> list[str]:
    return list(dict.fromkeys(items))


def _clean(value: str | None) -> str | None:
    value = _SPACE.sub(" ", value or "").strip()
    return value or None


def _domain(url: str | None) -> str | None:
    """The URL's host without a leading ``www.``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def _language(tree: Any) -> str | None:
    """The primary language subtag declared by the page (``<html lang>`` or content-language)."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        hits = tree.xpath(
            '//meta[translate(@http-equiv,"CONTENT-LANGUAGE","content-language")="content-language"]/@content'
        )
        declared = hits[0] if hits else None
    if not declared:
        return None
    primary = re.split(r"[-_,;\s]", declared.strip().lower())[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def page_lines(tree: Any) -> list[str]:
    """The visible text of a page as lines, one per block element (a plain html-to-text pass)."""
    parts: list[str] = []
    walker = etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event in ("comment", "pi"):
            if el.tail:
                parts.append(el.tail)
        elif event == "start":
            if tag in _SKIP_TAGS:
                walker.skip_subtree()
                # the end event still follows; the tail is collected there
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag and el.text:
                parts.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not tree:
                parts.append(el.tail)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def removed_blocks(tree: Any, body: str, limit: int = MAX_REMOVED) -> list[RemovedBlock]:
    """Lines of the page's plain text that did not make it into ``body``, in page order."""
    flat = _SPACE.sub(" ", body)
    seen: set[str] = set()
    removed: list[RemovedBlock] = []
    for line in page_lines(tree):
        if line in seen or line in flat or not any(c.isalnum() for c in line):
            continue
        seen.add(line)
        removed.append(RemovedBlock(text=line[:MAX_BLOCK_CHARS], reason=CHROME))
        if len(removed) >= limit:
            break
    return removed
