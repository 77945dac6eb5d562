"""The REST API against a real uvicorn server on 127.0.0.1 over the bundled demo story."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_server import LiveApp, demo_db, live

from newsprism.model import StoryReport, from_dict
from newsprism.settings import IngestOptions
from newsprism.web import create_app

ERROR_KEYS = {"code", "message", "hint"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveApp]:
    with live(create_app(demo_db(tmp_path / "demo.db"))) as running:
        yield running


@pytest.fixture
def client(server: LiveApp) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def only_story(client: httpx.Client) -> str:
    """The id of the one story of the demo database."""
    listed = client.get("/api/stories").json()
    assert listed["total"] == 1
    return str(listed["items"][0]["id"])


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, str]:
    """The one error shape: exactly {"error": {"code", "message", "hint"}}, all non-empty strings."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert all(isinstance(v, str) and v for v in body["error"].values())
    assert body["error"]["code"] == code
    return body["error"]  # type: ignore[no-any-return]


def test_web_api_error_shape_is_pinned(client: httpx.Client) -> None:
    error = assert_error(client.get("/api/articles/ffffffffffff"), 404, "E021")
    assert "ffffffffffff" in error["message"]
    assert_error(client.get("/api/stories/no-such-story"), 404, "E050")
    assert_error(client.get("/api/jobs/job-0000"), 404, "E063")
    assert_error(client.get("/api/nothing-here"), 404, "E062")
    invalid = assert_error(client.get("/api/articles", params={"limit": 0}), 422, "E061")
    assert "limit" in invalid["message"]
    assert_error(client.get("/api/stories", params={"since": "June"}), 422, "E061")
    no_day = assert_error(client.get("/api/articles", params={"until": "2025-13-45"}), 422, "E061")
    assert "month must be in 1..12" in no_day["message"]  # one check with the CLI (store.filters.date_bound)
    assert "Value error" not in no_day["message"] and no_day["hint"].startswith("give dates as YYYY-MM-DD")
    backwards = assert_error(
        client.get("/api/stories", params={"since": "2025-07-01", "until": "2025-06"}), 422, "E061"
    )
    assert "since 2025-07-01 is after until 2025-06" in backwards["message"]
    assert client.get("/api/articles", params={"since": "2025-06-11", "until": "2025-06"}).status_code == 200
    page = client.get("/articles", params={"since": "2025-02-30"}, headers={"accept": "text/html"})
    assert page.status_code == 422 and "day is out of range for month" in page.text
    assert '<a href="/articles">Back to /articles without the filters</a>' in page.text
    assert_error(client.get("/api/search"), 422, "E061")
    assert_error(
        client.post("/api/ingest", content=b"{not json", headers={"content-type": "application/json"}),
        400,
        "E005",
    )
    assert_error(
        client.post("/api/ingest", content=b"hello", headers={"content-type": "text/plain"}), 422, "E061"
    )
    assert_error(client.post("/api/ingest", json={"urls": ["file:///etc/passwd"]}), 400, "E014")
    assert_error(client.post("/api/ingest", json={"urls": ["-"]}), 400, "E014")
    assert_error(client.post("/api/ingest", json={"urls": "http://example.com"}), 422, "E061")
    assert_error(client.post("/api/ingest", json=[]), 400, "E065")
    assert_error(client.delete("/api/stories"), 405, "E061")


def test_web_api_request_size_limit(tmp_path: Path) -> None:
    app = create_app(tmp_path / "small.db", options=IngestOptions(max_bytes=2_000))
    with live(app) as running, running.client() as client:
        big = json.dumps([{"title": "t", "body": "word " * 1_000}]).encode()
        error = assert_error(
            client.post("/api/ingest", content=big, headers={"content-type": "application/json"}), 413, "E060"
        )
        assert "2000" in error["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the cap counts streamed bytes
            for _ in range(10):
                yield b" " * 500

        streamed = client.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"})
        assert_error(streamed, 413, "E060")
        upload = client.post("/api/ingest", files={"file": ("big.txt", b"x" * 3_000, "text/plain")})
        assert_error(upload, 413, "E060")
        assert client.get("/api/stories").status_code == 200


def test_web_api_lists_filters_and_paginates(client: httpx.Client) -> None:
    stories = client.get("/api/stories").json()
    assert stories["total"] == 1
    assert stories["items"][0]["articles"] == 4
    assert {"Meridian Press", "Northern Herald", "Valley Courier"} <= set(stories["items"][0]["outlets"])
    assert client.get("/api/stories", params={"outlet": "No Such Outlet"}).json()["total"] == 0
    assert client.get("/api/stories", params={"until": "2000-01-01"}).json()["total"] == 0

    everything = client.get("/api/articles").json()
    assert everything["total"] == 4 and len(everything["items"]) == 4
    assert all("body" not in a and a["body_chars"] > 0 for a in everything["items"])
    page = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()
    assert page["total"] == 4 and len(page["items"]) == 1
    assert page["items"][0]["id"] == everything["items"][3]["id"]
    herald = client.get("/api/articles", params={"outlet": "northern herald"}).json()
    assert [a["outlet"] for a in herald["items"]] == ["Northern Herald"]
    later = client.get("/api/articles", params={"since": "2025-06-11"}).json()
    assert client.get("/api/articles", params={"since": "2025-6-11"}).json() == later  # zero-padded
    assert [a["published"]["value"] for a in later["items"]] == ["2025-06-12"]
    okafor = client.get("/api/articles", params={"entity": "Okafor"}).json()
    assert okafor["total"] >= 2
    words = client.get("/api/articles", params={"q": "grain exports", "outlet": "Meridian Press"}).json()
    assert [a["outlet"] for a in words["items"]] == ["Meridian Press"]


@pytest.mark.slow
def test_web_api_story_report(client: httpx.Client) -> None:
    story = only_story(client)
    report = from_dict(StoryReport, client.get(f"/api/stories/{story}", timeout=600).json())
    assert report.story_id == story and len(report.articles) == 4
    assert any(s["speaker"].endswith("Okafor") for s in report.speakers)


def test_web_api_article_and_search(client: httpx.Client) -> None:
    listed = client.get("/api/articles", params={"outlet": "Northern Herald"}).json()["items"][0]
    one = client.get(f"/api/articles/{listed['id'][:6]}").json()
    assert one["article"]["id"] == listed["id"]
    assert one["article"]["body"] and one["article"]["removed"]
    assert one["extraction"]["quotes"] and one["extraction"]["mentions"]

    hits = client.get("/api/search", params={"q": "Okafor"}).json()["items"]
    assert hits
    for hit in hits:
        assert hit["highlights"]
        assert all(hit["snippet"][s:e] == "Okafor" for s, e in hit["highlights"])
    assert client.get("/api/search", params={"q": '"* OR ('}).json()["items"] == []


@pytest.mark.slow
def test_web_api_ingest_in_background_updates_the_story(server: LiveApp, client: httpx.Client) -> None:
    cache = server.app.state.web.stories.cache
    story = only_story(client)
    client.get(f"/api/stories/{story}", timeout=600)
    client.get(f"/api/stories/{story}")
    assert len(cache) == 1  # the second request was served from the cache

    record = {
        "title": "Keller leaves Soria after the Amber Coast Trade Forum",
        "outlet": "Harbour Gazette",
        "byline": "Ines Amari",
        "published": "2025-06-12",
        "body": (
            "Valmorian President Anton Keller left Soria on Thursday after the Amber Coast Trade Forum. "
            '"We leave with friends," Keller said at the airport, thanking Chancellor Mira Hollis.'
        ),
    }
    accepted = client.post("/api/ingest", json=[record])
    assert accepted.status_code == 202
    job_id = accepted.json()["job_id"]
    assert accepted.headers["location"] == f"/api/jobs/{job_id}"
    status = server.wait_job(job_id)
    assert status["status"] == "done", status
    assert status["counts"]["ingested"] == 1 and status["counts"]["refused"] == 0
    assert status["counts"]["extracted"] == 1
    new_id = status["articles"][0]

    home = client.get(f"/api/articles/{new_id}").json()["article"]["story_id"] or "all"
    report = client.get(f"/api/stories/{home}", timeout=600).json()
    assert new_id in [a["id"] for a in report["articles"]]
    assert len(cache) == 2  # one new story version, computed once
    client.get(f"/api/stories/{home}")
    assert len(cache) == 2
    assert client.get("/api/articles", params={"outlet": "Harbour Gazette"}).json()["total"] == 1

    again = server.wait_job(client.post("/api/ingest", json=record).json()["job_id"])
    assert again["counts"]["duplicates"] == 1 and again["counts"]["ingested"] == 0


def test_web_api_ingest_uploads_and_guarded_urls(server: LiveApp, client: httpx.Client) -> None:
    text = b"Port Ilse, June 14 - The harbour reopened on Saturday after a week of strikes, officials said.\n"
    files = [
        ("files", ("harbour.txt", text, "text/plain")),
        ("files", ("../../etc/evil.json", b"{oops", "application/json")),
    ]
    status = server.wait_job(client.post("/api/ingest", files=files).json()["job_id"])
    assert status["status"] == "done" and status["kind"] == "files"
    assert status["counts"]["ingested"] == 1 and status["counts"]["refused"] == 1
    assert status["counts"]["done"] == 2 and "stored" not in status["counts"]  # one stored, one refused
    refusal = status["refusals"][0]
    assert refusal["code"] == "E005" and "evil.json" in refusal["source"]
    assert "newsprism-upload" not in json.dumps(status)  # the server's staging path is not shown

    # the address guard of the CLI: loopback is refused unless the server allows private addresses
    urls = {"urls": [f"{server.base_url}/api/stories"]}
    status = server.wait_job(client.post("/api/ingest", json=urls).json()["job_id"])
    assert status["status"] == "done" and status["counts"]["refused"] == 1
    assert status["refusals"][0]["code"] == "E010"


def test_web_api_search_matches_the_store_and_skips_old_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.pipeline import ingest
    from newsprism.store import Store
    from newsprism.web import reads

    db = demo_db(tmp_path / "demo.db")
    with Store.open(db, readonly=True) as store:
        for words in ["Keller", "Okafor said", "grain*", "Soria Hollis", "nothing-like-this"]:
            ours = [(h["article"]["id"], h["snippet"]) for h in reads.search(store, words, 3)]
            theirs = store.search(words, 3, mark=(reads.MARK_OPEN, reads.MARK_CLOSE))
            assert ours == [(a.id, reads.marked_snippet(s)["snippet"]) for a, s in theirs]

    versions = tmp_path / "versions.jsonl"
    old = {
        "url": "https://example.org/quay",
        "title": "Quay",
        "body": "The quay reopened on Monday, officials said.",
    }
    new = {**old, "body": "The quay reopened on Tuesday, officials said after a delay."}
    versions.write_text(json.dumps(old) + "\n")
    ingest([str(versions)], db, extract=False)
    versions.write_text(json.dumps(new) + "\n")
    ingest([str(versions)], db, extract=False)
    monkeypatch.setattr(reads, "SEARCH_SLACK", 0)  # force the fallback when the best row is an old version
    with Store.open(db, readonly=True) as store:
        hits = reads.search(store, "quay reopened", 1)
        assert [h["snippet"] for h in hits] and "Tuesday" in hits[0]["snippet"]


def test_web_api_serve_command(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from web_server import free_port

    port = free_port()
    script = Path(sys.executable).with_name("newsprism")
    command = [str(script), "serve", "--db", str(tmp_path / "new.db"), "--port", str(port)]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", trust_env=False)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert response.json() == {"items": [], "total": 0, "limit": 20, "offset": 0}
        assert httpx.get(f"http://127.0.0.1:{port}/docs", trust_env=False).status_code == 200
        rebound = httpx.get(
            f"http://127.0.0.1:{port}/api/stories", headers={"host": "evil.example"}, trust_env=False
        )
        assert rebound.status_code == 403  # served on loopback: only loopback host names (no DNS rebinding)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err


@pytest.mark.slow
def test_web_api_story_page_collapses_low_single_outlet_findings(client: httpx.Client) -> None:
    story = only_story(client)
    report = client.get(f"/api/stories/{story}", timeout=600).json()
    ranked = sorted(
        report["findings"], key=lambda f: {"high": 0, "medium": 1, "low": 2, "info": 3}[f["severity"]]
    )
    low = [n for n, f in enumerate(ranked, 1) if f["severity"] == "low" and f["kind"] == "unsupported"]
    kept = [n for n in range(1, len(ranked) + 1) if n not in low]
    assert low, "the demo story has low-severity unsupported findings"
    page = client.get(f"/stories/{story}").text
    assert [n for n in range(1, len(ranked) + 1) if f'id="finding-{n}"' in page] == kept
    assert (
        f"{len(low)} more sentence" in page
        and "reported by one independent source only (low severity)" in page
    )
    assert f'href="/stories/{story}?all_findings=1#findings"' in page
    everything = client.get(f"/stories/{story}", params={"all_findings": "1"}).text
    assert [n for n in range(1, len(ranked) + 1) if f'id="finding-{n}"' in everything] == list(
        range(1, len(ranked) + 1)
    )
    assert "reported by one independent source only" not in everything
    assert len(report["findings"]) == len(ranked)  # the API keeps every finding
    speakers = page.split('<section id="speakers">', 1)[1].split("</section>", 1)[0]
    assert "““" not in speakers and "“reported:" not in speakers  # quotes marked once, paraphrase unquoted
    assert "reported: " in speakers and "“" in speakers


def test_web_summary_citations_keep_an_outlets_own_words() -> None:
    from newsprism.model import Citation, SummaryLine
    from newsprism.web.views import cited

    line = SummaryLine(
        "Putin praised Xi.",
        0,
        [
            Citation("a1", "Newsweek"),
            Citation("b2", "Daily [web]", "Putin was singing [sic] praises.", ["Ann"]),
        ],
    )
    text, cites = cited(line)
    assert text == "Putin praised Xi."
    assert cites == [  # each citation links its own article, whatever brackets its label or words hold
        ("Newsweek", "a1", ""),
        ("Daily [web]", "b2", "“Putin was singing [sic] praises.” (said by Ann)"),
    ]


def test_web_api_refuses_cross_site_writes_and_foreign_hosts(tmp_path: Path) -> None:
    from newsprism.web.guard import LOOPBACK_HOSTS

    record = {"title": "Planted", "outlet": "Reuters", "body": "Nine hundred people died in the flood. " * 8}
    app = create_app(tmp_path / "guard.db", extract=False, hosts=LOOPBACK_HOSTS)
    with live(app) as server, server.client() as client:
        own = server.base_url.split("//", 1)[1]
        for headers in (
            {"origin": "http://evil.example"},
            {"origin": "null"},
            {"origin": f"http://{own}", "sec-fetch-site": "cross-site"},
            {"sec-fetch-site": "same-site"},  # another port of 127.0.0.1
        ):
            refused = client.post("/api/ingest", json=[record], headers=headers)
            assert_error(refused, 403, "E066")
        assert "other sites cannot use it" in refused.json()["error"]["hint"]
        rebound = client.get("/api/articles", headers={"host": "attacker.example"})
        assert_error(rebound, 403, "E066")
        assert "attacker.example" in rebound.json()["error"]["message"]
        assert client.get("/api/articles").json()["total"] == 0  # nothing was stored
        for headers in (
            {"origin": f"http://{own}", "sec-fetch-site": "same-origin"},
            {},
        ):  # own page, curl
            job = client.post("/api/ingest", json=[record], headers=headers)
            assert job.status_code == 202, job.text
            server.wait_job(job.json()["job_id"])
        assert client.get("/api/articles", headers={"host": "localhost"}).json()["total"] == 1


def test_web_story_page_says_comparing_then_shows_the_dossier(client: httpx.Client) -> None:
    import time

    story = only_story(client)
    first = client.get(f"/stories/{story}")  # nothing compared yet: the page does not hang
    assert first.status_code == 202 and '<meta http-equiv="refresh" content="2">' in first.text
    assert "Comparing the coverage" in first.text and "4 articles" in first.text
    deadline = time.monotonic() + 600
    while (page := client.get(f"/stories/{story}")).status_code == 202:
        assert time.monotonic() < deadline, "the comparison never finished"
        time.sleep(0.5)
    assert page.status_code == 200 and 'id="speakers"' in page.text and "refresh" not in page.text
    assert client.get("/stories/no-such-story").status_code == 404


@pytest.mark.slow
def test_web_api_story_filter_offers_every_finding_kind_the_story_has(client: httpx.Client) -> None:
    # the filter's options are the comparison's own kinds: choosing one lists the story
    story = only_story(client)
    report = client.get(f"/api/stories/{story}", timeout=600).json()
    kinds = {f["kind"] for f in report["findings"]}
    assert {"misattribution", "number_conflict"} <= kinds
    listing = client.get("/").text
    # the kinds the distortion checks give, by their own names ("negation" matched no finding)
    for kind in ("negation_conflict", "dropped_attribution", "added_claim"):
        assert f'<option value="{kind}"' in listing
    assert '<option value="negation"' not in listing
    for kind in sorted(kinds):
        assert f'<option value="{kind}"' in listing
        assert f'href="/stories/{story}"' in client.get("/", params={"finding": kind}).text
