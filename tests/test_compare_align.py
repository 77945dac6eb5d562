"""Fact alignment: candidate index, claims, one-to-one and one-to-many pairs, relations."""

from __future__ import annotations

import pytest

from newsprism.compare.align import (
    MAX_CANDIDATES,
    align_articles,
    align_story,
    candidate_pairs,
    claim_match,
    claims,
    same_text,
    story_index,
)
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Extraction, Fact, Mention

ORIGINAL = (
    "The port of Soria reopened on Monday after a two-week strike by dock workers. "
    "Harbour master Lena Ortiz said 40 cargo ships were still waiting outside the breakwater. "
    '"We will clear the whole queue by Friday," Ortiz said. "Every berth in the harbour is already booked." '
    "The city council has not commented on the cost of the strike."
)
REWRITE = (
    "The port of Soria reopened on Monday after a two-week strike by dock workers. "
    "Forty cargo ships were still waiting outside the breakwater, according to harbour master Lena Ortiz, "
    "who promised to clear the whole queue by Friday because every berth in the harbour is already booked. "
    "Grain prices in Soria fell sharply on the news."
)


@pytest.fixture(scope="module")
def scorer() -> PairScorer:
    return PairScorer.load(semantic=False)


@pytest.fixture(scope="module")
def pair() -> list[Extraction]:
    arts = [
        Article(id=k, fingerprint=k, source=k, body=v, outlet=k, published=DateInference("2025-03-10"))
        for k, v in (("orig", ORIGINAL), ("rewrite", REWRITE))
    ]
    return extract_articles(arts)


def _fact(i: int, lemmas: list[str], keys: list[str] | None = None) -> Fact:
    return Fact("x", i, i * 10, i * 10 + 9, " ".join(lemmas), entity_keys=keys or [], lemmas=lemmas)


def test_compare_align_candidates_are_capped_never_all_pairs() -> None:
    n = 40
    a = Extraction("a", facts=[_fact(i, ["port", "strike", f"word{i}", f"thing{i}"]) for i in range(n)])
    b = Extraction("b", facts=[_fact(i, ["port", "strike", f"word{i}", f"other{i}"]) for i in range(n)])
    cands = candidate_pairs(a, b, story_index([a, b]))
    assert len(cands) <= 2 * MAX_CANDIDATES * n < n * n
    assert all((i, i) in cands for i in range(n))  # the rare shared word wins


def test_compare_align_claims_match_on_names_around_a_predicate() -> None:
    text_a = "Russia has become politically and economically dependent on China under Putin."
    text_b = "The war has made Russia far more dependent on China, Thomas said."
    exs = []
    for aid, text in (("a", text_a), ("b", text_b)):
        mentions = [
            Mention(name, "GPE", text.index(name), text.index(name) + len(name), f"place:{name.lower()}")
            for name in ("Russia", "China")
        ]
        exs.append(Extraction(aid, mentions=mentions, facts=[Fact(aid, 0, 0, len(text), text)]))
    ca, cb = claims(exs[0], exs[0].facts[0]), claims(exs[1], exs[1].facts[0])
    assert ("place:russia", "depen", "place:china") in ca
    assert claim_match(ca, cb)
    assert not claim_match(ca, [("place:russia", "depen", "place:india")])


def test_compare_align_same_text_ignores_case_quotes_and_spacing() -> None:
    assert same_text("“Every berth is booked,” Ortiz said.", '"every berth is booked,"  Ortiz said.')
    assert not same_text("Every berth is booked.", "Half the berths are empty tonight.")
    # one changed figure makes another text, however close the rest ("$11bn (£8.5bn)" / "(£6bn)")
    lead = "The mayor of Soria signed a hidden deal worth $11bn (£8.5bn) with the port authority last week."
    assert not same_text(lead, lead.replace("8.5", "6"))
    assert same_text(lead, lead.replace("hidden", "secret"))
    # a judgement put in front is another text, however much of the sentence it keeps
    vote = (
        "Challenger Ada Okafor won the mayoral election in Port Calder with 52.4 percent of the vote, "
        "ending twelve years of People's Party rule at city hall, official results showed on Monday."
    )
    assert not same_text(vote, "In a stunning upset that nobody saw coming, c" + vote[1:])
    assert same_text(lead, "SORIA - " + lead)  # a dateline is no judgement


def test_compare_align_one_to_one_and_one_to_many(pair: list[Extraction], scorer: PairScorer) -> None:
    orig, rewrite = pair
    pairs = align_articles(orig, rewrite, scorer, story_index(pair))
    found = {(tuple(p.a_facts), tuple(p.b_facts)): p for p in pairs}
    assert found[((0,), (0,))].relation == "same"
    # one long rewrite sentence folds the three sentences of the original
    merged = found[((1, 2, 3), (1,))]
    assert merged.relation == "paraphrase" and merged.slot is None
    # the council and the grain prices are reported by one article each
    assert not any(4 in p.a_facts or 2 in p.b_facts for p in pairs)


def test_compare_align_story_is_deterministic(pair: list[Extraction], scorer: PairScorer) -> None:
    assert align_story(pair, scorer) == align_story(pair, scorer)
    assert all(p.a_article == "orig" for p in align_story(pair, scorer))


RATE_WIRE = (
    "The Tolvane Water Authority will raise household water rates by 14 percent from July to pay for a new "
    "filtration plant at Mirren Lake, the authority's board decided on Tuesday, despite objections from two "
    "members. The plant will take three years to build and replaces one that opened in 1961. Board chair "
    "Ines Catral said the old plant had failed three state inspections since 2019. Residents can comment on "
    "the plan at a public hearing at the Tolvane library on May 2."
)
RATE_FARM = (
    "Households served by the Tolvane Water Authority face a 41 percent jump in water bills starting in July, "
    "after the board approved the increase on Tuesday to fund a filtration plant at Mirren Lake. The plant "
    "will take three years to build and replaces one that opened in 1961. Board chair Ines Catral said the "
    "old plant had failed three state inspections since 2019. Residents can comment on the plan at a public "
    "hearing at the Tolvane library on May 2."
)
FIRE_ONE = "Medics said 9 people were treated for smoke inhalation after a fire at the old Tolvane plant."
FIRE_TWO = "Neighbours said as many as 30 people had been inside the old Tolvane plant."


def _extractions(texts: dict[str, str]) -> list[Extraction]:
    return extract_articles(
        [
            Article(id=k, fingerprint=k, source=k, body=v, outlet=k, published=DateInference("2025-03-10"))
            for k, v in texts.items()
        ]
    )


@pytest.mark.parametrize("semantic", [False, True])
def test_compare_align_a_rewrite_changing_a_paraphrased_figure_is_a_number_conflict(semantic: bool) -> None:
    # MRPC scores a paraphrase with another number low (0.29 lexical): in a rewrite, scored with
    # the figure put back it is the same fact, so the changed 14 -> 41 percent is flagged
    if semantic:
        pytest.importorskip("sentence_transformers", reason="the semantic extra is not installed")
    exs = _extractions({"wire": RATE_WIRE, "farm": RATE_FARM})
    pairs = align_articles(exs[0], exs[1], PairScorer.load(semantic=semantic), story_index(exs))
    found = {(tuple(p.a_facts), tuple(p.b_facts)): p for p in pairs}
    assert (found[((0,), (0,))].relation, found[((0,), (0,))].slot) == ("conflict", "number")


@pytest.mark.parametrize("semantic", [False, True])
def test_compare_align_independent_reports_counting_other_people_are_not_paired(semantic: bool) -> None:
    # near miss: other people counted at another moment, in reports that share nothing else
    if semantic:
        pytest.importorskip("sentence_transformers", reason="the semantic extra is not installed")
    exs = _extractions({"one": FIRE_ONE, "two": FIRE_TWO})
    assert align_articles(exs[0], exs[1], PairScorer.load(semantic=semantic), story_index(exs)) == []


GLACIER_WIRE = (
    "Alpine glaciers lost a record 4 percent of their ice last summer, the Swiss monitoring network said. "
    '"Melting of this kind used to take a decade, now it takes one season," said Rolf Anker, head of the '
    "Glacier Monitoring Office. "
    "Glaciologist Nadia Ferrand of the University of Lausanne said the retreat was speeding up in the east. "
    '"Nine glaciers have already split in two," Ferrand said.'
)
GLACIER_OWN = (
    "Switzerland's glaciers shrank faster than ever last summer, according to new measurements. "
    "Rolf Anker, who leads the Glacier Monitoring Office, called on the cantons to plan for water shortages. "
    "Nadia Ferrand, a glaciologist at the University of Lausanne, described the figures as alarming. "
    '"Nine years of warm summers have changed the valleys for good," said ski guide Tomas Reber.'
)


@pytest.mark.parametrize("semantic", [False, True])
def test_compare_align_the_same_speaker_saying_other_things_is_no_pair(semantic: bool) -> None:
    # independent reports quote the same people on other points: the names, titles and
    # affiliations they share are the attribution, not the fact; and two direct quotes with no
    # words in common ("Nine glaciers ..." / "Nine years ...") are two statements
    if semantic:
        pytest.importorskip("sentence_transformers", reason="the semantic extra is not installed")
    exs = _extractions({"wire": GLACIER_WIRE, "own": GLACIER_OWN})
    pairs = align_articles(exs[0], exs[1], PairScorer.load(semantic=semantic), story_index(exs))
    paired = {(a, b) for p in pairs for a in p.a_facts for b in p.b_facts}
    assert not paired & {(1, 1), (2, 2), (3, 3)}
