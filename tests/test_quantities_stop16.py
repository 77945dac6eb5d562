"""Status words before the counted noun, "N in M" ratios and "a fifth patient" (sentences written for the tests)."""

from __future__ import annotations

import pytest

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quantities import extract_quantities
from newsprism.model import Quantity


def read(text: str, parsed: bool) -> list[tuple[str, float, str | None, str | None]]:
    """(text, value rounded, unit, counts) of each quantity of ``text``, with or without its doc."""
    found: list[Quantity] = extract_quantities(text, load_nlp()(text) if parsed else None)
    return [(q.text, round(q.value, 3), q.unit, q.counts) for q in found]


@pytest.mark.parametrize("parsed", [False, True])
def test_status_word_does_not_hide_the_counted_noun(parsed: bool) -> None:
    text = "The ministry counted 42 confirmed cases and 260 suspected cases, with 7 new deaths."
    assert read(text, parsed) == [
        ("42", 42.0, None, "cases"),
        ("260", 260.0, None, "cases"),
        ("7", 7.0, None, "deaths"),
    ]
    assert read("Only 3 known survivors and 12 additional barrels remain.", parsed) == [
        ("3", 3.0, None, "survivors"),
        ("12 additional barrels", 12.0, "barrels", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 260 cases were counted.", [("260", 260.0, None, "cases")]),
        ("Of those tested, 12 confirmed quickly.", [("12", 12.0, None, None)]),
        ("Police said 3 reported to the station.", [("3", 3.0, None, None)]),  # a verb, then "to"
        ("The firm opened 3 New York offices.", [("3", 3.0, None, None)]),
    ],
)
@pytest.mark.parametrize("parsed", [False, True])
def test_status_word_near_misses(text: str, expected: list[tuple], parsed: bool) -> None:
    assert read(text, parsed) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One in three residents will catch it.", ("One in three", 0.333, "fraction", "residents")),
        ("Nine out of every 10 voters backed it.", ("Nine out of every 10", 0.9, "fraction", "voters")),
        ("It hit 1 in 5 confirmed patients.", ("1 in 5", 0.2, "fraction", "patients")),
        ("The share was one out of three.", ("one out of three", 0.333, "fraction", None)),
    ],
)
def test_n_in_m_is_a_ratio(text: str, expected: tuple) -> None:
    assert read(text, False) == [expected]
    assert read(text, True) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He woke at 3 in the morning.", []),
        ("Two-thirds of voters backed the plan.", [("Two-thirds", 0.667, "fraction", None)]),
        ("Prices rose 5 in 10 days.", [("5", 5.0, None, None)]),  # "10 days" is a duration
        ("He scored 2 in 2019.", [("2", 2.0, None, None)]),  # a year, no ratio
        ("Five in three is no share.", [("Five", 5.0, None, None), ("three", 3.0, None, None)]),
    ],
)
def test_n_in_m_near_misses(text: str, expected: list[tuple]) -> None:
    assert read(text, False) == expected


@pytest.mark.parametrize("parsed", [False, True])
def test_a_fifth_patient_is_an_ordinal(parsed: bool) -> None:
    assert read("A fifth patient, a retired teacher, died overnight.", parsed) == []
    assert read("She won a third term in office.", parsed) == [("third", 3.0, "ordinal", "term")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About a fifth of patients died.", [("a fifth", 0.2, "fraction", None)]),
        ("One fifth of patients died.", [("One fifth", 0.2, "fraction", None)]),
        ("Prices rose by a fifth.", [("a fifth", 0.2, "fraction", None)]),
        ("The new plant is a third bigger.", [("a third", 0.333, "fraction", "bigger")]),
        ("A third voted no.", [("A third", 0.333, "fraction", "voted")]),
        ("A fifth said yes.", [("A fifth", 0.2, "fraction", "said")]),
        ("On the third day the fever broke.", []),
    ],
)
@pytest.mark.parametrize("parsed", [False, True])
def test_fraction_near_misses(text: str, expected: list[tuple], parsed: bool) -> None:
    assert read(text, parsed) == expected
