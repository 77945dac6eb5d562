"""Web fixes: same-article compare refused, time-of-day since bounds, no CDN Swagger page,
page titles, the undated-articles note and the way back from a refused listing filter."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser

import httpx
import pytest
from web_server import LiveApp, demo_db, live

from newsprism.group.stories import unique_keywords
from newsprism.model import Fact
from newsprism.pipeline import ingest
from newsprism.web import create_app
from newsprism.web.highlight import Span, sentences

HTML = {"accept": "text/html"}

#: Two ungrouped, unextracted articles (so comparing them loads no model); the first is undated.
RECORDS = [
    {
        "title": "Quay <b>reopens</b>",
        "outlet": "Harbour Gazette",
        "published": None,
        "body": "The quay reopened for ships after repairs. Crews worked through the night to finish it.",
    },
    {
        "title": "Harbour works end",
        "outlet": "Coast Times",
        "published": "2025-06-11",
        "body": "Repairs to the quay ended and ships returned. The harbour master thanked the crews.",
    },
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    folder = tmp_path_factory.mktemp("fixes")
    db = demo_db(folder / "demo.db")
    records = folder / "records.json"
    records.write_text(json.dumps(RECORDS), encoding="utf-8")
    summary = ingest([str(records)], db, extract=False, group=False)
    assert summary.exit_code == 0 and len(summary.ingested) == 2, summary.to_dict()
    with live(create_app(db)) as running:
        yield running


@pytest.fixture
def client(server: LiveApp) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def ids_by_outlet(client: httpx.Client) -> dict[str | None, str]:
    items = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return {a["outlet"]: a["id"] for a in items}


def title(page: httpx.Response) -> str:
    found = re.search(r"<title>(.*?)</title>", page.text, re.S)
    assert found, page.text[:300]
    return found.group(1)


def test_web_compare_refuses_the_same_article_twice(client: httpx.Client) -> None:
    article = ids_by_outlet(client)["Meridian Press"]
    for other in (article, article[:6]):  # the same id, or a prefix of it
        error = client.get(f"/compare/{article}/{other}").json()["error"]
        assert error["code"] == "E061" and article in error["message"], error
        assert "the two ids are the same article" in error["message"]
        page = client.get(f"/compare/{article}/{other}", headers=HTML)
        assert page.status_code == 422 and 'data-code="E061"' in page.text
        assert f"same article {article}" in page.text and "pair-findings" not in page.text


def test_web_since_with_a_time_keeps_articles_dated_that_day(client: httpx.Client) -> None:
    # the demo has three articles of 2025-06-10 (Meridian Press at 07:45 UTC, two dated by the day
    # alone) and one of 2025-06-12; the records add 2025-06-11
    for since, expected in (("2025-06-10", 5), ("2025-06-10T09:00", 4), ("2025-06-11T23:59:59Z", 2)):
        listed = client.get("/api/articles", params={"since": since}).json()
        assert listed["total"] == expected, (since, [a["published"]["value"] for a in listed["items"]])
    page = client.get("/articles", params={"since": "2025-06-10T09:00"}, headers=HTML)
    assert '<p class="count">4 articles</p>' in page.text
    demo_story = client.get("/api/stories", params={"since": "2025-06-12T18:00", "outlet": "Meridian Press"})
    assert demo_story.json()["total"] == 0  # Meridian Press is dated 2025-06-10 only
    assert client.get("/api/stories", params={"since": "2025-06-10T18:00"}).json()["total"] == 2


def test_web_has_no_cdn_swagger_page_and_its_own_docs_work(client: httpx.Client) -> None:
    missing = client.get("/docs/swagger", headers=HTML)
    assert missing.status_code == 404 and 'data-code="E062"' in missing.text
    assert client.get("/redoc").status_code == 404
    schema = client.get("/openapi.json")
    assert schema.status_code == 200 and "/api/articles" in schema.json()["paths"]
    docs = client.get("/docs", headers=HTML)
    assert docs.status_code == 200 and "/api/articles" in docs.text
    assert "swagger" not in docs.text.lower() and "cdn" not in docs.text.lower()
    assert "script-src 'self'" in docs.headers["content-security-policy"]


def test_web_page_titles_name_the_compared_articles_and_the_query(client: httpx.Client) -> None:
    ids = ids_by_outlet(client)
    page = client.get(f"/compare/{ids['Harbour Gazette']}/{ids['Coast Times']}", headers=HTML)
    assert page.status_code == 200
    assert title(page) == "Harbour Gazette and Coast Times compared · newsprism"
    search = client.get("/search", params={"q": "Ortiz <b>"}, headers=HTML)
    assert title(search) == "“Ortiz &lt;b&gt;” · Search · newsprism"
    assert title(client.get("/search", headers=HTML)) == "Search · newsprism"


def test_web_articles_listing_says_a_date_range_leaves_undated_articles_out(client: httpx.Client) -> None:
    note = "1 undated article is in no date range"
    for params in ({"since": "2023-01-01"}, {"until": "2030"}, {"since": "2023", "q": "quay"}):
        page = client.get("/articles", params=params, headers=HTML)
        assert page.status_code == 200 and note in page.text, params
    for params in ({}, {"since": "2023-01-01", "outlet": "Meridian Press"}):
        assert "undated article" not in client.get("/articles", params=params, headers=HTML).text, params


def test_web_reversed_range_error_page_keeps_the_other_filters(client: httpx.Client) -> None:
    params = {"since": "2025-06-12", "until": "2025-06-10", "outlet": "Meridian Press", "offset": "20"}
    page = client.get("/articles", params=params, headers=HTML)
    assert page.status_code == 422 and "since 2025-06-12 is after until 2025-06-10" in page.text
    assert "Hint: swap the two dates" in page.text
    assert (
        '<a href="/articles?outlet=Meridian+Press">Back to /articles with your other filters</a>' in page.text
    )
    assert "(without since, until)" in page.text
    stories = client.get(
        "/", params={"since": "2025-06-12", "until": "2025-06-10", "q": "Keller"}, headers=HTML
    )
    assert '<a href="/?q=Keller">' in stories.text
    error = client.get("/api/articles", params=params).json()["error"]
    assert error["code"] == "E061" and error["hint"] == "swap the two dates"


def story_page(client: httpx.Client) -> str:
    """The demo story's page (compared first: the first comparison loads the models)."""
    sid = next(s["id"] for s in client.get("/api/stories").json()["items"] if "Keller" in s["label"])
    assert client.get(f"/api/stories/{sid}", timeout=600).status_code == 200
    page = client.get(f"/stories/{sid}", headers=HTML)
    assert page.status_code == 200, page.text[:300]
    return page.text


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


class _Element(HTMLParser):
    """The text of the element with one id (and of the elements inside it)."""

    def __init__(self, id_: str) -> None:
        super().__init__(convert_charrefs=True)
        self.id, self.depth, self.text = id_, 0, list[str]()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or ("id", self.id) in attrs:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def text_of(html: str, id_: str) -> str:
    """The text of the element of ``html`` whose id is ``id_`` ("" when none)."""
    parser = _Element(id_)
    parser.feed(html)
    return " ".join("".join(parser.text).split())


def test_web_finding_passages_link_to_their_sentence_on_the_article_page(client: httpx.Client) -> None:
    page = story_page(client)
    boxes = re.findall(
        r'<blockquote class="passage-box">\s*<p>(.*?)</p>\s*<footer><a href="([^"]+)">.*?</a>, sentence (\d+)</footer>',
        page,
        re.S,
    )
    assert len(boxes) >= 2, page[:2000]
    for context, href, number in boxes:
        found = re.fullmatch(r"/articles/(\w+)#(s\d+)", href)
        assert found and found.group(2) == f"s{number}", href  # "sentence 7" links to #s7
        article = client.get(f"/articles/{found.group(1)}", headers=HTML).text
        sentence = text_of(article, found.group(2))
        passage = re.search(r'<span class="passage">(.*?)</span>', context, re.S)
        assert passage and plain(passage.group(1))[:25] in sentence, (href, passage, sentence)  # starts there
    assert ".sentence:target" in client.get("/static/newsprism.css").text


def test_web_sentences_keep_every_character_and_cut_marks_at_sentence_ends() -> None:
    text = 'He said "one. two." Then left.'
    facts = [
        Fact("x", i, start, end, text[start:end])
        for i, (start, end) in enumerate([(0, 13), (14, 19), (20, 30)])
    ]
    pieces = sentences(text, facts, [Span(8, 19, "quote", "q")])
    assert [p.anchor for p in pieces] == ["s1", "", "s2", "", "s3"]
    assert "".join(s.text for p in pieces for s in p.segments) == text
    assert [(s.text, s.cls) for s in pieces[0].segments] == [("He said ", ""), ('"one.', "quote")]
    assert [(s.text, s.cls) for s in pieces[2].segments] == [('two."', "quote")]
    assert sentences(text, [], [])[0].anchor == "" and sentences("", facts, []) == []


#: How every page shows the demo article that names no outlet: its file name, in italics.
FILE_NAMED = re.compile(r'<i class="file-name" title="[^"]*">04_globalpulse_daily</i>')


def test_web_an_article_without_outlet_has_one_label_on_every_page(client: httpx.Client) -> None:
    story = story_page(client)
    article = next(
        a
        for a in client.get("/api/articles", params={"limit": 100}).json()["items"]
        if a["source"].endswith("04_globalpulse_daily.txt")
    )
    assert article["outlet"] is None
    pages = {
        "story": story,
        "articles": client.get("/articles", headers=HTML).text,
        "article": client.get(f"/articles/{article['id']}", headers=HTML).text,
        "search": client.get("/search", params={"q": "Keller"}, headers=HTML).text,
        "compare": client.get(
            f"/compare/{article['id']}/{ids_by_outlet(client)['Meridian Press']}", headers=HTML
        ).text,
    }
    for name, text in pages.items():
        assert FILE_NAMED.search(text), name
        assert "unknown outlet" not in text and ">unknown<" not in text, name
    assert "(no outlet found: the file name)" in pages["article"]
    # the story page marks it in the findings, the matrix header, the summary and the listing
    assert len(FILE_NAMED.findall(story)) >= 4
    assert re.search(r'<a href="/articles/\w+#s\d+"><i class="file-name"', story)
    assert 'class="node-label file-name">04_globalpulse_daily<' in story
    assert not re.search(r">04_globalpulse_daily<(?!/i>|/text>)", story)  # never unmarked
    assert FILE_NAMED.search(pages["articles"]) and "Meridian Press</span>" in pages["articles"]


def test_web_story_display_dates_legend_and_keywords(client: httpx.Client) -> None:
    story = story_page(client)
    legend = re.search(r'<p class="legend">● reported.*?</p>', story)
    outlets = re.search(r'<section id="outlets">.*?</section>', story, re.S)
    assert outlets and "Valley Courier · 2025-06-10 · copy of Meridian Press" in plain(outlets.group(0))
    assert legend and "· · absent" not in legend.group(0) and "· absent" in legend.group(0), legend
    css = client.get("/static/newsprism.css").text
    assert re.search(r"\.matrix th small \{[^}]*white-space: nowrap", css)
    listing = client.get("/", headers=HTML).text
    keywords = re.findall(r'<div class="sub keywords">(.*?)</div>', listing)
    assert "Keller; Hollis; Soria" in keywords, keywords
    for line in keywords:
        words = [w.casefold() for part in line.split(";") for w in part.split()]
        assert len(words) == len(set(words)), line
    assert unique_keywords("Keller; Hollis; Soria; keller soria hollis") == "Keller; Hollis; Soria"
    assert unique_keywords("Hollis; Mira Hollis; hollis summit") == "Hollis; Mira Hollis; summit"
    assert unique_keywords("New York Times; New York; new york fare") == "New York Times; New York; fare"
    assert unique_keywords("Soria; soria; SORIA") == "Soria"
