"""Outlet, byline, language and publication-date inference on made-up text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsprism.clean import clean
from newsprism.clean.metadata import (
    bylines_from_meta,
    detect_language,
    infer_outlet,
    outlet_from_text,
    outlet_from_url,
    parse_byline,
    registered_domain,
)
from newsprism.clean.pubdate import infer_published, published_from_meta
from newsprism.model import RawDocument

BODY = (
    "The harbour bridge in Eldham opened to traffic after four years of work, and the first buses "
    "crossed it before dawn while residents watched from the quay."
)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.newsweek.com/putin-beijing-123", "Newsweek"),
        ("https://www.bbc.co.uk/news/world-1", "BBC"),
        ("http://edition.cnn.com/2024/03/05/x.html", "CNN"),
        ("https://news.coastline-courier.co.uk/a/b", "Coastline Courier"),
        ("https://eldhamgazette.org/story", "Eldhamgazette"),
        ("file:///tmp/a.txt", None),
        ("https://192.168.0.1/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_clean_metadata_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_clean_metadata_registered_domain_second_level() -> None:
    assert registered_domain("https://www.abc.net.au/news") == "abc.net.au"
    assert registered_domain("https://a.b.example.com/") == "example.com"


def test_clean_metadata_outlet_order_meta_url_site_text() -> None:
    text = "Officials told Harbour Herald: the bridge is open."
    assert infer_outlet({"outlet": "Given"}, "https://www.cnn.com/x", text) == ("Given", "metadata")
    assert infer_outlet({}, "https://www.cnn.com/x", text) == ("CNN", "URL domain cnn.com")
    assert infer_outlet({}, None, text, site_name="Site") == ("Site", "site name")
    outlet, evidence = infer_outlet({}, None, "Marta Oyelaran is a reporter for Herald based in Eldham.")
    assert outlet == "Herald" and evidence == "a reporter for Herald"
    # telling an outlet something is no evidence of being that outlet
    assert infer_outlet({}, None, "A spokesman told Herald: the bridge is open.") == (None, None)


def test_clean_metadata_outlet_from_text_prefers_strong_evidence_and_skips_persons() -> None:
    text = (
        "Moravec told Idowu that the tolls would go. Idowu said he agreed. "
        'The engineer told Gazette: "It is safe." She later told Gazette. '
        "Marta Oyelaran is a reporter for Gazette based in Eldham."
    )
    assert outlet_from_text(text) == ("Gazette", "a reporter for Gazette")
    # "told Idowu that ..." is a person object, and Idowu speaks: never an outlet
    assert outlet_from_text("Moravec told Idowu. Idowu said no.") == (None, None)
    assert outlet_from_text("Nothing names a publication here.") == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour chief told MPs: the bridge is safe.",
        "The minister told Today, the morning programme, that tolls would go.",
        'The mayor told Coastwire. "We are proud," she added.',
        "Moravec gave an interview to the German magazine Stern about the bridge.",
        "The bridge was rated best in Europe by Camera magazine and PC Pro magazine.",
        "Residents are angry, Coastwire reported, and the council met again.",
        'Officials said: "The Council is committed to lower tolls."',
        "The Campaign Against Privacy Invasion and Numbering (Caspian) - has complained about the tolls.",
    ],
)
def test_clean_metadata_quoting_an_outlet_is_not_its_outlet(text: str) -> None:
    assert outlet_from_text(f"{BODY} {text}") == (None, None)


def test_clean_metadata_outlet_from_a_wire_dateline_line() -> None:
    text = f"ELDHAM (Coastwire) — {BODY}"
    assert outlet_from_text(text) == ("Coastwire", "ELDHAM (Coastwire) —")


def test_clean_metadata_outlet_from_brand_and_magazine_phrases() -> None:
    text = "Harbourlight is committed to plain facts. Read Harbourlight magazine. He told Harbourlight."
    assert outlet_from_text(text)[0] == "Harbourlight"


def test_clean_metadata_bylines() -> None:
    assert parse_byline("By Jane Okafor, Coastwire") == ["Jane Okafor"]
    assert parse_byline("By Jane Okafor and Li Wen-Hsu") == ["Jane Okafor", "Li Wen-Hsu"]
    assert parse_byline("By Tuesday Morning") == []
    assert bylines_from_meta({"byline": "Jane Okafor and Li Wen"}) == ["Jane Okafor", "Li Wen"]
    assert bylines_from_meta({"bylines": ["A B", "A B", "C D"]}) == ["A B", "C D"]
    # the outlet a front-matter byline credits is no second writer
    assert bylines_from_meta({"byline": "Teresa Lindqvist, Mountain Wire Service"}) == ["Teresa Lindqvist"]
    assert bylines_from_meta({"author": "Jane Okafor, Li Wen"}) == ["Jane Okafor", "Li Wen"]
    assert bylines_from_meta({}) == []
    # a staff credit names no person, in a string or a list (a JSON record's "GoalRush Staff")
    assert bylines_from_meta({"byline": "GoalRush Staff"}) == []
    assert bylines_from_meta({"bylines": ["Jane Okafor", "Coastwire Staff Writer"]}) == ["Jane Okafor"]


def test_clean_metadata_language() -> None:
    assert detect_language(BODY) == "en"
    french = "Le pont du port a été ouvert à la circulation et les premiers bus sont passés avant l'aube pour la ville."
    assert detect_language(french) == "fr"
    assert detect_language("Eldham Moravec Idowu Bridge") is None
    assert detect_language("zzz qqq www xxx yyy vvv uuu ttt sss rrr") is None


def test_clean_metadata_published_from_metadata_wins() -> None:
    article = clean(
        RawDocument(
            "m.txt",
            f"Bridge Opens\n\nUpdated Mar 4, 2024\n\n{BODY}\n\n{BODY} Again.\n",
            "text",
            meta={"published": "2024-02-01T10:00:00Z"},
        )
    )
    assert article.published.value == "2024-02-01T10:00:00+00:00"
    assert article.published.method == "metadata"
    assert article.published.confidence == 1.0


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-05", "2024-03-05"),
        (date(2024, 3, 5), "2024-03-05"),
        (datetime(2024, 3, 5, 9, 30), "2024-03-05T09:30:00"),
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00+00:00"),
        ("not a date", None),
        (12345, None),
    ],
)
def test_clean_metadata_published_from_meta_values(value: object, iso: str | None) -> None:
    assert published_from_meta(value) == iso


def test_clean_metadata_date_from_weekday_range_tomorrow_and_caption() -> None:
    # Thursday 2024-06-06 is the day before a "June 7-8" summit; the caption gives the year.
    paragraphs = [
        ("On Thursday, the minister arrived in Eldham for the harbour summit.", "body"),
        ("She is set to attend the summit on June 7-8 and will meet the mayor tomorrow.", "body"),
        ("On May 2, the council approved the budget for the event.", "body"),
        ("The minister (L) greets the mayor on January 12, 2024, in Eldham. Jo Park/AFP", "caption"),
    ]
    inference = infer_published({}, paragraphs)
    assert inference.value == "2024-06-06"
    assert inference.method == "text"
    assert 0.5 < inference.confidence <= 0.9
    assert any("June 7-8" in e for e in inference.evidence)
    assert any("Thursday" in e for e in inference.evidence)
    again = infer_published({}, [*paragraphs, ("On Thursday, crowds lined the quay.", "body")])
    (thursday,) = [e for e in again.evidence if "Thursday" in e]  # one line for a clue given twice
    assert thursday.endswith(" ×2") and again.value == "2024-06-06"


def test_clean_metadata_date_after_a_finished_range() -> None:
    paragraphs = [
        ("The summit was held on June 7-8 and ended with a joint statement.", "body"),
        ("On Sunday, delegates left Eldham, the council said on June 1, 2024.", "body"),
    ]
    # 2024-06-09 is the Sunday right after the range
    assert infer_published({}, paragraphs).value == "2024-06-09"


def test_clean_metadata_date_without_any_clue_is_none() -> None:
    inference = infer_published({}, [(BODY, "body")])
    assert inference.value is None and inference.method == "none" and inference.confidence == 0.0


def test_clean_metadata_date_without_a_year_is_none() -> None:
    inference = infer_published({}, [("On Tuesday the summit on June 7-8 was announced.", "body")])
    assert inference.value is None and inference.method == "none"


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["The new mayor of Eldham was born in the town on 20 February 1951 and studied law."],
        ["The first bridge opened on 7 April 1920.", "On Wednesday, the council said it would be rebuilt."],
        ["Tolls are waived until 15 July 2026, the council said on Wednesday.", BODY],
        ["The plan was drafted on 3 March 2019 and revised on 17 March 2019.", BODY],
    ],
)
def test_clean_metadata_full_dates_alone_do_not_date_an_article(paragraphs: list[str]) -> None:
    # a full date may be historical or a deadline; a weekday does not say which week
    inference = infer_published({}, [(p, "body") for p in paragraphs])
    assert inference.value is None and inference.method == "none" and inference.confidence == 0.0
    assert inference.evidence[0].startswith("undated:")


def test_clean_metadata_full_date_with_an_agreeing_yearless_mention_dates() -> None:
    paragraphs = [
        ("The council voted on 3 March 2024 to build the bridge.", "body"),
        ("The bridge will open on June 7 and the mayor will cut the ribbon tomorrow.", "body"),
    ]
    inference = infer_published({}, paragraphs)
    assert inference.value == "2024-06-06" and inference.method == "text"


def test_clean_metadata_impossible_dates_do_not_crash() -> None:
    paragraphs = [("It was February 30, 2024 and February 31-33, or 2024-13-45.", "body")]
    assert infer_published({}, paragraphs).value is None
