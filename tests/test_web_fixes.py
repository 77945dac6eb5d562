"""Web fixes: same-article compare refused, time-of-day since bounds, no CDN Swagger page,
page titles, the undated-articles note and the way back from a refused listing filter."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from web_server import LiveApp, demo_db, live

from newsprism.pipeline import ingest
from newsprism.web import create_app

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
    # the demo has three articles dated 2025-06-10 and one 2025-06-12; the records add 2025-06-11
    for since, expected in (("2025-06-10", 5), ("2025-06-10T09:00", 5), ("2025-06-11T23:59:59Z", 2)):
        listed = client.get("/api/articles", params={"since": since}).json()
        assert listed["total"] == expected, (since, [a["published"]["value"] for a in listed["items"]])
    page = client.get("/articles", params={"since": "2025-06-10T09:00"}, headers=HTML)
    assert '<p class="count">5 articles</p>' in page.text
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
