"""A content farm's rewrite of a made-up housing-bill report, drifting from it in the ways a
fact-check review planted: a changed vote tally, a hedge dropped, a vote turned into its opposite,
a change in percentage points told in percent, a minister given another party. Each is found; a faithful reprint gets none of them."""

from __future__ import annotations

import pytest
from story_helpers import dated_article, story_report

from newsprism.compare.align import figure_swapped
from newsprism.compare.scorer import PairScorer
from newsprism.model import Fact, Finding, StoryReport

WIRE = [
    "The Carrowmoor Regional Assembly passed the Fair Tenancy Bill by 52 votes to 48 on Thursday after a "
    "six-hour debate.",
    "Housing Minister Aoife Brannock of the Progressive Alliance said the law would end no-fault evictions "
    "across the region.",
    "Ruth Calloway of the Green Left voted against the bill, saying it did not go far enough.",
    "Landlords expect to raise rents by up to 6 percent next year, the property owners' association said.",
    "Average rents in the region rose 2.4 percentage points faster than wages last year, the statistics "
    "office said.",
    "The assembly will debate a separate bill on student housing in the spring.",
    "The old tenancy act was passed on May 3, 1988, after a long campaign by tenants' unions.",
    "The final vote on the student housing bill is expected on Tuesday, the assembly's clerk said.",
]
FARM = [
    "The Carrowmoor Regional Assembly passed the Fair Tenancy Bill by 58 votes to 42 on Thursday after a "
    "six-hour debate.",
    "Civic Union minister Aoife Brannock said the law would end no-fault evictions across the region.",
    "Ruth Calloway of the Green Left voted for the bill, saying it did not go far enough.",
    "Landlords will raise rents by 6 percent next year, the property owners' association said.",
    "Average rents in the region rose 2.4 percent faster than wages last year, the statistics office said.",
    "The assembly will debate a separate bill on student housing in the spring.",
    "The old tenancy act was passed in 1988 after a long campaign by tenants' unions.",
    "The final vote on the student housing bill took place on Tuesday, the assembly's clerk said.",
]


@pytest.fixture
def scorer(lexical_scorer: PairScorer) -> PairScorer:
    return lexical_scorer


def _flagged(report: StoryReport, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind and f.severity in ("high", "medium")]


def _fact(text: str) -> Fact:
    return Fact("x", 0, 0, len(text), text, lemmas=text.lower().rstrip(".").split())


def test_compare_rewrite_drift_two_changed_figures_are_put_back_in_order() -> None:
    a = _fact("The bill passed by 52 votes to 48.")
    swapped = figure_swapped(a, _fact("The bill passed by 58 votes to 42."))
    assert swapped is not None and swapped.text == a.text and "52" in swapped.lemmas
    assert figure_swapped(a, _fact("The bill passed by 58 votes to 48.")).text == a.text  # one changed
    assert figure_swapped(a, _fact("The bill passed by 58 votes.")) is None  # two against one
    assert figure_swapped(_fact("It won 51, 7 and 3 seats."), _fact("It won 50, 8 and 2 seats.")) is None


def test_compare_rewrite_drift_each_planted_change_is_found(scorer: PairScorer) -> None:
    wire = dated_article("wire", WIRE, "Lowland News Agency", "2026-11-19")
    report = story_report(scorer, wire, dated_article("farm", FARM, "PropertyPulse Today", "2026-11-21"))
    numbers = {
        (f.detail.get("a_value"), f.detail.get("b_value")) for f in _flagged(report, "number_conflict")
    }
    texts = " ".join(f.explanation for f in report.findings)
    assert '"58"' in texts and '"52"' in texts, texts
    assert '"2.4 percent"' in texts and '"2.4 percentage points"' in texts, numbers
    negations = _flagged(report, "negation_conflict")
    assert [f.passages[0].article_id for f in negations] == ["farm"]
    assert '"voted for"' in negations[0].explanation and '"voted against"' in negations[0].explanation
    hedges = _flagged(report, "dropped_hedge")
    assert [h.passages[0].text[:25] for h in hedges] == [
        "Landlords will raise rent",
        "The final vote on the stu",
    ]
    assert not [f for f in report.findings if f.kind == "unsupported" and f.passages[0].text == FARM[-1]]
    assert '("expect to raise rents by up to 6 percent' in hedges[0].explanation
    parties = _flagged(report, "entity_conflict")
    assert [(f.detail["a_value"], f.detail["b_value"]) for f in parties] == [
        ("Civic Union", "Progressive Alliance")
    ]


def test_compare_rewrite_drift_a_faithful_reprint_is_no_drift(scorer: PairScorer) -> None:
    wire = dated_article("wire", WIRE, "Lowland News Agency", "2026-11-19")
    same_party = "Progressive Alliance minister Aoife Brannock said the law would end no-fault evictions across the region."
    anticipated = WIRE[-1].replace("is expected", "is anticipated")  # a synonym keeps the hedge
    reprint = [WIRE[0], same_party, *WIRE[2:5], anticipated]
    report = story_report(scorer, wire, dated_article("copy", reprint, "Valley Courier", "2026-11-20"))
    assert report.derivations  # a rewrite: the drift checks ran
    kinds = {f.kind for f in report.findings if f.severity in ("high", "medium")}
    assert not kinds & {"number_conflict", "negation_conflict", "dropped_hedge", "entity_conflict"}, kinds


TOLL = [
    "Two people have died of Tarsa fever in Marrowick, the health ministry said on Tuesday.",
    "The ministry declared a public health emergency in the city on Monday.",
    "Doctors at St. Halden General Hospital are treating nineteen patients from the Eastgate district.",
]
UPDATE = [
    "Two people have died of Tarsa fever in Marrowick, the health ministry said on Friday.",
    "The ministry declared a public health emergency in the city on Tuesday.",
    "Doctors at St. Halden General Hospital are treating nineteen patients from the Eastgate district.",
]


def test_compare_rewrite_drift_the_days_of_two_statements_are_no_date_conflict(scorer: PairScorer) -> None:
    report = story_report(
        scorer,
        dated_article("tue", TOLL, "Caldera Wire", "2025-03-11"),
        dated_article("fri", UPDATE, "Caldera Wire", "2025-03-14"),
    )
    dated = [f.passages[0].text for f in report.findings if f.kind == "date_conflict"]
    assert dated == [UPDATE[1]]  # the emergency's day changed; "said on Friday" is a later briefing
    same_day = story_report(
        scorer,
        dated_article("tue", TOLL, "Caldera Wire", "2025-03-14"),
        dated_article("fri", UPDATE, "Harbour Daily", "2025-03-14"),
    )
    assert len([f for f in same_day.findings if f.kind == "date_conflict"]) == 2  # one day: one briefing
    farm = story_report(
        scorer,
        dated_article("tue", TOLL, "Caldera Wire", "2025-03-11"),
        dated_article("fri", UPDATE, "Harbour Daily", "2025-03-14"),
    )
    assert farm.derivations  # another outlet's rewrite moving the statement to another day
    assert len([f for f in farm.findings if f.kind == "date_conflict"]) == 2


def test_compare_rewrite_drift_a_later_independent_report_dropping_a_hedge_is_low(scorer: PairScorer) -> None:
    early = dated_article(
        "early",
        [
            "Dr. Amara Okonjo of St. Halden General Hospital said the fever cluster may have been linked to a "
            "contaminated water main in Eastgate.",
            "Nineteen patients were in hospital on Tuesday.",
        ],
        "Caldera Wire",
        "2025-03-11",
    )
    late = dated_article(
        "late",
        [
            "The fever cluster was caused by a contaminated water main in Eastgate, according to Dr. Amara Okonjo "
            "of St. Halden General Hospital.",
            "Schools in the district will stay closed until Monday, the council said.",
        ],
        "DailyBuzz Now",
        "2025-03-15",
    )
    report = story_report(scorer, early, late)
    assert not report.derivations  # independent: the low finding, not the rewrite's medium one
    (hedge,) = [f for f in report.findings if f.kind == "dropped_hedge"]
    assert hedge.severity == "low" and hedge.passages[0].article_id == "late"
    assert "an earlier report" in hedge.explanation and '("may have been linked to' in hedge.explanation
    reversed_days = story_report(
        scorer, dated_article("early", early.body.split("\n\n"), "Caldera Wire", "2025-03-16"), late
    )
    assert not [f for f in reversed_days.findings if f.kind == "dropped_hedge"]  # the hedged one is later


def test_compare_rewrite_drift_an_outlet_s_later_date_given_as_an_update_is_low(scorer: PairScorer) -> None:
    first = dated_article(
        "sat",
        [
            "Storm Ilse made landfall on the Carrow Coast on Saturday with gusts of up to 130 km/h.",
            "Police closed the coast road between Port Ellis and Cray after trees fell across it.",
            '"The strongest winds will pass overnight, and the rain is expected to ease on Monday," said Tomas '
            "Reyne, a forecaster at the weather office.",
        ],
        "Harbour Wire",
        "2025-09-13",
    )
    update = dated_article(
        "mon",
        [
            "Storm Ilse made landfall on the Carrow Coast on Saturday with gusts of up to 130 km/h.",
            "Police closed the coast road between Port Ellis and Cray after trees fell across it.",
            '"The rain has lasted longer than we forecast, and we now expect it to ease on Tuesday," said '
            "forecaster Tomas Reyne.",
            "Rain continued across the coast on Monday, flooding the harbour road at Port Ellis.",
        ],
        "Harbour Wire",
        "2025-09-15",
    )
    report = story_report(scorer, first, update)
    assert not [f for f in report.findings if f.kind == "date_conflict"]
    (updated,) = [f for f in report.findings if f.kind == "updated_figure"]
    assert (
        updated.severity == "low"
        and '"Tuesday"' in updated.explanation
        and "an update" in updated.explanation
    )
    assert report.derivations  # the update rewrites the outlet's first report ...
    (lone,) = [
        f for f in report.findings if f.kind == "unsupported" and "Rain continued" in f.passages[0].text
    ]
    assert lone.severity == "low"  # ... and its own new sentence is new reporting, not a rewrite's claim


def test_compare_rewrite_drift_a_vague_source_s_allegation_printed_as_fact(scorer: PairScorer) -> None:
    court = dated_article(
        "court",
        [
            "A judge on March 13 sentenced Gregory Tallis to eight years in prison.",
            "Prosecutors alleged that Tallis took more than $9 million from about 300 investors between 2018 "
            "and 2022.",
        ],
        "Courtline",
        "2025-03-13",
    )
    farm = dated_article(
        "farm",
        [
            "Gregory Tallis has been sentenced to eight years in prison.",
            "Tallis took more than $9 million from about 300 investors between 2018 and 2022.",
        ],
        "TrendPulse",
        "2025-03-15",
    )
    (dropped,) = [f for f in story_report(scorer, court, farm).findings if f.kind == "dropped_attribution"]
    assert dropped.severity == "high" and dropped.passages[0].article_id == "farm"
    assert "Courtline reports prosecutors saying it" in dropped.explanation  # no capital mid-sentence
