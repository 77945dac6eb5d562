"""Local inputs: a file path or stdin, read with a byte cap."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from newsprism.errors import InputError
from newsprism.ingest.content import read_content
from newsprism.ingest.feeds import LinkFetcher
from newsprism.ingest.formats import format_from_name
from newsprism.ingest.warc import read_warc
from newsprism.model import RawDocument, Refusal


def read_bounded(stream: BinaryIO, source: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of ``stream``; raises InputError E003 when there is more."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("E003", source, limit=max_bytes)
    return data


def read_path(path: str, max_bytes: int, fetch: LinkFetcher | None = None) -> Iterator[RawDocument | Refusal]:
    """Documents in the regular file at ``path``; WARC files are streamed record by record."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield _refusal(InputError("E007", path))
        return
    except (OSError, ValueError) as exc:
        yield _refusal(InputError("E008", path, detail=f"cannot stat: {exc.__class__.__name__}"))
        return
    if not stat.S_ISREG(info.st_mode):
        yield _refusal(InputError("E008", path, detail="not a regular file"))
        return
    hint = format_from_name(path)
    try:
        with open(path, "rb") as stream:
            if hint == "warc":
                if info.st_size == 0:
                    raise InputError("E001", path)
                yield from read_warc(stream, path, max_bytes)
                return
            if info.st_size > max_bytes:
                raise InputError("E003", path, limit=max_bytes)
            data = read_bounded(stream, path, max_bytes)
    except InputError as err:
        yield _refusal(err)
        return
    except OSError as exc:
        yield _refusal(InputError("E008", path, detail=f"cannot read: {exc.strerror or exc}"))
        return
    yield from read_content(data, path, hint=hint, max_bytes=max_bytes, fetch=fetch)


def read_stdin(
    stream: BinaryIO, max_bytes: int, fetch: LinkFetcher | None = None
) -> Iterator[RawDocument | Refusal]:
    """Documents in the bytes of ``stream`` (standard input), format sniffed."""
    try:
        data = read_bounded(stream, "stdin", max_bytes)
    except InputError as err:
        yield _refusal(err)
        return
    yield from read_content(data, "stdin", hint=None, max_bytes=max_bytes, fetch=fetch)


def _refusal(err: InputError) -> Refusal:
    return Refusal(err.source, err.code, err.message)
