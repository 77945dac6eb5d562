"""Reported speech that states nothing (a negated or refused cue, an indirect question) is no claim,
and titles or affiliations written around a name are the speaker's descriptor. Made-up coverage of a
fictional wildfire and drug launch."""

from __future__ import annotations

import pytest

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quotes import Attribution, extract_attributions, extract_quotes
from newsprism.model import Quote


def quotes(text: str) -> list[Quote]:
    return extract_quotes(load_nlp()(text))


def attributions(text: str) -> list[Attribution]:
    return extract_attributions(load_nlp()(text))


WITHHELD = [
    "Calder has not said how much the drug would cost.",
    "The company has not revealed what the drug will cost.",
    "A company spokesman declined to say whether any of its lines were near the point where the fire started.",
    "The utility confirmed the outage, but a spokesman would not say whether any of its lines ran near the ridge.",
    "Calder did not say whether the price would rise.",
    "Calder wouldn't confirm that the plant would close.",
    "Calder never said that the plant would close.",
    "The company would neither confirm nor deny that the plant would close.",
    "Calder has yet to say whether the plant would close.",
    "Calder refused to disclose that the trial had been halted.",
    # the clause alone would state the opposite of the belief
    "Calder does not think the plant will close.",
]


@pytest.mark.parametrize("text", WITHHELD)
def test_negated_or_refused_speech_is_no_claim(text: str) -> None:
    assert [q for q in quotes(text) if q.kind == "indirect"] == []
    # still an attribution (the evaluation corpus annotates it), marked as no claim
    found = [a for a in attributions(text) if a.quote.kind == "indirect"]
    assert found and not any(a.claim for a in found)


@pytest.mark.parametrize(
    "text",
    ["Calder asked how the plant would pay its debts.", "Calder explained why the plant closed."],
)
def test_indirect_question_is_no_claim(text: str) -> None:
    assert [q for q in quotes(text) if q.kind == "indirect"] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Calder said that the plant would close next year.", "the plant would close next year"),
        ("Calder did not hesitate to say that the plant would close.", "the plant would close"),
        (
            "Calder said if the plant closes, hundreds of jobs would go.",
            "if the plant closes, hundreds of jobs would go",
        ),
        ("Calder said when he arrived, the doors were locked.", "when he arrived, the doors were locked"),
    ],
)
def test_plain_statement_stays_a_claim(text: str, content: str) -> None:
    found = [q for q in quotes(text) if q.kind == "indirect"]
    assert [(q.speaker, q.text) for q in found] == [("Calder", content)]


def test_negation_inside_the_clause_or_not_only_keeps_the_claim() -> None:
    text = "Calder says that was not the first recall, nor would it be the last."
    assert [q.speaker for q in quotes(text) if q.kind == "indirect"] == ["Calder"]
    text = "Calder not only said that the plant would close but also blamed the board."
    assert [q.speaker for q in quotes(text) if q.kind == "indirect"] == ["Calder"]


def test_only_the_negated_half_of_a_sentence_is_dropped() -> None:
    text = "Calder did not say that the plant would close, but added that it would shrink."
    found = [q for q in quotes(text) if q.kind == "indirect"]
    assert [(q.text, q.cue) for q in found] == [("it would shrink", "add")]


def test_direct_quote_with_a_negation_inside_is_still_a_quote() -> None:
    text = 'Rescue crews pulled back at dusk. "We will not say more tonight," Chief Ana Ruiz said.'
    found = quotes(text)
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("direct", "We will not say more tonight", "Ana Ruiz")
    ]


def test_county_title_before_a_name_is_the_descriptor() -> None:
    for text in (
        "Grant County Sheriff Tom Bauer said the fire started near the highway.",
        '"The fire started near the highway," said Grant County Sheriff Tom Bauer.',
    ):
        (quote,) = quotes(text)
        assert (quote.speaker, quote.descriptor) == ("Tom Bauer", "Grant County Sheriff")


@pytest.mark.parametrize(
    ("text", "descriptor"),
    [
        (
            "Glen Whitaker, a spokesman for Northfork Power Co., said the lines were inspected in May.",
            "a spokesman for Northfork Power Co.",
        ),
        (
            "Northfork Power Co. spokesman Glen Whitaker said the lines were inspected in May.",
            "Northfork Power Co. spokesman",
        ),
        (  # the parser hangs "Co." on the verb here: the descriptor must not stop at "for"
            '"We are cooperating fully," said Glen Whitaker, a spokesman for Northfork Power Co. The fire '
            "burned 300 acres.",
            "a spokesman for Northfork Power Co.",
        ),
    ],
)
def test_company_affiliation_is_kept_in_the_descriptor(text: str, descriptor: str) -> None:
    quote = next(q for q in quotes(text) if q.speaker == "Glen Whitaker")
    assert quote.descriptor == descriptor
