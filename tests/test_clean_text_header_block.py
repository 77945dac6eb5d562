"""Plain "Key: value" header blocks, US-zone and "a.m." date lines, staff credits in bylines and
closing promo paragraphs of scraped text files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.clean import clean
from newsprism.clean.metadata import infer_outlet, plain_header
from newsprism.clean.pubdate import dateline_time
from newsprism.clean.text import clean_text, is_date_line
from newsprism.model import Article, RawDocument
from newsprism.pipeline import ingest
from newsprism.store import Store

LEDE = (
    "Flood water closed the Orwin valley road on Sunday after the Brenn river rose four feet overnight, "
    "county officials said, and about 300 homes were left without power."
)
SECOND = (
    "Crews from the Orwin public works office began clearing mud from the road on Monday, though a "
    "county engineer said the bridge at Calder Mill would stay shut until it was inspected."
)
THIRD = "Residents of the lower valley were told to boil their water until at least Wednesday."
HEADER = (
    "Title: Brenn river flood shuts Orwin valley road\nOutlet: Orwin Valley Herald\n"
    "Byline: Mara Tollens\nPublished: 2025-03-09T18:20:00-06:00\nSection: Weather\n"
    "URL: https://orwinherald.example/news/flood\nTags: floods, Orwin\n\n"
)


def _article(name: str, text: str) -> Article:
    return clean(RawDocument(name, text, "text"))


def _reasons(article: Article) -> dict[str, str]:
    return {block.text: block.reason for block in article.removed}


# --- date lines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sunday, March 9, 2025, 8:15 a.m.",
        "March 9, 2025 8:15 AM MDT",
        "March 9, 2025, 8:15 p.m. MST",
        "Mar. 9, 2025 8:15 a.m. MT",
        "March 9, 2025 8:15 AM CDT",
        "March 9, 2025 8:15 AM AKST",
        "March 9, 2025 8:15 AM HST",
        "Updated March 9, 2025 at 8:15 p.m. CT",
    ],
)
def test_date_lines_with_a_m_and_us_zones(line: str) -> None:
    assert is_date_line(line)


def test_a_date_in_a_sentence_is_no_date_line() -> None:
    assert not is_date_line("March 9, 2025, a.m. shift workers said the road was shut")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 9, 2025 8:15 AM AKST", "2025-03-09T08:15:00-09:00"),
        ("July 9, 2025 8:15 AM AKDT", "2025-07-09T08:15:00-08:00"),
        ("March 9, 2025 8:15 AM HST", "2025-03-09T08:15:00-10:00"),
    ],
)
def test_alaska_and_hawaii_zones_keep_the_time(line: str, expected: str) -> None:
    assert dateline_time(line, date.fromisoformat(expected[:10])) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sunday, March 9, 2025, 8:15 a.m.", "2025-03-09"),  # no zone: the day only
        ("March 9, 2025 8:15 AM MDT", "2025-03-09T08:15:00-06:00"),
        ("March 9, 2025, 8:15 p.m. MT", "2025-03-09T20:15:00-06:00"),  # MT on 9 March 2025: MDT
    ],
)
def test_date_line_under_a_byline_dates_the_article(line: str, expected: str) -> None:
    text = f"Brenn river flood shuts Orwin valley road\n\nBy Mara Tollens\n{line}\n\n{LEDE}\n\n{SECOND}\n"
    article = _article("flood.txt", text)
    assert article.published.value == expected and article.published.method == "text"
    assert _reasons(article)[line] == "dateline"
    assert article.body.startswith(LEDE) and "2025" not in article.body


# --- plain header blocks ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["flood.txt", "flood.md"])
def test_plain_header_block_is_read_like_front_matter(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(f"{HEADER}{LEDE}\n\n{SECOND}\n\n{THIRD}\n", "utf-8")
    db = tmp_path / "np.db"
    summary = ingest([str(path)], db, extract=False)
    assert summary.refusals == [] and len(summary.ingested) == 1
    with Store.open(db) as store:
        (article,) = store.list_articles()
    assert article.title == "Brenn river flood shuts Orwin valley road"
    assert article.outlet == "Orwin Valley Herald" and article.outlet_evidence == "header block"
    assert article.bylines == ["Mara Tollens"]
    assert article.published.value == "2025-03-09T18:20:00-06:00"
    assert article.section == "Weather" and article.tags == ["floods", "Orwin"]
    assert article.url == "https://orwinherald.example/news/flood"
    assert article.body.startswith(LEDE) and ":" not in article.body
    assert _reasons(article)["Outlet: Orwin Valley Herald"] == "header block"


def test_plain_header_outlet_for_infer_outlet_and_staff_byline_dropped() -> None:
    text = f"Outlet: Orwin Valley Herald\nByline: Staff Writer\nDate: March 9, 2025\n\n{LEDE}\n\n{SECOND}\n"
    assert infer_outlet({}, None, text) == ("Orwin Valley Herald", "header block")
    result = clean_text(text)
    assert result.outlet == "Orwin Valley Herald" and result.bylines == []
    assert result.datelines == ["March 9, 2025"]
    assert [line.reason for line in result.lines[:3]] == ["header block"] * 3


@pytest.mark.parametrize(
    "text",
    [
        f"Note: the figures below are provisional.\n\n{LEDE}\n\n{SECOND}\n",  # not a header key
        f"Source: Orwin county emergency office\n\n{LEDE}\n\n{SECOND}\n",  # one key alone
        f"Title: Flood\nOutlet: Orwin Valley Herald\nNote: provisional\n\n{LEDE}\n",  # an unknown key
        f"Title: Flood\nOutlet: Orwin Valley Herald\n{LEDE}\n\n{SECOND}\n",  # no blank line after it
        f"Flood shuts the valley road\n\nTitle: Flood\nOutlet: Orwin Valley Herald\n\n{LEDE}\n",  # not on top
    ],
)
def test_not_a_plain_header_block_stays_in_the_body(text: str) -> None:
    first = text.split("\n")[0]
    assert plain_header(text.split("\n")) == ({}, 0)
    result = clean_text(text)
    assert result.outlet is None and result.title != "Flood"
    assert all(line.reason != "header block" for line in result.lines)
    if first.startswith("Note"):
        assert result.lines[0].text == first and result.lines[0].reason is None


# --- staff credits in a byline ------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("By Mara Tollens, Orwin Valley Herald staff writer", "Orwin Valley Herald"),
        ("By Jane Doe, Times staff", "Times"),
        ("By Mara Tollens, Senior Staff Writer", None),  # a rank, not an outlet
        ("By Mara Tollens, Sports staff", None),  # a desk
    ],
)
def test_staff_credit_names_the_outlet(byline: str, outlet: str | None) -> None:
    name = byline.split(",")[0].removeprefix("By ")
    article = _article(
        "flood.txt", f"Brenn river flood shuts Orwin valley road\n{byline}\n\n{LEDE}\n\n{SECOND}\n"
    )
    assert article.bylines == [name]
    assert article.outlet == outlet
    if outlet:
        assert article.outlet_evidence == f"byline '{byline}'"
    assert _reasons(article)[byline] == "byline" and "staff" not in article.body.lower()


def test_staff_credit_does_not_override_a_known_outlet() -> None:
    text = f"Brenn river flood\nBy Jane Doe, Times staff writer\n\n{LEDE}\n\n{SECOND}\n"
    doc = RawDocument("flood.txt", text, "text", url="https://orwinherald.example/a")
    assert clean(doc).outlet == "Orwinherald"


# --- closing promo paragraphs -------------------------------------------------------------


@pytest.mark.parametrize(
    "promo",
    [
        "Stay with Orwin Now for more trending updates.",
        "Follow Orwin Now for more flood coverage!",
        "Stay tuned to Orwin Now for the latest.",
        "Stay with Orwin Now for more trending updates. Share this story with your friends!",
    ],
)
def test_closing_promo_paragraph_is_chrome(promo: str) -> None:
    article = _article("flood.txt", f"{LEDE}\n\n{SECOND}\n\n{THIRD}\n\n{promo}\n")
    assert article.body.endswith(THIRD) and "Orwin Now" not in article.body
    assert _reasons(article)[promo] == "closing promo"


def test_promo_sentence_inside_the_story_stays() -> None:
    promo = "Stay with Orwin Now for more trending updates."
    inside = f"{LEDE}\n\n{SECOND} {promo}\n\n{THIRD}\n"
    assert promo in _article("a.txt", inside).body  # part of a body paragraph
    before = f"{LEDE}\n\n{promo}\n\n{SECOND}\n\n{THIRD}\n"
    assert promo in _article("b.txt", before).body  # not at the end
