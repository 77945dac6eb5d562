"""The two example articles of ../shared/examples: canonical entities and facts (skipped when absent)."""

from __future__ import annotations

from functools import cache

import pytest

from newsprism.extract import extract_article, keys_match
from newsprism.model import Article, Extraction, RawDocument
from tests.conftest import EXAMPLES, need

pytestmark = pytest.mark.shared


@cache
def _extract(name: str) -> tuple[Article, Extraction]:
    path = EXAMPLES / name
    text = path.read_text(encoding="utf-8")
    try:
        from newsprism.clean import clean
    except ImportError:
        article = Article(id=name[:3], fingerprint=name, source=str(path), body=text)
    else:
        article = clean(RawDocument(source=str(path), content=text, kind="text"))
    return article, extract_article(article)


def _example(name: str) -> tuple[Article, Extraction]:
    need(EXAMPLES / name)
    return _extract(name)


A000 = "000_8e5266d007373164.txt"
A004 = "004_31080f053772ce81.txt"


def test_extract_examples_canonical_people_and_bodies() -> None:
    _, ex = _example(A004)
    people = {e.name: e for e in ex.entities if e.label == "PERSON"}
    assert {"Vladimir Putin", "Xi Jinping", "Theresa Fallon", "Neil Thomas", "Wang Wentao"} <= set(people)
    assert "CREAS" in (people["Theresa Fallon"].descriptor or "")
    assert "Asia Society Policy Institute" in (people["Neil Thomas"].descriptor or "")
    assert people["Vladimir Putin"].key == "person:vladimir_putin"
    icc = next(e for e in ex.entities if e.name == "International Criminal Court")
    assert "ICC" in icc.aliases and icc.label == "ORG"


def test_extract_examples_model_errors_filtered() -> None:
    for name in (A000, A004):
        _, ex = _example(name)
        persons = {m.text for m in ex.mentions if m.label == "PERSON"}
        assert not any(p in persons for p in ("Uncommon Knowledge", "Getty", "BRI", "BRF", "Weibo", "Baidu"))
        assert not any("Getty" in m.text or "/" in m.text for m in ex.mentions)


def test_extract_examples_keys_match_across_outlets() -> None:
    _, a = _example(A000)
    _, b = _example(A004)
    for name in ("Vladimir Putin", "Xi Jinping"):
        ka = next(e.key for e in a.entities if e.name == name)
        kb = next(e.key for e in b.entities if e.name == name)
        assert keys_match(ka, kb)
    bri_a = next(e for e in a.entities if "BRI" in e.aliases or e.name == "BRI")
    bri_b = next(e for e in b.entities if "BRI" in e.aliases or e.name == "BRI")
    assert keys_match(bri_a.key, bri_b.key)


def test_extract_examples_facts_cover_body() -> None:
    for name in (A000, A004):
        article, ex = _example(name)
        assert ex.facts
        for fact in ex.facts:
            assert article.body[fact.start : fact.end] == fact.text
        thomas = [f for f in ex.facts if "Thomas told Newsweek" in f.text]
        assert all(f.text.startswith('"') for f in thomas)


def test_extract_examples_quote_speakers_keyed() -> None:
    pytest.importorskip("newsprism.extract.quotes")
    _, ex = _example(A004)
    keys = {q.speaker_key for q in ex.quotes if q.kind == "direct"}
    assert {"person:theresa_fallon", "person:neil_thomas", "person:vladimir_putin"} <= keys
