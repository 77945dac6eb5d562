"""Relations of aligned fact pairs: each conflict slot on pairs written here, and the near misses."""

from __future__ import annotations

import pytest
from story_helpers import extractions_by_id

from newsprism.compare.attribution import quote_overlap, same_speaker
from newsprism.compare.relations import relate
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Extraction, Quote

TEXTS = {
    "okafor": 'Samuel Okafor, a senior fellow at the Harlow Institute, spoke in Soria on Monday. "Every contract '
    'signed this week deepens our dependence on the port," Okafor said.',
    "ortiz": 'Lena Ortiz, director of the Coastal Centre, spoke in Soria on Monday. "Every contract signed this '
    'week deepens our dependence on the port," Ortiz said.',
    "vague": 'Officials spoke in Soria on Monday. "Every contract signed this week deepens our dependence on the '
    'port," officials said.',
    "dropped": 'The port reopened in Soria on Monday. "Every contract signed this week deepens our dependence on '
    'the port."',
    "paraphrase": "Samuel Okafor spoke in Soria on Monday. Okafor said that every contract signed this week "
    "deepened the dependence on the port.",
    "other_quote": 'Samuel Okafor spoke in Soria on Monday. "The grain trade will recover by the autumn if the '
    'border stays open," Okafor said.',
    "facts": "The ministry paid $40 million for 12 new ships in Soria. On March 3, the court issued a warrant "
    "for Anton Keller. Chancellor Mira Hollis greeted Anton Keller at the airport on Tuesday. Hollis has "
    "commented on the warrant.",
    "changed": "The ministry paid $45 million for 12 new ships in Soria. On March 5, the court issued a warrant "
    "for Anton Keller. Foreign Minister Paul Brandt greeted Anton Keller at the airport on Tuesday. Hollis "
    "has not commented on the warrant.",
    "near": "The ministry paid $40 million for the new ships in Soria, 30 percent more than planned. In March, "
    "the court issued a warrant for Anton Keller. Chancellor Mira Hollis greeted Anton Keller at the airport "
    "in Soria on Tuesday. The TRJ has no police of its own and relies on member states to act.",
    "near2": "The ministry paid 40 percent of the cost of the ships. The port employs 1,200 workers and 35 "
    "pilots. The TRJ relies on member states to act on its warrants.",
    "units": "The ministry paid $40 million for the ships. The port employs 1,200 workers.",
    "q2": "Factory output in Soria fell 0.3% in the second quarter of 2024, the statistics office said.",
    "q1": "Factory output in Soria fell 0.3% in the first quarter of 2024, the statistics office said.",
    "may": "Factory output in Soria fell 0.3% in May 2024, the statistics office said.",
    "solberg": "Ingrid Solberg, chief economist at Halvard Bank, said the figures would make it easier for the "
    "central bank to hold interest rates in October.",
    "aas": "Henrik Aas, chief economist at Halvard Bank, said the figures would make it easier for the central "
    "bank to hold interest rates in October.",
    "solberg2": "Halvard Bank's Ingrid Solberg said the figures would make it easier for the central bank to hold "
    "interest rates in October.",
    "aas_own": "Henrik Aas, chief economist at Halvard Bank, said the central bank would probably hold interest "
    "rates in October after the figures.",
    "osei": "Councillor Rafael Osei said the city never studied a cheaper repair of the existing bridge.",
    "osei_bare": "The city never studied a cheaper repair of the existing bridge.",
    "osei_more": "The city never studied a cheaper repair of the existing bridge, and the results of the "
    "survey will not be known for weeks.",
    "gazette": "According to the Harbour Gazette, the figures would make it easier for the central bank to hold "
    "interest rates in October.",
    "unlawful": "The appeals court ruled on Friday that the $5bn steel tariff imposed by the ministry was unlawful.",
    "lawful": "The appeals court ruled on Friday that the $5bn steel tariff imposed by the ministry was lawful.",
    "not_lawful": "The appeals court ruled on Friday that the $5bn steel tariff imposed by the ministry was not lawful.",
    "myers_lawful": "Judge Anna Myers called the $5bn steel tariff imposed by the ministry lawful on Friday.",
    "ebbs_unlawful": "Judge Carl Ebbs called the $5bn steel tariff imposed by the ministry unlawful on Friday.",
    "migrant": "Police detained forty migrant workers at the harbour gate in Soria on Monday night.",
    "immigrant": "Police detained forty immigrant workers at the harbour gate in Soria on Monday night.",
    "harrowfield": "Patients waited longest at Harrowfield General Hospital in Soria, the report found.",
    "brennan": "Patients waited longest at St. Brennan's Hospital in Soria, the report found.",
    "harrowfield2": "Patients waited longest at Harrowfield Hospital in Soria, the report found.",
    "she_said": '"Every contract signed this week deepens our dependence on the port," she said on Monday.',
    "officials_said": "Officials said the figures would make it easier for the central bank to hold "
    "interest rates in October.",
    "diplomats": "Conable was expected to press ministers to keep up the pace of reform in the economy, "
    "Diplomats said.",
    "diplomats2": "Conable was anticipated to press ministers to keep up the pace of reform in the economy, "
    "diplomats said.",
    "posed": "The appeals court ruled on Friday that the $5bn steel tariff posed by the ministry was lawful.",
    "extend": "Finance minister Jonas Brekke said the government would extend its energy support scheme for "
    "households into next year.",
    "not_extend": "Finance minister Jonas Brekke said the government would not extend its energy support scheme "
    "for households into next year.",
    "turkey": "Turkey's parliament approved the pipeline deal on Monday.",
    "greece": "Greece's parliament approved the pipeline deal on Monday.",
    "intel": "Chip giant Intel recently began selling the new processor in Soria.",
    "samsung": "Chip giant Samsung lately started selling the new processor in Soria.",
    "made": "The harbour board made the final decision on the merger in March.",
    "not_made": "The harbour board did not make the final decision on the merger in March.",
    "approved": "The harbour board approved the merger in March.",
    "curly_not": "The harbour board didn’t approve the merger in March.",
    "neither": "Neither the harbour board nor the bank made the final decision on the merger.",
    "neither2": "Neither the bank nor the harbour board made the final decision on the merger.",
    "pleaded": "Former chief executive Bernard Ebbs has pleaded not guilty to all the charges in the case.",
    "pleaded2": "Former finance chief Scott Mayer has already pleaded guilty to all the charges in the case.",
    "pleaded3": "Former chief executive Bernard Ebbs has pleaded guilty to all the charges in the case.",
    "rate": "The firm overstated its accounts by $11bn (£8.5bn) over three years.",
    "rate2": "The firm overstated its accounts by $11bn (about £5.8bn) over three years.",
    "rate3": "The firm overstated its accounts by $14bn (£8.5bn) over three years.",
    "rate8": "The firm overstated its accounts by $11bn (£6bn) over three years.",
    "rate9": "The firm overstated its accounts by $11bn (£8.5bn; €10.5bn) over three years.",
    "rate4": "The firm overstated its accounts by £8.5bn ($11bn) over three years.",
    "rate5": "The firm overstated its accounts by $14bn over three years.",
    "rate6": "The firm overstated its accounts by $11bn (£8.5bn; €10bn) over three years.",
    "rate7": "The firm overstated its accounts by $11bn (£8.5bn; €12bn) over three years.",
    "fines": "The firm paid $11bn (£8.5bn of it in fines) over three years.",
    "fines2": "The firm paid $11bn (£2bn of it in fines) over three years.",
    "fired": "During the war about 2.4 billion were fired off by the two armies.",
    "fired2": "During the war about 1.2 billion were fired off by the two armies.",
    "orphan": 'Samuel Okafor spoke in Soria on Monday. "The grain trade will recover," Okafor said. The ships '
    "arrived late and the crews rested in the old town. "
    '"Every contract signed this week deepens our dependence on the port."',
    "evac_tue": "Deputies ordered the Pine Flats neighbourhood to evacuate at 9:40 p.m. Tuesday.",
    "evac_mon": "Deputies ordered the Pine Flats neighbourhood to evacuate at 9:40 p.m. Monday.",
    "evac_night": "Deputies ordered the Pine Flats neighbourhood to evacuate late on Tuesday night.",
    "evac_clock": "Deputies ordered the Pine Flats neighbourhood to evacuate at 10 p.m.",
    "power_refused": "Northfork Power said it had cut power to 9,000 customers, but a spokesman would not say "
    "whether its lines ran near the fire.",
    "power_cut": "Northfork Power said it had cut power to 9,000 customers as a precaution.",
    "fight_now": '"Today we got to fight it instead of running from it," Chief Reyes said.',
    "fight_then": '"We were not fighting it, we were running from it," Chief Reyes said.',
    "fight_all": '"We were fighting it all night and we held the ridge," Chief Reyes said.',
    "fight_none": '"We were not fighting it all night and we held the ridge," Chief Reyes said.',
    "rumour": "Marlow Shipyards is weighing a sale of its ferry unit, according to two people familiar with "
    "the plans, who asked not to be named.",
    "rumour_bare": "Marlow Shipyards is weighing a sale of its ferry unit.",
    "officials": "Harbour officials said the Marlow ferry terminal would stay open through the winter.",
    "officials_bare": "The Marlow ferry terminal would stay open through the winter.",
    "price_exact": "Consumer prices rose 7.4 percent in October, the statistics office said.",
    "price_above": "Consumer prices rose above 7 percent in October, the statistics office said.",
    "price_about": "Consumer prices rose about 7 percent in October, the statistics office said.",
    "price_below": "Consumer prices rose less than 7 percent in October, the statistics office said.",
    "price_over9": "Consumer prices rose more than 9 percent in October, the statistics office said.",
    "price_over7": "Consumer prices rose more than 7 percent in October, the statistics office said.",
    "price_target": "Consumer prices rose 7.4 percent in October, more than double the bank's 3 percent target.",
    "forecast": "Meteorologist Lena Brenner said heavy rain expected by Friday could trigger landslides in the "
    "valley villages.",
    "forecast_bare": "Heavy rain expected by Friday could trigger landslides in the valley villages.",
    "shares": "Ada Okafor received 20,109 votes, or 52.4 percent, while Ivo Haskell won 18,267 votes, "
    "or 47.6 percent.",
    "shares_swapped": "Ada Okafor received 20,109 votes, or 47.6 percent, while Ivo Haskell won 18,267 votes, "
    "or 52.4 percent.",
    "shares_reordered": "Ivo Haskell won 18,267 votes, or 47.6 percent, while Ada Okafor received 20,109 "
    "votes, or 52.4 percent.",
    "ceo_said": 'Helena Draganova, chief executive of the port authority, said: "We have ruled out bringing in '
    'contract crews for the cranes."',
    "authority_said": 'The port authority said: "We have ruled out bringing in contract crews for the cranes."',
    "officials_cranes": 'Officials said: "We have ruled out bringing in contract crews for the cranes."',
    "reserves": "Reserves of $119bn beat its foreign public debt of some $113bn, the central bank said.",
    "reserves_up": "Reserves of $357bn beat its foreign public debt of some $113bn, the central bank said.",
    "may_fail": "Councillors said the harbour bill may fail to pass on Friday after the vote was delayed.",
    "may_pass": "Councillors said the harbour bill may pass on Friday after the vote was delayed.",
    "in_mice": "In earlier experiments in mice, the drug also shrank the damage done by strokes by a third.",
    "in_humans": "In earlier experiments in humans, the drug also shrank the damage done by strokes by a third.",
    "in_mice_too": "In earlier tests on mice, the drug shrank the damage done by strokes by a third.",
    "refused": "Mayor Ivo Haskell refused to concede on Monday and demanded a recount of the Eastgate ballots.",
    "conceded": "Mayor Ivo Haskell conceded on Monday and demanded a recount of the Eastgate ballots.",
    "declined_say": "Mayor Ivo Haskell declined to say on Monday whether he would demand a recount.",
    "said_recount": "Mayor Ivo Haskell said on Monday that he would demand a recount.",
    "inferred": 'Samuel Okafor spoke in Soria on Monday. Lena Ortiz said the ships were late. "Every contract '
    'signed this week deepens our dependence on the port."',
}


@pytest.fixture(scope="module")
def ex() -> dict[str, Extraction]:
    return extractions_by_id(TEXTS)


def _rel(ex: dict[str, Extraction], a: str, fa: int, b: str, fb: int):
    return relate(ex[a], [fa], ex[b], [fb])


def test_compare_relations_quote_overlap_counts_shared_runs() -> None:
    assert (
        quote_overlap(
            "a steady, practical and trustworthy partner", "He is a steady, practical and trustworthy partner"
        )
        == 1.0
    )
    assert quote_overlap("the port will reopen soon", "soon the talks may end") == 0.0


def test_compare_relations_misattribution_to_another_named_speaker(ex) -> None:
    rel = _rel(ex, "okafor", 1, "ortiz", 1)
    assert (rel.relation, rel.slot) == ("conflict", "speaker")
    c = rel.conflicts[0]
    assert c.kind == "misattribution" and (c.a_value, c.b_value) == ("Samuel Okafor", "Lena Ortiz")
    assert "dependence on the port" in c.detail["words"]
    assert [k.slot for k in rel.conflicts] == ["speaker"]  # the swapped speaker is not also an entity swap


def test_compare_relations_misattribution_to_a_vague_source(ex) -> None:
    rel = _rel(ex, "okafor", 1, "vague", 1)
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "misattribution"
    assert rel.conflicts[0].detail["vague"] is True


def test_compare_relations_dropped_attribution(ex) -> None:
    rel = _rel(ex, "okafor", 1, "dropped", 1)
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "dropped_attribution"


def test_compare_relations_paraphrase_keeping_the_speaker_is_not_a_conflict(ex) -> None:
    assert _rel(ex, "okafor", 1, "paraphrase", 1).relation == "paraphrase"


def test_compare_relations_two_quotes_by_one_speaker_are_not_a_conflict(ex) -> None:
    assert _rel(ex, "okafor", 1, "other_quote", 1).relation == "paraphrase"


def test_compare_relations_same_speaker_by_surname_and_display_name() -> None:
    full = Quote("x", 0, 1, "direct", speaker="Anton Keller", speaker_key="person:anton_keller")
    polluted = Quote("x", 0, 1, "direct", speaker="Keller", speaker_key="person:keller_heads")
    other = Quote("x", 0, 1, "direct", speaker="Lena Ortiz", speaker_key="person:lena_ortiz")
    assert same_speaker(full, polluted)
    assert not same_speaker(full, other)


def test_compare_relations_number_conflict(ex) -> None:
    rel = _rel(ex, "facts", 0, "changed", 0)
    assert rel.slot == "number"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("$40 million", "$45 million")


def test_compare_relations_numbers_in_other_units_or_counting_other_things(ex) -> None:
    assert _rel(ex, "facts", 0, "near", 0).relation == "paraphrase"  # $40m + 30 percent
    assert _rel(ex, "units", 0, "near2", 0).relation == "paraphrase"  # $40m vs 40 percent
    assert _rel(ex, "units", 1, "near2", 1).relation == "paraphrase"  # 1,200 workers + 35 pilots


def test_compare_relations_currency_conversions(ex) -> None:
    # two outlets convert the same $11bn at different rates (£6bn / £5.8bn): not a number conflict
    assert _rel(ex, "rate8", 0, "rate2", 0).relation == "paraphrase"
    assert _rel(ex, "rate6", 0, "rate9", 0).relation == "paraphrase"  # a second conversion in one bracket
    # beyond the drift of a rate (£8.5bn / £5.8bn, €10bn / €12bn), a conflict that says it is a conversion
    rel = _rel(ex, "rate", 0, "rate2", 0)
    assert rel.slot == "number" and rel.conflicts[0].detail["conversion"] is True
    assert _rel(ex, "rate6", 0, "rate7", 0).conflicts[0].detail["conversion"] is True
    # the amount itself still conflicts, the conversion beside it notwithstanding
    rel = _rel(ex, "rate2", 0, "rate3", 0)
    assert rel.slot == "number"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("$11bn", "$14bn")
    # one outlet's conversion against another's own figure, 21% apart: more than a rate of the day
    rel = _rel(ex, "rate4", 0, "rate5", 0)
    assert rel.slot == "number" and (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("$11bn", "$14bn")
    assert rel.conflicts[0].detail["conversion"] is True
    assert "conversion" not in _rel(ex, "rate2", 0, "rate3", 0).conflicts[0].detail
    # a bracket that says more than the amount holds no conversion
    assert _rel(ex, "fines", 0, "fines2", 0).slot == "number"


def test_compare_relations_date_conflict_and_compatible_granularity(ex) -> None:
    rel = _rel(ex, "facts", 1, "changed", 1)
    assert rel.slot == "date" and rel.conflicts[0].detail == {"a_date": "2025-03-03", "b_date": "2025-03-05"}
    assert _rel(ex, "facts", 1, "near", 1).relation == "paraphrase"  # "On March 3" vs "In March"
    rel = _rel(ex, "q2", 0, "q1", 0)  # quarters are calendar values too
    assert rel.slot == "date" and rel.conflicts[0].detail == {"a_date": "2024-Q2", "b_date": "2024-Q1"}
    assert _rel(ex, "q2", 0, "may", 0).relation == "paraphrase"  # May is in the second quarter
    assert _rel(ex, "q1", 0, "may", 0).slot != "date"  # units differ: not compared


def test_compare_relations_times_of_day_conflict_by_the_day_they_name(ex) -> None:
    rel = _rel(ex, "evac_tue", 0, "evac_mon", 0)  # TIME values: compared by their named day
    assert rel.slot == "date" and "Tuesday" in rel.conflicts[0].a_value
    assert _rel(ex, "evac_tue", 0, "evac_night", 0).slot != "date"  # the same Tuesday
    assert _rel(ex, "evac_tue", 0, "evac_clock", 0).slot != "date"  # a bare clock time's day is a guess


def _slots(rel) -> set[str]:
    return {c.slot for c in rel.conflicts}


def test_compare_relations_anonymous_sourcing_dropped_is_a_dropped_attribution(ex) -> None:
    # "according to two people familiar with the plans" printed bare turns a rumour into a fact;
    # a vague official source printed bare is a common, fair shortening
    rel = _rel(ex, "rumour", 0, "rumour_bare", 0)
    assert [c.kind for c in rel.conflicts] == ["dropped_attribution"]
    assert "dropped_attribution" not in {
        c.kind for c in _rel(ex, "officials", 0, "officials_bare", 0).conflicts
    }


def test_compare_relations_a_refusal_to_say_negates_no_statement(ex) -> None:
    assert "negation" not in _slots(_rel(ex, "power_refused", 0, "power_cut", 0))


def test_compare_relations_negation_across_two_different_quotes_is_no_conflict(ex) -> None:
    # two things the chief said at two moments; a "not" put into the same quote is a conflict
    assert "negation" not in _slots(_rel(ex, "fight_then", 0, "fight_now", 0))
    assert _slots(_rel(ex, "fight_none", 0, "fight_all", 0)) == {"negation"}


def test_compare_relations_reported_speech_given_to_another_or_to_no_one(ex) -> None:
    rel = _rel(ex, "solberg", 0, "aas", 0)  # one report, word for word, with another speaker
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "misattribution"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("Ingrid Solberg", "Henrik Aas")
    assert _rel(ex, "solberg", 0, "solberg2", 0).slot != "speaker"  # the same speaker
    assert _rel(ex, "solberg", 0, "aas_own", 0).slot != "speaker"  # each reports it in their own words
    rel = _rel(ex, "osei", 0, "osei_bare", 0)  # the claim printed as a bare fact
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "dropped_attribution"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("Rafael Osei", "")
    assert _rel(ex, "osei_bare", 0, "osei", 0).conflicts[0].b_value == "Rafael Osei"
    # near misses: a paper reports what a person said (no person to swap); the bare sentence says more
    assert _rel(ex, "solberg", 0, "gazette", 0).slot != "speaker"
    assert _rel(ex, "gazette", 0, "officials_said", 0).slot != "speaker"  # a paper's report, not a person's
    assert _rel(ex, "diplomats", 0, "diplomats2", 0).slot != "speaker"  # one source, capitalised or not
    rel = _rel(ex, "solberg", 0, "officials_said", 0)  # a person's words given to "officials"
    assert rel.slot == "speaker" and rel.conflicts[0].detail["vague"] is True
    assert _rel(ex, "osei", 0, "osei_more", 0).slot != "speaker"


def test_compare_relations_entity_swap_and_extra_entity(ex) -> None:
    rel = _rel(ex, "facts", 2, "changed", 2)
    assert rel.slot == "entity"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("Mira Hollis", "Paul Brandt")
    assert _rel(ex, "facts", 2, "near", 2).relation == "paraphrase"  # "in Soria" merely added


def test_compare_relations_negation_and_negation_in_an_omitted_clause(ex) -> None:
    rel = _rel(ex, "facts", 3, "changed", 3)
    assert rel.slot == "negation" and rel.conflicts[0].detail["negated_side"] == "b"
    assert _rel(ex, "near", 3, "near2", 2).relation == "paraphrase"  # "has no police" clause omitted


def test_compare_relations_a_prefixed_opposite_is_a_negation(ex) -> None:
    rel = _rel(ex, "unlawful", 0, "lawful", 0)
    assert rel.slot == "negation" and rel.conflicts[0].detail == {
        "negated_side": "a",
        "negated_word": "lawful",
    }
    assert _rel(ex, "lawful", 0, "unlawful", 0).conflicts[0].detail["negated_side"] == "b"
    assert _rel(ex, "unlawful", 0, "not_lawful", 0).slot != "negation"  # "not lawful" says the same
    assert _rel(ex, "lawful", 0, "posed", 0).slot != "negation"  # "imposed" is no opposite of "posed"
    assert _rel(ex, "migrant", 0, "immigrant", 0).slot != "negation"  # no opposites
    assert _rel(ex, "myers_lawful", 0, "ebbs_unlawful", 0).slot != "negation"  # said by someone else


def test_compare_relations_negated_clause_is_cut_at_a_word_end(ex) -> None:
    (conflict,) = _rel(ex, "extend", 0, "not_extend", 0).conflicts
    assert conflict.b_value == "not extend its energy support scheme for …"


def test_compare_relations_names_sharing_a_generic_word_are_swapped(ex) -> None:
    rel = _rel(ex, "harrowfield", 0, "brennan", 0)  # "Hospital" on both sides tells nothing
    assert rel.slot == "entity" and rel.conflicts[0].b_value == "St. Brennan's Hospital"
    assert _rel(ex, "harrowfield", 0, "harrowfield2", 0).slot != "entity"  # one name, shortened


def test_compare_relations_an_unresolved_pronoun_is_no_speaker_to_swap(ex) -> None:
    assert _rel(ex, "okafor", 1, "she_said", 0).slot != "speaker"


def test_compare_relations_possessive_name_swap(ex) -> None:
    rel = _rel(ex, "turkey", 0, "greece", 0)
    assert rel.slot == "entity"
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("Turkey", "Greece")


def test_compare_relations_name_swap_next_to_a_paraphrased_word(ex) -> None:
    rel = _rel(ex, "intel", 0, "samsung", 0)
    assert rel.slot == "entity" and rel.conflicts[0].b_value == "Samsung"


def test_compare_relations_negation_of_an_irregular_verb(ex) -> None:
    rel = _rel(ex, "made", 0, "not_made", 0)
    assert rel.slot == "negation" and rel.conflicts[0].detail["negated_side"] == "b"


def test_compare_relations_negation_with_a_curly_apostrophe(ex) -> None:
    rel = _rel(ex, "approved", 0, "curly_not", 0)
    assert rel.slot == "negation" and rel.conflicts[0].detail["negated_side"] == "b"
    assert rel.conflicts[0].detail["negated_word"] == "approve"


def test_compare_relations_negation_about_someone_else_is_no_conflict(ex) -> None:
    assert _rel(ex, "pleaded", 0, "pleaded2", 0).relation != "conflict"  # Ebbs denies, Mayer admits
    rel = _rel(ex, "pleaded", 0, "pleaded3", 0)  # the same man: a real negation conflict
    assert rel.slot == "negation" and rel.conflicts[0].detail["negated_side"] == "a"


def test_compare_relations_reordered_neither_nor_is_not_a_negation(ex) -> None:
    assert _rel(ex, "neither", 0, "neither2", 0).relation != "conflict"


def test_compare_relations_bare_quantities_in_the_same_frame(ex) -> None:
    rel = _rel(ex, "fired", 0, "fired2", 0)
    assert rel.slot == "number"
    assert {rel.conflicts[0].detail["a_number"], rel.conflicts[0].detail["b_number"]} == {2.4e9, 1.2e9}


def test_compare_relations_speaker_only_from_context_is_a_dropped_attribution(ex) -> None:
    fact = next(i for i, f in enumerate(ex["inferred"].facts) if "dependence" in f.text)
    rel = _rel(ex, "okafor", 1, "inferred", fact)
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "dropped_attribution"
    assert rel.conflicts[0].a_value == "Samuel Okafor"


def test_compare_relations_duration_change_is_a_number_conflict() -> None:
    bodies = {
        "d1": "The activist was sentenced to 18 years in prison for the killing.",
        "d2": "The activist was sentenced to 36 years in prison for the killing.",
        "d3": "The activist was sentenced to 18 months in prison for the killing.",
    }
    arts = [
        Article(id=k, fingerprint=k, source=k, body=v, outlet=k, published=DateInference("2025-03-10"))
        for k, v in bodies.items()
    ]
    exs = {e.article_id: e for e in extract_articles(arts)}
    rel = relate(exs["d1"], [0], exs["d2"], [0])
    assert rel.slot == "number" and rel.conflicts[0].detail["b_number"] == 36.0
    assert relate(exs["d1"], [0], exs["d3"], [0]).slot != "number"  # years and months: other units


def test_compare_relations_a_bound_or_an_estimate_admits_the_exact_figure(ex) -> None:
    # "above 7 percent" and "about 7 percent" are true of 7.4 percent; "less than 7" is not
    assert _rel(ex, "price_exact", 0, "price_above", 0).slot != "number"
    assert _rel(ex, "price_above", 0, "price_exact", 0).slot != "number"
    assert _rel(ex, "price_exact", 0, "price_about", 0).slot != "number"
    assert _rel(ex, "price_exact", 0, "price_below", 0).slot == "number"
    assert _rel(ex, "price_exact", 0, "price_over9", 0).slot == "number"
    # the bound is matched by 7.4, so the 3 percent target beside it has nothing to conflict with
    assert _rel(ex, "price_target", 0, "price_above", 0).slot != "number"
    # an estimate printed on both sides is that figure, not a bound on the changed one beside it
    assert _rel(ex, "reserves", 0, "reserves_up", 0).slot == "number"
    # two bounds the same way are compared as figures: a rewrite's changed bound is flagged
    assert _rel(ex, "price_over7", 0, "price_over9", 0).slot == "number"


def test_compare_relations_a_refusal_to_act_negates_the_act(ex) -> None:
    assert _rel(ex, "refused", 0, "conceded", 0).slot == "negation"
    assert _rel(ex, "conceded", 0, "refused", 0).slot == "negation"
    assert _rel(ex, "may_fail", 0, "may_pass", 0).slot == "negation"
    # declining to say negates no statement
    assert _rel(ex, "declined_say", 0, "said_recount", 0).slot != "negation"


def test_compare_relations_a_cue_word_inside_the_reported_words_is_no_attribution(ex) -> None:
    # "expected" belongs to the forecast itself: printed bare, the forecast has lost its speaker
    rel = _rel(ex, "forecast", 0, "forecast_bare", 0)
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "dropped_attribution"


def test_compare_relations_figures_swapped_between_two_people(ex) -> None:
    rel = _rel(ex, "shares", 0, "shares_swapped", 0)
    assert rel.slot == "number" and rel.conflicts[0].detail.get("swapped") is True
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("52.4 percent", "47.6 percent")
    # the same figures for the same people in another order agree
    assert _rel(ex, "shares", 0, "shares_reordered", 0).slot != "number"


def test_compare_relations_a_person_s_words_credited_to_her_own_organisation_are_no_swap(ex) -> None:
    assert _rel(ex, "ceo_said", 0, "authority_said", 0).slot != "speaker"
    rel = _rel(ex, "ceo_said", 0, "officials_cranes", 0)  # "officials" is not the body she heads
    assert rel.slot == "speaker" and rel.conflicts[0].kind == "misattribution"


def test_compare_relations_a_finding_in_mice_told_of_humans_is_an_entity_conflict(ex) -> None:
    rel = _rel(ex, "in_mice", 0, "in_humans", 0)
    assert rel.slot == "entity" and rel.conflicts[0].detail.get("population") is True
    assert (rel.conflicts[0].a_value, rel.conflicts[0].b_value) == ("mice", "humans")
    assert _rel(ex, "in_mice", 0, "in_mice_too", 0).slot is None
