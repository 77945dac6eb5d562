"""Speakers a news story describes rather than names: an unnamed worker a later "she" refers to, a
document that speaks, an organisation with a label before its name, and affiliations written in a
relative clause or a sentence-initial "At ...". Made-up coverage of a fictional layoff."""

from __future__ import annotations

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Quote


def quotes(text: str) -> list[Quote]:
    return extract_quotes(load_nlp()(text))


def by_text(found: list[Quote], start: str) -> Quote:
    return next(q for q in found if q.text.startswith(start))


def test_pronoun_after_unnamed_speaker_is_that_speaker() -> None:
    text = (
        "Dorian Vale, a spokesman for the Brightline Union, said the members would vote next week.\n\n"
        "One nurse at the Kessel clinic, who asked not to be named because she feared for her job, "
        "said the ward had been short of staff for months.\n\n"
        '"We were told nothing about the closure," she said. "Nobody called us."'
    )
    found = quotes(text)
    for start in ("We were told nothing", "Nobody called us"):
        q = by_text(found, start)
        assert q.speaker == "One nurse" and q.vague, q
    assert by_text(found, "the members would vote").speaker == "Dorian Vale"


def test_pronoun_of_the_other_gender_skips_the_unnamed_speaker() -> None:
    text = (
        "Dorian Vale, a spokesman for the Brightline Union, said the members would vote next week. "
        "One nurse at the clinic, who asked not to be named because she feared for her job, said the "
        "ward was short of staff.\n\n"
        '"We will take this to the board," he said.'
    )
    assert by_text(quotes(text), "We will take this").speaker == "Dorian Vale"


def test_document_speaker_is_no_person() -> None:
    found = quotes("According to the memo, laid-off staff at the Kessel plant will get 12 weeks of pay.")
    q = by_text(found, "laid-off staff")
    assert q.vague and q.speaker == "memo"
    q = by_text(quotes("The memo said the Kessel plant would close in March."), "the Kessel plant")
    assert q.vague


def test_label_before_an_organisation_is_not_its_name() -> None:
    q = quotes("Chip maker Brantel Systems announced Tuesday that it would cut 900 jobs.")[0]
    assert q.speaker == "Brantel Systems"


def test_affiliation_in_a_relative_clause() -> None:
    text = (
        "Ines Calloway, who covers Brantel for the investment bank Morrow & Co., said the market "
        "was worried about the outlook."
    )
    q = quotes(text)[0]
    assert q.speaker == "Ines Calloway"
    assert q.descriptor == "the investment bank Morrow & Co."


def test_title_and_sentence_initial_affiliation() -> None:
    text = (
        "At the Technical Workers Alliance, which represents about 6,000 Brantel workers, national "
        "spokesperson Gloria Nunez said the union had asked the company for a meeting."
    )
    q = quotes(text)[0]
    assert q.speaker == "Gloria Nunez"
    assert q.descriptor == "national spokesperson at the Technical Workers Alliance"


def test_cfo_is_a_title_not_part_of_the_name() -> None:
    q = quotes("CFO Raj Menon said the company expects further job cuts this fiscal year.")[0]
    assert q.speaker == "Raj Menon"


def test_participle_between_commas_is_no_affiliation_and_a_hyphenated_title_is() -> None:
    # "launching the report ..." says what the speaker was doing, not who the speaker is
    (q,) = quotes(
        "UN Under-Secretary-General Ilse Marrow, launching the report in Vessen on Tuesday, said the "
        "targets were slipping away."
    )
    assert (q.speaker, q.descriptor) == ("Ilse Marrow", "UN Under-Secretary-General")
    (q,) = quotes("Mira Hollis, speaking to reporters in Soria, said the port would reopen.")
    assert q.speaker == "Mira Hollis" and q.descriptor is None
