"""Settings defined once: name, default and help drive the CLI, the API and the docs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting."""

    name: str
    default: object
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_bytes", 10_000_000, "Largest input (file, response, record) read, in bytes."),
    Setting("timeout", 15.0, "Seconds before a URL fetch gives up."),
    Setting("max_redirects", 5, "Redirects followed per URL fetch."),
    Setting("allow_private", False, "Fetch loopback, private and link-local addresses too."),
    Setting("fetch_feed_links", True, "Fetch the linked page when a feed entry is only a summary."),
    Setting("boilerplate_min_pages", 3, "Pages of one outlet a line must recur in to count as chrome."),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """Keyword-only options for reading and fetching sources (see SETTINGS)."""

    max_bytes: int = 10_000_000
    timeout: float = 15.0
    max_redirects: int = 5
    allow_private: bool = False
    fetch_feed_links: bool = True
    boilerplate_min_pages: int = 3
    patterns: tuple[str, ...] = field(default=("*",))


def default_db_path() -> Path:
    """The store's default file: $NEWSPRISM_DB, else the user's data directory."""
    env = os.environ.get("NEWSPRISM_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsprism")) / "newsprism.db"
