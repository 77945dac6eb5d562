"""WARC and WARC.gz web archives (warcio): archived HTML pages become documents.

Kept: ``response`` records whose HTTP status is 200 and whose content type is HTML
(kind ``html``) or plain text (kind ``text``), with ``url`` = WARC-Target-URI and
``meta["crawled"]`` = WARC-Date. The crawl date is NOT a publication date, so
``published`` is never set here. Every other record is skipped. Each document's source
is ``"<source>#N"``, N counting archive records from 1.

The archive is streamed: memory is bounded per record (a payload over
``options.max_bytes`` refuses that record, E003), not per file. warcio does not report a
truncated archive, so each record's declared length is checked after reading it, the
last gzip member must be complete and nothing but blank lines may follow the last
record: the good records before the damage are yielded, then one Refusal (E015
truncated, E005 malformed) ends the archive.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from newsprism.errors import InputError, NewsprismError
from newsprism.ingest.decode import charset_from_content_type, decode_bytes
from newsprism.ingest.meta import build_meta, iso_date
from newsprism.model import RawDocument, Refusal

_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_DRAIN = 65536


class _Archive(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, noting whether the last gzip member it read was complete."""

    complete_gzip = True

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader is not None else None
        if decompressor is not None and hasattr(decompressor, "eof"):
            self.complete_gzip = bool(decompressor.eof)
        super().close()


def _refusal(err: NewsprismError) -> Refusal:
    return Refusal(err.source, err.code, err.message)


def read_warc(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[RawDocument | Refusal]:
    """Documents of the archived pages in the binary ``stream`` (plain or gzip WARC)."""
    number, end = 0, 0
    archive = _Archive(stream)
    try:
        for number, record in enumerate(archive, 1):
            damage = _damage(record, number, source, stream)
            outcome = None if damage else _record_document(record, f"{source}#{number}", max_bytes)
            if damage is None and _remaining(record):
                damage = InputError("E015", source, detail=f"record {number} ends early")
            if damage is not None:
                yield _refusal(damage)
                return
            if outcome is not None:
                yield outcome
            end = archive.get_record_offset() + archive.get_record_length()
    except (zlib.error, EOFError) as exc:
        yield _refusal(InputError("E015", source, detail=f"after record {number}: {exc}"[:200]))
        return
    except Exception as exc:  # warcio raises bare Exceptions (even AttributeError) on damage
        if _at_end(stream):
            yield _refusal(InputError("E015", source, detail=f"archive ends inside record {number + 1}"))
        else:
            detail = f"after record {number}: {exc.__class__.__name__}: {exc}"[:200]
            yield _refusal(InputError("E005", source, kind="WARC", detail=detail))
        return
    ending = _ending_problem(archive, stream, source, number, end)
    if ending is not None:
        yield _refusal(ending)


def _damage(record: Any, number: int, source: str, stream: IO[bytes]) -> InputError | None:
    """Why ``record`` cannot be read at all (not WARC, header cut short), else None."""
    if record.format != "warc":
        return InputError("E005", source, kind="WARC", detail=f"record {number} is not a WARC record")
    if not record.rec_type or record.length is None:
        code = "E015" if _at_end(stream) else "E005"
        return InputError(code, source, kind="WARC", detail=f"record {number} has no complete header")
    return None


def _ending_problem(
    archive: _Archive, stream: IO[bytes], source: str, number: int, end: int
) -> InputError | None:
    """After the last record: a gzip member cut short, or bytes that are not a record.

    warcio ends its iteration silently when a record header is cut off, so what follows
    the last complete record is looked at directly.
    """
    if not archive.complete_gzip:
        return InputError("E015", source, detail=f"gzip data ends early, after record {number}")
    if number == 0:
        return InputError("E005", source, kind="WARC", detail="no WARC records")
    try:
        stream.seek(end)
        rest = stream.read(_DRAIN).strip()
    except (OSError, ValueError):
        return None
    if not rest:
        return None
    if rest.startswith((b"WARC/", b"\x1f\x8b")):
        return InputError("E015", source, detail=f"archive ends inside record {number + 1}")
    return InputError("E005", source, kind="WARC", detail=f"{len(rest)}+ stray bytes after record {number}")


def _at_end(stream: IO[bytes]) -> bool:
    """True when nothing is left to read: the damage is an early end, not bad bytes."""
    try:
        return stream.read(1) == b""
    except (OSError, ValueError):
        return False


def _remaining(record: Any) -> int:
    """Bytes the record declared but the archive did not hold (0 when complete)."""
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    return max(0, int(getattr(raw, "limit", 0) or 0))


def _record_document(record: Any, name: str, max_bytes: int) -> RawDocument | Refusal | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("content-type") or ""
    kind = _KINDS.get(content_type.split(";", 1)[0].strip().lower())
    if kind is None:
        return None
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except (zlib.error, OSError, ValueError) as exc:
        return _refusal(InputError("E005", name, kind="WARC record", detail=str(exc)[:200]))
    if len(payload) > max_bytes:
        return _refusal(InputError("E003", name, limit=max_bytes))
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        text = decode_bytes(payload, name, charset_from_content_type(content_type))
    except InputError as err:
        return _refusal(err)
    meta = build_meta(crawled=iso_date(record.rec_headers.get_header("WARC-Date")))
    return RawDocument(name, text, kind, url=url, meta=meta)  # type: ignore[arg-type]
