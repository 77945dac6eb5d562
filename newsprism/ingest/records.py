"""Article records: JSON, JSON Lines / NDJSON, CSV and TSV with a header row.

Layouts: a JSON array of objects, a JSON object with an ``"articles"`` list, a single
JSON object, one JSON object per line (``.jsonl``/``.ndjson``), or a CSV/TSV table whose
first row names the columns. Column / key names are case-insensitive; the first alias
present wins:

=============================  =====================================================
column                         meaning
=============================  =====================================================
``body`` | ``text`` | ``content``  the article body as plain text -> kind ``record``
``html``                       the raw page HTML (used only when there is no body)
                               -> kind ``html``
``title``                      headline
``url``                        canonical address of the article
``outlet`` | ``source`` | ``site``  publication name
``byline`` | ``author`` | ``authors``  list, or a string split on ``;``, ``|``, `` and ``
``published`` | ``date`` | ``pubdate``  ISO-8601, RFC 2822, "17 October 2023", Unix time
``section`` | ``category``     section of the outlet
``tags`` | ``keywords``        list, or a string separated by ``;`` (else ``,``)
``language`` | ``lang``        language code
=============================  =====================================================

String fields (body, html, title, outlet, bylines, section, tags) go through the same
mojibake repair as decoded bytes (:func:`~newsprism.ingest.decode.repair_text`): JSON
``\\u`` escapes are only turned into text after decoding, so ``"\\u00c2\\u00a3"`` is
repaired here to ``"£"``.

A record with neither body nor html is refused (E006), and so is a file with no records;
a body or html that is not text (a number, a list) is refused naming the field (E006). A
``url`` that is not text refuses the record (E005); a ``published`` value that is no
readable date is dropped with a logged warning naming it. Each record's source is
``"<source>#N"`` (N counts records from 1). In JSON Lines a line that is not a JSON
object, and in CSV a row whose field count differs from the header, is refused on its
own as ``"<source>:LINE"`` (E005) and the rest is read. A file that is not valid JSON or
CSV at all is refused whole (E005). CSV fields are capped by Python's csv field limit
(131,072 characters); a longer field refuses that row.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterator
from typing import Any

from newsprism.errors import InputError
from newsprism.ingest.decode import repair_text
from newsprism.ingest.meta import build_meta, clean_str, iso_date, split_list, split_names
from newsprism.model import RawDocument, Refusal

log = logging.getLogger(__name__)

_ALIASES: dict[str, tuple[str, ...]] = {
    "body": ("body", "text", "content"),
    "html": ("html",),
    "title": ("title",),
    "url": ("url",),
    "outlet": ("outlet", "source", "site"),
    "bylines": ("byline", "author", "authors"),
    "published": ("published", "date", "pubdate"),
    "section": ("section", "category"),
    "tags": ("tags", "keywords"),
    "language": ("language", "lang"),
}


def _refuse(code: str, source: str, **fields: Any) -> Refusal:
    err = InputError(code, source, **fields)
    return Refusal(err.source, err.code, err.message)


def _pick_named(record: dict[str, Any], name: str) -> tuple[str, Any]:
    """The first alias of ``name`` with a non-empty value, and that value (else ``("", None)``)."""
    for alias in _ALIASES[name]:
        value = record.get(alias)
        if value not in (None, "", [], {}):
            return alias, value
    return "", None


def _pick(record: dict[str, Any], name: str) -> Any:
    return _pick_named(record, name)[1]


def _repaired(value: Any) -> Any:
    """``value`` with mojibake repaired in its strings (lists and objects included)."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, list | tuple):
        return [_repaired(v) for v in value]
    if isinstance(value, dict):
        return {k: _repaired(v) for k, v in value.items()}
    return value


def _type_name(value: Any) -> str:
    """What a JSON value is, for a message: "a number", "a list", "an object"..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _published(record: dict[str, Any], source: str) -> str | None:
    """The record's publication date as ISO-8601; an unreadable value is logged and dropped."""
    alias, value = _pick_named(record, "published")
    if value is None:
        return None
    found = iso_date(value)
    if found is None:
        log.warning("%s: field %r value %s is not a readable date; dropped", source, alias, repr(value)[:100])
    return found


def record_to_document(record: dict[str, Any], source: str) -> RawDocument | Refusal:
    """One record (keys already lower-case) as a RawDocument, or a Refusal (E005, E006)."""
    body_key, body = _pick_named(record, "body")
    html_key, html = _pick_named(record, "html")
    url_key, url_value = _pick_named(record, "url")
    if url_value is not None and not isinstance(url_value, str):
        detail = f"field {url_key!r} is {_type_name(url_value)}, not text"
        return _refuse("E005", source, kind="JSON record", detail=detail)
    meta = build_meta(
        title=clean_str(_repaired(_pick(record, "title"))),
        outlet=clean_str(_repaired(_pick(record, "outlet"))),
        bylines=split_names(_repaired(_pick(record, "bylines"))),
        published=_published(record, source),
        section=clean_str(_repaired(_pick(record, "section"))),
        tags=split_list(_repaired(_pick(record, "tags"))),
        language=clean_str(_pick(record, "language")),
    )
    url = clean_str(url_value)
    if isinstance(body, str) and body.strip():
        return RawDocument(source, repair_text(body).strip(), "record", url=url, meta=meta)
    if isinstance(html, str) and html.strip():
        return RawDocument(source, repair_text(html), "html", url=url, meta=meta)
    wrong = next(
        ((k, v) for k, v in ((body_key, body), (html_key, html)) if v is not None and not isinstance(v, str)),
        None,
    )
    if wrong is not None:
        detail = f"field {wrong[0]!r} is {_type_name(wrong[1])}, not text"
        return _refuse("E006", source, detail=detail)
    return _refuse("E006", source, detail="record has no body, text, content or html field")


def _lower_keys(obj: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in obj.items()}


def read_records(text: str, source: str, fmt: str) -> Iterator[RawDocument | Refusal]:
    """Records of ``text`` read as ``fmt`` (json, jsonl, csv or tsv); none at all is E006."""
    if fmt == "jsonl":
        items = _read_jsonl(text, source)
    elif fmt in ("csv", "tsv"):
        items = _read_csv(text, source, "\t" if fmt == "tsv" else ",")
    else:
        items = _read_json(text, source)
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield _refuse("E006", source, detail="no records")


def _read_json(text: str, source: str) -> Iterator[RawDocument | Refusal]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield _refuse("E005", source, kind="JSON", detail=str(exc)[:200])
        return
    if isinstance(data, dict) and "articles" in data:
        record = _lower_keys(data)
        if not isinstance(data["articles"], list) and not _pick(record, "body") and not _pick(record, "html"):
            detail = f"field 'articles' is {_type_name(data['articles'])}, not a list of records"
            yield _refuse("E005", source, kind="JSON", detail=detail)
            return
        if isinstance(data["articles"], list):
            data = data["articles"]
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        name = f"{source}#{number}"
        if isinstance(item, dict):
            yield record_to_document(_lower_keys(item), name)
        else:
            yield _refuse("E005", name, kind="JSON record", detail=f"a {type(item).__name__}, not an object")


def _read_jsonl(text: str, source: str) -> Iterator[RawDocument | Refusal]:
    number = 0
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield _refuse("E005", f"{source}:{line_no}", kind="JSON line", detail=str(exc)[:200])
            continue
        if not isinstance(item, dict):
            detail = f"a {type(item).__name__}, not an object"
            yield _refuse("E005", f"{source}:{line_no}", kind="JSON line", detail=detail)
            continue
        yield record_to_document(_lower_keys(item), f"{source}#{number}")


def _read_csv(text: str, source: str, delimiter: str) -> Iterator[RawDocument | Refusal]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        yield _refuse("E005", source, kind="CSV", detail=str(exc) or "no header row")
        return
    if not any(h in header for h in (*_ALIASES["body"], "html")):
        yield _refuse(
            "E005", source, kind="CSV", detail="no body, text, content or html column in the header"
        )
        return
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            yield _refuse("E005", f"{source}:{reader.line_num}", kind="CSV row", detail=str(exc))
            continue
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        if len(row) != len(header):
            detail = f"{len(row)} fields where the header has {len(header)}"
            yield _refuse("E005", f"{source}:{reader.line_num}", kind="CSV row", detail=detail)
            continue
        yield record_to_document(dict(zip(header, row, strict=True)), f"{source}#{number}")
