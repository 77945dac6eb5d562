"""The web boundary of the exception tree: one JSON error shape, HTML error pages, a body cap.

Every 4xx/5xx of ``/api/...`` is ``{"error": {"code", "message", "hint"}}`` with a code
of :data:`newsprism.errors.MESSAGES`; pages get the same three fields in an HTML page.
:class:`BodyLimit` refuses a request body over the cap with 413 (E060), whether the
client declared its length or streams it.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism.errors import MESSAGES, FetchError, InputError, NewsprismError, NotFoundError, StoreError
from newsprism.store.filters import DATE_BOUND_FORMS, ReversedRange

log = logging.getLogger(__name__)

_STATUS: tuple[tuple[type[NewsprismError], int], ...] = (
    (NotFoundError, 404),
    (InputError, 400),
    (FetchError, 400),
    (StoreError, 503),
)
_CODE_STATUS = {
    "E066": 403,
    "E060": 413,
    "E061": 422,
    "E062": 404,
    "E063": 404,
    "E064": 503,
    "E065": 400,
    "E023": 409,
}


class WebError(StarletteHTTPException):
    """A NewsprismError raised inside a request, carried as an HTTP exception (FastAPI re-raises these)."""

    def __init__(self, error: NewsprismError, status: int | None = None) -> None:
        self.error = error
        super().__init__(status or status_of(error), error.message)


def status_of(error: NewsprismError) -> int:
    """The HTTP status of an error: by code first, then by its class."""
    if error.code in _CODE_STATUS:
        return _CODE_STATUS[error.code]
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return 500


def error_body(error: NewsprismError) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {"code": error.code, "message": error.message, "hint": error.hint}}


def _respond(
    request: Request, error: NewsprismError, status: int, dropped: set[str] | None = None
) -> Response:
    """The error as JSON (API, non-HTML clients) or as an HTML page.

    ``dropped`` are the query parameters a GET page was refused for: its error page links
    back to the same page without them, keeping the user's other parameters.
    """
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse(error_body(error), status_code=status)
    templates = request.app.state.web.templates
    context: dict[str, Any] = {"error": error, "status": status, "back": None, "kept": False}
    if request.method == "GET" and dropped is not None:
        kept = [(k, v) for k, v in request.query_params.multi_items() if k not in dropped | {"offset"} and v]
        context["path"] = request.url.path
        context["back"] = request.url.path + ("?" + urlencode(kept) if kept else "")
        context["kept"] = bool(kept)
        context["dropped"] = sorted(dropped & set(request.query_params))
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def install_handlers(app: FastAPI) -> None:
    """Translate every error raised in a request into the error shape (JSON or HTML)."""

    @app.exception_handler(NewsprismError)
    async def _newsprism(request: Request, exc: NewsprismError) -> Response:
        return _respond(request, exc, status_of(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if isinstance(exc, WebError):
            return _respond(request, exc.error, exc.status_code)
        path = request.url.path
        if exc.status_code == 404:
            error = NewsprismError("E062", path)
        else:
            error = NewsprismError("E061", f"{request.method} {path}", detail=str(exc.detail))
        return _respond(request, error, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems, fields = [], set()
        hint = None
        for item in exc.errors()[:5]:
            loc = [str(p) for p in item.get("loc", ()) if p != "body"]
            fields.add(loc[-1] if loc else "")
            if isinstance(item.get("ctx", {}).get("error"), ReversedRange):
                fields |= {"since", "until"}
                hint = MESSAGES["E024"][1]  # "swap the two dates", as the CLI says
            message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
            problems.append(f"{'.'.join(loc) or 'request'}: {message}")
        if hint is None and fields & {"since", "until"}:
            hint = f"give dates as {DATE_BOUND_FORMS}"
        error = NewsprismError(
            "E061", f"{request.method} {request.url.path}", detail="; ".join(problems), hint=hint
        )
        return _respond(request, error, 422, dropped=fields)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        log.exception("request %s %s failed", request.method, request.url.path)
        error = NewsprismError("E009", request.url.path, detail=type(exc).__name__)
        return _respond(request, error, 500)


class BodyLimit:
    """ASGI middleware: 413 with the error shape when a request body exceeds ``max_bytes``."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _too_large(path, self.max_bytes, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise WebError(NewsprismError("E060", path, limit=self.max_bytes), 413)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except WebError as exc:
            if started or exc.status_code != 413:
                raise
            await _too_large(path, self.max_bytes, send)


async def _too_large(path: str, limit: int, send: Send) -> None:
    response = JSONResponse(error_body(NewsprismError("E060", path, limit=limit)), status_code=413)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
