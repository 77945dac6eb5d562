"""Fetch one URL with limits: schemes, address guard on every hop, redirects, type, size, time.

Redirects are followed by hand (at most ``options.max_redirects``) so that the guard
checks every hop. Each hop's host is resolved once by the guard and the connection goes
to a checked address (the Host header and TLS server name keep the real host name), so
DNS cannot answer differently between the check and the connection. Keep-alive is off so
that a TLS connection made for one name is never reused for another on the same address,
and proxies from the environment are ignored (they would bypass the guard).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from ipaddress import ip_network
from types import TracebackType

import httpx

from newsprism.errors import FetchError
from newsprism.ingest.decode import charset_from_content_type
from newsprism.ingest.formats import format_from_content_type
from newsprism.ingest.guard import AddressGuard
from newsprism.settings import IngestOptions

_USER_AGENT = "newsprism/0.1 (+https://github.com/newsprism; offline news comparison)"
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,application/json;q=0.8"
)
_REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with what the response said about it."""

    url: str  # final address, after redirects
    content: bytes
    media_type: str  # lower-case, no parameters; "" when the server sent none
    charset: str | None
    format: str | None  # newsprism format the media type means (see formats.py)


def guard_for(options: IngestOptions, allowed: tuple[str, ...] = ()) -> AddressGuard:
    """The guard ``options`` ask for; ``allowed`` adds networks accepted even when private."""
    return AddressGuard(options.allow_private, tuple(ip_network(a) for a in allowed))


class Fetcher:
    """A bounded HTTP(S) getter; use as a context manager or call :meth:`close`."""

    def __init__(self, options: IngestOptions, guard: AddressGuard | None = None) -> None:
        self.options = options
        self.guard = guard if guard is not None else guard_for(options)
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client, if one was opened."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                trust_env=False,
                limits=httpx.Limits(max_keepalive_connections=0),
                headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT},
            )
        return self._client

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; raises FetchError (E003, E010-E014) naming ``url``."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            target = _parse_url(current, url)
            host = target.raw_host.decode("ascii")
            addresses = self.guard.resolve(host, target.port or _default_port(target), url)
            response = self._open(target, host, addresses, url)
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    try:
                        current = str(target.join(location))
                    except httpx.InvalidURL as exc:
                        raise FetchError(
                            "E011", url, detail=f"bad redirect {location[:100]!r}: {exc}"
                        ) from None
                    continue
                return self._read(response, target, url)
            finally:
                response.close()
                self.client.cookies.clear()
        raise FetchError("E013", url, limit=self.options.max_redirects)

    def _open(self, target: httpx.URL, host: str, addresses: list[str], source: str) -> httpx.Response:
        last: Exception | None = None
        for address in addresses:
            request = self.client.build_request(
                "GET",
                target.copy_with(host=address),
                headers={"Host": target.netloc.decode("ascii")},
                extensions={"sni_hostname": host},
            )
            try:
                return self.client.send(request, stream=True)
            except httpx.ConnectError as exc:
                last = exc
            except httpx.TimeoutException:
                raise FetchError("E011", source, detail=f"timed out after {self.options.timeout}s") from None
            except httpx.HTTPError as exc:
                raise FetchError("E011", source, detail=_describe(exc)) from None
        raise FetchError("E011", source, detail=_describe(last) if last else "no address")

    def _read(self, response: httpx.Response, target: httpx.URL, source: str) -> Fetched:
        if not response.is_success:
            raise FetchError("E011", source, detail=f"HTTP {response.status_code} from {target}")
        content_type = response.headers.get("content-type", "")
        media_type = content_type.split(";", 1)[0].strip().lower()
        fmt = format_from_content_type(media_type) if media_type else None
        if media_type and fmt is None:
            raise FetchError("E012", source, detail=media_type[:100])
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("E003", source, limit=limit)
        deadline = time.monotonic() + self.options.timeout
        body = bytearray()
        try:
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError("E003", source, limit=limit)
                if time.monotonic() > deadline:
                    raise FetchError("E011", source, detail=f"body not read within {self.options.timeout}s")
        except httpx.TimeoutException:
            raise FetchError("E011", source, detail=f"timed out after {self.options.timeout}s") from None
        except httpx.HTTPError as exc:
            raise FetchError("E011", source, detail=_describe(exc)) from None
        return Fetched(str(target), bytes(body), media_type, charset_from_content_type(content_type), fmt)


def _parse_url(text: str, source: str) -> httpx.URL:
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError("E011", source, detail=f"bad URL: {exc}") from None
    if url.scheme not in ("http", "https"):
        raise FetchError("E014", source, detail=repr(url.scheme or text[:40]))
    if not url.raw_host:
        raise FetchError("E011", source, detail="URL has no host")
    return url


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _describe(exc: Exception) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:200]
