"""A person's descriptor is a role or an affiliation, never an opinion set off by commas."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.demo import demo_sources
from newsprism.extract import extract_article
from newsprism.extract.entities import extract_entities
from newsprism.extract.entity_rules import is_role_descriptor
from newsprism.extract.nlp import load_nlp
from newsprism.ingest import read_sources
from newsprism.model import Entity, RawDocument
from tests.conftest import EXAMPLES, need


def _person(text: str, name: str) -> Entity:
    return next(e for e in extract_entities(load_nlp()(text))[1] if e.name == name)


@pytest.mark.parametrize(
    "appositive",
    [
        "a shrewder negotiator than any Ostian leader since independence",
        "a more assertive leader than any mayor before her",
        "the best mayor in the history of the region",
        "the most popular politician in the region",
        "a brilliant and ruthless strategist",
        "a woman who likes boats",
        "a familiar face",
    ],
)
def test_extract_entities_opinion_appositive_is_no_descriptor(appositive: str) -> None:
    ent = _person(f"Ilse Moravec, {appositive}, opened the bridge on Monday.", "Ilse Moravec")
    assert ent.descriptor is None


@pytest.mark.parametrize(
    "appositive",
    [
        "founder and director of the Centre for Harbour Studies in Eldham",
        "a senior fellow at the Ostian Institute",
        "the most senior engineer on the project",
        "a lawyer with more than 20 years of practice",
        "chief economist at Coastline Bank",
        "a researcher from Eldham University",
    ],
)
def test_extract_entities_role_appositive_is_the_descriptor(appositive: str) -> None:
    ent = _person(f"Ilse Moravec, {appositive}, opened the bridge on Monday.", "Ilse Moravec")
    assert ent.descriptor == appositive


def test_extract_entities_role_descriptor_rule_on_spans() -> None:
    nlp = load_nlp()
    assert is_role_descriptor(nlp("an adviser to the Eldham port authority")[:])
    assert not is_role_descriptor(nlp("a tougher adviser than her predecessor")[:])


def test_extract_entities_demo_hollis_descriptor_is_not_an_opinion() -> None:
    source = next(s for s in demo_sources() if s.endswith("04_globalpulse_daily.txt"))
    article = clean(next(d for d in read_sources([source]) if isinstance(d, RawDocument)))
    hollis = next(e for e in extract_article(article).entities if e.key == "person:mira_hollis")
    assert hollis.descriptor is None or "than" not in hollis.descriptor
    assert hollis.descriptor == "Chancellor"


def test_extract_entities_example_xi_descriptor_is_not_an_opinion() -> None:
    path = next(iter(sorted(need(EXAMPLES).glob("000_*.txt"))), None)
    if path is None:
        pytest.skip("example 000 is absent")
    article = clean(RawDocument(str(path), path.read_text(encoding="utf-8"), "text"))
    xi = next(e for e in extract_article(article).entities if e.key == "person:xi_jinping")
    assert xi.descriptor is None or ("than" not in xi.descriptor and "assertive" not in xi.descriptor)
