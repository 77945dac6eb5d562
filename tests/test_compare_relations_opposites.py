"""Opposite wordings ("voted against" / "voted for", "fell" / "rose") are negations; a change in
percent is no change in percentage points; confirmed cases are no suspected ones; one outlet's two
articles are one source."""

from __future__ import annotations

import pytest
from story_helpers import extractions_by_id

from newsprism.compare.corroboration import families
from newsprism.compare.relations import relate
from newsprism.model import Article, Extraction

TEXTS = {
    "against": "Ruth Calloway of the Green Left voted against the housing bill on Thursday.",
    "for": "Ruth Calloway of the Green Left voted for the housing bill on Thursday.",
    "not_for": "Ruth Calloway of the Green Left did not vote for the housing bill on Thursday.",
    "other_for": "Aoife Brannock of the Civic Union voted for the housing bill on Thursday.",
    "rose": "Rents in the Carrow region rose 4 percent last year, the statistics office said.",
    "fell": "Rents in the Carrow region fell 4 percent last year, the statistics office said.",
    "both": "Rents in the Carrow region rose 4 percent last year before they fell in the spring, the "
    "statistics office said.",
    "temps": "Sea temperatures kept rising last year, and reef fish numbers could shrink by 20 percent by 2050.",
    "fish_fall": "Reef fish numbers will fall by 20 percent by 2050 as sea temperatures climb, the study says.",
    "eight_years": "A Norvale judge sentenced Gregory Tallis to eight years in prison and fined him $2.38 million.",
    "twelve_years": "A Norvale judge sentenced Gregory Tallis to 12 years in prison and fined him $24 million.",
    "fraud_counts": "The jury found Gregory Tallis guilty on three counts of securities fraud on Monday.",
    "laundering_counts": "The jury found Gregory Tallis guilty on two counts of money laundering on Monday.",
    "fraud_counts_2": "The jury found Gregory Tallis guilty on two counts of securities fraud on Monday.",
    "kmh": "Gusts of 120 km/h hit the harbour at Port Ellis on Saturday night, the weather office said.",
    "mph": "Gusts of 120 mph hit the harbour at Port Ellis on Saturday night, the weather office said.",
    "both_units": "Gusts of 120 km/h (75 mph) hit the harbour at Port Ellis on Saturday night, the weather office said.",
    "dollars": "The insurers put the damage at Port Ellis at $24 million, the weather office said.",
    "euros": "The insurers put the damage at Port Ellis at €24 million, the weather office said.",
    "toll_five": "The death toll from Tarsa fever in Marrowick has risen to five, the health ministry said.",
    "toll_two": "The death toll from Tarsa fever in Marrowick currently stands at two, the health ministry said.",
    "wards_two": "Wards at two hospitals in Marrowick treat Tarsa fever patients, the health ministry said.",
    "rejected": "The Carrow council rejected the harbour plan by nine votes to four on Monday.",
    "approved": "The Carrow council approved the harbour plan by nine votes to four on Monday.",
    "adopts": "The Carrow council adopts the harbour plan by nine votes to four on Monday.",
    "rose_ng": "Rents in the Carrow region were down 4 percent last year, Rose Ng of the statistics office said.",
    "points": "Gross margin at Kestrel Dynamics fell 3.1 percentage points to 41.2 percent in the quarter.",
    "percent": "Gross margin at Kestrel Dynamics fell 3.1 percent to 41.2 percent in the quarter.",
    "no_change": "Gross margin at Kestrel Dynamics stood at 41.2 percent at the end of the quarter.",
    "suspected": "The ministry said on Friday that 260 cases of Tarsa fever remain suspected in Marrowick.",
    "confirmed": "The ministry said on Friday that Marrowick has 260 confirmed cases of Tarsa fever.",
    "new_cases": "The ministry said on Friday that Marrowick has 260 new cases of Tarsa fever.",
}


@pytest.fixture(scope="module")
def ex() -> dict[str, Extraction]:
    return extractions_by_id(TEXTS)


def _rel(ex: dict[str, Extraction], a: str, b: str):
    return relate(ex[a], [0], ex[b], [0])


def test_compare_relations_opposite_wordings_are_negations(ex) -> None:
    rel = _rel(ex, "for", "against")
    assert rel.slot == "negation"
    assert rel.conflicts[0].detail["opposite"] == {"b": "voted against", "a": "voted for"}
    assert _rel(ex, "rose", "fell").conflicts[0].detail["opposite"] == {"b": "fell", "a": "rose"}
    assert _rel(ex, "approved", "rejected").slot == "negation"
    assert _rel(ex, "adopts", "rejected").slot == "negation"


def test_compare_relations_opposite_wordings_near_misses(ex) -> None:
    assert _rel(ex, "against", "not_for").relation == "paraphrase"  # "did not vote for" says the same
    assert _rel(ex, "against", "other_for").slot != "negation"  # another person voted for it
    assert _rel(ex, "both", "fell").slot != "negation"  # one side prints both words
    assert _rel(ex, "against", "against").relation != "conflict"
    assert _rel(ex, "fell", "rose_ng").slot != "negation"  # "Rose Ng" is a name, not "rose"
    assert _rel(ex, "temps", "fish_fall").slot != "negation"  # temperatures rise, fish numbers fall


def test_compare_relations_percent_for_percentage_points(ex) -> None:
    rel = _rel(ex, "points", "percent")
    assert rel.slot == "number"
    c = rel.conflicts[0]
    assert (c.a_value, c.b_value) == ("3.1 percentage points", "3.1 percent")
    assert _rel(ex, "points", "points").relation != "conflict"
    assert _rel(ex, "points", "no_change").slot != "number"  # 41.2 percent on both sides agrees


def test_compare_relations_a_changed_fine_and_term_are_both_named(ex) -> None:
    (c,) = _rel(ex, "eight_years", "twelve_years").conflicts
    assert (c.a_value, c.b_value) == ("$2.38 million", "$24 million")
    assert c.detail["also"] == {"a": "eight years", "b": "12 years"}


def test_compare_relations_counts_of_other_things_do_not_conflict(ex) -> None:
    assert _rel(ex, "fraud_counts", "laundering_counts").slot != "number"  # fraud / laundering
    assert _rel(ex, "fraud_counts", "fraud_counts_2").slot == "number"  # three / two counts of fraud


def test_compare_relations_a_figure_in_another_unit_of_its_kind(ex) -> None:
    c = _rel(ex, "kmh", "mph").conflicts[0]
    assert (c.a_value, c.b_value, c.detail["b_unit"]) == ("120 km/h", "120 mph", "mph")
    assert _rel(ex, "dollars", "euros").slot == "number"
    assert _rel(ex, "both_units", "kmh").slot != "number"  # the conversion is given beside it


def test_compare_relations_two_figures_of_one_tally_conflict(ex) -> None:
    c = _rel(ex, "toll_five", "toll_two").conflicts[0]
    assert (c.slot, c.a_value, c.b_value) == ("number", "five", "two")
    assert _rel(ex, "toll_five", "wards_two").slot != "number"  # two hospitals: no tally


def test_compare_relations_confirmed_for_suspected_cases(ex) -> None:
    rel = _rel(ex, "confirmed", "suspected")
    assert rel.slot == "number"
    detail = rel.conflicts[0].detail
    assert (detail["a_status"], detail["b_status"]) == ("confirmed", "suspected")
    assert _rel(ex, "confirmed", "confirmed").relation != "conflict"
    assert _rel(ex, "new_cases", "confirmed").slot != "number"  # "new" says nothing of confirmation


def test_compare_corroboration_one_outlet_is_one_family() -> None:
    def art(aid: str, outlet: str | None) -> Article:
        return Article(id=aid, fingerprint=aid, source=f"{aid}.txt", body="x", outlet=outlet)

    arts = [art("m", "Caldera Wire"), art("e", "caldera wire"), art("o", "Harbour Daily"), art("u", None)]
    fam = families(arts, [])
    assert fam["m"] == fam["e"] and len({fam["m"], fam["o"], fam["u"]}) == 3
    assert len(set(families([art("x", None), art("y", None)], []).values())) == 2  # unknown outlets
