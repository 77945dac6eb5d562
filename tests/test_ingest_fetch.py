"""Fetching URLs against a real HTTP server on 127.0.0.1, and the address guard."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from ipaddress import ip_address
from pathlib import Path

import pytest
from http_server import LiveServer, Route, fence_connections, redirect, serve
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import FetchError
from newsprism.ingest import read_sources
from newsprism.ingest.fetch import Fetcher, guard_for
from newsprism.ingest.guard import AddressGuard, address_problem
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

LOCAL = IngestOptions(allow_private=True, timeout=5.0)
PAGE = "<html><head><title>Dam opens</title></head><body><p>The dam opened on Monday.</p></body></html>"


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with serve() as live:
        yield live


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    return fence_connections(monkeypatch)


def _one(source: str, options: IngestOptions) -> RawDocument | Refusal:
    items = list(read_sources([source], options))
    assert len(items) == 1, items
    return items[0]


def test_ingest_fetch_html_page_when_private_allowed(server: LiveServer) -> None:
    server.routes["/story"] = Route(PAGE)
    doc = _one(server.url("/story"), LOCAL)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert "The dam opened on Monday." in doc.content
    assert doc.url == server.url("/story")
    seen = server.seen[0]
    assert seen.headers["host"] == f"127.0.0.1:{server.port}"
    assert seen.headers["user-agent"].startswith("newsprism/")


def test_ingest_fetch_loopback_refused_by_default(server: LiveServer, connections: list[object]) -> None:
    server.routes["/story"] = Route(PAGE)
    refusal = _one(server.url("/story"), IngestOptions())
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E010"
    assert refusal.reason.endswith(": refused address 127.0.0.1 (loopback)")  # no "of 127.0.0.1"
    assert server.seen == []
    assert connections == []


def test_ingest_fetch_redirects_followed(server: LiveServer) -> None:
    server.routes["/old"] = redirect("/mid", 301)
    server.routes["/mid"] = redirect(server.url("/new"), 307)
    server.routes["/new"] = Route(PAGE)
    doc = _one(server.url("/old"), LOCAL)
    assert isinstance(doc, RawDocument)
    assert doc.url == server.url("/new")
    assert doc.source == server.url("/old")
    assert server.paths() == ["/old", "/mid", "/new"]


def test_ingest_fetch_redirect_loop_refused(server: LiveServer) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    refusal = _one(server.url("/a"), IngestOptions(allow_private=True, max_redirects=3))
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E013"
    assert "more than 3" in refusal.reason
    assert len(server.seen) == 4  # the first request and three redirects, then stop


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/"]
)
def test_ingest_fetch_redirect_to_refused_address(
    server: LiveServer, connections: list[object], target: str
) -> None:
    server.routes["/hop"] = redirect(target)
    guard = guard_for(IngestOptions(), allowed=("127.0.0.1/32",))
    with Fetcher(IngestOptions(timeout=5.0), guard) as fetcher, pytest.raises(FetchError) as info:
        fetcher.fetch(server.url("/hop"))
    assert info.value.code == "E010"
    assert server.paths() == ["/hop"]
    assert connections  # the fence saw the first hop's connection
    assert all(addr[0] == "127.0.0.1" for addr in connections)  # type: ignore[index]


def test_ingest_fetch_wrong_content_type(server: LiveServer) -> None:
    server.routes["/img"] = Route(b"\x89PNG\r\n\x1a\n" + b"\0" * 50, content_type="image/png")
    refusal = _one(server.url("/img"), LOCAL)
    assert isinstance(refusal, Refusal)
    assert (refusal.code, "image/png" in refusal.reason) == ("E012", True)


def test_ingest_fetch_oversize_streamed_body(server: LiveServer) -> None:
    big = "<html><body>" + "<p>word</p>" * 50_000 + "</body></html>"
    server.routes["/big"] = Route(big, content_length=False)
    server.routes["/big-declared"] = Route(big)
    options = IngestOptions(allow_private=True, max_bytes=10_000, timeout=5.0)
    for path in ("/big", "/big-declared"):
        refusal = _one(server.url(path), options)
        assert isinstance(refusal, Refusal)
        assert refusal.code == "E003"
        assert "10000-byte cap" in refusal.reason


def test_ingest_fetch_http_error_and_timeout(server: LiveServer) -> None:
    server.routes["/slow"] = Route(PAGE, delay=2.0)
    missing = _one(server.url("/missing"), LOCAL)
    assert isinstance(missing, Refusal)
    assert missing.code == "E011"
    assert "404" in missing.reason
    started = time.monotonic()
    slow = _one(server.url("/slow"), IngestOptions(allow_private=True, timeout=0.3))
    assert isinstance(slow, Refusal)
    assert slow.code == "E011"
    assert time.monotonic() - started < 1.5


def test_ingest_fetch_json_records_by_url(server: LiveServer) -> None:
    body = '[{"title": "A", "body": "Alpha text."}, {"title": "B", "body": "Beta text."}]'
    server.routes["/api"] = Route(body, content_type="application/json")
    docs = list(read_sources([server.url("/api")], LOCAL))
    assert [d.kind for d in docs if isinstance(d, RawDocument)] == ["record", "record"]
    assert [d.source for d in docs] == [server.url("/api") + "#1", server.url("/api") + "#2"]


def test_ingest_fetch_unsupported_schemes(connections: list[object]) -> None:
    sources = ["ftp://example.com/a.html", "file:///etc/passwd", "gopher://x/"]
    refusals = list(read_sources(sources, LOCAL))
    assert [r.code for r in refusals] == ["E014", "E014", "E014"]
    assert connections == []


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://10.0.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://127.0.0.1:1/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[fe80::1]/", "link-local"),
        ("http://224.0.0.1/", "multicast"),
        ("http://100.64.0.1/", "not globally routable"),
        ("http://[2002:7f00:1::]/", "loopback"),
        ("http://[fc00::1]/", "private"),
    ],
)
def test_ingest_fetch_guard_refuses_literal_ips_without_connecting(
    url: str, problem: str, connections: list[object]
) -> None:
    started = time.monotonic()
    refusal = _one(url, IngestOptions(timeout=30.0))
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E010"
    assert problem in refusal.reason
    assert connections == []
    assert time.monotonic() - started < 1.0


def test_ingest_fetch_guard_checks_every_resolved_address() -> None:
    guard = AddressGuard()
    with pytest.raises(FetchError) as info:
        guard.resolve("localhost", 80, "http://localhost/")
    assert info.value.code == "E010"
    assert " of localhost (loopback)" in info.value.message  # a name is kept beside its address
    assert address_problem(ip_address("8.8.8.8")) is None
    assert address_problem(ip_address("2606:4700::1111")) is None
    assert address_problem(ip_address("::ffff:10.1.2.3")) == "private (embedded 10.1.2.3)"
    assert AddressGuard(allow_private=True).problem(ip_address("10.0.0.1")) is None


def test_ingest_fetch_host_name_pinned_to_checked_address(
    server: LiveServer, connections: list[object]
) -> None:
    resolved = {info[4][0] for info in socket.getaddrinfo("localhost", server.port, type=socket.SOCK_STREAM)}
    if "127.0.0.1" not in resolved:
        pytest.skip("localhost does not resolve to 127.0.0.1 here")
    server.routes["/story"] = Route(PAGE)
    guard = guard_for(IngestOptions(), allowed=("127.0.0.0/8", "::1/128"))
    url = f"http://localhost:{server.port}/story"
    with Fetcher(IngestOptions(timeout=5.0), guard) as fetcher:
        page = fetcher.fetch(url)
    assert page.url == url
    assert page.format == "html"
    assert server.seen[0].headers["host"] == f"localhost:{server.port}"
    assert {addr[0] for addr in connections} <= resolved  # type: ignore[index]


def test_ingest_fetch_errors_hide_url_passwords_and_bound_long_sources(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    secret = CliRunner().invoke(app, ["ingest", "--db", db, "http://reader:s3cret@127.0.0.1:9/story"])
    assert secret.exit_code != 0 and "s3cret" not in secret.stderr + secret.stdout
    assert "http://***@127.0.0.1:9/story" in secret.stderr + secret.stdout
    long_url = "http://127.0.0.1:9/" + "a" * 100_000
    huge = CliRunner().invoke(app, ["ingest", "--db", db, long_url])
    assert huge.exit_code != 0 and len(huge.stderr + huge.stdout) < 3_000
