"""The filters of an article listing (CLI ``articles``, the web listings) and their date bounds.

Stored publication dates are ISO-8601 strings compared as text, so a bound must be ISO too:
``2025-6-1`` is written ``2025-06-01`` and ``yesterday`` or ``2025-13-45`` is refused. A stored
date covers its whole period: ``2025-06-10`` is kept by ``since 2025-06-10T09:00`` and by
``until 2025-06``. Filters combine with AND: publication date range (inclusive; an undated
article is in no range), outlet (case-insensitive), entity (key, or a part of an entity name or
quoted speaker's name), story id (``all`` = articles not grouped into a story) and free text
(FTS5, every word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsprism.store import queries as q

#: Story id of the articles that no grouper has put in a story yet.
ALL = "all"

_DATE_BOUND = re.compile(
    r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2})(:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?))?)?)?"
)
#: What a date bound may look like, for hints and API descriptions.
DATE_BOUND_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY, optionally with a time (2025-06-01T14:30)"


def optional_date_bound(value: str | None) -> str | None:
    """:func:`date_bound` of ``value``; None for none or blank (an empty form field is no bound)."""
    return date_bound(value) if value and value.strip() else None


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


class ReversedRange(ValueError):
    """A ``since`` bound after the ``until`` bound."""


def check_range(since: str | None, until: str | None) -> None:
    """ReversedRange (a ValueError) when the bounds (stored form) leave no date: ``since`` after ``until``.

    ``until`` covers its whole period: ``since 2025-06-11, until 2025-06`` is a range (of 20 days).
    Two bounds with times and UTC offsets compare as instants (``10:00+02:00`` is before ``09:00Z``).
    """
    if not (since and until):
        return
    instants = [datetime.fromisoformat(b) for b in (since, until) if "T" in b]
    if len(instants) == 2 and (instants[0].tzinfo is None) == (instants[1].tzinfo is None):
        reversed_range = instants[0] > instants[1]
    else:
        reversed_range = since[: len(until)] > until
    if reversed_range:
        raise ReversedRange(f"since {since} is after until {until}: no date is in that range")


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What a listing is restricted to (None: no restriction)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    entity: str | None = None
    story: str | None = None
    q: str | None = None

    def dated(self) -> bool:
        """True when a date bound is set (undated articles are then left out)."""
        return bool(self.since or self.until)

    def where(self, *, include_superseded: bool = False) -> tuple[str, list[Any]]:
        """SQL ``WHERE`` text over ``articles a`` (current versions unless ``include_superseded``)."""
        clauses: list[str] = [] if include_superseded else [q.CURRENT]
        params: list[Any] = []
        if self.since:  # a stored date whose period holds the bound is kept (2025-06-10 for 2025-06-10T09:00)
            clauses.append("(a.published >= ? OR a.published = substr(?, 1, length(a.published)))")
            params += [self.since, self.since]
        if self.until:
            clauses.append("substr(a.published, 1, ?) <= ?")
            params += [len(self.until), self.until]
        if self.outlet:
            clauses.append("a.outlet = ? COLLATE NOCASE")
            params.append(self.outlet)
        if self.entity:
            like = "%" + self.entity.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(a.id IN (SELECT article_id FROM entities WHERE key = ? OR name LIKE ? ESCAPE '\\')"
                " OR a.id IN (SELECT article_id FROM quotes WHERE speaker_key = ? OR speaker LIKE ? ESCAPE '\\'))"
            )
            params += [self.entity, like, self.entity, like]
        if self.story:
            if self.story == ALL:
                clauses.append("a.story_id IS NULL")
            else:
                clauses.append("a.story_id = ?")
                params.append(self.story)
        if self.q:
            match = q.fts_query(self.q)
            if match is None:
                clauses.append("0")
            else:
                clauses.append("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
                params.append(match)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
