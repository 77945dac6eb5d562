"""Speakers: a titled full name the small model tags as an organisation ("Governor Helena Marsh said") is a
person: a later "she said" goes to her, not to a man named before; "Fishers ... say" is a vague group."""

from __future__ import annotations

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quotes import extract_quotes

TEXT = (
    '"The rain has lasted longer than we forecast, and we now expect it to ease on Tuesday," said '
    "forecaster Tomas Reyne.\n\nGovernor Helena Marsh said the region would ask for national disaster "
    'funds. "We will rebuild every road and every bridge this storm has taken," she said.'
)


def test_extract_quote_speakers_a_titled_name_tagged_org_is_the_she_of_the_next_quote() -> None:
    quotes = {q.text[:20]: q.speaker for q in extract_quotes(load_nlp()(TEXT))}
    assert quotes["We will rebuild ever"] == "Helena Marsh"
    assert quotes["The rain has lasted "] == "Tomas Reyne"


def test_extract_quote_speakers_an_untitled_organisation_stays_one() -> None:
    text = 'Harbour Rail said the line would reopen. "We apologise for the delay," it said.'
    speakers = {q.speaker for q in extract_quotes(load_nlp()(text))}
    assert "Harbour Rail" in speakers  # no title before it: an organisation, and "it" is its pronoun


def test_extract_quote_speakers_an_adjective_title_makes_no_person() -> None:
    from newsprism.extract.entities import speaks_as_person

    doc = load_nlp()("The state Supreme Court said the law was void.")
    courts = [e for e in doc.ents if "Court" in e.text]
    assert courts and not any(speaks_as_person(e) for e in courts)  # "state" is no title of a person


def test_extract_quote_speakers_a_plural_of_people_is_a_vague_group() -> None:
    text = (
        "Fishers in the archipelago say they have already noticed the change. Mayor Ines Varga said the "
        "harbour would stay open."
    )
    speakers = {q.speaker: q.vague for q in extract_quotes(load_nlp()(text))}
    assert speakers == {"Fishers": True, "Ines Varga": False}
