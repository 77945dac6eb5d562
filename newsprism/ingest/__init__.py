"""ingest stage: source strings in, RawDocument (or Refusal) out, one input at a time.

A source is ``"-"`` (stdin), an http(s) URL, a file, a directory (walked recursively,
sorted, hidden files skipped, names filtered by ``options.patterns``) or a glob pattern
(``"dir/**/*.html"``). Every problem with one input becomes a :class:`Refusal` with a
stable code and the iteration goes on; nothing here raises for a bad input.

Readers, one module per input kind: ``files`` (paths, stdin), ``records`` (JSON, JSONL,
CSV), ``feeds`` (RSS/Atom), ``warc`` (web archives), ``fetch`` + ``guard`` (URLs), with
``decode`` turning bytes into text for all of them. Formats are documented in
``docs/input-formats.md``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from newsprism.errors import FetchError, InputError, NewsprismError
from newsprism.ingest.content import read_content
from newsprism.ingest.decode import decode_bytes
from newsprism.ingest.dirs import expand_glob, is_glob, walk_dir
from newsprism.ingest.fetch import Fetched, Fetcher
from newsprism.ingest.files import read_path, read_stdin
from newsprism.ingest.guard import AddressGuard
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

__all__ = [
    "AddressGuard",
    "Fetched",
    "Fetcher",
    "decode_bytes",
    "expand_sources",
    "read_sources",
    "read_url",
]

_DEFAULTS = IngestOptions()
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def _is_url(source: str) -> bool:
    return bool(_SCHEME.match(source))


def _refusal(err: NewsprismError) -> Refusal:
    return Refusal(err.source, err.code, err.message)


def expand_sources(sources: Iterable[str], options: IngestOptions = _DEFAULTS) -> list[str]:
    """Sources with directories and glob patterns replaced by the files they hold (no reading).

    Cheap enough for a progress total; "-" and URLs pass through, as do paths that do not
    exist (reading them yields a Refusal).
    """
    out: list[str] = []
    for source in sources:
        if source == "-" or _is_url(source):
            out.append(source)
        elif os.path.isdir(source):
            out.extend(walk_dir(source, options.patterns, skipped=[]))  # reading reports the skipped
        elif is_glob(source):
            out.extend(expand_glob(source, options.patterns))
        else:
            out.append(source)
    return out


def read_url(
    url: str, fetcher: Fetcher, options: IngestOptions = _DEFAULTS
) -> Iterator[RawDocument | Refusal]:
    """Documents at ``url`` fetched through ``fetcher`` (a feed gives one per entry)."""
    try:
        page = fetcher.fetch(url)
    except NewsprismError as err:
        yield _refusal(err)
        return
    link_fetch = fetcher.fetch if options.fetch_feed_links else None
    yield from read_content(
        page.content,
        url,
        hint=page.format,
        max_bytes=options.max_bytes,
        fetch=link_fetch,
        declared=page.charset,
        url=page.url,
    )


def read_sources(
    sources: Iterable[str], options: IngestOptions = _DEFAULTS, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Refusal]:
    """Read every source in order; yield a RawDocument per article, a Refusal per bad input.

    ``stdin`` is read for the source ``"-"`` (default: the process's standard input).
    """
    fetcher = Fetcher(options)
    link_fetch = fetcher.fetch if options.fetch_feed_links else None
    try:
        for source in sources:
            if source == "-":
                yield from read_stdin(
                    stdin if stdin is not None else sys.stdin.buffer, options.max_bytes, link_fetch
                )
            elif _is_url(source):
                if not source.lower().startswith(("http://", "https://")):
                    scheme = source.split(":", 1)[0]
                    yield _refusal(FetchError("E014", source, detail=repr(scheme)))
                    continue
                yield from read_url(source, fetcher, options)
            elif os.path.isdir(source):
                skipped: list[tuple[str, str]] = []
                files = walk_dir(source, options.patterns, skipped)
                for path, reason in skipped:
                    yield _refusal(InputError("E016", path, detail=reason))
                if not files and not skipped:
                    patterns = ", ".join(options.patterns)
                    yield _refusal(
                        InputError("E008", source, detail=f"a folder with no file matching {patterns}")
                    )
                for path in files:
                    yield from read_path(path, options.max_bytes, link_fetch)
            elif is_glob(source):
                files = expand_glob(source, options.patterns)
                if not files:
                    yield _refusal(InputError("E007", source))
                for path in files:
                    yield from read_path(path, options.max_bytes, link_fetch)
            else:
                yield from read_path(source, options.max_bytes, link_fetch)
    finally:
        fetcher.close()
