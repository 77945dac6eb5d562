"""Metadata normalisation: dates to ISO-8601, bylines and tags to lists."""

from __future__ import annotations

import time

import pytest

from newsprism.ingest.meta import build_meta, iso_date, split_list, split_names


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-17", "2023-10-17"),
        ("2023-10-17T08:30:00Z", "2023-10-17T08:30:00+00:00"),
        ("Tue, 17 Oct 2023 08:30:00 +0200", "2023-10-17T08:30:00+02:00"),
        ("17 October 2023", "2023-10-17"),
        ("Oct 17, 2023", "2023-10-17"),
        ("2023/10/17", "2023-10-17"),
        ("17 octobre 2023", "2023-10-17"),
        (1697531400, "2023-10-17T08:30:00+00:00"),
        (1697531400000, "2023-10-17T08:30:00+00:00"),
        (time.struct_time((2023, 10, 17, 8, 30, 0, 1, 290, 0)), "2023-10-17T08:30:00+00:00"),
        ("yesterday", None),  # relative dates would depend on today: never guessed
        ("October 2023", None),  # no day: not invented
        ("not a date", None),
        (None, None),
        (True, None),
    ],
)
def test_ingest_meta_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_ingest_meta_names_and_lists() -> None:
    assert split_names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert split_names("Doe, Jane") == ["Doe, Jane"]
    assert split_names("Jane Doe, John Roe; Ana Ruiz") == ["Jane Doe", "John Roe", "Ana Ruiz"]
    assert split_names([{"name": "Li Wei"}, "Li Wei", "", None]) == ["Li Wei"]
    assert split_list("a; b, c;; a") == ["a", "b, c"]
    assert split_list("x, y ,z") == ["x", "y", "z"]
    assert split_list(["  spaced   out ", 3]) == ["spaced out", "3"]
    assert build_meta(title="T", tags=[], outlet=None, section="") == {"title": "T"}
