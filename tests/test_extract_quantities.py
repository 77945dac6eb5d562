"""Quantities with unit, counted noun and normalised value (sentences written for the tests)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract.dates import extract_timexes
from newsprism.extract.quantities import extract_quantities
from newsprism.model import Quantity


def one(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_extract_quantities_times_with_scale() -> None:
    q = one("The clip was watched 220 million times online.")
    assert (q.value, q.unit, q.text) == (220_000_000.0, "times", "220 million times")


@pytest.mark.parametrize("phrase", ["$5bn", "$5 billion", "5bn dollars", "five billion dollars"])
def test_extract_quantities_dollars(phrase: str) -> None:
    q = one(f"The bank pledged {phrase} for the port.")
    assert (q.value, q.unit, q.text) == (5e9, "USD", phrase)


def test_extract_quantities_euros() -> None:
    q = one("The club paid €3.2m for the striker.")
    assert (q.value, q.unit) == (3_200_000.0, "EUR")


def test_extract_quantities_ordinal_anniversary() -> None:
    q = one("Guests marked the 10th anniversary of the pact.")
    assert (q.value, q.unit, q.counts, q.text) == (10.0, "ordinal", "anniversary", "10th")


@pytest.mark.parametrize("phrase", ["45%", "45 percent", "45 per cent", "forty-five percent"])
def test_extract_quantities_percentages(phrase: str) -> None:
    q = one(f"Turnout reached {phrase} in the north.")
    assert (q.value, q.unit) == (45.0, "%")


def test_extract_quantities_spelled_percentages() -> None:
    assert one("Only twelve percent agreed.").value == 12.0
    assert one("Only twenty six percent agreed.").value == 26.0


def test_extract_quantities_counted_noun() -> None:
    q = one("The country sent 3,000 troops to the border.")
    assert (q.value, q.counts, q.text) == (3000.0, "troops", "3,000")
    q = one("About 1.5 million people fled.")
    assert (q.value, q.counts) == (1_500_000.0, "people")
    assert one("Rescuers found three survivors.").value == 3.0


def test_extract_quantities_a_range_shares_its_unit_and_counts_no_time_word() -> None:
    found = extract_quantities("Prices rose between 2 and 3 percent, and growth of 1.5% to 1.8% next year.")
    assert [(q.text, q.unit, q.counts) for q in found] == [
        ("2", "%", None),
        ("3 percent", "%", None),
        ("1.5%", "%", None),
        ("1.8%", "%", None),  # "next" is no counted noun
    ]
    found = extract_quantities("The firm hired 40 workers and 3 percent more managers.")
    assert [(q.unit, q.counts) for q in found] == [(None, "workers"), ("%", None)]  # no range
    found = extract_quantities("It costs 2 to 3 million dollars.")  # the first end is no $2
    assert [(q.value, q.unit) for q in found] == [(2.0, None), (3_000_000.0, "USD")]


def test_extract_quantities_fraction() -> None:
    q = one("Two-thirds of members voted yes.")
    assert q.unit == "fraction"
    assert q.value == pytest.approx(2 / 3)


def test_extract_quantities_exclude_years_dates_times_and_list_markers() -> None:
    text = "1. On March 21, 2023, at 5 p.m., in 2022 and three days later, officials met.\n2) Nothing else."
    assert extract_quantities(text) == []


def test_extract_quantities_never_overlap_given_date_spans() -> None:
    text = "By October 17, 2023 the fund held $5bn."
    timexes = extract_timexes(text, "2023-10-17")
    found = extract_quantities(text, timexes=timexes)
    assert [q.text for q in found] == ["$5bn"]
    assert all(q.end <= t.start or q.start >= t.end for q in found for t in timexes)


def test_extract_quantities_spans_sorted_disjoint_deterministic() -> None:
    text = "Officials said 3,000 troops, $5bn, 45% of voters and 220 million times, the 10th anniversary."
    a = extract_quantities(text)
    assert a == extract_quantities(text)
    assert len(a) == 5
    for q in a:
        assert text[q.start : q.end] == q.text
    assert all(x.end <= y.start for x, y in itertools.pairwise(a))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=6), st.sampled_from(["$", "5", "bn", " million", "%", " troops", "10th", "-"])
        ),
        max_size=25,
    ).map("".join)
)
def test_extract_quantities_never_crash_on_arbitrary_text(text: str) -> None:
    found = extract_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.text
    assert all(x.end <= y.start for x, y in itertools.pairwise(found))
