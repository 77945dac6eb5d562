"""Wire datelines ("PLACE (Agency) —") and content-farm date lines ("June 12, 2025 | 4 min read")
become metadata for every kind of document, with their reason kept in the audit trail."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.clean.text import is_date_line
from newsprism.demo import demo_sources
from newsprism.ingest import read_sources
from newsprism.model import Article, RawDocument

LEDE = (
    "The new harbour bridge in Eldham opened to traffic after four years of work, the city council "
    "said, and the first buses crossed it before dawn."
)
SECOND = (
    "Mayor Ilse Moravec cut the ribbon in front of about 300 residents and said that tolls would not "
    "be charged this year."
)


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def _demo(name: str) -> Article:
    source = next(s for s in demo_sources() if s.endswith(name))
    docs = [d for d in read_sources([source]) if isinstance(d, RawDocument)]
    return clean(docs[0])


def test_clean_text_record_dateline_becomes_wire_evidence() -> None:
    doc = RawDocument(
        "feed.jsonl#1",
        f"ELDHAM (Coastwire) — {LEDE}\n\n{SECOND}",
        "record",
        meta={"outlet": "Harbour Times", "published": "2024-03-05"},
    )
    article = clean(doc)
    assert article.body.startswith(LEDE)
    assert _reasons(article) == {"ELDHAM (Coastwire) —": "dateline"}
    assert article.outlet == "Harbour Times"
    assert article.outlet_evidence == "metadata; wire: Coastwire"


def test_clean_text_dateline_with_date_in_text_and_html() -> None:
    text = clean(RawDocument("t.txt", f"Bridge Opens\n\nELDHAM, March 4 (Coastwire) - {LEDE}\n\n{SECOND}\n", "text",
                             url="https://harbourtimes.example/a"))  # fmt: skip
    assert text.body.startswith(LEDE)
    assert _reasons(text)["ELDHAM, March 4 (Coastwire) -"] == "dateline"
    assert text.outlet == "Harbourtimes" and text.outlet_evidence is not None
    assert text.outlet_evidence.endswith("wire: Coastwire")
    page = (
        "<html><head><title>Bridge opens</title><meta property='og:site_name' content='Harbour Times'></head>"
        f"<body><article><h1>Bridge opens</h1><p>ELDHAM (Coastwire) — {LEDE}</p><p>{SECOND}</p>"
        f"<p>{SECOND.replace('Mayor', 'Deputy mayor')}</p></article></body></html>"
    )
    html = clean(RawDocument("p.html", page, "html"))
    assert "Coastwire" not in html.body and LEDE in html.body
    assert _reasons(html)["ELDHAM (Coastwire) —"] == "dateline"
    assert html.outlet == "Harbour Times" and html.outlet_evidence == "site name; wire: Coastwire"


def test_clean_text_dated_dateline_with_a_plain_hyphen_is_cut() -> None:
    # the publication's own dateline, no agency: its date is no event of the story
    text = clean(
        RawDocument("t.txt", f"Bridge Opens\n\nELDHAM, March 4, 2025 - {LEDE}\n\n{SECOND}\n", "text")
    )
    assert text.body.startswith(LEDE) and _reasons(text)["ELDHAM, March 4, 2025 -"] == "dateline"
    heading = "ELDHAM - A harbour town waits for its new bridge"
    undated = clean(RawDocument("u.txt", f"Bridge Opens\n\n{heading}\n\n{LEDE}\n\n{SECOND}\n", "text"))
    assert undated.body.startswith(heading)  # a bare dash on a short line may be a heading's: kept
    for label in ("UPDATE", "TUESDAY", "CORRECTION"):  # labels, not places: kept
        kept = clean(RawDocument("l.txt", f"Bridge Opens\n\n{label}, March 4 - {LEDE}\n\n{SECOND}\n", "text"))
        assert kept.body.startswith(f"{label}, March 4 - "), label


def test_clean_text_record_dateline_without_outlet_names_the_agency() -> None:
    article = clean(RawDocument("feed.jsonl#2", f"ELDHAM (Coastwire) — {LEDE}\n\n{SECOND}", "record"))
    assert article.outlet == "Coastwire"
    assert article.outlet_evidence == "wire dateline 'ELDHAM (Coastwire) —'"


@pytest.mark.parametrize(
    "line",
    [
        "June 12, 2025 | 4 min read",
        "March 4, 2024 · 6 minute read",
        "Published March 4, 2024 | Updated March 5, 2024",
        "Updated: 4 March 2024 | 3 mins read",
    ],
)
def test_clean_text_content_farm_date_lines(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["June 12, 2025 | 4 min read: how Eldham got a bridge", "4 min read"])
def test_clean_text_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_clean_text_read_time_line_sets_the_date() -> None:
    page = f"City Life\nEldham Finally Gets Its Harbour Bridge\nMarch 4, 2024 | 4 min read\n\n{LEDE}\n\n{SECOND}\n"
    article = clean(RawDocument("farm.txt", page, "text"))
    assert "min read" not in article.body and article.body.startswith(LEDE)
    assert _reasons(article)["March 4, 2024 | 4 min read"] == "dateline"
    assert article.title == "Eldham Finally Gets Its Harbour Bridge" and article.section == "City Life"
    assert article.published.value == "2024-03-04"
    assert article.published.method == "text" and article.published.confidence >= 0.9


def test_clean_text_demo_wire_copy_and_content_farm() -> None:
    copy = _demo("02_valley_courier.json")
    assert copy.body.startswith("Valmorian President Anton Keller arrived in Soria")
    assert _reasons(copy)["SORIA (Meridian Press) —"] == "dateline"
    assert copy.outlet == "Valley Courier" and copy.outlet_evidence == "metadata; wire: Meridian Press"
    farm = _demo("04_globalpulse_daily.txt")
    assert "min read" not in farm.body
    assert _reasons(farm)["June 12, 2025 | 4 min read"] == "dateline"
    assert farm.published.value == "2025-06-12" and farm.published.method == "text"
    assert farm.published.confidence >= 0.9


@pytest.mark.parametrize(
    "prefix",
    ["ELDHAM -", "SAN JOSE -", "SAN JOSE, Calif. -", "SAN JOSE —", "SAN JOSE --", "SAN JOSE (Coastwire) -"],
)
def test_clean_text_dateline_before_a_lede_is_cut_whatever_the_dash(prefix: str) -> None:
    article = clean(
        RawDocument("t.txt", f"Bridge Opens\n\nBy Jane Doe\n\n{prefix} {LEDE}\n\n{SECOND}\n", "text")
    )
    assert article.body.startswith(LEDE), prefix
    assert _reasons(article)[prefix] == "dateline"


@pytest.mark.parametrize("label", ["WATCH", "VIDEO", "LIVE"])
def test_clean_text_label_with_a_hyphen_is_no_dateline(label: str) -> None:
    article = clean(RawDocument("t.txt", f"Bridge Opens\n\n{label} - {LEDE}\n\n{SECOND}\n", "text"))
    assert article.body.startswith(f"{label} - ")
