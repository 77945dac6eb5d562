"""Expand directories and glob patterns to the files they hold, sorted and deterministic."""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable

_GLOB_CHARS = frozenset("*?[")
# A folder's own documentation is not coverage: skipped when a folder or glob is expanded
# (name the file itself to read it).
_FOLDER_DOCS = (
    "readme",
    "readme.*",
    "license",
    "license.*",
    "licence",
    "licence.*",
    "copying",
    "copying.*",
    "changelog",
    "changelog.*",
)


def is_glob(source: str) -> bool:
    """True when ``source`` is a glob pattern rather than a path that exists."""
    return bool(_GLOB_CHARS & set(source)) and not os.path.exists(source)


def _matches(name: str, patterns: Iterable[str]) -> bool:
    if name.startswith(".") or any(fnmatch.fnmatch(name.lower(), d) for d in _FOLDER_DOCS):
        return False
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def _sort_key(path: str) -> tuple[str, ...]:
    return tuple(os.path.normpath(path).split(os.sep))


def walk_dir(top: str, patterns: Iterable[str] = ("*",)) -> list[str]:
    """Files under ``top`` (recursive, hidden files and folders skipped) whose name matches."""
    patterns = tuple(patterns)
    found: list[str] = []
    for folder, subdirs, files in os.walk(top, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found.extend(os.path.join(folder, f) for f in files if _matches(f, patterns))
    return sorted(found, key=_sort_key)


def expand_glob(pattern: str, patterns: Iterable[str] = ("*",)) -> list[str]:
    """Files matching the glob ``pattern`` (``**`` recursive) and the name ``patterns``."""
    patterns = tuple(patterns)
    hits = glob.glob(pattern, recursive=True)
    files = [h for h in hits if os.path.isfile(h) and _matches(os.path.basename(h), patterns)]
    return sorted(files, key=_sort_key)
