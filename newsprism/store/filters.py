"""The date bounds of a listing filter (``--since``/``--until``, ``?since=``/``?until=``), checked once.

Stored publication dates are ISO-8601 strings compared as text, so a bound must be ISO too:
``2025-6-1`` is written ``2025-06-01`` and ``yesterday`` or ``2025-13-45`` is refused.
"""

from __future__ import annotations

import re
from datetime import datetime

_DATE_BOUND = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2})(:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?))?)?)?"
)
#: What a date bound may look like, for hints and API descriptions.
DATE_BOUND_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY, optionally with a time (2025-06-01T14:30)"


def date_bound(value: str) -> str:
    """``value`` as a stored-form ISO date or date-time (zero-padded); ValueError saying why if it is none."""
    match = _DATE_BOUND.fullmatch(value.strip())
    if match is None:
        raise ValueError("not an ISO date")
    year, month, day, hour, rest = match.groups()
    parts = [year, *(f"{int(part):02d}" for part in (month, day) if part)]
    time = f"T{int(hour):02d}{rest.replace('Z', '+00:00')}" if hour else ""
    datetime.fromisoformat("-".join(parts + ["01"] * (3 - len(parts))) + time)  # ValueError: no such day
    return "-".join(parts) + time
