"""Attribution at comparison time: a dropped attribution against the near misses that are not one.

Every text is written here. Each pair is an original whose quote is attributed in its own
sentence and a rewrite of it; the rewrite drops the attribution, moves it next door, or keeps it.
"""

from __future__ import annotations

import pytest

from newsprism.compare import compare_story
from newsprism.compare.attribution import own_attribution, same_speaker
from newsprism.compare.relations import date_conflict, relate
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Extraction, Quote

WORDS = '"Every contract signed this week deepens our dependence on the port'
TEXTS = {
    "original": f'Samuel Okafor, a senior fellow at the Harlow Institute, spoke in Soria on Monday. {WORDS}," '
    "Okafor said.",
    # the extractor gives the bare quote the speaker of the quote two sentences before it
    "dropped": f'Samuel Okafor spoke in Soria on Monday. "The grain trade will recover," Okafor said. The '
    f'ships arrived late and the crews rested in the old town. {WORDS}."',
    # ... or the subject of the sentence just before, another person
    "inferred": f'Samuel Okafor spoke in Soria on Monday. Lena Ortiz said the ships were late. {WORDS}."',
    "moved": f'Samuel Okafor, a senior fellow at the Harlow Institute, said so in Soria on Monday. {WORDS}."',
    "moved_pronoun": f'Samuel Okafor arrived in Soria on Monday. He spoke to reporters at the harbour. {WORDS}."',
    "chain_a": 'Samuel Okafor spoke in Soria on Monday. "The grain trade will recover by the autumn," Okafor '
    f'said. {WORDS}," he added.',
    "chain_b": 'Samuel Okafor said on Monday in Soria. "The grain trade will recover by the autumn." '
    f'{WORDS}."',
    # the bare quote continues a quotation of another person: the words are given to her
    "continued": 'Lena Ortiz spoke in Soria on Monday. "The grain trade will recover by the autumn," Ortiz '
    f'said. {WORDS}."',
    # ... even when the next paragraph introduces the speaker the other side gives the words to
    "continued_next": 'Lena Ortiz spoke in Soria on Monday. "The grain trade will recover by the autumn," '
    f'Ortiz said. {WORDS}."\n\nSamuel Okafor, a senior fellow at the Harlow Institute, said the ships were late.',
    # nothing before the bare quote attributes it, the sentence after does
    "named_after": f'The ships arrived late in Soria on Monday. {WORDS}." That was the view of Samuel Okafor, '
    "a senior fellow at the Harlow Institute.",
    "kept": f'Samuel Okafor spoke in Soria on Monday. Then he exclaimed: {WORDS}."',
    "other_quote": 'Samuel Okafor spoke in Soria on Monday. "The grain trade will recover by the autumn if the '
    'border stays open," Okafor said.',
    "he_a": f'Lena Ortiz met Samuel Okafor in Soria on Monday. {WORDS}," he said.',
    "he_b": f'Samuel Okafor met Lena Ortiz in Soria on Monday. {WORDS}," he said.',
    "company": f'The harbour board met in Soria on Monday. {WORDS}," the company added.',
    "firm": f'The harbour board met in Soria on Monday. {WORDS}," the firm added.',
    "partial": 'The mayor said his council team had reached a "shared view" after holding a "frank '
    'discussion", but admitted it was "not an easy issue".',
    "days": "The port reopened today after the strike ended yesterday in Soria.",
}
#: Articles published a day later (a rewrite's "today" is the original's "yesterday").
LATER = {"days_later": TEXTS["days"]}


@pytest.fixture(scope="module")
def ex() -> dict[str, Extraction]:
    arts = [_article(k, v, "2025-03-10") for k, v in TEXTS.items()]
    arts += [_article(k, v, "2025-03-11") for k, v in LATER.items()]
    return {e.article_id: e for e in extract_articles(arts)}


def _article(aid: str, body: str, day: str) -> Article:
    return Article(
        id=aid, fingerprint=aid, source=f"{aid}.txt", body=body, outlet=aid,
        published=DateInference(day, "metadata", 1.0),
    )  # fmt: skip


def _fact(ex: Extraction, needle: str = "dependence") -> int:
    return next(f.index for f in ex.facts if needle in f.text)


def _rel(ex: dict[str, Extraction], a: str, b: str, needle: str = "dependence"):
    return relate(ex[a], [_fact(ex[a], needle)], ex[b], [_fact(ex[b], needle)])


def _quote(ex: Extraction, needle: str = "dependence") -> Quote:
    return next(q for q in ex.quotes if needle in q.text)


def test_compare_attribution_own_sentence_or_inherited(ex) -> None:
    assert own_attribution(_quote(ex["original"]), ex["original"])
    assert own_attribution(_quote(ex["kept"]), ex["kept"])  # the extractor's cue: "exclaimed"
    bare = _quote(ex["dropped"])
    assert bare.speaker == "Samuel Okafor"  # inherited from the quote two sentences before ...
    assert not own_attribution(bare, ex["dropped"])  # ... so not the sentence's own


@pytest.mark.parametrize("rewrite", ["dropped", "inferred"])
def test_compare_attribution_dropped_even_when_a_speaker_is_inherited(ex, rewrite: str) -> None:
    rel = _rel(ex, "original", rewrite)
    assert rel.slot == "speaker"
    c = rel.conflicts[0]
    assert c.kind == "dropped_attribution" and (c.a_value, c.b_value) == ("Samuel Okafor", "")
    assert c.detail["inferred_speaker"]  # what a reader would guess is kept for the explanation


@pytest.mark.parametrize("rewrite", ["continued", "continued_next"])
def test_compare_attribution_bare_quote_continuing_another_speaker_is_a_misattribution(
    ex, rewrite: str
) -> None:
    rel = _rel(ex, "original", rewrite)
    assert rel.slot == "speaker"
    c = rel.conflicts[0]
    assert c.kind == "misattribution" and (c.a_value, c.b_value) == ("Samuel Okafor", "Lena Ortiz")


@pytest.mark.parametrize(
    "rewrite",
    [
        "moved",  # "X said so on Monday. '...'"
        "moved_pronoun",  # "He spoke to reporters. '...'"
        "named_after",  # "'...' That was the view of X."
        "kept",  # the same speaker, another cue verb
        "other_quote",  # another quote by the same speaker
    ],
)
def test_compare_attribution_near_misses_are_not_conflicts(ex, rewrite: str) -> None:
    needle = "dependence" if rewrite != "other_quote" else "Okafor said"
    other = relate(ex["original"], [_fact(ex["original"])], ex[rewrite], [_fact(ex[rewrite], needle)])
    assert other.relation == "paraphrase", [c.kind for c in other.conflicts]


def test_compare_attribution_moved_to_a_chain_of_quotes_before(ex) -> None:
    assert _rel(ex, "chain_a", "chain_b").relation == "paraphrase"


def test_compare_attribution_same_frame_resolved_differently_is_no_misattribution(ex) -> None:
    # "..., he said." after two people: the resolution differs, the report does not
    assert _quote(ex["he_a"]).speaker != _quote(ex["he_b"]).speaker
    assert _rel(ex, "he_a", "he_b").relation == "paraphrase"


def test_compare_attribution_company_and_firm_are_one_speaker(ex) -> None:
    assert _rel(ex, "company", "firm").relation == "paraphrase"


def test_compare_attribution_partial_quote_inside_reported_speech(ex) -> None:
    # the same sentence: its partial quote is not compared with the reported clause around it
    assert relate(ex["partial"], [0], ex["partial"], [0]).relation == "paraphrase"


def test_compare_attribution_misspelt_surname_is_the_same_speaker() -> None:
    a = Quote("x", 0, 1, "direct", speaker="Andrew Wetzler", speaker_key="person:andrew_wetzler")
    b = Quote("x", 0, 1, "direct", speaker="Andrew Welzler", speaker_key="person:andrew_welzler")
    c = Quote("x", 0, 1, "direct", speaker="Andrew Walker", speaker_key="person:andrew_walker")
    assert same_speaker(a, b) and not same_speaker(a, c)


def test_compare_attribution_relative_dates_against_two_publication_dates(ex) -> None:
    a, b = ex["days"], ex["days_later"]
    assert {t.value for t in a.timexes} != {t.value for t in b.timexes}  # resolved one day apart
    assert date_conflict(a, [0], b, [0]) is None  # the same words: no conflict


def test_compare_attribution_story_flags_a_short_bare_quote() -> None:
    """A short bare quote scores near 0 against its long attributed sentence: aligned by its words."""
    original = (
        "The port of Soria reopened on Monday after a two-week strike by dock workers. "
        '"It is about plain greed now," said Mr Okafor, explaining why the talks had failed.'
    )
    rewrite = 'The port of Soria reopened on Monday after a two-week strike by dock workers. "It is about plain greed now."'
    arts = [_article("orig", original, "2025-03-10"), _article("rew", rewrite, "2025-03-11")]
    report = compare_story(arts, extract_articles(arts), scorer=PairScorer.load(semantic=False))
    dropped = [f for f in report.findings if f.kind == "dropped_attribution"]
    assert len(dropped) == 1, [f.explanation for f in report.findings]
    assert dropped[0].passages[0].article_id == "rew"
    assert "without saying who said it" in dropped[0].explanation
