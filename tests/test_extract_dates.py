"""Temporal expressions resolved against the publication date (sentences written for the tests)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract.dates import extract_timexes
from newsprism.model import Timex

DCT = "2023-10-17"  # a Tuesday


def one(text: str, dct: str | None = DCT, phrase: str | None = None) -> Timex:
    found = extract_timexes(text, dct)
    if phrase is not None:
        found = [t for t in found if t.text == phrase]
    assert len(found) == 1, found
    return found[0]


def test_extract_dates_past_weekday_is_same_or_earlier_day() -> None:
    assert one("On Tuesday, the president landed in the capital.").value == "2023-10-17"
    assert one("On Friday, the minister resigned.").value == "2023-10-13"


def test_extract_dates_future_weekday_is_next_one() -> None:
    assert one("The two leaders will meet on Friday.").value == "2023-10-20"
    assert one("They will talk again next Tuesday.").value == "2023-10-24"


def test_extract_dates_day_range_with_end_value() -> None:
    t = one("The summit takes place on October 17-18 in the capital.")
    assert (t.text, t.value, t.end_value, t.granularity) == (
        "October 17-18",
        "2023-10-17",
        "2023-10-18",
        "range",
    )


def test_extract_dates_tomorrow_today_yesterday_tonight() -> None:
    text = "He arrived yesterday, speaks today, meets the premier tomorrow and leaves tonight."
    values = [t.value for t in extract_timexes(text, DCT)]
    assert values == ["2023-10-16", "2023-10-17", "2023-10-18", "2023-10-17TNI"]


def test_extract_dates_month_day_without_year_follows_tense() -> None:
    assert one("On March 17, the court issued a warrant.").value == "2023-03-17"
    assert one("The vote will be held on March 17.").value == "2024-03-17"
    assert one("The report was published on Oct. 20.", dct="2023-10-17").value == "2023-10-20"


def test_extract_dates_last_and_next_units() -> None:
    assert one("He visited Minsk last year.").value == "2022"
    assert one("Talks resume next month.").value == "2023-11"
    assert one("Prices rose this week.").value == "2023-W42"


def test_extract_dates_month_alone_gets_year_by_tense() -> None:
    assert one("It began in March when both announced the plan.").value == "2023-03"
    assert one("Elections will be held in March.").value == "2024-03"


def test_extract_dates_absolute_dates() -> None:
    assert one("Photo taken March 21, 2023 in Moscow.").value == "2023-03-21"
    assert one("The treaty was signed on 17 October 1999.").value == "1999-10-17"
    assert one("It was founded in 1998.").value == "1998"
    assert one("The deal closed in June 2021.").value == "2021-06"


def test_extract_dates_ago_and_durations() -> None:
    assert one("The company was founded two years ago.").value == "2021"
    t = one("The talks lasted three days.")
    assert (t.type, t.value, t.granularity) == ("DURATION", "P3D", "duration")
    assert one("Prices have risen for months.").value == "PXM"
    assert one("Prices rose over the past months.").value == "PXM"


def test_extract_dates_decades_seasons_quarters() -> None:
    assert one("Growth was strong in the 1990s.").value == "199"
    assert one("The bridge opens in summer 2023.").value == "2023-SU"
    assert one("Profit fell in the third quarter.").value == "2023-Q3"


def test_extract_dates_clock_time() -> None:
    t = one("The talks start at 5 p.m. in the hall.")
    assert (t.type, t.value) == ("TIME", "2023-10-17T17:00")


def test_extract_dates_reference_values() -> None:
    assert one("The firm is now profitable.").value == "PRESENT_REF"
    assert one("He currently lives abroad.").value == "PRESENT_REF"
    assert one("She recently moved.").value == "PAST_REF"
    assert one("Nobody knows what the future holds.").value == "FUTURE_REF"


def test_extract_dates_set() -> None:
    t = one("The committee meets every week.")
    assert (t.type, t.value) == ("SET", "P1W")


def test_extract_dates_without_dct() -> None:
    assert one("He left yesterday.", dct=None).value == "PAST_REF"
    assert one("On October 17, the court ruled.", dct=None).value == "XXXX-10-17"
    assert one("It was founded in 1998.", dct=None).value == "1998"


def test_extract_dates_datetime_dct_accepted() -> None:
    assert one("He spoke on Monday.", dct="2023-10-17T09:30:00Z").value == "2023-10-16"


def test_extract_dates_uses_spacy_parse_for_tense() -> None:
    from newsprism.extract.nlp import load_nlp

    text = "The minister, who was elected in 2019, said the two leaders will meet on Friday."
    doc = load_nlp()(text)
    assert one(text, phrase="Friday").value == "2023-10-20"
    found = [t for t in extract_timexes(text, DCT, doc) if t.text == "Friday"]
    assert found[0].value == "2023-10-20"


def test_extract_dates_modal_verbs_are_not_dates() -> None:
    assert extract_timexes("May I ask? The Jan family spoke.", DCT) == []


def test_extract_dates_spans_map_back_sorted_disjoint_deterministic() -> None:
    text = "On Tuesday, officials said that by March 2024 about 3,000 troops, two years ago, will leave tomorrow."
    a = extract_timexes(text, DCT)
    assert a == extract_timexes(text, DCT)
    assert a
    for t in a:
        assert text[t.start : t.end] == t.text
    assert all(x.end <= y.start for x, y in itertools.pairwise(a))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=6), st.sampled_from(["May ", "Tuesday", " 17", "-18", " ago", "2023", " 5 p.m."])
        ),
        max_size=25,
    ).map("".join)
)
def test_extract_dates_never_crash_on_arbitrary_text(text: str) -> None:
    found = extract_timexes(text, DCT)
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    assert all(x.end <= y.start for x, y in itertools.pairwise(found))


@pytest.mark.parametrize("dct", ["not a date", "2023-13-45", ""])
def test_extract_dates_bad_dct_treated_as_missing(dct: str) -> None:
    assert one("He left yesterday.", dct=dct).value == "PAST_REF"


def test_extract_dates_anaphora_follow_the_last_mentioned_date() -> None:
    text = "On May 22, 1995, he was made a general, and the following year he became attache."
    assert one(text, phrase="the following year").value == "1996"
    text = "He fled in June 1998 and returned later that year."
    assert one(text, phrase="later that year").value == "1998"
    text = "The plant closed on Oct. 23, 1998. Earlier that day, workers protested."
    assert one(text, phrase="Earlier that day").value == "1998-10-23"
    text = "He was arrested on Feb. 22, 2000 and appeared in court the next morning."
    assert one(text, phrase="the next morning").value == "2000-02-23TMO"
    # without an earlier date the reference time is the publication date
    assert one("Prices fell that year.").value == "2023"


def test_extract_dates_spelled_years_of_transcripts() -> None:
    assert one("Atlanta, nineteen ninety-six. A bomb exploded.").value == "1996"
    assert one("It began in January nineteen ninety-seven.").value == "1997-01"
    assert one("The promise to halve unemployment by the year two thousand.").value == "2000"
    assert extract_timexes("About nineteen hundred people came.", DCT) == []


def test_extract_dates_spelled_day_and_clock() -> None:
    assert one("Voters go to the polls this coming Sunday, March eighth.", dct="1998-03-03").value == (
        "1998-03-08"
    )
    assert one("He will leave at 4 in the morning.").value == "2023-10-17T04:00"
    assert one("They met at ten o'clock.").value == "2023-10-17T10:00"


def test_extract_dates_weekday_with_explicit_date_and_week_of() -> None:
    t = one("The Times said in an editorial on Monday, Oct. 26: the murder was cruel.", dct="1998-10-25")
    assert t.value == "1998-10-26"
    assert one("A hearing is set for the week of March 6.", dct="2000-02-24").value == "2000-W10"


def test_extract_dates_quarters_in_earnings_reports() -> None:
    text = "Profit rose in the third quarter. Kirschner earned $376,000 in the 1988 quarter."
    found = extract_timexes(text, "1989-10-30")
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]
    assert one("Earnings fell in the last half of 1989.").value == "1989-H2"
    assert one("Sales could rise in next year's first quarter.", dct="1989-10-31").value == "1990-Q1"
    assert one("In the year-ago third quarter it earned $22 million.", dct="1989-10-30").value == "1988-Q3"


def test_extract_dates_deadline_words_point_ahead() -> None:
    assert one("The dividend is payable Jan. 2 to holders.", dct="1989-11-02").value == "1990-01-02"
    assert one("The change is effective Feb. 1, the bank said.", dct="1989-10-26").value == "1990-02-01"
    assert one("It has risen steadily since March.", dct="1989-02-10").value == "1988-03"


def test_extract_dates_tense_of_a_quote_is_the_speakers() -> None:
    text = '"The father will leave on Thursday," Castro said.'
    assert one(text, dct="2000-04-05").value == "2000-04-06"
    assert one("The group could come as early as Tuesday.", dct="2000-04-03").value == "2000-04-04"


def test_extract_dates_holidays_decades_centuries_slash_dates() -> None:
    assert one("Protesters prayed as Easter week began.", dct="2000-04-16").value == "2000-W16"
    assert one("He came home last Thanksgiving.", dct="1998-02-20").value == "1997-11-27"
    assert one("Stores close on Labor Day.", dct="1998-08-20").value == "1998-09-07"
    assert one("Hate groups declined through the nineties.").value == "199"
    assert one("She is a 20th century democrat.").value == "19"
    assert one("The crash of 10/19/87 still hurts.", dct="1989-11-02").value == "1987-10-19"


def test_extract_dates_timeml_extents() -> None:
    assert one("Troops could win within a week.").text == "a week"
    assert one("Prices rose over the past four months.").text == "the past four months"
    assert one("He denied Friday's report.").text == "Friday"
    assert one("The 30-year bond fell.").text == "30-year"
    t = one("But a minute and a half later, a pilot called.")
    assert t.value == "PT1M30S"


def test_extract_dates_false_friends_are_dropped() -> None:
    assert extract_timexes("It was a second betrayal.", DCT) == []
    assert extract_timexes("The case matters for today's youth.", DCT) == []
    assert extract_timexes("Funds hold more than a quarter of the market.", DCT) == []
    assert one("Republicans hope to win by the opening of the 2000 Olympics.").value == "2000"
    assert one("Sales are above fiscal 1989 sales.").value == "1989"
