"""Normalise reader-supplied metadata to the ``RawDocument.meta`` conventions.

Keys (omitted when unknown): ``title`` str, ``outlet`` str, ``bylines`` list[str],
``published`` ISO-8601 str (``YYYY-MM-DD`` when only a date is known), ``section`` str,
``tags`` list[str], ``language`` str. WARC adds ``crawled`` (ISO-8601 capture time).
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_DATE_FORMATS = ("%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y", "%Y%m%d")
_MAX_FIELD = 2000  # characters kept of a metadata string; bodies are not metadata


def clean_str(value: Any) -> str | None:
    """A stripped, single-spaced, bounded string, or None when empty or not a scalar."""
    if value is None or isinstance(value, dict | list | tuple | bool):
        return None
    text = " ".join(str(value).split())[:_MAX_FIELD]
    return text or None


def split_list(value: Any) -> list[str]:
    """A list of strings from a list, or a string separated by ';' (else ',')."""
    if isinstance(value, list | tuple):
        items = [clean_str(v) for v in value]
    elif isinstance(value, str):
        items = [clean_str(v) for v in value.split(";" if ";" in value else ",")]
    else:
        items = [clean_str(value)]
    return list(dict.fromkeys(i for i in items if i))


def split_names(value: Any) -> list[str]:
    """Bylines from a list or a string ("By " dropped): split on ';', '|', '&' and ' and ';
    on ',' only when every part has two words or more (so "Doe, Jane" stays one name)."""
    if isinstance(value, list | tuple):
        names = [n for v in value for n in split_names(v.get("name") if isinstance(v, dict) else v)]
        return list(dict.fromkeys(names))
    text = clean_str(value)
    if not text:
        return []
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    parts = [p.strip() for p in re.split(r"\s*[;|]\s*|\s+and\s+|\s*&\s*", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        out.extend(pieces if len(pieces) > 1 and all(len(p.split()) > 1 for p in pieces) else [part])
    return list(dict.fromkeys(out))


def iso_date(value: Any) -> str | None:
    """An ISO-8601 string for a date given as ISO, RFC 2822, a common written form,
    a Unix timestamp or a ``time.struct_time``; None when it cannot be read."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(float(value))
    text = clean_str(value)
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return _from_timestamp(float(text))
    return _parse_text_date(text)


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _parse_text_date(text: str) -> str | None:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        pass
    else:
        return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return _dateparser(text)


def _dateparser(text: str) -> str | None:
    """Last resort; absolute dates only, all of day, month and year required."""
    if len(text) > 100:
        return None
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]}
    parsed = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    has_time = ":" in text
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def build_meta(**fields: Any) -> dict[str, Any]:
    """A meta dict with the conventional keys, dropping empty values."""
    return {k: v for k, v in fields.items() if v not in (None, "", [], ())}
