"""The story dossier as JSON: exactly :func:`newsprism.model.to_dict` of the StoryReport.

Rebuild it with ``from_dict(StoryReport, json.loads(text))``. Bidi-override and C1
control characters are written as ``\\uXXXX`` escapes (the value is unchanged) so the
JSON cannot reorder what a terminal shows; a non-finite score (NaN) becomes ``null``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from newsprism.model import StoryReport, to_dict

_UNSAFE = re.compile(r"[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def render_json(report: StoryReport, *, indent: int | None = 2) -> str:
    """The report as a JSON document (ends with a newline)."""
    text = json.dumps(_finite(to_dict(report)), ensure_ascii=False, indent=indent, allow_nan=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
