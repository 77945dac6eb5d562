"""Refuse what another web site makes a browser send: cross-site writes and rebound host names.

A page of any site the user visits can make the browser POST to ``http://127.0.0.1:8000``
(a form, or ``fetch`` in ``no-cors`` mode), and a site whose name is re-pointed to
127.0.0.1 (DNS rebinding) can even read the answers. :class:`SameOrigin` answers both
with 403 (E066): a write (POST, PUT, PATCH, DELETE) whose browser headers say it comes from
another site (``Sec-Fetch-Site``) or another origin (``Origin`` not this server's
``Host``), and, when ``hosts`` is given, any request whose ``Host`` is not one of them.
Clients that send neither header (curl, scripts) are not pages a site can drive.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from newsprism.errors import NewsprismError
from newsprism.ingest.guard import parse_ip
from newsprism.web.errors import error_body

#: Host names a server bound to a loopback address answers to (with any port).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
#: Methods that change the store or start work.
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: ``Sec-Fetch-Site`` values of a request the user made on this server's own pages.
SAME_SITE_FETCH = frozenset({"same-origin", "none"})


def host_name(host: str) -> str:
    """The name part of a ``Host`` header, lower case: ``127.0.0.1:8000`` -> ``127.0.0.1``, ``[::1]:80`` -> ``[::1]``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback(bind: str) -> bool:
    """Whether a listen address is a loopback one (only this machine can connect)."""
    ip = parse_ip(bind)
    return ip.is_loopback if ip is not None else bind.strip().lower() == "localhost"


def refusal(scope: Scope, hosts: frozenset[str] | None) -> str | None:
    """Why the request of ``scope`` is refused, or None when it may proceed."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
    host = headers.get("host", "")
    if hosts is not None and host_name(host) not in hosts:
        return f"host {host[:100]!r} is not served here"
    if scope.get("method", "GET").upper() not in WRITES:
        return None
    site = headers.get("sec-fetch-site")
    if site is not None:  # a browser's own word; Origin is "null" on our pages (no-referrer policy)
        return None if site.lower() in SAME_SITE_FETCH else f"a write from a {site[:20]} page"
    origin = headers.get("origin")
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != host.strip().lower()):
        return f"a write from origin {origin[:100]!r}"
    return None


class SameOrigin:
    """ASGI middleware: 403 with the error shape (E066) for the requests :func:`refusal` names."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str] | None = None) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(host_name(h) for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        reason = refusal(scope, self.hosts) if scope["type"] == "http" else None
        if reason is None:
            await self.app(scope, receive, send)
            return
        error = NewsprismError("E066", f"{scope.get('method', '')} {scope.get('path', '')}", detail=reason)
        await JSONResponse(error_body(error), status_code=403)(scope, receive, send)
