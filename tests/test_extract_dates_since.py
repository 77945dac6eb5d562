"""A year after "since" starts a span up to now: it is no reference time for "the full year"."""

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
