"""The record and html kinds: light cleaning, metadata from the reader and the page."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.clean.boilerplate import BoilerplateModel
from newsprism.model import RawDocument

PARA = (
    "The harbour bridge in Eldham opened to traffic after four years of work, and the first buses "
    "crossed it before dawn while residents watched from the quay."
)
PARA2 = "Mayor Ilse Moravec said the tolls would not be charged this year, to applause from the crowd."


def test_clean_text_record_keeps_body_drops_repeats_uses_meta() -> None:
    doc = RawDocument(
        "feed.jsonl#3",
        f"{PARA}\n\n  {PARA2}\n\n{PARA2}\n",
        "record",
        url="https://www.coastline-courier.com/a",
        meta={
            "title": "Bridge opens",
            "byline": "Jane Okafor",
            "published": "2024-03-05",
            "tags": ["Eldham"],
        },
    )
    article = clean(doc)
    assert article.body == f"{PARA}\n\n{PARA2}"
    assert article.title == "Bridge opens"
    assert article.bylines == ["Jane Okafor"]
    assert article.outlet == "Coastline Courier"
    assert article.published.value == "2024-03-05" and article.published.method == "metadata"
    assert article.tags == ["Eldham"]
    assert article.language == "en"
    assert [r.reason for r in article.removed] == ["paragraph printed twice"]
    assert article.url == "https://www.coastline-courier.com/a"


def test_clean_text_record_single_newlines_are_paragraphs() -> None:
    article = clean(RawDocument("r", f"{PARA}\n{PARA2}", "record"))
    assert article.body == f"{PARA}\n\n{PARA2}"


def _html(extra: str) -> str:
    return (
        "<html lang='en'><head><title>Bridge opens in Eldham</title>"
        "<meta property='og:site_name' content='Coastline Courier'></head><body><article>"
        "<h1>Bridge opens in Eldham</h1>"
        f"<p>{PARA}</p><p>{PARA2}</p><p>{PARA} More people came later in the afternoon to see it.</p>"
        f"{extra}</article></body></html>"
    )


def test_clean_text_html_applies_safe_line_passes() -> None:
    pytest.importorskip("newsprism.clean.html")
    extra = (
        "<p>To read our corrections policy, click here.</p>"
        "<p>Coastline Courier is committed to fair reporting for every reader.</p>"
    )
    doc = RawDocument("page.html", _html(extra), "html", url="https://www.coastline-courier.com/bridge")
    article = clean(doc)
    assert PARA2 in article.body
    assert "click here" not in article.body
    assert "is committed to" not in article.body
    reasons = {r.reason for r in article.removed}
    assert {"click-here notice", "promo block"} <= reasons
    assert article.outlet == "Coastline Courier"
    assert article.title == "Bridge opens in Eldham"
    assert article.language == "en"


def test_clean_text_html_meta_from_reader_wins_and_boilerplate_applies() -> None:
    pytest.importorskip("newsprism.clean.html")
    footer = "<p>Coastline Courier, 4 Quay Street, Eldham, all rights reserved by the owners.</p>"
    model = BoilerplateModel(min_pages=1)
    model.observe("Courier", ["Coastline Courier, 4 Quay Street, Eldham, all rights reserved by the owners."])
    doc = RawDocument("page.html", _html(footer), "html", meta={"outlet": "Courier", "title": "Given title"})
    article = clean(doc, model)
    assert article.outlet == "Courier" and article.title == "Given title"
    assert "Quay Street" not in article.body
    assert any(r.reason.startswith("outlet boilerplate") for r in article.removed)
