"""Facts: a fragment the parser split off with no end mark goes back to the sentence it starts."""

from __future__ import annotations

from newsprism.extract import extract_article
from newsprism.model import Article, DateInference

LEDE = (
    "Corvantis Systems said on Tuesday it would cut 4,200 jobs, about 11% of its workforce, after revenue "
    "for its fiscal third quarter fell 6% to $8.4 billion, short of the $8.7 billion analysts had expected."
)


def _forced(text: str, starts: list[int]) -> list[str]:
    """The sentences of ``text`` when the parser starts sentences exactly at the ``starts`` offsets."""
    import spacy

    from newsprism.extract.facts import sentence_spans

    doc = spacy.blank("en")(text)
    for token in doc:
        token.is_sent_start = token.idx in starts
    return [text[s:e] for s, e in sentence_spans(doc)]


def test_fragment_without_end_mark_joins_the_next_piece() -> None:
    text = "Lakeshore Ledger\n\n" + LEDE
    lede = text.index("Corvantis")
    assert _forced(text, [0, lede, text.index("Systems")]) == ["Lakeshore Ledger", LEDE]
    # a number ends the fragment just as well: "cut 4,200" | "Jobs went ..."
    numbers = "The firm will cut 4,200 Jobs went first at the plant. Talks went on late."
    assert _forced(numbers, [0, numbers.index("Jobs"), numbers.index("Talks")]) == [
        "The firm will cut 4,200 Jobs went first at the plant.",
        "Talks went on late.",
    ]


def test_paragraph_break_and_end_marks_still_split() -> None:
    text = "Heading without a full stop\n\nThe port reopened on Monday. Ships came back."
    starts = [0, text.index("The port"), text.index("Ships")]
    assert _forced(text, starts) == [
        "Heading without a full stop",
        "The port reopened on Monday.",
        "Ships came back.",
    ]
    colon = "Berg listed three reasons: Cost came first."
    assert _forced(colon, [0, colon.index("Cost")]) == ["Berg listed three reasons:", "Cost came first."]


def test_extract_no_speaker_from_a_split_company_name() -> None:
    body = "Lakeshore Ledger\n\n" + LEDE + "\n\nShares of Corvantis fell 9.2% to $71.40 in extended trading."
    ex = extract_article(
        Article(id="a1", fingerprint="fa1", source="t", body=body, published=DateInference("2026-11-18"))
    )
    texts = [f.text for f in ex.facts]
    assert texts[:2] == ["Lakeshore Ledger", LEDE]
    assert "Corvantis" not in texts
