"""A year after "since" starts a span up to now: it is no reference time for "the full year"; a
day an expectation in the present tense names lies ahead; "five-and-a-half-year" is a duration."""

from __future__ import annotations

from newsprism.extract.dates import extract_timexes

TEXT = (
    "Vantorra Systems has posted its worst quarter since 2009, with revenue down 14 percent. For the "
    "full fiscal year, revenue came to $9.4 billion, compared with $10.1 billion the year before."
)


def _values(text: str) -> dict[str, str]:
    return {t.text: t.value for t in extract_timexes(text, "2026-11-05")}


def test_extract_dates_a_year_after_since_is_no_reference_time() -> None:
    values = _values(TEXT)
    assert values["2009"] == "2009"
    assert values["the full fiscal year"] == "2026" and values["the year before"] == "2025"


def test_extract_dates_a_year_named_plainly_stays_the_reference_time() -> None:
    values = _values("The plant opened in 2009. For the full year, it made 4,000 cars.")
    assert values["the full year"] == "2009"


def test_extract_dates_a_day_expected_now_lies_ahead() -> None:
    from newsprism.extract.nlp import load_nlp

    nlp = load_nlp()
    text = (
        '"The rain has lasted longer than we forecast, and we now expect it to ease on Tuesday," Reyne said.'
    )
    (day,) = [t for t in extract_timexes(text, "2025-09-15", nlp(text)) if t.text == "Tuesday"]
    assert day.value == "2025-09-16"  # a Monday's article: the coming Tuesday
    past = "The rain eased on Tuesday, the weather office said."
    assert [t.value for t in extract_timexes(past, "2025-09-15", nlp(past))] == ["2025-09-09"]


def test_extract_dates_a_hyphenated_and_a_half_duration() -> None:
    values = _values("Ravello will sign a five-and-a-half-year contract, not a three-year one.")
    assert values == {"five-and-a-half-year": "P5Y6M", "three-year": "P3Y"}
