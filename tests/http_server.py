"""A real threaded HTTP server on 127.0.0.1 for tests (stdlib ``http.server``).

Routes map a path (with its query string, if any, else the bare path) to a :class:`Route`
or to a function of the :class:`Seen` request returning one. The route table is a live
dict, so routes whose bodies need the server's address can be added after start::

    with serve({"/a": Route("<p>hi</p>")}) as srv:
        srv.routes["/feed"] = Route(feed_xml(srv.base_url), content_type="application/rss+xml")
        httpx.get(srv.url("/a"))
        assert srv.paths() == ["/a"]

As fixtures in a test module (``tests/`` is on ``sys.path`` under pytest's default
import mode)::

    @pytest.fixture
    def server() -> Iterator[LiveServer]:
        with serve() as live:
            yield live

    @pytest.fixture
    def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
        return fence_connections(monkeypatch)

Only 127.0.0.1 is bound; :func:`fence_connections` makes sure nothing else is reached.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

CHUNK = 65536
LOOPBACK = "127.0.0.1"


@dataclass
class Route:
    """One canned response."""

    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    content_length: bool = True  # False: no Content-Length, body ends when the connection closes
    delay: float = 0.0  # seconds to wait before answering

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


def redirect(location: str, status: int = 302) -> Route:
    """A redirect to ``location`` (absolute or relative)."""
    return Route(b"", status=status, content_type=None, headers={"Location": location})


@dataclass(frozen=True)
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


Handler = Route | Callable[[Seen], Route]


class LiveServer:
    """The running server: its address, its routes and the requests it saw."""

    def __init__(self, routes: dict[str, Handler]) -> None:
        self.routes: dict[str, Handler] = routes
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _handler_class(self))
        self.host, self.port = self._httpd.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="test-http", daemon=True
        )

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + path

    def paths(self) -> list[str]:
        """Paths requested so far, in order."""
        with self._lock:
            return [s.path for s in self.seen]

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (size caps, timeouts) are expected here: stay quiet."""


def _handler_class(server: LiveServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def _answer(self, send_body: bool) -> None:
            seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()})
            server.record(seen)
            handler = server.routes.get(self.path) or server.routes.get(self.path.split("?", 1)[0])
            route = handler(seen) if callable(handler) else handler
            if route is None:
                route = Route(b"not found", status=404, content_type="text/plain")
            if route.delay:
                time.sleep(route.delay)
            body = route.payload()
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            if route.content_length:
                self.send_header("Content-Length", str(len(body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not send_body:
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for start in range(0, len(body), CHUNK):
                    self.wfile.write(body[start : start + CHUNK])

    return _Handler


@contextlib.contextmanager
def serve(routes: dict[str, Handler] | None = None) -> Iterator[LiveServer]:
    """Run a server with ``routes`` for the duration of the ``with`` block."""
    live = LiveServer(dict(routes or {})).start()
    try:
        yield live
    finally:
        live.stop()


def fence_connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record every socket connect for the rest of the test; one to anything but 127.0.0.1
    is refused before a packet is sent, so a broken address guard fails the test instead
    of sending traffic off the machine. Returns the live list of addresses tried."""
    attempts: list[object] = []
    original = socket.socket.connect

    def fenced(sock: socket.socket, address: object) -> None:
        attempts.append(address)
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host != LOOPBACK:
            raise ConnectionRefusedError(f"test fence: no traffic to {host}")
        original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", fenced)
    return attempts
