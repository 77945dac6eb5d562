"""Header lines of text and Markdown files (front matter, "# headline", masthead, byline, date and
URL lines), date lines with a time and zone, and an HTML page's canonical address."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from http_server import LiveServer, Route, serve

from newsprism.clean import clean
from newsprism.clean.metadata import safe_url
from newsprism.clean.pubdate import dateline_time
from newsprism.clean.text import clean_text
from newsprism.ingest import read_sources
from newsprism.model import Article, RawDocument
from newsprism.pipeline import ingest
from newsprism.settings import IngestOptions
from newsprism.store import Store

LEDE = (
    "The Harwick county board voted 5-2 on Thursday to close the Miller Street ferry landing for a "
    "year of repairs, the third closure of the landing since it opened in 1961."
)
SECOND = (
    "Commuters will be moved to buses that cross the Tamsin Bridge, adding about twenty minutes to "
    "each trip, according to a county transport memo seen by reporters."
)
THIRD = "Board member Ines Gallo, who voted against the plan, said the buses would not cope at rush hour."


def _write(path: Path, text: str) -> str:
    path.write_text(text, "utf-8")
    return str(path)


def _stored(tmp_path: Path, name: str, text: str) -> Article:
    """The one article a file ingests into a real store."""
    db = tmp_path / "np.db"
    summary = ingest([_write(tmp_path / name, text)], db, extract=False)
    assert summary.refusals == [] and len(summary.ingested) == 1
    with Store.open(db) as store:
        (article,) = store.list_articles()
    return article


def _reasons(article: Article) -> dict[str, str]:
    return {block.text: block.reason for block in article.removed}


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "Harwick closes ferry landing: a year of repairs"\nauthor: Petra Lindqvist\n'
        "date: 2024-05-09\noutlet: Tamsin Valley Ledger\nurl: https://tvl.example/news/ferry\n"
        f"tags: [ferries, Harwick]\n---\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _stored(tmp_path, "ferry.md", text)
    assert article.title == "Harwick closes ferry landing: a year of repairs"
    assert article.outlet == "Tamsin Valley Ledger" and article.outlet_evidence == "front matter"
    assert article.bylines == ["Petra Lindqvist"]
    assert article.published.value == "2024-05-09"
    assert article.tags == ["ferries", "Harwick"]
    assert article.body.startswith(LEDE) and "---" not in article.body and "outlet:" not in article.body
    assert clean_text(text).url == article.url == "https://tvl.example/news/ferry"


def test_markdown_front_matter_url_names_the_outlet_when_no_outlet_is_given() -> None:
    text = f"---\ntitle: Ferry landing closes\nurl: https://tamsinledger.example/news/ferry\n---\n\n{LEDE}\n\n{SECOND}\n"
    article = clean(RawDocument(source="ferry.md", kind="text", content=text))
    assert article.url == "https://tamsinledger.example/news/ferry"
    assert article.outlet == "Tamsinledger" and "tamsinledger.example" in (article.outlet_evidence or "")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-09T19:45:00-05:00", "2024-05-09T19:45:00-05:00"),
        ("'2024-05-10T00:45:00Z'", "2024-05-10T00:45:00+00:00"),
        ("2024-05-09", "2024-05-09"),
    ],
)
def test_markdown_front_matter_iso_datetime(value: str, expected: str) -> None:
    text = f"---\ntitle: Ferry landing closes\ndate: {value}\n---\n\n{LEDE}\n\n{SECOND}\n"
    assert clean(RawDocument(source="ferry.md", kind="text", content=text)).published.value == expected


def test_markdown_front_matter_not_closed_is_body() -> None:
    result = clean_text(f"---\ntitle: Open block\n\n{LEDE}\n\n{SECOND}\n")
    assert result.title != "Open block" and result.lines[0].reason is None


def test_markdown_hash_headline_and_subheads_lose_their_marks(tmp_path: Path) -> None:
    text = f"# Harwick closes its ferry landing for repairs\n\n{LEDE}\n\n## What changes\n\n{SECOND}\n\n{THIRD}\n"
    article = _stored(tmp_path, "hash.md", text)
    assert article.title == "Harwick closes its ferry landing for repairs"
    assert "\n\nWhat changes\n\n" in article.body and "#" not in article.body


def test_markdown_bold_outlet_byline_date_line(tmp_path: Path) -> None:
    text = (
        "# Ferry landing to close for a year\n\n"
        "**Tamsin Valley Ledger** | By Petra Lindqvist | May 9, 2024, 7:45 PM CDT\n\n"
        f"URL: https://tvl.example/news/ferry-landing\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _stored(tmp_path, "bold.md", text)
    assert article.title == "Ferry landing to close for a year"
    assert article.outlet == "Tamsin Valley Ledger"
    assert article.bylines == ["Petra Lindqvist"]
    assert article.published.value == "2024-05-09T19:45:00-05:00"
    assert article.body.startswith(LEDE)
    assert "Lindqvist" not in article.body and "tvl.example" not in article.body
    assert _reasons(article)["URL: https://tvl.example/news/ferry-landing"] == "url line"
    assert clean_text(text).url == article.url == "https://tvl.example/news/ferry-landing"


def test_text_masthead_sentence_case_headline_and_wire_credit(tmp_path: Path) -> None:
    text = (
        "Harwick Evening Courier\nCounty board closes the ferry landing for repairs\n"
        "By Petra Lindqvist, Coastwire\nPublished May 9, 2024 6:05 PM EDT\n"
        "https://harwickeveningcourier.example/local/ferry\n\n"
        f"HARWICK, Tamsin (Coastwire) — {LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _stored(tmp_path, "courier.txt", text)
    assert article.outlet == "Harwick Evening Courier"  # not the dateline's wire credit
    assert "wire: Coastwire" in (article.outlet_evidence or "")
    assert article.title == "County board closes the ferry landing for repairs"
    assert article.section is None
    assert article.published.value == "2024-05-09T18:05:00-04:00"
    assert article.body.startswith(LEDE) and "harwickeveningcourier" not in article.body
    assert _reasons(article)["Harwick Evening Courier"] == "outlet name"
    assert clean_text(text).url == "https://harwickeveningcourier.example/local/ferry"


def test_text_masthead_staff_byline_and_share_prompt(tmp_path: Path) -> None:
    text = (
        "FerryWatch Today\nThe Ferry Landing Is Closing: Here Is What It Means\n"
        "May 9, 2024 8:30 AM PDT | 2 min read\nBy FerryWatch Staff\n\n"
        f"{LEDE}\n\n{SECOND}\n\n{THIRD}\n\nShare this story!\n"
    )
    article = _stored(tmp_path, "watch.txt", text)
    assert article.outlet == "FerryWatch Today" and article.section is None
    assert article.title == "The Ferry Landing Is Closing: Here Is What It Means"
    assert article.bylines == []
    assert article.published.value == "2024-05-09T08:30:00-07:00"
    assert "Staff" not in article.body and "Share this" not in article.body
    assert _reasons(article)["By FerryWatch Staff"] == "byline"
    assert _reasons(article)["Share this story!"] == "share prompt"


def test_section_label_is_still_a_section() -> None:
    article = clean(
        RawDocument("s.txt", f"City Life\nHarwick Ferry Landing Closes\n\n{LEDE}\n\n{SECOND}\n", "text")
    )
    assert article.section == "City Life" and article.outlet is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 9, 2024 11:45 AM EDT", "2024-05-09T11:45:00-04:00"),
        ("May 9, 2024 11:45 AM EST", "2024-05-09T11:45:00-05:00"),
        ("Posted May 9, 2024 at 9:05 p.m. CST", "2024-05-09T21:05:00-06:00"),
        ("May 9, 2024 12:10 am MDT", "2024-05-09T00:10:00-06:00"),
        ("9 May 2024, 14:30 GMT", "2024-05-09T14:30:00+00:00"),
        ("9 May 2024 14:30 UTC", "2024-05-09T14:30:00+00:00"),
        ("9 May 2024 08:00 BST", "2024-05-09T08:00:00+01:00"),
        ("9 May 2024 08:00 CEST", "2024-05-09T08:00:00+02:00"),
        ("9 May 2024 08:00 CET", "2024-05-09T08:00:00+01:00"),
        ("May 9, 2024 10:00 +0530", "2024-05-09T10:00:00+05:30"),
        ("May 9, 2024 10:00 GMT-3", "2024-05-09T10:00:00-03:00"),
        ("May 9, 2024 3:00 PM PST", "2024-05-09T15:00:00-08:00"),
        ("2024-05-09T10:00:00-07:00", "2024-05-09T10:00:00-07:00"),
    ],
)
def test_dateline_time_and_zone(line: str, expected: str) -> None:
    assert dateline_time(line, date(2024, 5, 9)) == expected


@pytest.mark.parametrize(
    "line", ["May 9, 2024", "May 9, 2024 11:45 AM", "May 9, 2024 | 3 min read", "May 9, 2024 25:10 UTC"]
)
def test_dateline_without_a_zoned_time_keeps_the_day(line: str) -> None:
    assert dateline_time(line, date(2024, 5, 9)) is None


def test_text_date_line_keeps_time_and_zone_but_update_time_is_not_publication() -> None:
    page = f"Harwick Ferry Landing Closes\nMay 9, 2024 11:45 AM EDT\n\n{LEDE}\n\n{SECOND}\n"
    assert clean(RawDocument("a.txt", page, "text")).published.value == "2024-05-09T11:45:00-04:00"
    updated = page.replace("May 9", "Updated May 9")
    assert clean(RawDocument("b.txt", updated, "text")).published.value == "2024-05-09"


CANONICAL = "https://tvl.example/news/2024/05/09/ferry-landing"


def _page(link: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Ferry landing closes</title>{link}</head><body><article>"
        f"<h1>Ferry landing closes</h1><p>{LEDE}</p><p>{SECOND}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (f'<link rel="canonical" href="{CANONICAL}">', CANONICAL),
        (f'<link href=" {CANONICAL} " rel="Canonical">', CANONICAL),
        ('<link rel="canonical" href="/news/ferry">', None),  # not absolute
        ('<link rel="canonical" href="javascript:alert(1)">', None),
        ('<link rel="canonical" href="ftp://tvl.example/x">', None),
        ('<link rel="canonical" href="https://user:pw@tvl.example/x">', None),
        (f'<link rel="canonical" href="https://tvl.example/{"a" * 3000}">', None),
        ('<link rel="stylesheet" href="https://tvl.example/site.css">', None),
    ],
)
def test_html_page_url_from_canonical_link(tmp_path: Path, link: str, expected: str | None) -> None:
    (doc,) = read_sources([_write(tmp_path / "page.html", _page(link))], IngestOptions())
    assert isinstance(doc, RawDocument) and doc.url is None
    assert clean(doc).url == expected  # a saved page's address is its canonical link


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with serve() as live:
        yield live


def test_fetched_page_keeps_the_address_it_came_from(server: LiveServer) -> None:
    # a syndicated copy's canonical link names the original's page: a fetched page is where it was
    server.routes["/wire.html"] = Route(_page(f'<link rel="canonical" href="{CANONICAL}">'))
    options = IngestOptions(allow_private=True, timeout=5.0)
    (wire,) = read_sources([server.url("/wire.html")], options)
    assert isinstance(wire, RawDocument)
    assert clean(wire).url == server.url("/wire.html")


def test_safe_url_bounds_and_schemes() -> None:
    assert safe_url("http://a.example/x?y=1") == "http://a.example/x?y=1"
    assert safe_url("https://a.example:99999/") is None
    assert safe_url("https://a.example/x y") is None
    assert safe_url("https://a.example/\x00") is None
    assert safe_url(None) is None
