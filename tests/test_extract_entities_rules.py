"""Entity rules on sentences written for the tests: titles, surnames, acronyms, descriptors, filters."""

from __future__ import annotations

import pytest

from newsprism.extract.entities import extract_entities
from newsprism.extract.nlp import load_nlp
from newsprism.model import Entity, Mention


def _read(text: str) -> tuple[list[Mention], list[Entity]]:
    return extract_entities(load_nlp()(text))


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_extract_entities_titles_stripped() -> None:
    _, ents = _read(
        "Chinese President Xi Jinping welcomed Russian President Vladimir Putin on Monday. "
        "He was met at the airport by the Minister of Commerce Wang Wentao."
    )
    names = _by_name(ents)
    assert {"Xi Jinping", "Vladimir Putin", "Wang Wentao"} <= set(names)
    assert names["Wang Wentao"].descriptor == "Minister of Commerce"
    assert names["Vladimir Putin"].key == "person:vladimir_putin"
    assert not any("Minister" in e.name for e in ents)


def test_extract_entities_title_inside_span_is_cut() -> None:
    mentions, ents = _read("Yesterday President Joe Biden spoke to reporters in Ohio.")
    person = next(e for e in ents if e.label == "PERSON")
    assert person.name == "Joe Biden"
    mention = next(m for m in mentions if m.entity_key == person.key)
    assert mention.text == "Joe Biden"


def test_extract_entities_surname_tied_to_full_name() -> None:
    mentions, ents = _read(
        "Theresa Fallon, founder and director of the Centre for Europe Studies in Brussels, told reporters "
        "the visit was a sign of weakness. Fallon added that the war had isolated Moscow."
    )
    fallon = _by_name(ents)["Theresa Fallon"]
    assert fallon.key == "person:theresa_fallon"
    assert "Fallon" in fallon.aliases
    assert fallon.mentions == 2
    assert [m.text for m in mentions if m.entity_key == fallon.key] == ["Theresa Fallon", "Fallon"]


def test_extract_entities_possessive_stripped() -> None:
    mentions, _ = _read("Vladimir Putin's visit surprised many. Putin's aides were silent.")
    keys = {m.entity_key for m in mentions if "Putin" in m.text}
    assert keys == {"person:vladimir_putin"}
    assert all(not m.text.endswith("'s") for m in mentions)


def test_extract_entities_acronym_defined_in_parentheses() -> None:
    _, ents = _read(
        "The International Criminal Court (ICC) in The Hague issued a warrant. "
        "The ICC said the warrant stands. Analysts at the Centre for Russia Europe Asia Studies (CREAS) agreed."
    )
    names = _by_name(ents)
    icc = names["International Criminal Court"]
    assert icc.label == "ORG" and "ICC" in icc.aliases and icc.mentions == 3
    assert "ICC" not in names
    creas = names["Centre for Russia Europe Asia Studies"]
    assert "CREAS" in creas.aliases
    # a mixed-case acronym spells the capitals of its long form ("of" skipped)
    _, ents = _read(
        "The Bank of Norland (BoN) held rates on Thursday. Economists expect the BoN to cut in March."
    )
    bon = _by_name(ents)["Bank of Norland"]
    assert bon.aliases == ["BoN"] and bon.mentions == 3 and "BoN" not in _by_name(ents)


def test_extract_entities_acronym_never_person() -> None:
    mentions, _ = _read("BRI is changing focus, and BRI projects are smaller now, said Lee Hsien Loong.")
    assert not any(m.label == "PERSON" and m.text == "BRI" for m in mentions)


def test_extract_entities_descriptor_from_appositive() -> None:
    _, ents = _read(
        "Neil Thomas, Fellow for Chinese Politics at the Asia Society Policy Institute, believes Beijing is "
        "setting the terms. Zsuzsa Anna Ferenczy, a former political adviser at the European Parliament, "
        "suggests that Russia has become dependent."
    )
    names = _by_name(ents)
    assert (
        names["Neil Thomas"].descriptor == "Fellow for Chinese Politics at the Asia Society Policy Institute"
    )
    assert names["Zsuzsa Anna Ferenczy"].descriptor == "a former political adviser at the European Parliament"


def test_extract_entities_photo_credit_filtered() -> None:
    mentions, _ = _read(
        "The two leaders shake hands in Moscow.\nContributor/Getty Images Entertainment/The Chronicle Collection"
        "\n\nPeter Hansen, a senior analyst, said the talks went well. (Getty)"
    )
    texts = {m.text for m in mentions}
    assert not any("Getty" in t or "Contributor" in t or "Chronicle" in t for t in texts)
    assert "Peter Hansen" in texts


def test_extract_entities_credit_line_with_photo_label() -> None:
    mentions, _ = _read("Photo: John Smith/AFP\n\nThe minister arrived in Paris on Friday.")
    assert {m.text for m in mentions} == {"Paris"}


def test_extract_entities_calendar_words_never_entities() -> None:
    mentions, _ = _read("On Tuesday, Anna Berg flew to Oslo. March was cold, and Friday will be colder.")
    texts = {m.text for m in mentions}
    assert not texts & {"Tuesday", "March", "Friday"}
    assert {"Anna Berg", "Oslo"} <= texts


def test_extract_entities_hyphenated_name_kept_whole() -> None:
    mentions, _ = _read("He did manage to meet with Kim Jong-un, who traveled by rail, in Vladivostok.")
    assert "Kim Jong-un" in {m.text for m in mentions if m.label == "PERSON"}


def test_extract_entities_lone_heading_is_not_a_person() -> None:
    mentions, _ = _read(
        "Putin flew to Beijing.\n\nUncommon Knowledge\n\nThe magazine challenges conventional wisdom."
    )
    assert "Uncommon Knowledge" not in {m.text for m in mentions}


def test_extract_entities_head_noun_fixes_label() -> None:
    _, ents = _read("Putin came to attend the Belt and Road Summit in the capital.")
    summit = next(e for e in ents if "Summit" in e.name)
    assert summit.label == "EVENT"


def test_extract_entities_platforms_are_not_people() -> None:
    mentions, _ = _read("The hashtag was viewed 220 million times on Weibo and was the top search on Baidu.")
    labels = {m.text: m.label for m in mentions}
    assert labels.get("Weibo") == "ORG" and labels.get("Baidu") == "ORG"


def test_extract_entities_glued_tag_strip_dropped() -> None:
    mentions, _ = _read("Putin met Xi in Beijing.\n\nBeijingBelt and Road ForumChinaGlobal SouthRussia")
    assert not any("Beijing" in m.text and m.start > 25 for m in mentions)


@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!! ???", "1234 5678"])
def test_extract_entities_empty_inputs(text: str) -> None:
    assert _read(text) == ([], [])


def test_extract_entities_spans_point_into_text() -> None:
    text = "Russian President Vladimir Putin met Xi Jinping, China's leader, in Beijing on Tuesday."
    mentions, _ = _read(text)
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_extract_entities_headline_introduces_full_name() -> None:
    nlp = load_nlp()
    body = nlp("Putin landed in Beijing on Tuesday. Putin will meet Xi tomorrow.")
    context = nlp("Russian President Vladimir Putin's visit to Beijing reveals his isolation.")
    mentions, ents = extract_entities(body, context)
    putin = _by_name(ents)["Vladimir Putin"]
    assert putin.key == "person:vladimir_putin" and putin.descriptor == "Russian President"
    assert all(m.start < len(body.text) for m in mentions)
    assert extract_entities(body)[1][0].key == "person:?putin"
