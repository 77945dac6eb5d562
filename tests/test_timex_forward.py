"""Dates a news report points forward (targets, forecasts) or on past the night, and "March of that year"."""

from __future__ import annotations

from newsprism.extract.dates import extract_timexes


def values(text: str, dct: str, doc: object = None) -> dict[str, str]:
    return {t.text: t.value for t in extract_timexes(text, dct, doc)}  # type: ignore[arg-type]


def test_timex_a_target_date_lies_ahead_whatever_the_tense_of_the_verb() -> None:
    dct = "2026-03-09"
    text = "The regulator has set an action date of Oct. 14 for the company's new drug, she said."
    assert values(text, dct) == {"Oct. 14": "2026-10-14"}
    text = "The regulator has set an action date of October 14 for the company's new drug, she said."
    assert values(text, dct) == {"October 14": "2026-10-14"}
    assert values("The court said the trial was scheduled for Nov. 2.", dct) == {"Nov. 2": "2026-11-02"}
    assert values("Lawmakers missed a deadline of Feb. 27, the report said.", dct) == {
        "Feb. 27": "2026-02-27"
    }
    # a date of the past stays in the past
    assert values("The regulator approved the drug on Oct. 14, she said.", dct) == {"Oct. 14": "2025-10-14"}


def test_timex_a_forecast_weekday_is_the_next_one_in_reported_speech() -> None:
    dct = "2026-08-12"  # a Wednesday
    for cue in ("were forecast to", "were expected to", "were due to", "were set to", "will"):
        text = f"He said winds {cue} pick up again on Friday."
        assert values(text, dct) == {"Friday": "2026-08-14"}, cue
    assert values("He said winds picked up again on Friday.", dct) == {"Friday": "2026-08-07"}


def test_timex_a_bare_clock_time_does_not_run_the_story_clock_back() -> None:
    dct = "2026-08-12"  # a Wednesday
    text = (
        "Deputies ordered residents of the canyon to leave at 9:40 p.m. Tuesday. The blaze had crossed the "
        "ridge by then, the fire chief said at a 6 a.m. briefing. Crews held the line at 11 a.m."
    )
    got = values(text, dct)
    assert got["9:40 p.m. Tuesday"] == "2026-08-11T21:40"
    assert got["6 a.m."] == "2026-08-12T06:00"
    assert got["11 a.m."] == "2026-08-12T11:00"
    # a later hour stays on the day last mentioned
    text = "Deputies ordered residents to leave at 9:40 p.m. Tuesday. The road closed at 10:15 p.m."
    assert values(text, dct)["10:15 p.m."] == "2026-08-11T22:15"
    # a day named in the same sentence keeps the day last mentioned
    text = "Deputies ordered residents to leave at 9:40 p.m. Tuesday. Crews arrived at 6 a.m. on Tuesday."
    assert values(text, dct)["6 a.m."] == "2026-08-11T06:00"


def test_timex_a_bare_clock_time_with_the_parse() -> None:
    from newsprism.extract.nlp import load_nlp

    text = (
        "Deputies ordered residents of the canyon to leave at 9:40 p.m. Tuesday. The blaze had crossed the "
        "ridge by then, the fire chief said at a 6 a.m. briefing. He said winds were forecast to pick up "
        "again on Friday."
    )
    got = values(text, "2026-08-12", load_nlp()(text))
    assert (got["6 a.m."], got["Friday"]) == ("2026-08-12T06:00", "2026-08-14")


def test_timex_a_month_of_that_year_takes_the_year_named_before() -> None:
    text = (
        "The plant opened in 2012. In March of that year, it hired 300 workers. Later that month it closed."
    )
    found = [(t.text, t.value) for t in extract_timexes(text, "2019-05-01")]
    assert found == [
        ("2012", "2012"),
        ("March", "2012-03"),
        ("that year", "2012"),
        ("Later that month", "2012-03"),
    ]
    text = "The plant opened in 2012. In March of the following year, it hired 300 workers."
    assert values(text, "2019-05-01")["March"] == "2013-03"


def test_timex_a_day_right_after_a_reporting_verb_is_the_day_of_the_telling() -> None:
    dct = "2026-11-18"  # a Wednesday
    for text in (
        "Corvantis Systems said on Tuesday it would cut 4,200 jobs, about 11% of its workforce.",
        "Corvantis Systems said Tuesday it will cut 4,200 jobs.",
        "Corvantis Systems told reporters on Tuesday it would cut 4,200 jobs.",
        "Corvantis Systems said in a statement on Tuesday that it will cut 4,200 jobs.",
    ):
        assert values(text, dct) == {"Tuesday": "2026-11-17"}, text
    text = "The minister said on Monday that talks would resume next week."
    assert values(text, dct) == {"Monday": "2026-11-16", "next week": "2026-W48"}
    # the reported clause's own day, or a day after "that" or "be", stays ahead
    assert values("Officials said on Monday they would meet on Friday.", dct) == {
        "Monday": "2026-11-16",
        "Friday": "2026-11-20",
    }
    for text in (
        "The board will meet on Friday.",
        "The board would meet on Friday, he said.",
        "He said the board would meet on Friday.",
        "He said that on Friday the board would meet.",
        "He said Friday would be the last day of trading.",
        "Results will be announced on Friday.",
        "The company will say on Friday whether it will cut jobs.",
    ):
        assert values(text, dct) == {"Friday": "2026-11-20"}, text


def test_timex_a_day_right_after_a_reporting_verb_with_the_parse() -> None:
    from newsprism.extract.dates import doc_tense
    from newsprism.extract.nlp import load_nlp

    nlp, dct = load_nlp(), "2026-11-18"
    for text in (
        "Corvantis Systems said on Tuesday it would cut 4,200 jobs.",
        "Corvantis Systems told reporters on Tuesday it will cut 4,200 jobs.",
    ):
        doc = nlp(text)
        assert values(text, dct, doc) == {"Tuesday": "2026-11-17"}, text
        # the parse hangs "on Tuesday" on "cut"; it stands before the clause's subject: the saying's
        at = text.index("Tuesday")
        assert doc_tense(doc, at, at + len("Tuesday")) == "past", text
    for text in (
        "Officials said on Monday they would meet on Friday.",
        "He said that on Friday the board would meet.",
        "The board will meet on Friday.",
        "He said the board would meet on Friday.",
    ):
        assert values(text, dct, nlp(text))["Friday"] == "2026-11-20", text


def test_timex_a_trailing_attribution_gives_no_tense_to_the_clause() -> None:
    # ", he said" after the clause is the telling's tense, not the announcement's
    from newsprism.extract.nlp import load_nlp

    nlp, dct = load_nlp(), "2026-11-18"
    for text, friday in (
        ("Results would be announced on Friday, he said.", "2026-11-20"),
        ("The ferry will sail on Friday, the harbour master said.", "2026-11-20"),
        ("The board met on Friday, he said.", "2026-11-13"),  # the clause's own past
    ):
        assert values(text, dct)["Friday"] == friday, text
        assert values(text, dct, nlp(text))["Friday"] == friday, text


def test_timex_a_projection_to_2100_is_that_year_and_a_clock_time_is_not() -> None:
    dct = "2026-11-05"
    assert values("Warming could reach 2.7C by the year 2100 if nothing changes.", dct) == {
        "the year 2100": "2100"
    }
    assert values("Sea levels could rise a metre by 2100.", dct) == {"2100": "2100"}
    assert values("The talks ended at 2100 GMT.", dct) == {"2100 GMT": "2026-11-05T21:00Z"}
    assert values("About 2100 people fled the floods.", dct) == {}
