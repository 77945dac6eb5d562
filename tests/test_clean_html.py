"""extract_html: trafilatura main text, metadata, the audit trail of dropped chrome, bad pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.clean.html import CHROME, extract_html, page_lines, split_authors, split_tags
from newsprism.errors import InputError

PARAGRAPHS = [
    "The harbour authority of Westmere confirmed on Tuesday that the old grain pier will close for "
    "repairs after inspectors found cracks in three of its supporting columns.",
    "Engineers said the damage was caused by decades of salt water seeping into the concrete, and that "
    "the work would take at least eight months to complete.",
    "Local fishing crews, who use the pier every morning, will be moved to the eastern quay while the "
    "repairs go on, the authority said in a statement.",
    "Mayor Ilse Varga told reporters the town had set aside funds for the work last year and that no "
    "new taxes would be needed to pay for it.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Old grain pier to close for repairs | Westmere Gazette</title>
<meta property="og:title" content="Old grain pier to close for repairs">
<meta property="og:site_name" content="Westmere Gazette">
<meta name="author" content="Jane Holt; Omar Diaz">
<meta property="article:published_time" content="2023-10-17T08:30:00+00:00">
<meta property="article:section" content="Local News">
<meta property="article:tag" content="harbour">
<meta property="article:tag" content="infrastructure">
<script>var tracker = "SECRET-TRACKING-PAYLOAD";</script>
<style>.x {{ color: red }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
  <button>Accept all cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport Section</a></li>
  <li><a href="/weather">Weather Forecasts</a></li></ul></nav></header>
<main>
<article>
<h1>Old grain pier to close for repairs</h1>
<p class="byline">By Jane Holt and Omar Diaz</p>
<p>{PARAGRAPHS[0]}</p>
<script>document.write("INJECTED-SCRIPT-TEXT");</script>
<p>{PARAGRAPHS[1]}</p>
<p>{PARAGRAPHS[2]}</p>
<p>{PARAGRAPHS[3]}</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
  <li><a href="/a">Ferry timetable changes announced for winter season</a></li>
  <li><a href="/b">New lighthouse museum opens its doors to visitors</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
  <div class="comment"><p>Reader99: This pier has been falling apart for years, about time they fixed it.</p></div>
</section>
</main>
<footer><p>Copyright 2023 Westmere Gazette Media Group. All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""

FRAGMENTS = [
    "<html>",
    "<body>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<script>x()</script>",
    "<!-- c -->",
    "<table><tr><td>",
    "</td></tr></table>",
    "<?xml version='1.0' encoding='utf-8'?>",
    "&amp;",
    "\x00",
    PARAGRAPHS[0],
    PARAGRAPHS[1],
    "<meta charset='latin-1'>",
    "<nav><a href='/'>Home</a></nav>",
]

URL = "https://www.westmere-gazette.example/local/pier-repairs"


@pytest.fixture(scope="module")
def extracted() -> tuple[str, dict, list]:
    return extract_html(PAGE, URL)


def test_clean_html_body_keeps_paragraphs_in_order(extracted: tuple[str, dict, list]) -> None:
    body, _, _ = extracted
    positions = [body.find(p) for p in PARAGRAPHS]
    assert all(pos >= 0 for pos in positions), body
    assert positions == sorted(positions)
    assert "\n\n".join(PARAGRAPHS) in body  # paragraphs separated by blank lines


@pytest.mark.parametrize(
    "chrome",
    [
        "cookies",
        "Weather Forecasts",
        "Ferry timetable",
        "lighthouse museum",
        "Reader99",
        "Copyright 2023",
        "Privacy",
    ],
)
def test_clean_html_body_drops_chrome(extracted: tuple[str, dict, list], chrome: str) -> None:
    body, _, _ = extracted
    assert chrome not in body


def test_clean_html_script_content_never_in_body(extracted: tuple[str, dict, list]) -> None:
    body, _, removed = extracted
    for secret in ("SECRET-TRACKING-PAYLOAD", "INJECTED-SCRIPT-TEXT", "document.write", "color: red"):
        assert secret not in body
        assert not any(secret in block.text for block in removed)


def test_clean_html_meta_from_page(extracted: tuple[str, dict, list]) -> None:
    _, meta, _ = extracted
    assert set(meta) == {"title", "outlet", "bylines", "published", "section", "tags", "language", "url"}
    assert meta["title"] == "Old grain pier to close for repairs"
    assert meta["outlet"] == "Westmere Gazette"
    assert meta["bylines"] == ["Jane Holt", "Omar Diaz"]
    assert meta["published"] == "2023-10-17T08:30:00+00:00"  # the time and zone of its meta tag
    assert meta["section"] == "Local News"
    assert meta["tags"] == ["harbour", "infrastructure"]
    assert meta["language"] == "en"


def test_clean_html_removed_blocks_record_chrome(extracted: tuple[str, dict, list]) -> None:
    _, _, removed = extracted
    texts = [block.text for block in removed]
    assert all(block.reason == CHROME for block in removed)
    for chrome in ("Weather Forecasts", "Ferry timetable", "Reader99", "Copyright 2023"):
        assert any(chrome in text for text in texts), texts
    assert not any(p[:80] in text for p in PARAGRAPHS for text in texts)


def test_clean_html_outlet_falls_back_to_domain_and_no_date_when_absent() -> None:
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    body, meta, _ = extract_html(page, "https://www.harbour-news.example/story/1")
    assert PARAGRAPHS[0] in body
    assert meta["outlet"] == "harbour-news.example"
    assert meta["published"] is None
    assert meta["bylines"] == []
    assert meta["language"] is None


def test_clean_html_deterministic() -> None:
    assert extract_html(PAGE, URL) == extract_html(PAGE, URL)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   ",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav><script>var x = 'lots of script text here';</script></body></html>",
    ],
)
def test_clean_html_no_text_raises_e006(page: str) -> None:
    with pytest.raises(InputError) as info:
        extract_html(page, "https://example.org/empty")
    assert info.value.code == "E006"
    assert "https://example.org/empty" in info.value.message


def test_clean_html_no_url_names_html_source() -> None:
    with pytest.raises(InputError) as info:
        extract_html("<html><body></body></html>", None)
    assert info.value.source == "html"


def test_clean_html_input_truncated_to_max_bytes() -> None:
    filler = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
    tail = "<p>" + PARAGRAPHS[3] + "</p>"
    page = (
        "<html><body><article>" + filler + "<div>" + "x" * 5000 + "</div>" + tail + "</article></body></html>"
    )
    body, _, _ = extract_html(page, None, max_bytes=len(filler) + 4000)
    assert PARAGRAPHS[0] in body
    assert PARAGRAPHS[3] not in body


def test_clean_html_removed_blocks_bounded() -> None:
    links = "".join(f"<li><a href='/{i}'>Navigation link number {i}</a></li>" for i in range(1000))
    page = f"<html><body><nav><ul>{links}</ul></nav><article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page += "</article></body></html>"
    _, _, removed = extract_html(page, None)
    assert len(removed) == 200


def test_clean_html_page_lines_split_blocks_and_skip_scripts() -> None:
    from lxml import html

    tree = html.fromstring(
        "<html><body><div>a<script>bad()</script>tail<!-- note -->more<p>para <b>bold</b> end</p>"
        "<br>after</div></body></html>"
    )
    assert page_lines(tree) == ["atailmore", "para bold end", "after"]


def test_clean_html_split_authors_and_tags() -> None:
    assert split_authors("Jane Holt; Omar Diaz and Li Wei") == ["Jane Holt", "Omar Diaz", "Li Wei"]
    assert split_authors(None) == []
    assert split_tags(["a,b, c"]) == ["a", "b", "c"]
    assert split_tags(["Smith, John", "Harbours"]) == ["Smith, John", "Harbours"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400) | st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_clean_html_any_input_returns_or_raises_e006(page: str) -> None:
    try:
        body, meta, removed = extract_html(page, None)
    except InputError as err:
        assert err.code == "E006"
    else:
        assert body.strip() and "\n\n\n" not in body
        assert len(removed) <= 200 and all(len(block.text) <= 300 for block in removed)
        assert isinstance(meta["bylines"], list) and isinstance(meta["tags"], list)


def test_clean_html_headline_kept_by_the_extractor_leaves_the_body() -> None:
    from newsprism.clean import clean
    from newsprism.model import RawDocument

    paragraphs = [
        "The Port Alder council voted 7-2 on Monday to build a desalination plant at Gull Point.",
        "The plant will produce 20 million gallons of drinking water a day when it opens in 2027.",
        "Opponents said the intake pipe could harm the fish nurseries of the bay, a biologist said.",
    ]
    page = (
        "<html><head><title>Port Alder approves plant | Meridian Wire</title>"
        "<meta property='og:title' content='Port Alder approves plant'></head><body><article>"
        "<h1>Port Alder approves plant</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    html = clean(RawDocument("p.html", page, "html"))
    assert html.body.startswith(paragraphs[0])
    assert ("Port Alder approves plant", "headline") in [(r.text, r.reason) for r in html.removed]
    record = clean(
        RawDocument("r.json#1", "Port Alder approves plant\n\n" + "\n\n".join(paragraphs), "record",
                    meta={"title": "Port Alder approves plant"})
    )  # fmt: skip
    assert record.fingerprint == html.fingerprint  # one article, read as a page and as a record
    lede = clean(
        RawDocument("r.json#2", "\n\n".join(paragraphs), "record", meta={"title": paragraphs[0][:-1]})
    )
    assert lede.body.startswith(paragraphs[0])  # a title that repeats the lede sentence leaves it in the body


def test_clean_html_publication_time_and_zone_from_meta() -> None:
    paragraphs = "".join(
        f"<p>Sentence {i} of a report on the footbridge collapse in the old town.</p>" for i in range(5)
    )

    def page(meta: str) -> str:
        return f"<html><head>{meta}<title>Bridge</title></head><body><article>{paragraphs}</article></body></html>"

    timed = '<meta property="article:published_time" content="2026-03-09T14:00:00-05:00">'
    assert extract_html(page(timed), None)[1]["published"] == "2026-03-09T14:00:00-05:00"
    day_only = '<meta property="article:published_time" content="2026-03-09">'
    assert extract_html(page(day_only), None)[1]["published"] == "2026-03-09"
    other_day = timed + '<meta itemprop="datePublished" content="2026-03-10T09:00:00Z">'
    assert extract_html(page(other_day), None)[1]["published"] == "2026-03-09T14:00:00-05:00"
    after_midnight = '<meta name="date" content="2026-03-09"><meta property="article:published_time" content="2026-03-10T02:30:00Z">'
    assert extract_html(page(after_midnight), None)[1]["published"] == "2026-03-10T02:30:00+00:00"
    far = '<meta name="date" content="2026-03-09"><meta property="article:published_time" content="2026-03-20T02:30:00Z">'
    assert extract_html(page(far), None)[1]["published"] == "2026-03-09"
    related = (  # another story's time in the body is not this page's
        '<html><head><meta name="date" content="2026-03-09"><title>Bridge</title></head><body><article>'
        f"{paragraphs}</article><aside itemscope><meta itemprop='datePublished' content='2026-03-09T06:00:00Z'>"
        "<p>Related: the river</p></aside></body></html>"
    )
    assert extract_html(related, None)[1]["published"] == "2026-03-09"
