"""Expand directories and glob patterns to the files they hold, sorted and deterministic.

A folder walk does not follow symlinked folders, and skips a symlinked file whose target
is outside the folder walked ("symlink leaves the folder") or that never resolves
("symlink loop"); ``skipped`` collects them for a caller that reports them (else a
logged warning names each). A file named by itself is read wherever it points.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import logging
import os
from collections.abc import Iterable

log = logging.getLogger(__name__)

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


def _link_problem(path: str, root: str) -> str | None:
    """Why the symlink ``path`` may not be read as part of the folder ``root`` (resolved), else None."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        return None  # a dangling link: reading it says "not found"
    try:
        inside = os.path.commonpath([root, target]) == root
    except ValueError:  # different drives
        inside = False
    return None if inside else f"symlink leaves the folder (points to {target})"


def walk_dir(
    top: str, patterns: Iterable[str] = ("*",), skipped: list[tuple[str, str]] | None = None
) -> list[str]:
    """Files under ``top`` (recursive, hidden files and folders skipped) whose name matches.

    Symlinked files that leave ``top`` or loop are left out: appended to ``skipped`` as
    ``(path, reason)`` when it is given, else logged.
    """
    patterns = tuple(patterns)
    root = os.path.realpath(top)
    found: list[str] = []
    for folder, subdirs, files in os.walk(top, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            if not _matches(name, patterns):
                continue
            path = os.path.join(folder, name)
            problem = _link_problem(path, root) if os.path.islink(path) else None
            if problem is None:
                found.append(path)
                continue
            if skipped is None:
                log.warning("%s: skipped, %s", path, problem)
            else:
                skipped.append((path, problem))
    return sorted(found, key=_sort_key)


def expand_glob(pattern: str, patterns: Iterable[str] = ("*",)) -> list[str]:
    """Files matching the glob ``pattern`` (``**`` recursive) and the name ``patterns``."""
    patterns = tuple(patterns)
    hits = glob.glob(pattern, recursive=True)
    files = [h for h in hits if os.path.isfile(h) and _matches(os.path.basename(h), patterns)]
    return sorted(files, key=_sort_key)
