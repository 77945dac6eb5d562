"""Bounded reading of the tidy JSONL files the evaluation tasks take."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsprism.errors import InputError


def jsonl_rows(path: Path, max_bytes: int) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line; InputError E040 naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise InputError("E040", str(path), detail="no such file")
    if path.stat().st_size > max_bytes:
        raise InputError("E040", str(path), detail=f"larger than {max_bytes} bytes")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("E040", str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError("E040", str(path), detail=f"line {number}: invalid JSON ({exc.msg})") from exc
