"""RSS and Atom feeds (feedparser): one RawDocument per entry.

The entry's full content (``content:encoded`` / Atom ``content``) is used when present,
else its summary; it is kind ``html`` when it contains markup, else ``text``. When that
text is short (under ``SHORT_ENTRY`` characters) and ``options.fetch_feed_links`` is on,
the entry's link is fetched through the same guarded fetcher and the page becomes the
document (kind ``html``, ``url`` = the final address). If that fetch fails the summary is
kept, except when the address guard refused the link (E010): then the entry yields that
Refusal, as an entry with no text at all yields the fetch's Refusal (or E006).

Entity references other than XML's five and HTML's named ones (``&xxe;``, ``&lol9;``:
external or custom entities, declared or not) are removed before parsing, so they are
never expanded and never left half in the text; CDATA sections are left as they are.

Metadata: title, outlet (the entry's source feed title, else the feed title), bylines,
published (else updated, as UTC), tags, language (the feed's).
"""

from __future__ import annotations

import html
import html.entities
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from newsprism.errors import InputError, NewsprismError
from newsprism.ingest.decode import decode_bytes
from newsprism.ingest.fetch import Fetched
from newsprism.ingest.meta import build_meta, clean_str, iso_date, split_names
from newsprism.model import RawDocument, Refusal

# An entry whose text is shorter than this is a teaser, not an article. News summaries
# run 1-3 sentences (150-350 characters); full articles are well over 1,000.
SHORT_ENTRY = 400

_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(
    r"<(p|div|br|a|span|img|ul|ol|li|h[1-6]|blockquote|strong|em|b|i|table|figure|section|article)\b", re.I
)

LinkFetcher = Callable[[str], Fetched]

_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.S)
_ENTITY_REF = re.compile(r"&([A-Za-z_:][A-Za-z0-9_.:-]*);")
_KNOWN_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"}) | frozenset(
    name[:-1] for name in html.entities.html5 if name.endswith(";")
)


def _refusal(err: NewsprismError) -> Refusal:
    return Refusal(err.source, err.code, err.message)


def plain_text(fragment: str) -> str:
    """``fragment`` without tags and entities, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def looks_like_html(text: str) -> bool:
    """True when ``text`` carries common block or inline HTML markup."""
    return bool(_MARKUP.search(text))


def drop_custom_entities(text: str) -> str:
    """``text`` without references to entities that are neither XML's nor HTML's (outside CDATA)."""

    def drop(found: re.Match[str]) -> str:
        return found.group(0) if found.group(1) in _KNOWN_ENTITIES else ""

    parts = _CDATA.split(text)
    return "".join(part if i % 2 else _ENTITY_REF.sub(drop, part) for i, part in enumerate(parts))


def parse_feed(text: str, source: str, base_url: str | None = None) -> Any:
    """feedparser's result for ``text``; raises InputError E005 when it is not a feed.

    Custom and external entity references are dropped first (:func:`drop_custom_entities`).
    """
    import feedparser

    text = drop_custom_entities(text)

    headers = {"content-type": "application/xml; charset=utf-8"}
    if base_url:
        headers["content-location"] = base_url
    try:
        parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=headers)
    except Exception as exc:  # feedparser is third-party; any crash is a bad input here
        raise InputError(
            "E005", source, kind="feed", detail=f"{exc.__class__.__name__}: {exc}"[:200]
        ) from None
    if not parsed.entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = str(reason)[:200] if reason else "no entries"
        raise InputError("E005", source, kind="feed", detail=detail)
    return parsed


def read_feed(
    text: str, source: str, fetch: LinkFetcher | None, base_url: str | None = None
) -> Iterator[RawDocument | Refusal]:
    """Documents of the entries of the feed in ``text``; ``fetch`` (or None) gets short entries' links."""
    try:
        parsed = parse_feed(text, source, base_url)
    except InputError as err:
        yield _refusal(err)
        return
    feed = parsed.feed
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry_document(entry, feed, f"{source}#{number}", fetch)


def _entry_meta(entry: Any, feed: Any) -> dict[str, Any]:
    source_title = entry.get("source", {}).get("title") if isinstance(entry.get("source"), dict) else None
    authors = entry.get("authors") or ([entry["author"]] if entry.get("author") else [])
    tags = [t.get("term") for t in entry.get("tags", []) if isinstance(t, dict)]
    return build_meta(
        title=clean_str(plain_text(entry.get("title", ""))),
        outlet=clean_str(source_title or feed.get("title")),
        bylines=split_names(authors),
        published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        tags=list(dict.fromkeys(t for t in (clean_str(t) for t in tags) if t)),
        language=clean_str(feed.get("language")),
    )


def _entry_body(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    best = max(contents, key=len, default="")
    return best if best.strip() else str(entry.get("summary", ""))


def _entry_document(entry: Any, feed: Any, name: str, fetch: LinkFetcher | None) -> RawDocument | Refusal:
    meta = _entry_meta(entry, feed)
    link = clean_str(entry.get("link"))
    body = _entry_body(entry)
    failure: Refusal | None = None
    if (
        fetch is not None
        and link
        and link.startswith(("http://", "https://"))
        and len(plain_text(body)) < SHORT_ENTRY
    ):
        try:
            page = fetch(link)
            content = decode_bytes(page.content, link, page.charset)
        except NewsprismError as err:
            if err.code == "E010":  # the link is refused, not merely unreachable: say so
                return Refusal(name, err.code, err.message)
            failure = _refusal(err)
        else:
            kind = "text" if page.format == "text" else "html"
            return RawDocument(name, content, kind, url=page.url, meta=meta)
    if plain_text(body):
        kind = "html" if looks_like_html(body) else "text"
        content = body if kind == "html" else html.unescape(body).strip()
        return RawDocument(name, content, kind, url=link, meta=meta)
    if failure is not None:
        return Refusal(name, failure.code, failure.reason)
    return _refusal(InputError("E006", name, detail="feed entry has no content, summary or fetchable link"))
