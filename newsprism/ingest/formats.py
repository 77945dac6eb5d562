"""Which reader a source goes to: by file name, by HTTP content type, by sniffing content.

Formats: ``html``, ``text``, ``json``, ``jsonl``, ``csv``, ``tsv``, ``feed``, ``warc``
(and ``xml``, a hint meaning "feed or XHTML, sniff to know").
"""

from __future__ import annotations

import json
import re
import zlib

_EXTENSIONS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}

# Media types a fetch accepts, and the format each one means.
CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/xml": "xml",
    "application/xml": "xml",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/x-rss+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_MARK = re.compile(r"<(!doctype\s+html|html|head|body|article|div|p|title|meta)[\s>/]", re.I)


def format_from_name(name: str) -> str | None:
    """The format a file name's extension says, else None."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot > lower.rfind("/") else None


def format_from_content_type(media_type: str) -> str | None:
    """The format a media type (no parameters) means, else None when it is not accepted."""
    media_type = media_type.lower().strip()
    if media_type in CONTENT_TYPES:
        return CONTENT_TYPES[media_type]
    if media_type.endswith(("rss+xml", "atom+xml")):
        return "feed"
    return None


def is_warc(data: bytes) -> bool:
    """True when ``data`` starts a WARC file, plain or gzip-compressed."""
    if data.startswith(b"WARC/"):
        return True
    if not data.startswith(b"\x1f\x8b"):
        return False
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def sniff_text(text: str) -> str:
    """The format decoded content looks like: feed, html, json, jsonl or text."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _FEED_ROOT.search(head) and not re.search(r"<html[\s>]", head, re.I):
        return "feed"
    if head.startswith("<") and _HTML_MARK.search(head):
        return "html"
    if head[:1] in "{[" and head:
        return _sniff_json(text)
    return "text"


def _sniff_json(text: str) -> str:
    lines = [line for line in text.lstrip().splitlines()[:2] if line.strip()]
    if len(lines) == 2 and lines[1].lstrip().startswith("{"):
        try:
            json.loads(lines[0])
        except ValueError:
            return "json"
        return "jsonl"
    return "json"


def refine(hint: str | None, text: str) -> str:
    """The format to read decoded ``text`` as, given a name or content-type hint."""
    sniffed = sniff_text(text)
    if hint is None:
        return sniffed
    if hint == "xml":
        return "html" if sniffed == "html" else "feed"
    if hint in ("html", "text") and sniffed == "feed":
        return "feed"
    return hint
