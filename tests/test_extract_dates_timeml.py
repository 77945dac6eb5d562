"""TimeML normalisation rules of the date extractor, each on a sentence written for the test."""

from __future__ import annotations

from newsprism.extract.dates import extract_timexes


def found(text: str, dct: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in extract_timexes(text, dct)]


def test_timeml_signal_word_is_outside_a_relative_duration() -> None:
    # "later"/"after"/"before" is a TimeML signal: the timex is the duration alone
    assert found("Three days later, the army withdrew.", "1998-08-20") == [("Three days", "DURATION", "P3D")]
    assert found("The strikes came 13 days after the bombings.", "1998-08-20") == [
        ("13 days", "DURATION", "P13D")
    ]
    # "earlier" / "ago" stay inside: they make a point in time
    assert found("A year earlier, it lost money.", "1989-10-26")[0][0] == "A year earlier"


def test_timeml_this_and_next_quarter_halves_and_possessive_years() -> None:
    dct = "1989-10-26"  # fourth quarter
    assert found("Sales rose this quarter and will rise next quarter.", dct) == [
        ("this quarter", "DATE", "1989-Q4"),
        ("next quarter", "DATE", "1990-Q1"),
    ]
    assert found("Profit fell in 1988's fourth quarter.", dct) == [
        ("1988's fourth quarter", "DATE", "1988-Q4")
    ]
    assert found("The second half of the year will be weak.", dct) == [
        ("The second half of the year", "DATE", "1989-H2")
    ]
    assert found("Sales rose in the second half of 1988.", dct)[0][2] == "1988-H2"
    # an article before a hyphenated modifier belongs to the noun: "the third-quarter results"
    assert found("The third-quarter results were strong.", dct) == [("third-quarter", "DATE", "1989-Q3")]


def test_timeml_year_earlier_periods_compare_with_the_quarter_reported_on() -> None:
    text = "Net rose in the third quarter. In the year-earlier quarter, it fell. In the year-earlier period, costs rose."
    values = [v for _, _, v in found(text, "1989-10-27")]
    assert values == ["1989-Q3", "1988-Q3", "1988-Q3"]  # not 1987-Q3: a year-ago quarter is no new reference


def test_timeml_same_period_a_year_ago_shifts_the_last_mentioned_period() -> None:
    text = "Sales fell 35% in January, compared with the same month a year ago."
    assert found(text, "2009-02-03")[-1] == ("the same month a year ago", "DATE", "2008-01")
    text = "Sales rose 43% in February compared to the same period last year."
    assert found(text, "2010-03-03")[-1] == ("the same period last year", "DATE", "2009-02")


def test_timeml_the_full_year_is_the_year_last_mentioned() -> None:
    text = "GM lost $2 billion in 2005 and $8.6 billion for the full year."
    assert found(text, "2006-01-27")[-1] == ("the full year", "DATE", "2005")


def test_timeml_utc_clock_times_end_in_z() -> None:
    assert found("Trading stopped at 18:00 UTC.", "2009-12-16") == [
        ("18:00 UTC", "TIME", "2009-12-16T18:00Z")
    ]
    assert found("The index fell at 4 p.m. GMT.", "2009-12-16")[0][2] == "2009-12-16T16:00Z"
    # a local time with its GMT equivalent in brackets stays local
    assert (
        found("The blast occurred at 10:35 a.m. (0735 GMT) Friday.", "1998-08-08")[0][2] == "1998-08-07T10:35"
    )
    assert found("The polls close at 8 p.m. EST.", "2009-12-16")[0][2] == "2009-12-16T20:00"


def test_timeml_should_points_ahead_and_a_future_season_is_the_next_one() -> None:
    assert found("The transaction should be completed in October.", "2009-06-05")[0][2] == "2009-10"
    assert found("The summit will be held in the spring.", "1998-08-20")[0][2] == "1999-SP"
    assert found("The summit was held in the spring.", "1998-08-20")[0][2] == "1998-SP"


def test_timeml_recent_is_a_past_reference() -> None:
    assert found("The recent sale of the unit helped profits.", "1989-10-30") == [
        ("recent", "DATE", "PAST_REF")
    ]
    assert found("Prices rose in recent years.", "1989-10-30")[0][:2] == ("recent years", "DURATION")


def test_timeml_year_after_a_preposition_before_a_verb_in_s() -> None:
    text = "The treaty signed in 1998 expires in 2008."
    assert [v for _, _, v in found(text, "2000-01-01")] == ["1998", "2008"]


def test_timeml_this_past_weekend_spelled_clock_and_expiry_weekday() -> None:
    assert found("This past weekend, thousands marched.", "1998-03-05") == [
        ("This past weekend", "DATE", "1998-W09-WE")
    ]
    assert found("The program will air at eight p.m. tonight.", "1998-03-05")[0][2] == "1998-03-05T20:00"
    assert found("The offer expires Friday.", "1989-10-30")[0][2] == "1989-11-03"  # DCT is a Monday


def test_timeml_a_unit_after_a_quantity_is_a_rate_set() -> None:
    # TimeML SET: "a year" after an amount or a plural count noun is a frequency
    assert found("The plant will save $33 million a year.", "1989-10-26") == [("a year", "SET", "P1Y")]
    assert found("Agents do hundreds of interviews a day.", "1998-10-25") == [("a day", "SET", "P1D")]
    # near-miss: after a verb ending in s, "a week" is a plain duration
    assert found("He has a week to decide.", "1998-10-25") == [("a week", "DURATION", "P1W")]
    assert found("Sales fell 5% a year earlier.", "1989-10-26")[0][1] == "DATE"


def test_timeml_focus_particles_are_outside_the_extent() -> None:
    # "only" / "just" / "barely" are no TIMEX3 modifier: the extent starts after them
    assert found("The talks lasted only six months.", "1998-10-25") == [("six months", "DURATION", "P6M")]
    assert found("Just over an hour later, he died.", "1998-10-25") == [("over an hour", "DURATION", "PT1H")]
    # near-miss: an approximation stays inside (TIMEX3 mod="APPROX")
    assert found("The talks lasted about six months.", "1998-10-25") == [
        ("about six months", "DURATION", "P6M")
    ]


def test_timeml_earlier_counts_from_the_date_last_mentioned() -> None:
    # "two days earlier" is anchored to the reference time (the last date in the text), as in TimeML
    text = "The plant closed on March 5, 1998. Two days earlier, workers had struck."
    assert found(text, "1998-08-20")[1] == ("Two days earlier", "DATE", "1998-03-03")
    assert found("Sales peaked in June 1997. A month earlier they fell.", "1998-08-20")[1][2] == "1997-05"
    # near-miss: "ago" counts from the publication date whatever was mentioned before
    text = "The plant closed on March 5, 1998. Two days ago, workers struck."
    assert found(text, "1998-08-20")[1] == ("Two days ago", "DATE", "1998-08-18")


def test_timeml_an_abbreviation_period_does_not_end_the_tense_sentence() -> None:
    # "Roe vs. Wade": the past verb after the abbreviation is in the same sentence as "January"
    text = "In January, a week after the Roe vs. Wade decision, a bombing killed a guard."
    assert found(text, "1998-10-25")[0] == ("January", "DATE", "1998-01")
    # near-miss: a past verb in the next sentence does not set the tense of this one
    assert found("Talks resume in January. Rebels killed a guard.", "1998-10-25") == [
        ("January", "DATE", "1999-01")
    ]


def test_timeml_weekday_with_a_plural_part_of_day_is_a_set() -> None:
    # "Tuesday nights": every Tuesday night (TimeML SET XXXX-WXX-2TNI)
    assert found("Flights leave on Tuesday nights from March 30.", "1998-02-13")[0] == (
        "Tuesday nights",
        "SET",
        "XXXX-WXX-2TNI",
    )
    # near-miss: one Tuesday night is a time on one day
    assert found("The flight left on Tuesday night.", "1998-02-13") == [
        ("Tuesday night", "TIME", "1998-02-10TNI")
    ]


def test_timeml_could_not_be_reached_is_past_but_could_launch_is_ahead() -> None:
    dct = "2004-03-12"  # a Friday
    # "could not be reached" reports a past attempt: the Wednesday just past
    assert found("The mayor could not be reached Wednesday for comment.", dct) == [
        ("Wednesday", "DATE", "2004-03-10")
    ]
    assert found("The product could launch on Tuesday.", dct) == [("Tuesday", "DATE", "2004-03-16")]
    assert found("The bank might cut rates on Thursday.", dct) == [("Thursday", "DATE", "2004-03-18")]


def test_timeml_a_past_event_after_a_plan_word_stays_past() -> None:
    dct = "2026-03-04"  # a Wednesday
    for text in (
        "The strike, planned for weeks, ended on Monday.",
        "The protest planned by students was held on Monday.",
        "He was expected to win, and on Monday he did.",
    ):
        assert [v for _, _, v in found(text, dct)][-1] == "2026-03-02", text


def test_timeml_until_a_weekday_is_ahead_unless_the_sentence_is_past() -> None:
    dct = "2004-03-10"  # a Wednesday
    assert found("The bridge stays shut until Friday.", dct) == [("Friday", "DATE", "2004-03-12")]
    assert found("Until Monday, the firm had said nothing.", dct) == [("Monday", "DATE", "2004-03-08")]
    assert found("Police kept the road closed until Friday, when it reopened.", dct)[0][2] == "2004-03-05"


def test_timeml_short_years_and_zoned_military_times() -> None:
    assert found("Prices hit their lowest level since '87.", "2003-05-02") == [("'87", "DATE", "1987")]
    assert found("Prices hit their lowest level since '87.", None) == [("'87", "DATE", "1987")]  # no dct
    assert found("Sales are the best since '05.", "2013-05-02") == [("'05", "DATE", "2005")]
    assert found("The banks acted at 0930 GMT.", "2003-05-02") == [("0930 GMT", "TIME", "2003-05-02T09:30Z")]


def test_timeml_bare_two_digit_decades_and_ages_are_no_dates() -> None:
    for text in ("She is in her 40s.", "Temperatures in the 90s are expected.", "He scored in the 80s."):
        assert found(text, "2003-05-02") == [], text


def test_timeml_the_trading_day_of_a_market_report() -> None:
    text = "The index fell 2% on Tuesday and ended the day at 5,210. For the day, volume was light."
    assert [(t, v) for t, _, v in found(text, "2004-03-10")] == [
        ("Tuesday", "2004-03-09"),
        ("the day", "2004-03-09"),
        ("the day", "2004-03-09"),
    ]
    # an idiom and a day's wage are no market day
    assert found("At the end of the day, voters care about jobs.", "2004-03-10") == []
    assert found("Workers were paid for the day of work.", "2004-03-10") == []


def test_timeml_formerly_is_no_temporal_expression() -> None:
    assert found("The formerly state-owned airline was sold.", "2004-03-10") == []


def test_timeml_until_after_a_present_perfect_is_ahead() -> None:
    text = "The government has continued to hold the markets closed until Friday."
    assert found(text, "2008-09-18") == [("Friday", "DATE", "2008-09-19")]  # dct is a Thursday
