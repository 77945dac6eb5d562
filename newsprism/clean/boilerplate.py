"""Per-outlet boilerplate: lines that recur on many pages of one outlet are page chrome.

The model counts, per outlet, on how many pages each (normalised) line occurs. A line is
chrome when it recurs on at least ``min_pages`` pages *and* on at least half of that
outlet's pages. Only line hashes are kept, never the text, so the persisted model is
small and carries no article text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from newsprism.clean.normalize import fold_for_compare

CHROME_SHARE = 0.5  # a line must occur on >= half of an outlet's pages
MIN_LINE_CHARS = 3  # lines shorter than this (after folding) are ignored: "|", "--"


def line_key(line: str) -> str:
    """Hash (16 hex chars of sha256) of the normalised line: case, spaces and quotes folded."""
    folded = fold_for_compare(line).strip(" \t•*·▪-–—")
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _usable(line: str) -> bool:
    return len(fold_for_compare(line)) >= MIN_LINE_CHARS and any(c.isalnum() for c in line)


class BoilerplateModel:
    """Line recurrence counts per outlet, learned from raw pages."""

    def __init__(self, min_pages: int = 3) -> None:
        self.min_pages = max(1, int(min_pages))
        self._counts: dict[str, dict[str, int]] = {}
        self._pages: dict[str, int] = {}

    def observe(self, outlet: str, lines: Iterable[str]) -> None:
        """Count one page of ``outlet``: each distinct line once."""
        keys = {line_key(line) for line in lines if _usable(line)}
        self._pages[outlet] = self._pages.get(outlet, 0) + 1
        counts = self._counts.setdefault(outlet, {})
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    def seen_on(self, outlet: str, line: str) -> int:
        """On how many pages of ``outlet`` the line was seen."""
        return self._counts.get(outlet, {}).get(line_key(line), 0)

    def is_chrome(self, outlet: str, line: str) -> bool:
        """True when the line recurs on >= min_pages pages and >= 50% of the outlet's pages."""
        if not _usable(line):
            return False
        seen = self.seen_on(outlet, line)
        pages = self._pages.get(outlet, 0)
        return seen >= self.min_pages and pages > 0 and seen >= CHROME_SHARE * pages

    def to_rows(self) -> list[tuple[str, str, int]]:
        """(outlet, line key, page count) rows, sorted, for persisting."""
        return sorted((o, k, n) for o, counts in self._counts.items() for k, n in counts.items())

    def page_counts(self) -> dict[str, int]:
        """Pages observed per outlet."""
        return dict(sorted(self._pages.items()))

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, str, int]], page_counts: dict[str, int], min_pages: int = 3
    ) -> BoilerplateModel:
        """Rebuild a model from :meth:`to_rows` and :meth:`page_counts` output."""
        model = cls(min_pages=min_pages)
        for outlet, key, count in rows:
            model._counts.setdefault(str(outlet), {})[str(key)] = int(count)
        model._pages = {str(o): int(n) for o, n in page_counts.items()}
        return model
