"""Pair features on hand-written sentence pairs, parsed by the real spaCy pipeline."""

from __future__ import annotations

import pytest

from newsprism.compare.features import (
    FEATURE_NAMES,
    SentenceView,
    compute_idf,
    pair_features,
    parse_number,
    view_from_doc,
    view_from_fact,
)
from newsprism.extract.nlp import load_nlp
from newsprism.model import Fact, Quote


def view(text: str) -> SentenceView:
    return view_from_doc(load_nlp()(text))


BASE = "The Harbour Council approved 42 new flats in Eastfield on Tuesday, its chair Maria Okonkwo said."


def test_compare_features_identical_pair_has_full_overlap() -> None:
    f = pair_features(view(BASE), view(BASE))
    assert set(f) == set(FEATURE_NAMES)
    for name in (
        "jaccard",
        "contain_min",
        "contain_max",
        "idf_jaccard",
        "bigram_jaccard",
        "lcs_share",
        "fuzz_ratio",
        "bleu_min",
        "bleu_max",
    ):
        assert f[name] == pytest.approx(1.0), name
    assert f["num_shared"] == 1 and f["num_mismatch"] == 0 and f["num_conflict"] == 0
    assert f["ent_mismatch"] == 0 and f["neg_mismatch"] == 0 and f["date_mismatch"] == 0


def test_compare_features_are_symmetric_and_bounded() -> None:
    a, b = view(BASE), view("Maria Okonkwo said the council approved 40 flats in Westfield.")
    ab, ba = pair_features(a, b), pair_features(b, a)
    assert ab == pytest.approx(ba)
    assert all(0.0 <= v <= 5.0 for v in ab.values())


def test_compare_features_bleu_sees_word_order_and_extra_words() -> None:
    a = view("The council approved the flats on Tuesday.")
    reordered = pair_features(a, view("On Tuesday the council approved the flats."))
    scrambled = pair_features(a, view("Flats the on council Tuesday approved the."))
    longer = pair_features(
        a, view("The council approved the flats on Tuesday after a long and angry debate.")
    )
    assert reordered["jaccard"] == scrambled["jaccard"] == 1.0
    assert 0 < scrambled["bleu_max"] < reordered["bleu_max"] < 1
    assert reordered["bleu_min"] <= reordered["bleu_max"]
    # every n-gram of the short sentence is in the long one, not the reverse
    assert longer["bleu_max"] == pytest.approx(1.0) and longer["bleu_min"] < 0.7


def test_compare_features_number_change_lowers_agreement() -> None:
    same = pair_features(view(BASE), view(BASE))
    changed = pair_features(view(BASE), view(BASE.replace("42", "24")))
    assert changed["num_shared"] < same["num_shared"]
    assert changed["num_mismatch"] == 2 and changed["num_conflict"] == 1


def test_compare_features_negation_flips() -> None:
    a = view("The council approved the new flats in Eastfield.")
    b = view("The council did not approve the new flats in Eastfield.")
    assert a.negated is False and b.negated is True
    assert pair_features(a, b)["neg_mismatch"] == 1.0
    assert pair_features(b, b)["neg_mismatch"] == 0.0


def test_compare_features_entity_swap_shows_mismatch() -> None:
    a = view("Maria Okonkwo met Peter Lindqvist in Stockholm.")
    b = view("Maria Okonkwo met Peter Lindqvist in Copenhagen.")
    f = pair_features(a, b)
    assert f["ent_mismatch"] == 2  # Stockholm only in a, Copenhagen only in b
    assert 0 < f["ent_shared"] < 1
    assert pair_features(a, a)["ent_mismatch"] == 0


def test_compare_features_date_and_quote_slots() -> None:
    a = view('Okonkwo said on Monday that the plan was "a good day for Eastfield".')
    b = view('Okonkwo said on Friday that the plan was "a good day for Eastfield".')
    assert a.quoted == ["a", "good", "day", "for", "eastfield"]
    f = pair_features(a, b)
    assert f["date_mismatch"] == 2 and f["date_shared"] == 0
    assert f["quote_overlap"] == 1.0


def test_compare_features_parse_number_and_scales() -> None:
    assert parse_number("1,200") == 1200.0 and parse_number("$2.5") == 2.5 and parse_number("40%") == 40.0
    assert parse_number("three") == 3.0 and parse_number("flats") is None
    assert view("It cost $2.5 billion.").numbers == [2.5e9]


def test_compare_features_view_from_fact_uses_slots_and_quotes() -> None:
    text = 'Okonkwo called it "a good day" and said 42 flats would follow.'
    fact = Fact("a1", 0, 100, 100 + len(text), text, entity_keys=["person:maria_okonkwo"], quantities=[42.0])
    fact.timex_values = ["2024-05-07"]
    quote = Quote("a good day", 117, 127, "partial", speaker="Maria Okonkwo")
    v = view_from_fact(fact, [quote])
    assert v.entities == ["maria okonkwo"] and v.numbers == [42.0] and v.dates == ["2024-05-07"]
    assert v.quoted == ["a", "day", "good"] and v.negated is False
    assert "flats" in v.content_lemmas and "and" not in v.content_lemmas
    other = view_from_fact(Fact("b1", 0, 0, len(text), text.replace("42", "24"), quantities=[24.0]))
    assert pair_features(v, other)["num_conflict"] == 1.0


def test_compare_features_view_from_fact_matches_names_across_kinds() -> None:
    a = view_from_fact(Fact("a", 0, 0, 20, "Berg spoke in Oslo.", entity_keys=["person:?berg", "place:oslo"]))
    b = view_from_fact(
        Fact("b", 0, 0, 30, "Anna Berg spoke at Oslo.", entity_keys=["person:anna_berg", "org:oslo"])
    )
    assert a.entities == ["berg", "oslo"] and b.entities == ["anna berg", "oslo"]
    f = pair_features(a, b)
    assert f["ent_shared"] == 1.0 and f["ent_mismatch"] == 0.0


def test_compare_features_view_from_fact_lemmas_follow_training() -> None:
    text = "The council didn’t approve Berg's $5bn flats, she said."
    fact = Fact("a", 0, 0, len(text), text, lemmas=["council", "approve", "Berg", "flat", "say"])
    v = view_from_fact(fact)
    assert v.lemmas == view(text).lemmas
    assert v.lemmas[:4] == ["the", "council", "do", "not"] and "$" in v.lemmas
    assert v.content_lemmas == ["council", "approve", "berg", "5bn", "flat"]  # "say" is a stop word
    assert v.negated is True  # curly apostrophe


def test_compare_features_view_from_fact_quotes_only_quoted_words() -> None:
    text = "Okonkwo said the flats would follow in May."
    fact = Fact("a1", 0, 0, len(text), text)
    reported = Quote("the flats would follow in May", 13, len(text) - 1, "indirect", speaker="Okonkwo")
    assert view_from_fact(fact, [reported]).quoted == []


def test_compare_features_idf_weights_rare_words() -> None:
    idf = compute_idf([["council", "flat"], ["council", "vote"], ["council", "flat"]], min_df=1)
    assert idf.weights["council"] < idf.weights["flat"] < idf.weights["vote"] == idf.default
    assert idf.mass(["unseen"]) == idf.default


def test_compare_features_added_detail_shows_in_new_features() -> None:
    short = view("The council approved 42 new flats in Eastfield.")
    longer = view(
        "The council approved 42 new flats in Eastfield after Peter Lindqvist of Harbour Homes objected."
    )
    same = pair_features(short, view("The council approved 42 new flats in Eastfield."))
    added = pair_features(short, longer)
    assert same["length_min"] == same["length_max"] and added["length_max"] > added["length_min"]
    assert same["idf_unmatched_max"] == 0 and added["idf_unmatched_max"] > 0.5
    assert (
        same["cap_mismatch_max"] == 0 and added["cap_mismatch_max"] == 4
    )  # Peter, Lindqvist, Harbour, Homes
    assert same["content_bigram_jaccard"] == 1.0


def test_compare_features_content_bigrams_skip_stop_words() -> None:
    a = view("The council approved the flats.")
    b = view("Council approved flats, it said.")
    f = pair_features(a, b)
    assert f["content_bigram_jaccard"] == 1.0  # council-approve, approve-flat in both
    assert f["bigram_jaccard"] < 0.5


def test_compare_features_reused_views_give_the_same_features() -> None:
    a, b = view(BASE), view("Maria Okonkwo said the council approved 40 flats in Westfield.")
    first = pair_features(a, b)
    assert a.profile is not None  # per-sentence parts kept for the next pair
    again = pair_features(a, b)
    fresh = pair_features(view(BASE), view("Maria Okonkwo said the council approved 40 flats in Westfield."))
    assert first == again == fresh
    assert a == view(BASE)  # the cached profile is not part of equality
