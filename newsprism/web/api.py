"""The REST API under ``/api``: stories, articles, search, background ingest and its jobs.

Errors are ``{"error": {"code", "message", "hint"}}`` (see :mod:`newsprism.web.errors`).
Listings are paginated with ``limit`` / ``offset`` and return ``items``, ``total`` and
the ``limit`` / ``offset`` used.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from newsprism.clean.metadata import MAX_URL_CHARS
from newsprism.errors import FetchError, InputError, NewsprismError
from newsprism.model import to_dict
from newsprism.web.params import ArticleQuery, Limit, StoryQuery
from newsprism.web.reads import search
from newsprism.web.state import WebState, web_state

router = APIRouter(prefix="/api", tags=["api"])

#: Most URLs or files accepted by one ingest request.
MAX_SOURCES = 100

State = Annotated[WebState, Depends(web_state)]


def _page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/stories", summary="List stories (paginated, filtered)")
def stories(web: State, *, limit: Limit = 20, listing: StoryQuery) -> JSONResponse:
    """Stories with at least one article matching every filter, newest first."""
    items, total = web.stories.list(listing.filters(), listing.finding, limit, listing.offset)
    return JSONResponse(_page(items, total, limit, listing.offset))


@router.get("/stories/{story_id}", summary="One story's report (StoryReport JSON)")
def story(web: State, story_id: str) -> JSONResponse:
    """The compared StoryReport of a story (``all``: articles not grouped into a story)."""
    view = web.stories.view(story_id)
    return JSONResponse(view.report_json())


@router.get("/articles", summary="List articles (paginated, filtered)")
def articles(web: State, *, limit: Limit = 20, listing: ArticleQuery) -> JSONResponse:
    """Current articles (no body: an excerpt and its length), newest first."""
    items, total = web.reader.articles(listing.filters(), limit, listing.offset)
    return JSONResponse(_page(items, total, limit, listing.offset))


@router.get("/articles/{article_id}", summary="One article with its extraction")
def article(web: State, article_id: str) -> dict[str, Any]:
    """The article (id or unique id prefix), its extraction and its version links."""
    store = web.reader.store()
    found = store.get_article(article_id)
    extraction = store.get_extraction(found.id)
    return {
        "article": to_dict(found),
        "extraction": to_dict(extraction) if extraction is not None else None,
        "superseded_by": store.superseded_by(found.id),
        "supersedes": store.supersedes(found.id),
    }


@router.get("/search", summary="Full-text search over articles")
def search_articles(
    web: State,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find (word* for a prefix).")],
    limit: Limit = 20,
) -> JSONResponse:
    """Best matches first; ``highlights`` are ``[start, end)`` spans of the matches in ``snippet``."""
    return JSONResponse({"query": q, "items": search(web.reader.store(), q, limit)})


_INGEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"type": "array", "items": {"type": "object"}, "description": "article records"},
                    {"type": "object", "description": 'one record, {"articles": [...]}, or {"urls": [...]}'},
                ]
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "urls": {"type": "array", "items": {"type": "string"}},
                },
            }
        },
    },
}


@router.post(
    "/ingest",
    status_code=202,
    summary="Ingest in the background (JSON records, uploaded files, or URLs)",
    openapi_extra={"requestBody": _INGEST_BODY},
)
async def ingest(request: Request, web: State) -> JSONResponse:
    """Queue an ingest job and return ``202 {"job_id", ...}``; poll ``/api/jobs/{job_id}``.

    Same limits as ``newsprism ingest``: each input is capped at the server's max bytes,
    URLs go through the address guard (private addresses only with ``--allow-private``).
    """
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media == "application/json":
        job = await _json_job(web, await request.body())
    elif media == "multipart/form-data":
        job = await form_job(web, request)
    else:
        raise NewsprismError(
            "E061", "POST /api/ingest", detail=f"content type {media or 'missing'}; use JSON or multipart"
        )
    status = web.jobs.submit(job)
    body = {"job_id": job.id, "status_url": f"/api/jobs/{job.id}", **status}
    return JSONResponse(body, status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


async def _json_job(web: WebState, raw: bytes) -> Any:
    if not raw.strip():
        raise NewsprismError("E065", "POST /api/ingest", detail="empty body")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError("E005", "request body", kind="JSON", detail=str(exc)[:200]) from None
    if isinstance(data, dict) and "urls" in data:
        return web.jobs.url_job(_urls(data["urls"]))
    if not isinstance(data, list | dict) or not data:
        raise NewsprismError(
            "E065", "POST /api/ingest", detail="expected a record, a list of records or urls"
        )
    return await run_in_threadpool(web.jobs.stage_files, [("records.json", raw)], "records")


async def form_job(web: WebState, request: Request, where: str = "POST /api/ingest") -> Any:
    """The staged ingest job of a multipart form: its uploaded files, or its ``urls`` fields (each
    may hold several URLs, one per line); errors name ``where``."""
    form = await request.form(max_files=MAX_SOURCES, max_fields=MAX_SOURCES)
    try:
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile) and (v.filename or v.size)]
        urls = [u for k, v in form.multi_items() if k == "urls" and isinstance(v, str) for u in v.split()]
        if uploads and urls:
            raise NewsprismError("E061", where, detail="send files or urls, not both")
        if urls:
            return web.jobs.url_job(_urls(urls, where))
        if not uploads:
            raise NewsprismError("E065", where, detail="no file and no URL in the form")
        files = [(u.filename or "upload", await u.read(web.max_bytes + 1)) for u in uploads]
    finally:
        await form.close()
    for name, data in files:
        if len(data) > web.max_bytes:
            raise InputError("E003", name[:200], limit=web.max_bytes)
    return await run_in_threadpool(web.jobs.stage_files, files, "files")


def _urls(value: Any, where: str = "POST /api/ingest") -> list[str]:
    """Checked URL list: strings, http(s) only, at most MAX_SOURCES (never paths or '-')."""
    if not isinstance(value, list) or not value or not all(isinstance(u, str) for u in value):
        raise NewsprismError("E061", where, detail='"urls" must be a non-empty list of strings')
    if len(value) > MAX_SOURCES:
        raise NewsprismError("E061", where, detail=f"more than {MAX_SOURCES} urls")
    for url in value:
        if len(url) > MAX_URL_CHARS:
            raise NewsprismError("E061", url[:80] + "…", detail=f"URL longer than {MAX_URL_CHARS} characters")
        if not url.lower().startswith(("http://", "https://")):
            scheme = url.split(":", 1)[0] if ":" in url else "none"
            raise FetchError("E014", url[:200], detail=repr(scheme[:20]))
    return list(value)


@router.get("/jobs/{job_id}", summary="Status of an ingest job")
def job(web: State, job_id: str) -> dict[str, Any]:
    """Status (queued, running, done, failed), counts, refusals and warnings of a job."""
    return web.jobs.get(job_id)
