"""The two example articles in ../shared/examples define what the cleaner must do."""

from __future__ import annotations

import re

import pytest

from newsprism.clean import clean
from newsprism.clean.normalize import fold_quotes
from newsprism.model import Article, RawDocument
from tests.conftest import EXAMPLES, need

pytestmark = pytest.mark.shared


def _read(name: str) -> str:
    return need(EXAMPLES / name).read_text(encoding="utf-8")


def _clean(name: str) -> Article:
    return clean(RawDocument(source=name, content=_read(name), kind="text"))


def _first_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def test_clean_examples_004_metadata() -> None:
    article = _clean("004_31080f053772ce81.txt")
    assert article.outlet == "Newsweek"
    assert article.outlet_evidence and "Newsweek" in article.outlet_evidence
    assert article.bylines == ["Aadil Brar"]
    assert article.published.value == "2023-10-17"
    assert article.published.method == "text"
    assert any("October 17-18" in e for e in article.published.evidence)
    assert article.title == "'Isolated' Putin Has Nowhere To Go Except Beijing"
    assert article.title == _first_line(_read("004_31080f053772ce81.txt"))
    assert article.language == "en"
    assert article.standfirst and article.standfirst.endswith("dependence on China.")


def test_clean_examples_004_chrome_leaves_the_body() -> None:
    article = _clean("004_31080f053772ce81.txt")
    body = article.body
    for chrome in (
        "Xi and Putin shake hands",
        "(L) and Russian President",
        "Getty Images",
        "Contributor/",
        "Uncommon Knowledge",
        "conventional wisdom",
        "About the writer",
        "is a reporter for Newsweek",
        "Read more",
        "Click here",
        "Newsweek cover",
        "ad-free browsing",
        "Comment on articles",
        "app updates",
        "•",
        "Isolated' Putin Has",
    ):
        assert chrome not in body, chrome
    reasons = {r.reason for r in article.removed}
    assert {
        "photo caption",
        "photo credit",
        "promo block",
        "paragraph printed twice",
        "about the writer",
        "click-here notice",
        "subscription perks",
        "headline",
    } <= reasons
    credit = next(r for r in article.removed if r.reason == "photo credit")
    assert credit.text.startswith("Contributor/Getty Images")
    assert body.startswith("On Tuesday, Putin landed in Beijing")
    assert body.rstrip().endswith("dependence on Beijing.")


def test_clean_examples_004_every_quote_paragraph_stays() -> None:
    text = _read("004_31080f053772ce81.txt")
    article = _clean("004_31080f053772ce81.txt")
    quoted = [p.strip() for p in text.split("\n\n") if re.search(r"\"[^\"]{20,}\"", p)]
    assert len(quoted) >= 8
    for paragraph in quoted:
        assert paragraph in article.body, paragraph[:60]
    assert article.body.count("Thomas told Newsweek") == 2
    assert article.body.count("Fallon told Newsweek") == 1


def test_clean_examples_000_header_and_tags() -> None:
    text = _read("000_8e5266d007373164.txt")
    article = _clean("000_8e5266d007373164.txt")
    assert article.section == "Foreign Affairs"
    headline = text.splitlines()[1].strip()
    assert article.title == headline
    assert "Diplomatic Triumph" in article.title
    assert article.tags[:4] == ["Beijing", "Belt and Road Forum (BRF)", "China", "Global South"]
    assert fold_quotes(article.tags[4]) == fold_quotes(headline)
    assert article.tags[5:] == ["Russia", "Russian President Vladimir Putin"]
    assert len(article.tags) == 7
    for tag_glue in ("BeijingBelt", "ChinaGlobal", "SouthPutin", "BeijingRussia", "Foreign Affairs"):
        assert tag_glue not in article.body
    assert "Diplomatic Triumph" not in article.body
    assert article.body.startswith("Russian President Vladimir Putin attended")
    assert article.body.rstrip().endswith("rule of law.")
    assert article.body.count("\n\n") == 7  # the 8 article paragraphs, nothing else
    reasons = [r.reason for r in article.removed]
    assert reasons == ["section label", "headline", "tag line"]
