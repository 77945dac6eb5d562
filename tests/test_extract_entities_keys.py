"""Cross-article canonical keys and keys_match."""

from __future__ import annotations

from newsprism.extract import canonical_key, keys_match
from newsprism.extract.entities import extract_entities
from newsprism.extract.nlp import load_nlp


def test_extract_entities_keys_for_xi_across_articles() -> None:
    nlp = load_nlp()
    a = extract_entities(nlp("Xi said the talks went well."))[1]
    b = extract_entities(nlp("Xi Jinping said the talks went well."))[1]
    c = extract_entities(nlp("President Xi Jinping said the talks went well."))[1]
    ka, kb, kc = (next(e.key for e in ents if e.label == "PERSON") for ents in (a, b, c))
    assert ka == "person:?xi"
    assert kb == kc == "person:xi_jinping"
    assert keys_match(ka, kb) and keys_match(kb, kc) and keys_match(kc, ka)


def test_extract_entities_canonical_key_normalises() -> None:
    assert canonical_key("President Xi Jinping", "PERSON") == "person:xi_jinping"
    assert canonical_key("Chinese President Xi Jinping", "PERSON") == "person:xi_jinping"
    assert canonical_key("Minister of Commerce Wang Wentao", "PERSON") == "person:wang_wentao"
    assert canonical_key("José Martí's", "PERSON") == "person:jose_marti"
    assert canonical_key("the International Criminal Court", "ORG") == "org:international_criminal_court"
    assert canonical_key("U.S.", "GPE") == "place:us"


def test_extract_entities_keys_match_rules() -> None:
    assert keys_match("person:?putin", "person:vladimir_putin")
    assert keys_match("person:?xi", "person:xi_jinping")  # family name first
    assert not keys_match("person:?jinping", "person:vladimir_putin")
    assert not keys_match("person:?xi", "person:?putin")
    assert keys_match("person:zsuzsa_anna_ferenczy", "person:zsuzsa_ferenczy")
    assert not keys_match("person:neil_thomas", "person:thomas_neil")
    assert keys_match("org:icc", "org:international_criminal_court")
    assert keys_match("place:us", "place:united_states")
    assert keys_match("event:belt_and_road_forum", "org:belt_and_road_forum")
    assert not keys_match("person:?icc", "org:international_criminal_court")
    assert not keys_match("org:nato", "org:international_criminal_court")
