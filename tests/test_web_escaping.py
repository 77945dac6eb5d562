"""Untrusted article text never becomes markup: every page parsed, every payload found as text."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from web_server import LiveApp, ingest_payloads, live, story_ids

from newsprism.web import create_app

#: Elements a newsprism page never contains (an injected one would show here).
FORBIDDEN = {"script", "iframe", "img", "style", "textarea", "object", "embed", "form-injected", "body-2"}


class Inspector(HTMLParser):
    """Counts elements and collects the problems a payload would cause if it became markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self.bodies = 0
        self.svgs = 0
        self.graph_svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN:
            self.problems.append(f"<{tag}> element")
        self.bodies += tag == "body"
        if tag == "svg":
            self.svgs += 1
            self.graph_svgs += ("class", "graph") in attrs
        for name, value in attrs:
            if name.startswith("on") or name in {"srcdoc", "autofocus", "formaction"}:
                self.problems.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action", "xlink:href"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"javascript: {name} on <{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def inspect(html: str) -> Inspector:
    parser = Inspector()
    parser.feed(html)
    parser.close()
    if parser.bodies != 1:
        parser.problems.append(f"{parser.bodies} <body> elements")
    if parser.svgs != parser.graph_svgs:
        parser.problems.append("an <svg> that is not the derivation graph")
    return parser


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveApp, list[str]]]:
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    with live(create_app(db)) as running:
        ids = ingest_payloads(running)
        with running.client(timeout=600) as client:  # the first comparison loads the models (slow)
            for story in story_ids(running, ids):
                assert client.get(f"/api/stories/{story}").status_code == 200
        yield running, ids


def pages(running: LiveApp, ids: list[str]) -> list[str]:
    a, b = ids
    evil_outlet = quote('Evil <b>Outlet</b>"><script>window.__pwned=13</script>')
    return [
        "/",
        "/?q=quay",
        "/?entity=Mallory",
        "/search?q=quay",
        *(f"/stories/{s}" for s in story_ids(running, ids)),
        "/articles",
        f"/articles?outlet={evil_outlet}",
        f"/articles/{a}",
        f"/articles/{b}",
        f"/compare/{a}/{b}",
        "/articles/%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
        "/articles/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ]


@pytest.mark.slow
def test_web_escaping_no_payload_becomes_markup(hostile: tuple[LiveApp, list[str]]) -> None:
    running, ids = hostile
    with running.client(headers={"accept": "text/html"}) as client:
        for path in pages(running, ids):
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            assert response.headers["content-type"].startswith("text/html")
            assert "script-src 'self'" in response.headers["content-security-policy"]
            page = inspect(response.text)
            assert page.problems == [], (path, page.problems)


@pytest.mark.slow
def test_web_escaping_payloads_are_shown_as_text(hostile: tuple[LiveApp, list[str]]) -> None:
    running, ids = hostile
    with running.client(headers={"accept": "text/html"}) as client:
        article = "".join(inspect(client.get(f"/articles/{ids[0]}").text).text)
        story = "".join(inspect(client.get(f"/stories/{story_ids(running, ids)[0]}").text).text)
        missing = "".join(inspect(client.get("/articles/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").text).text)
    for shown in (
        "<script>window.__pwned=11</script>",  # title
        "Ann Onym",  # byline
        "</textarea><script>window.__pwned=15</script>",  # tag
        "<script>window.__pwned=2</script>",  # body
        "javascript:window.__pwned=10",  # url, shown as code, never a link
    ):
        assert shown in article, shown
    assert "Evil <b>Outlet</b>" in story
    assert "article <img src=x onerror=alert(1)> not found" in missing
