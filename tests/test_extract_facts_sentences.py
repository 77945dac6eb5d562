"""Facts: sentence spans, quotation and paragraph rules, slots, timeline, batch extraction."""

from __future__ import annotations

import pickle

import pytest

from newsprism.extract import extract_article, extract_articles
from newsprism.model import Article, DateInference, Extraction, from_dict, to_dict

BODY = (
    "Minister Anna Berg flew to Oslo on Monday. She met the Norwegian premier there.\n\n"
    '"We will sign the deal. It matters to both nations," Berg told reporters. Talks went on late.\n\n'
    "Heading without a full stop\n"
    "The port costs $5bn and employs 3,000 people, said Lars Nilsen, a local economist. Berg agreed."
)


def _article(body: str = BODY, aid: str = "a1") -> Article:
    return Article(
        id=aid, fingerprint="f" + aid, source="test", body=body, published=DateInference("2024-05-08")
    )


def test_extract_facts_cover_body_in_order() -> None:
    ex = extract_article(_article())
    assert [f.index for f in ex.facts] == list(range(len(ex.facts)))
    for f in ex.facts:
        assert BODY[f.start : f.end] == f.text and f.article_id == "a1"
    assert all(a.end <= b.start for a, b in zip(ex.facts, ex.facts[1:], strict=False))
    covered = "".join(BODY[f.start : f.end] for f in ex.facts)
    assert covered.replace(" ", "") == "".join(BODY.split())


def test_extract_facts_quote_not_split_and_paragraphs_hard() -> None:
    ex = extract_article(_article())
    texts = [f.text for f in ex.facts]
    assert '"We will sign the deal. It matters to both nations," Berg told reporters.' in texts
    assert "Heading without a full stop" in texts
    assert not any("\n\n" in t for t in texts)


def test_extract_facts_slots_and_lemmas() -> None:
    ex = extract_article(_article())
    first = ex.facts[0]
    assert "person:anna_berg" in first.entity_keys and "place:oslo" in first.entity_keys
    assert {"fly", "oslo", "monday"} <= set(first.lemmas)
    assert not {"to", "on", "."} & set(first.lemmas)
    nilsen = next(f for f in ex.facts if "Nilsen" in f.text)
    assert "person:lars_nilsen" in nilsen.entity_keys
    assert next(e for e in ex.entities if e.key == "person:anna_berg").mentions == 3


def test_extract_facts_speaker_keys_from_quotes() -> None:
    pytest.importorskip("newsprism.extract.quotes")
    ex = extract_article(_article())
    quote = next(q for q in ex.quotes if q.text.startswith("We will sign"))
    assert quote.speaker_key == "person:anna_berg"
    fact = ex.facts[quote.sentence]
    assert fact.text.startswith('"We will sign')
    assert "person:anna_berg" in fact.speaker_keys and ex.quotes.index(quote) in fact.quote_indices


def test_extract_facts_dates_and_timeline() -> None:
    pytest.importorskip("newsprism.extract.dates")
    ex = extract_article(_article())
    monday = next(t for t in ex.timexes if t.text.endswith("Monday"))
    assert monday.sentence == 0 and monday.value in ex.facts[0].timex_values
    assert monday.value == "2024-05-06"
    assert [e.value for e in ex.timeline] == sorted(e.value for e in ex.timeline)
    entry = next(e for e in ex.timeline if e.value == "2024-05-06")
    assert entry.sentence == 0 and "person:anna_berg" in entry.entity_keys and entry.article_id == "a1"


def test_extract_facts_timeline_holds_a_time_on_its_day() -> None:
    pytest.importorskip("newsprism.extract.dates")
    from newsprism.model import Article, DateInference

    body = "The council approved the plant on Monday evening after a four-hour debate in the city hall."
    art = Article(
        id="t1", fingerprint="t1", source="t1.txt", body=body, published=DateInference("2025-03-04")
    )
    ex = extract_article(art)
    assert ("Monday evening", "2025-03-03TEV") in [(t.text, t.value) for t in ex.timexes]
    assert [(e.value, e.phrase) for e in ex.timeline] == [("2025-03-03", "Monday evening")]


def test_extract_facts_quantities_slot() -> None:
    pytest.importorskip("newsprism.extract.quantities")
    ex = extract_article(_article())
    port = next(f for f in ex.facts if "$5bn" in f.text)
    assert 5e9 in port.quantities and 3000.0 in port.quantities
    assert all(q.sentence is not None and ex.facts[q.sentence].start <= q.start for q in ex.quantities)


def test_extract_facts_empty_body() -> None:
    ex = extract_article(_article(""))
    assert ex.facts == [] and ex.entities == [] and ex.timeline == []


def test_extract_facts_too_long_body_refused() -> None:
    from newsprism.errors import InputError
    from newsprism.extract import MAX_BODY_CHARS

    with pytest.raises(InputError) as info:
        extract_articles([_article("word " * (MAX_BODY_CHARS // 5 + 1), "big")])
    assert info.value.code == "E033" and "big" in info.value.message


def _batch() -> list[Article]:
    other = "Oslo hosted the summit. Lars Nilsen, an economist, said prices rose 3% in March."
    return [_article(BODY, "a1"), _article(other, "a2"), _article("", "a3"), _article(BODY.upper(), "a4")]


def test_extract_facts_batch_matches_single_and_pickles() -> None:
    batch = _batch()
    many = extract_articles(batch, batch_size=2)
    assert [e.article_id for e in many] == ["a1", "a2", "a3", "a4"]
    assert many[0] == extract_article(batch[0])
    assert pickle.loads(pickle.dumps(many)) == many
    assert from_dict(Extraction, to_dict(many[1])) == many[1]


def test_extract_facts_two_processes_same_result() -> None:
    batch = _batch()
    assert extract_articles(batch, n_process=2, batch_size=1) == extract_articles(batch, n_process=1)


def test_extract_facts_new_opening_mark_ends_an_unclosed_quote() -> None:
    body = (
        '"The port will reopen in May. The cranes are ready. '
        '"We expect the first ship in June," Berg told reporters. Talks went on late.'
    )
    ex = extract_article(_article(body))
    assert any(f.text.startswith('"We expect the first ship') for f in ex.facts)
    assert all(len(f.text) < 90 for f in ex.facts)


#: Quotations ending a paragraph whose closing mark the parser puts in a sentence of its own.
CLOSED = [
    '"Every crane here is a promise to the crews that they are not alone."',
    'Lars Nilsen, an economist in Oslo, told reporters: "The port needs Berg far more than Berg needs '
    'the port. Its trade has tied itself to Danish buyers."',
    'Berg said the council had been "careful not to promise too much."',
]


@pytest.mark.parametrize(
    ("body", "closed"),
    [
        (
            f'"The harbour will stay open all winter," Berg said. {CLOSED[0]}\n\nLars Nilsen said prices rose.',
            CLOSED[0],
        ),
        (f'{CLOSED[1]}\n\n"Every ship counts."', CLOSED[1]),
        (f"{CLOSED[2]}\n\nTalks went on late.", CLOSED[2]),
    ],
)
def test_extract_facts_closing_mark_stays_with_its_sentence(body: str, closed: str) -> None:
    ex = extract_article(_article(body))
    texts = [f.text for f in ex.facts]
    assert all(any(c.isalnum() for c in t) for t in texts), texts  # no fact is punctuation only
    assert closed in texts
    assert all(t.count('"') % 2 == 0 for t in texts)


def _forced(text: str, starts: list[int]) -> list[str]:
    """The sentences of ``text`` when the parser starts sentences exactly at the ``starts`` offsets."""
    import spacy

    from newsprism.extract.facts import sentence_spans

    doc = spacy.blank("en")(text)
    for token in doc:
        token.is_sent_start = token.idx in starts
    return [text[s:e] for s, e in sentence_spans(doc)]


def test_extract_facts_closing_mark_split_off_by_the_parser() -> None:
    text = 'Berg said it was "not alone." Talks went on late.'
    # the mark alone, and the mark at the head of the next sentence
    assert _forced(text, [0, text.index('" T')]) == ['Berg said it was "not alone."', "Talks went on late."]
    lone = 'Berg said: "We are not alone."'
    assert _forced(lone, [0, len(lone) - 1]) == [lone]
    curly = "Berg said: “We are not alone.” Talks went on late."
    assert _forced(curly, [0, curly.index("”")]) == ["Berg said: “We are not alone.”", "Talks went on late."]


def test_extract_facts_opening_mark_after_a_sentence_end_is_not_closing() -> None:
    text = '"The port will reopen in May. "We expect the first ship in June," Berg said.'
    second = text.index('"We')
    assert _forced(text, [0, second]) == [text[:second].strip(), text[second:]]


def test_extract_facts_demo_story_has_no_punctuation_only_fact() -> None:
    from newsprism.clean import clean
    from newsprism.demo import demo_sources
    from newsprism.ingest import read_sources
    from newsprism.model import RawDocument

    docs = [d for d in read_sources(demo_sources()) if isinstance(d, RawDocument)]
    for ex in extract_articles([clean(d) for d in docs]):
        assert all(any(c.isalnum() for c in f.text) for f in ex.facts), ex.article_id
        handshake = [f.text for f in ex.facts if f.text.startswith('"Every handshake here')]
        assert all(t.endswith('alone."') or t.endswith("said.") for t in handshake)


def test_extract_facts_timeline_keeps_ranges_of_days() -> None:
    pytest.importorskip("newsprism.extract.dates")
    body = "Keller is in Soria for the Amber Coast Trade Forum on May 9-10, and will meet Hollis tomorrow."
    ex = extract_article(_article(body))
    values = {e.value: e.phrase for e in ex.timeline}
    assert values == {"2024-05-09/2024-05-10": "May 9-10", "2024-05-09": "tomorrow"}


def test_extract_facts_timeline_holds_weeks_and_quarters_in_calendar_order() -> None:
    pytest.importorskip("newsprism.extract.dates")
    from newsprism.model import Article, DateInference

    body = (
        "Sales fell in the third quarter, the company said. The new plant opens next week. "
        "The board met on Friday."
    )
    art = Article(
        id="t2", fingerprint="t2", source="t2.txt", body=body, published=DateInference("2025-03-04")
    )
    ex = extract_article(art)
    assert [(e.value, e.phrase) for e in ex.timeline] == [
        ("2024-Q3", "the third quarter"),
        ("2025-02-28", "Friday"),
        ("2025-W11", "next week"),
    ]


def test_extract_facts_an_abbreviated_title_ends_no_sentence() -> None:
    body = (
        "Harbour police spokesperson Sgt. Ivo Marin said two boats were seized. "
        "The owners were questioned by Insp. Dana Roth on Friday."
    )
    ex = extract_article(_article(body))
    assert [f.text for f in ex.facts] == [
        "Harbour police spokesperson Sgt. Ivo Marin said two boats were seized.",
        "The owners were questioned by Insp. Dana Roth on Friday.",
    ]


def test_extract_facts_timeline_shows_a_sentence_once_at_its_finest_date() -> None:
    pytest.importorskip("newsprism.extract.dates")
    from newsprism.model import Article, DateInference

    body = "Okafor will be sworn in at next month's inauguration on January 12. Sales fell in 2025."
    art = Article(
        id="t3", fingerprint="t3", source="t3.txt", body=body, published=DateInference("2025-12-08")
    )
    assert [(e.value, e.phrase) for e in extract_article(art).timeline] == [
        ("2025", "2025"),
        ("2026-01-12", "January 12"),
    ]
