"""A reported claim printed bare next to a sentence that only names its speaker, and a one-word
organisation set off by an organisation's noun. Every text is written here."""

from __future__ import annotations

import pytest

from newsprism.compare import compare_story
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.extract.quote_speakers import describes_organisation
from newsprism.model import Article, DateInference, Finding

LEAD = "The regional assembly passed the tenancy bill on Thursday by 52 votes to 48."
SAID = "Opposition leader Declan Harrowgate said the bill would shrink the rental supply by a fifth."
BARE = "The bill will shrink the rental supply by a fifth."
WORDS = '"This bill will shrink the rental supply by a fifth and drive small landlords out of the market.'


def _article(aid: str, paragraphs: list[str], day: str) -> Article:
    return Article(
        id=aid, fingerprint=aid, source=f"{aid}.txt", body="\n\n".join(paragraphs), title="Rent bill",
        outlet=aid.title(), published=DateInference(day, "metadata", 1.0),
    )  # fmt: skip


@pytest.fixture(scope="module")
def scorer() -> PairScorer:
    return PairScorer.load(semantic=False)


def _dropped(scorer: PairScorer, original: str, rewrite: str) -> list[Finding]:
    arts = [
        _article("times", [LEAD, original], "2026-11-19"),
        _article("herald", [LEAD, rewrite], "2026-11-20"),
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    return [f for f in report.findings if f.kind == "dropped_attribution"]


def test_attribution_stop16_a_neighbour_naming_the_speaker_as_an_actor_attributes_nothing(
    scorer: PairScorer,
) -> None:
    (f,) = _dropped(scorer, SAID, f"{BARE} Opposition leader Declan Harrowgate voted against it.")
    assert f.severity == "medium"
    assert f.detail["reported"]
    assert _dropped(scorer, SAID, BARE)  # the bare claim alone, as before


@pytest.mark.parametrize(
    "rewrite",
    [
        f"{BARE} Harrowgate said.",  # the attribution moved to a sentence of its own
        f"{BARE} Opposition leader Declan Harrowgate said so after the vote.",
        "In the view of opposition leader Declan Harrowgate, the bill will shrink the rental supply by a fifth.",
    ],
)
def test_attribution_stop16_a_neighbour_that_gives_the_words_is_an_attribution_that_moved(
    scorer: PairScorer, rewrite: str
) -> None:
    assert not _dropped(scorer, SAID, rewrite)


def test_attribution_stop16_a_bare_quote_then_its_speaker_as_an_actor_is_dropped(scorer: PairScorer) -> None:
    original = f'{WORDS}," opposition leader Declan Harrowgate said.'
    (f,) = _dropped(scorer, original, f'{WORDS}" Opposition leader Declan Harrowgate voted against it.')
    assert f.severity == "medium"
    # near misses: the sentence after gives him the words
    assert not _dropped(scorer, original, f'{WORDS}" Harrowgate said so after the vote.')
    assert not _dropped(
        scorer, original, f'{WORDS}" That was the view of opposition leader Declan Harrowgate.'
    )


def test_attribution_stop16_an_organisation_s_noun_in_the_descriptor() -> None:
    for org in (
        "the region's largest homelessness charity",
        "a local food bank",
        "the mining company",
        "the country's biggest union, which represents nurses",
    ):
        assert describes_organisation(org), org
    for person in (
        "the union's leader",
        "chief executive of the company",
        "a charity worker",
        "Opposition leader",
    ):
        assert not describes_organisation(person), person
    assert not describes_organisation(None)


def test_attribution_stop16_a_person_set_off_by_a_role_stays_a_person() -> None:
    body = "Maria Quist, the union's leader, said the strike would go on for a week."
    (ex,) = extract_articles([_article("post", [body], "2026-11-20")])
    (q,) = ex.quotes
    assert (q.speaker, q.speaker_key, q.descriptor) == (
        "Maria Quist",
        "person:maria_quist",
        "the union's leader",
    )
    assert not describes_organisation(q.descriptor)


def test_attribution_stop16_a_one_word_organisation_has_an_organisation_s_key() -> None:
    body = (
        "Civic Union leader Declan Harrowgate voted no.\n\nShelterline, the region's largest homelessness "
        "charity, said it had handled 4,300 eviction cases last year."
    )
    (ex,) = extract_articles([_article("herald", [body], "2026-11-20")])
    (q,) = ex.quotes
    assert q.speaker_key == "org:shelterline"
