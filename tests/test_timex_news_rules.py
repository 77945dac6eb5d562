"""TimeML rules that a second news corpus (MEANTIME) confirmed, each on a sentence written for the test."""

from __future__ import annotations

from newsprism.extract.dates import extract_timexes


def found(text: str, dct: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in extract_timexes(text, dct)]


def test_timex_a_week_of_a_month_is_one_date() -> None:
    # the ISO week holding the middle of the month's last (or n-th) seven days, not "the last week" + "March"
    assert found("Car sales picked up in the last week of March.", "2009-04-01") == [
        ("the last week of March", "DATE", "2009-W13")
    ]
    assert found("Orders slowed in the first week of June 2008.", "2009-04-01") == [
        ("the first week of June 2008", "DATE", "2008-W23")
    ]


def test_timex_postposed_previous_counts_from_the_year_last_mentioned() -> None:
    text = "Costs fell to $118 billion last year, $19 billion less than the year previous."
    assert found(text, "2010-01-28") == [("last year", "DATE", "2009"), ("the year previous", "DATE", "2008")]
    text = "Sales reached 2 million in 2004, up from 1.5 million the year before."
    assert found(text, "2006-01-28")[-1] == ("the year before", "DATE", "2003")
    # "before" opening a clause is a preposition, not a postposed modifier
    assert found("He left the day before the vote was held.", "2006-01-28") == []


def test_timex_a_month_of_next_year_takes_that_year() -> None:
    text = "Dealers whose contracts end after October of next year will be told by letter."
    assert found(text, "2009-05-15") == [("October", "DATE", "2010-10"), ("next year", "DATE", "2010")]


def test_timex_fractions_ordinals_and_prefixes_are_no_timexes() -> None:
    assert found("It will close 789, or about a quarter, of its dealers.", "2009-05-14") == []
    assert found("A second A380 flew to Los Angeles.", "2007-03-19") == []
    assert found("He spoke against the now-cancelled lease.", "2004-11-24") == []
    # the duration itself stays
    assert found("It took a second or two.", "2004-11-24") == [("a second", "DURATION", "PT1S")]


def test_timex_the_past_year_and_decade_are_the_previous_calendar_period() -> None:
    text = "It was the third time in the past decade that he took leave."
    assert found(text, "2011-01-17") == [("the past decade", "DATE", "200")]
    text = "Hate groups grew over the past year, the report said."
    assert found(text, "1998-03-03") == [("the past year", "DATE", "1997")]
    # with a count it stays a duration
    assert found("Prices rose over the past three years.", "1998-03-03") == [
        ("the past three years", "DURATION", "P3Y")
    ]


def test_timex_a_bare_season_is_a_date() -> None:
    text = "The IMF and the World Bank held their autumn meetings in Washington."
    assert found(text, "2008-10-13") == [("autumn", "DATE", "2008-FA")]
    assert found("Sales slowed during winter.", "2009-03-10") == [("winter", "DATE", "2008-WI")]
    # "spring" and "fall" alone are mostly a noun or a verb
    assert found("Prices fall as spring rains come.", "2008-10-13") == []
