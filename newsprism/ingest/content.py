"""Route bytes already in memory (a file, stdin, a response) to the reader for their format."""

from __future__ import annotations

import io
from collections.abc import Iterator

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_bytes
from newsprism.ingest.feeds import LinkFetcher, read_feed
from newsprism.ingest.formats import is_warc, refine
from newsprism.ingest.records import read_records
from newsprism.ingest.warc import read_warc
from newsprism.model import RawDocument, Refusal


def read_content(
    data: bytes,
    source: str,
    *,
    hint: str | None,
    max_bytes: int,
    fetch: LinkFetcher | None = None,
    declared: str | None = None,
    url: str | None = None,
) -> Iterator[RawDocument | Refusal]:
    """Documents in ``data``: ``hint`` is the format a name or content type suggests.

    ``fetch`` gets short feed entries' links (None: never fetch); ``declared`` is a charset
    from outside the bytes; ``url`` is where the bytes came from, if fetched.
    """
    if hint == "warc" or is_warc(data):
        yield from read_warc(io.BytesIO(data), source, max_bytes)
        return
    try:
        text = decode_bytes(data, source, declared)
    except InputError as err:
        yield Refusal(err.source, err.code, err.message)
        return
    fmt = refine(hint, text)
    if fmt == "feed":
        yield from read_feed(text, source, fetch, base_url=url)
    elif fmt in ("json", "jsonl", "csv", "tsv"):
        yield from read_records(text, source, fmt)
    else:
        yield RawDocument(source, text, "html" if fmt == "html" else "text", url=url)
