"""Query parameters of the listings, shared by the REST API and the pages.

A listing's filters and paging arrive as one query model (FastAPI flattens its fields
into query parameters, in field order). Empty values mean no filter, since HTML forms
send empty fields.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BaseModel, model_validator

from newsprism.store.filters import DATE_BOUND_FORMS, ArticleFilters, check_range, optional_date_bound

Limit = Annotated[int, Query(ge=1, le=100, description="Most items returned.")]
Offset = Annotated[int, Query(ge=0, description="Items skipped first.")]
Since = Annotated[
    str | None,
    Query(max_length=40, description=f"Published on or after: {DATE_BOUND_FORMS}."),
    AfterValidator(optional_date_bound),
]
Until = Annotated[
    str | None,
    Query(max_length=40, description=f"Published on or before: {DATE_BOUND_FORMS}."),
    AfterValidator(optional_date_bound),
]
Outlet = Annotated[str | None, Query(max_length=200, description="Outlet name (case-insensitive).")]
Entity = Annotated[
    str | None, Query(max_length=200, description="Entity key, or part of an entity or speaker name.")
]
Text = Annotated[str | None, Query(max_length=500, description="Free text: every word must match.")]
#: Listing fields that are not article filters.
_NOT_FILTERS = {"offset", "finding"}


class Listing(BaseModel):
    """Paging and the filters every listing takes."""

    offset: Offset = 0
    since: Since = None
    until: Until = None
    outlet: Outlet = None
    entity: Entity = None

    @model_validator(mode="after")
    def _range(self) -> Listing:
        check_range(self.since, self.until)  # ValueError: a 422 naming both dates
        return self

    def filters(self) -> ArticleFilters:
        """The article filters of this listing (empty values: no filter)."""
        values = self.model_dump(exclude=_NOT_FILTERS)
        return ArticleFilters(**{name: value or None for name, value in values.items()})


class StoryListing(Listing):
    """A stories listing: the common filters, a finding kind and free text."""

    finding: Annotated[
        str | None, Query(max_length=60, description="Only stories with a finding of this kind.")
    ] = None
    q: Text = None


class ArticleListing(Listing):
    """An articles listing: the common filters, a story id and free text."""

    story: Annotated[str | None, Query(max_length=200, description="Story id ('all': ungrouped).")] = None
    q: Text = None


#: The listings as query-parameter models of an endpoint.
StoryQuery = Annotated[StoryListing, Query()]
ArticleQuery = Annotated[ArticleListing, Query()]
