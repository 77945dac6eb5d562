"""The arguments and options of the commands that read sources (``ingest``, ``analyze``)."""

from __future__ import annotations

import sys
from typing import IO, Annotated

from newsprism.cli.common import argument, flag, option, stderr
from newsprism.model import Refusal
from newsprism.settings import SETTINGS, IngestOptions

#: Default read limits (the defaults of the options below).
DEFAULTS = IngestOptions()


def setting_help(name: str) -> str:
    """The help text of a setting in :data:`newsprism.settings.SETTINGS`."""
    return next(s.help for s in SETTINGS if s.name == name)


Sources = Annotated[
    list[str],
    argument("SRC", "Files, directories, URLs, feeds, WARC, JSON/JSONL/CSV files; '-' reads stdin."),
]
MaxBytes = Annotated[int, option("--max-bytes", "N", setting_help("max_bytes"), min=1)]
Timeout = Annotated[float, option("--timeout", "S", setting_help("timeout"), min=0.1)]
AllowPrivate = Annotated[bool, flag("--allow-private", setting_help("allow_private"))]
Glob = Annotated[
    list[str] | None,
    option("--glob", "PATTERN", "Only files in directories matching this pattern (repeatable; default '*')."),
]


def options(max_bytes: int, timeout: float, allow_private: bool, glob: list[str] | None) -> IngestOptions:
    """The read limits the options above give."""
    return IngestOptions(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        patterns=tuple(glob) if glob else DEFAULTS.patterns,
    )


def stdin_for(sources: list[str]) -> IO[bytes] | None:
    """Standard input (binary when possible) when a source is '-', else None."""
    return getattr(sys.stdin, "buffer", sys.stdin) if "-" in sources else None


def print_refusals(refusals: list[Refusal]) -> None:
    """One ``refused CODE source: reason`` line per refusal on stderr, then one ``hint CODE: ...`` per code."""
    from newsprism.console import refusal_hints, refusal_line

    console = stderr()
    for line in [refusal_line(r) for r in refusals] + refusal_hints(refusals):
        console.print(line, soft_wrap=True)
