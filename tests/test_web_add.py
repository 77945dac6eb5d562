"""The web's Add page: upload files or give URLs, follow the job, see what was stored or refused."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import httpx
import pytest
from web_server import LiveApp, live

from newsprism.web import create_app

HTML = {"accept": "text/html"}
WIRE = (
    "Dock workers in Lindqvist voted on Monday to end a nine-day strike, the union said.\n\n"
    '"We have a deal that protects every job," said union leader Marta Olsen.'
)
RECORDS = [
    {"outlet": "Meridian Wire", "url": "https://wire.test/a", "title": "Dockers end <strike>", "body": WIRE},
    {"outlet": "Valley Courier", "url": "https://courier.test/b", "title": "Strike over", "body": WIRE},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    db = tmp_path_factory.mktemp("add") / "add.db"
    with live(create_app(db, extract=False)) as running:
        yield running


@pytest.fixture
def client(server: LiveApp) -> Iterator[httpx.Client]:
    with server.client(headers=HTML) as c:
        yield c


def finished(client: httpx.Client, location: str) -> str:
    """The job page once the job is over (it reloads itself while the job runs)."""
    deadline = time.monotonic() + 60
    while True:
        page = client.get(location).text
        if 'http-equiv="refresh"' not in page:
            return page
        assert time.monotonic() < deadline, page
        time.sleep(0.2)


def test_web_add_page_offers_files_and_urls(client: httpx.Client) -> None:
    page = client.get("/add")
    assert page.status_code == 200 and 'href="/add"' in page.text  # in the navigation too
    assert 'enctype="multipart/form-data"' in page.text
    assert '<input type="file" name="files" multiple required>' in page.text
    assert '<textarea name="urls"' in page.text and "private and local addresses are refused" in page.text
    assert "(up to 100 files, 10 MB in all)" in page.text  # the request's cap, --max-bytes


def test_web_add_upload_follows_the_job_to_the_stored_articles(client: httpx.Client) -> None:
    body = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
    sent = client.post("/add", files={"files": ("feed.jsonl", body, "application/x-ndjson")})
    assert sent.status_code == 303 and re.fullmatch(r"/jobs/job-[0-9a-f]+", sent.headers["location"])
    page = finished(client, sent.headers["location"])
    assert 'data-status="done"' in page
    assert "2 stored (1 reprint of a stored text), 0 new versions, 0 already stored, 0 refused." in page
    assert "Dockers end &lt;strike&gt;" in page and "<strike>" not in page  # titles escaped
    wire, copy = re.findall(r'<li><a href="/articles/([0-9a-f]{12})">', page)[:2]
    assert f'same text as <a href="/articles/{wire}">{wire}</a>' in page
    assert client.get(f"/articles/{copy}").status_code == 200
    again = finished(client, client.post("/add", files={"files": ("feed.jsonl", body)}).headers["location"])
    assert "0 stored, 0 new versions, 2 already stored, 0 refused." in again
    assert "<h2>Already stored</h2>" in again


def test_web_add_urls_refused_by_the_address_guard_are_listed(client: httpx.Client) -> None:
    urls = "http://127.0.0.1:9/private.html\n  http://10.0.0.7/x.html \n"
    sent = client.post("/add", files={"urls": (None, urls)})
    assert sent.status_code == 303
    page = finished(client, sent.headers["location"])
    assert "0 stored" in page and "2 refused" in page
    refused = re.findall(r"<li><code>(.*?)</code> · (E\d+): ", page)
    assert [s for s, _ in refused] == ["http://127.0.0.1:9/private.html", "http://10.0.0.7/x.html"]


def test_web_add_empty_form_and_foreign_sites_are_refused(client: httpx.Client) -> None:
    empty = client.post("/add", files={"files": ("", b"")})
    assert empty.status_code == 400 and "the add form: nothing to ingest" in empty.text
    assert "give web addresses one per line" in empty.text and "/api" not in empty.text
    bad = client.post("/add", files={"urls": (None, "file:///etc/passwd")})
    assert bad.status_code >= 400 and "E014" in bad.text
    foreign = client.post(
        "/add", files={"urls": (None, "https://example.com/")}, headers={"origin": "https://evil.test"}
    )
    assert foreign.status_code == 403
    gone = client.get("/jobs/job-000000000000")
    assert gone.status_code == 404 and "add the articles again from the Add page" in gone.text


def test_web_add_a_large_job_lists_its_first_articles_and_counts_the_rest(client: httpx.Client) -> None:
    records = [
        {
            "outlet": "Harbour Gazette",
            "title": f"Notice {i}",
            "body": f"Notice number {i} of the harbour board. " * 4,
        }
        for i in range(205)
    ]
    body = "".join(json.dumps(r) + "\n" for r in records).encode()
    page = finished(client, client.post("/add", files={"files": ("many.jsonl", body)}).headers["location"])
    assert "205 stored" in page and "5 more stored" in page
    assert page.count('<li><a href="/articles/') == 200 and ">Notice 199</a>" in page
