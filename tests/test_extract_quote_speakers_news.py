"""Speakers a news story describes rather than names: an unnamed worker a later "she" refers to, a
document that speaks, an organisation with a label before its name, and affiliations written in a
relative clause or a sentence-initial "At ...". Made-up coverage of a fictional layoff."""

from __future__ import annotations

import pytest

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


# Made-up coverage of a fictional school-closure hearing: two people share a surname, a pronoun
# follows a sentence with a subject and an object, and titles or owners are written before a name.


def test_bare_surname_is_the_nearest_person_of_that_name_before_it() -> None:
    text = (
        "Priya Okafor, a teacher at Linden School, said the plan would close the playground.\n\n"
        "Samuel Okafor, her brother, spoke at the hearing on Tuesday.\n\n"
        '"We will keep fighting for that school," Okafor said.'
    )
    found = quotes(text)
    assert by_text(found, "We will keep fighting").speaker == "Samuel Okafor"
    assert by_text(found, "We will keep fighting").descriptor == "her brother"
    assert by_text(found, "the plan would close").speaker == "Priya Okafor"


def test_gender_is_kept_per_person_not_per_surname() -> None:
    text = (
        "Councillor Tomas Brandt opened the hearing on Tuesday evening in the crowded gymnasium of "
        "the old Linden School building on Mill Street. More than 200 parents, pupils and teachers "
        "came to the hearing, and many stood at the back.\n\n"
        "Priya Okafor, a teacher at Linden School, said the plan would close the playground. She has "
        "taught there for 12 years, and she coaches its chess club.\n\n"
        "Outside the hall, Samuel Okafor stood with a hand-painted sign.\n\n"
        '"They never asked the parents," he said.'
    )
    assert by_text(quotes(text), "They never asked").speaker == "Samuel Okafor"


@pytest.mark.parametrize("mayor", ["Joan Calder", "Carla Benson"])
def test_pronoun_prefers_the_subject_over_the_object_of_the_sentence_before(mayor: str) -> None:
    # the model tags the bare "Calder" as no entity at all, "Benson" as a person
    text = (
        f"{mayor}, the mayor, opened the session on Tuesday.\n\n"
        f"{mayor.split()[1]} thanked Victor Rourke for the petition as she closed the debate. "
        '"This council will not close a school without a vote," she said.'
    )
    assert by_text(quotes(text), "This council will not").speaker == mayor


def test_title_written_where_a_person_was_introduced() -> None:
    text = (
        "Superior Court Judge Ana Whitcombe ordered the district to keep the school open until June.\n\n"
        "Assistant District Attorney Leon Marek had asked for a longer order.\n\n"
        '"The district ignored its own rules," Whitcombe said. "That cannot stand."\n\n'
        '"We respect the ruling," Marek said.'
    )
    found = quotes(text)
    q = by_text(found, "The district ignored")
    assert (q.speaker, q.descriptor) == ("Ana Whitcombe", "Superior Court Judge")
    q = by_text(found, "We respect the ruling")
    assert (q.speaker, q.descriptor) == ("Leon Marek", "Assistant District Attorney")


def test_prosecutor_and_a_lowercase_title_before_a_name() -> None:
    (q,) = quotes("Prosecutor Leon Marek told reporters that the district had broken its own rules.")
    assert (q.speaker, q.descriptor) == ("Leon Marek", "Prosecutor")
    (q,) = quotes("About 200 parents came to the meeting, league president Oren Feld said.")
    assert (q.speaker, q.descriptor) == ("Oren Feld", "league president")


def test_an_office_keeps_its_owner() -> None:
    (q,) = quotes("The school will close in June, according to the county assessor's office.")
    assert q.speaker == "the county assessor's office"
    (q,) = quotes("The mayor's office said the vote would take place in March.")
    assert q.speaker == "The mayor's office"


def test_an_organisation_named_with_of_is_one_speaker() -> None:
    text = (
        "The Norland Chamber of Shipping, which represents 300 ferry operators, warned that the new port "
        "fees would hit trade. Ida Lund of the Norland Chamber of Shipping said the fees were too high."
    )
    found = quotes(text)
    chamber = by_text(found, "the new port fees")
    assert (chamber.speaker, chamber.descriptor) == ("Norland Chamber of Shipping", None)
    lund = by_text(found, "the fees were too high")
    assert (lund.speaker, lund.descriptor) == ("Ida Lund", "of the Norland Chamber of Shipping")


def test_a_vague_speaker_keeps_whom_it_speaks_for() -> None:
    from newsprism.compare.attribution import same_speaker

    text = (
        "A spokeswoman for the Kessel Ferry Union said the crews would strike on Monday. "
        "A spokeswoman for Harbour Lines said the company would not comment. "
        "A person familiar with the talks said a deal was close. Experts say the strike will spread."
    )
    found = quotes(text)
    union, company = by_text(found, "the crews would strike"), by_text(found, "the company would not")
    assert (union.speaker, union.vague, union.descriptor) == (
        "spokeswoman",
        True,
        "for the Kessel Ferry Union",
    )
    assert company.descriptor == "for Harbour Lines"
    assert by_text(found, "a deal was close").descriptor == "familiar with the talks"
    assert by_text(found, "the strike will spread").descriptor is None
    # two spokeswomen of two bodies are two speakers; an undescribed one may be either
    assert not same_speaker(union, company)
    assert same_speaker(union, Quote("x", 0, 1, "indirect", speaker="spokeswoman", vague=True))


def test_a_clause_joined_after_an_inserted_attribution_and_a_hyphenated_name() -> None:
    text = (
        "The pill could also help people without diabetes, Marsh-Ibarra said, but she cautioned that it "
        "has not yet been tested in them."
    )
    found = quotes(text)
    said = by_text(found, "The pill could also help")
    assert (said.speaker, said.text) == ("Marsh-Ibarra", "The pill could also help people without diabetes")
    assert not [q for q in found if q.text.startswith("but")]


def test_a_form_of_address_is_no_affiliation() -> None:
    found = quotes(
        '"The results are clear," said Dr. Helena Marsh. Senator Ana Ruiz said the vote was close.'
    )
    assert by_text(found, "The results are clear").descriptor is None
    assert by_text(found, "the vote was close").descriptor == "Senator"
    from newsprism.extract.entities import extract_entities

    nlp = load_nlp()
    entities = extract_entities(nlp("Dr. Helena Marsh leads the trial. Senator Ana Ruiz agreed."))[1]
    assert {e.name: e.descriptor for e in entities} == {"Helena Marsh": None, "Ana Ruiz": "Senator"}
