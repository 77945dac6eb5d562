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


def test_timex_a_count_of_quarters_is_a_duration_in_quarters() -> None:
    # TimeML's quarter unit (P2Q), as for "the past two quarters"; a vague count stays PXM
    text = "Output has shrunk for two consecutive quarters."
    assert found(text, "2008-11-18") == [("two consecutive quarters", "DURATION", "P2Q")]
    assert found("Margins fell over the past three quarters.", "1989-10-27") == [
        ("the past three quarters", "DURATION", "P3Q")
    ]


def test_timex_an_opening_quote_is_no_title() -> None:
    # ``Today, ...'': a quotation opening on a day word is still a day
    text = "``Today, we open the new bridge,'' the mayor said."
    assert found(text, "2001-06-04") == [("Today", "DATE", "2001-06-04")]
    # a quoted title (the quote closes after capitalised words) stays out
    assert found('He spoke on ABC\'s "This Week With Ann Lee" about taxes.', "2001-06-04") == []
    assert found('She told "This Week," the talk show.', "2001-06-04") == []


def test_timex_the_near_and_long_term_are_future_references() -> None:
    text = "Analysts expect prices to stay low in the near term and to recover over the long term."
    assert found(text, "2009-08-21") == [
        ("the near term", "DATE", "FUTURE_REF"),
        ("the long term", "DATE", "FUTURE_REF"),
    ]
    # the adjective before a noun is no timex
    assert found("It signed the long-term lease in May 2003.", "2009-08-21") == [
        ("May 2003", "DATE", "2003-05")
    ]


def test_timex_soon_is_a_future_reference_unless_a_signal_or_past() -> None:
    assert found("The agency may soon lift the ban.", "2009-11-05") == [("soon", "DATE", "FUTURE_REF")]
    assert found("Details will follow very soon.", "2009-11-05") == [("very soon", "DATE", "FUTURE_REF")]
    assert found("Send the forms as soon as possible.", "2009-11-05") == [
        ("as soon as possible", "DATE", "FUTURE_REF")
    ]
    # a past sequence, a signal before another timex or event, an adjective: no timex
    assert found("The driver was soon released.", "2009-11-05") == []
    assert found("The riot began soon after the verdict.", "2009-11-05") == []
    assert found("The team may leave as soon as Tuesday.", "2009-11-05") == [
        ("Tuesday", "DATE", "2009-11-10")
    ]
    assert found("They toured the soon-to-open mall.", "2009-11-05") == []


def test_timex_a_planned_event_lies_ahead_of_the_planning() -> None:
    from newsprism.extract.nlp import load_nlp

    nlp, dct = load_nlp(), "1998-09-30"  # a Wednesday
    text = "The doctors planned to fly home on Thursday."
    assert [(t.text, t.value) for t in extract_timexes(text, dct)] == [("Thursday", "1998-10-01")]
    text = "The mayor has scheduled a press briefing Thursday."
    assert [(t.text, t.value) for t in extract_timexes(text, dct, nlp(text))] == [("Thursday", "1998-10-01")]
    # a participle of another clause: the event was called off in the past
    text = "A vigil planned for Saturday was cancelled after threats."
    assert [(t.text, t.value) for t in extract_timexes(text, dct, nlp(text))] == [("Saturday", "1998-09-26")]


def test_timex_a_bare_long_adjective_is_a_duration() -> None:
    text = "After their third day-long meeting, the two firms ended their decades-long feud."
    assert found(text, "2007-02-06") == [("day-long", "DURATION", "P1D"), ("decades-long", "DURATION", "PXY")]
    assert [v for _, _, v in found("It ended a decades-long feud.", "2007-02-06")] == ["PXY"]  # not ten years
    assert found("The hours-long siege ended.", "2007-02-06") == [("hours-long", "DURATION", "PTXH")]


def test_timex_this_weekend_said_midweek_is_the_coming_one() -> None:
    # published on Wednesday 2025-11-12: the coming weekend unless the clause is past
    assert found('"Everything is at stake this weekend," the coach said.', "2025-11-12") == [
        ("this weekend", "DATE", "2025-W46-WE")
    ]
    assert found("Rovers will play at home this weekend.", "2025-11-12") == [
        ("this weekend", "DATE", "2025-W46-WE")
    ]
    assert found("The derby this weekend drew 40,000 fans.", "2025-11-12") == [
        ("this weekend", "DATE", "2025-W45-WE")
    ]


def test_timex_by_a_weekday_lies_ahead_unless_the_clause_is_past() -> None:
    # published on Tuesday 2026-03-10
    assert found("Crews hope to reopen the road by Friday.", "2026-03-10") == [
        ("Friday", "DATE", "2026-03-13")
    ]
    rain = "Heavy rain expected by Friday could trigger landslides, the forecaster said."
    assert found(rain, "2026-03-10") == [("Friday", "DATE", "2026-03-13")]
    assert found("By Friday, 31 people had died.", "2026-03-10") == [("Friday", "DATE", "2026-03-06")]


def test_timex_a_weekday_naming_an_event_is_the_nearest_such_day() -> None:
    # "Sunday's election" told on Monday in a sentence about the future: the day before
    text = "Okafor will take office next month after winning Sunday's election."
    assert ("Sunday", "DATE", "2025-12-07") in found(text, "2025-12-08")
    # "Friday's match" told on Wednesday: two days ahead
    assert found("Fans queued all night for Friday's match.", "2025-12-10") == [
        ("Friday", "DATE", "2025-12-12")
    ]


def test_timex_a_clock_time_takes_the_weekday_right_after_it() -> None:
    # published on Tuesday 2026-03-10; the last day named before it would be the publication day
    text = "The quake hit at 3:42 a.m. local time on Monday, north of the capital."
    assert found(text, "2026-03-10")[0] == ("3:42 a.m. local time", "TIME", "2026-03-09T03:42")
