"""The FastAPI application factory: REST API, server-rendered pages, static files, one writer."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import __version__
from newsprism.report.dossier import undated_note
from newsprism.settings import IngestOptions
from newsprism.store import Store
from newsprism.web import api, pages
from newsprism.web.errors import BodyLimit, install_handlers
from newsprism.web.guard import SameOrigin
from newsprism.web.jobs import JobRunner
from newsprism.web.reads import Reader
from newsprism.web.state import WebState
from newsprism.web.stories import StoryService
from newsprism.web.views import outlet_name

HERE = Path(__file__).resolve().parent

#: Content-Security-Policy of the pages: no script, style or image from anywhere but the server.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    db: Path,
    *,
    allow_private: bool = False,
    options: IngestOptions | None = None,
    extract: bool = True,
    cache_size: int = 32,
    warm: int = 0,
    hosts: Iterable[str] | None = None,
) -> FastAPI:
    """A newsprism web app over the store at ``db`` (created and migrated if missing).

    ``options`` are the ingest limits (``max_bytes`` also caps a request body, 413 beyond);
    ``allow_private`` lets POST /api/ingest fetch private and loopback addresses; the
    ``warm`` newest stories are compared in a background thread at start-up. Writes from
    other sites' pages are refused, and with ``hosts`` so is any ``Host`` header not among
    them (:mod:`newsprism.web.guard`).
    """
    db = Path(db)
    options = replace(options or IngestOptions(), allow_private=allow_private)
    Store.open(db).close()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["outlet_name"] = outlet_name
    env.globals["undated_note"] = undated_note
    reader = Reader(db)
    state = WebState(
        db=db,
        reader=reader,
        stories=StoryService(reader, cache_size=cache_size),
        jobs=JobRunner(db, options, extract=extract),
        templates=Jinja2Templates(env=env),
        allow_private=allow_private,
        max_bytes=options.max_bytes,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        state.jobs.start()
        if warm:
            threading.Thread(
                target=state.stories.warm, args=(warm,), name="newsprism-warm", daemon=True
            ).start()
        try:
            yield
        finally:
            state.jobs.stop()

    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories, articles, findings and background ingest of a newsprism store.",
        docs_url=None,  # Swagger UI and ReDoc load their scripts from a CDN: /docs is ours, offline
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    install_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=options.max_bytes)
    app.add_middleware(SameOrigin, hosts=hosts)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


class SecurityHeaders:
    """Adds the CSP, nosniff and no-referrer to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
