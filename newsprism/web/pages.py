"""Server-rendered pages: story list, story, articles, article, compare, search, adding articles
(a form, then its job's page), API reference.

Every value reaches the HTML through a Jinja2 template with autoescape on; highlighted
text arrives as :class:`~newsprism.web.highlight.Segment` pieces, never as markup.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from newsprism.compare.findings import FINDING_KINDS
from newsprism.errors import NewsprismError, NotFoundError
from newsprism.report.dossier import collapsed_note, split_findings
from newsprism.web.api import MAX_SOURCES, form_job
from newsprism.web.highlight import Span, extraction_spans, segments, sentences
from newsprism.web.params import ArticleQuery, Listing, StoryQuery, Text
from newsprism.web.reads import article_heads, outlets, search
from newsprism.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
State = Annotated[WebState, Depends(web_state)]
PAGE = 20


#: A job page lists at most this many stored (and as many already stored) articles.
JOB_LISTED = 200
#: How often the "comparing..." page of a story reloads itself.
RELOAD_SECONDS = 2


def _render(web: WebState, request: Request, name: str, **context: Any) -> HTMLResponse:
    return web.templates.TemplateResponse(request, name, context)


def _listing(web: WebState, request: Request, listing: Listing, total: int) -> dict[str, Any]:
    """What a listing page shows around its items: the outlet choices, the form values, the pager."""
    params = dict(request.query_params)

    def link(at: int) -> str:
        return "?" + urlencode({**params, "offset": at})

    offset = listing.offset
    return {
        "outlets": web.reader.memo(("outlets",), outlets),
        "form": listing.model_dump(exclude={"offset"}),
        "pages": {
            "prev": link(max(0, offset - PAGE)) if offset > 0 else None,
            "next": link(offset + PAGE) if offset + PAGE < total else None,
        },
    }


@router.get("/", response_class=HTMLResponse)
def index(request: Request, web: State, listing: StoryQuery) -> HTMLResponse:
    """Stories with search and filters; with a query, the best matching articles too."""
    stories, total = web.stories.list(listing.filters(), listing.finding or None, PAGE, listing.offset)
    q = listing.q
    hits = _hits(search(web.reader.store(), q, 10)) if q and q.strip() else []
    return _render(
        web,
        request,
        "stories.html",
        stories=stories,
        total=total,
        hits=hits,
        kinds=FINDING_KINDS,
        **_listing(web, request, listing, total),
    )


def _hits(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for item in items:
        item["segments"] = segments(item["snippet"], [Span(s, e, "match") for s, e in item["highlights"]])
    return items


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, web: State, q: Text = None) -> HTMLResponse:
    """Full-text search results with the matches marked."""
    hits = _hits(search(web.reader.store(), q, 50)) if q and q.strip() else []
    return _render(web, request, "search.html", q=q or "", hits=hits)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, web: State, story_id: str, all_findings: bool = False) -> HTMLResponse:
    """The story dossier: summary, findings, matrix, who said what, timeline, graph, outlets.

    Low-severity single-outlet findings are counted per outlet in one line unless
    ``?all_findings=1``. While a story is compared for the first time the page says so and
    reloads itself every :data:`RELOAD_SECONDS` seconds (the first comparison loads the models).
    """
    ready, total = web.stories.ready(story_id)
    if not ready:
        return web.templates.TemplateResponse(
            request, "comparing.html", {"story_id": story_id, "total": total, "seconds": RELOAD_SECONDS}, 202
        )
    view = web.stories.view(story_id)
    shown, collapsed = split_findings(view.findings, all_findings)
    return _render(
        web,
        request,
        "story.html",
        view=view,
        d=view.dossier,
        shown=[f for _, f in shown],
        collapsed=collapsed_note(collapsed) if collapsed else None,
        all_findings=all_findings,
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, web: State, listing: ArticleQuery) -> HTMLResponse:
    """Articles with filters, newest first; with a date bound, how many undated articles it leaves out."""
    filters = listing.filters()
    items, total = web.reader.articles(filters, PAGE, listing.offset)
    undated = (
        web.reader.memo(("undated", filters), lambda s: s.count_undated(filters)) if filters.dated() else 0
    )
    return _render(
        web,
        request,
        "articles.html",
        items=items,
        total=total,
        undated=undated,
        offset=listing.offset,
        **_listing(web, request, listing, total),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, web: State, article_id: str) -> HTMLResponse:
    """One article: metadata, text with entities, quotes and dates marked and each sentence
    anchored (``#s7`` for the 7th), removed chrome."""
    store = web.reader.store()
    article = store.get_article(article_id)
    extraction = store.get_extraction(article.id)
    return _render(
        web,
        request,
        "article.html",
        a=article,
        x=extraction,
        body=sentences(article.body, extraction.facts if extraction else [], extraction_spans(extraction)),
        superseded_by=store.superseded_by(article.id),
        supersedes=store.supersedes(article.id),
        same_text=store.get_article(article.reprint_of) if article.reprint_of else None,
    )


@router.get("/compare/{a}/{b}", response_class=HTMLResponse)
def compare_page(request: Request, web: State, a: str, b: str) -> HTMLResponse:
    """Two articles side by side: aligned sentences linked, conflicts marked."""
    return _render(web, request, "compare.html", p=web.stories.pair(a, b))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request, web: State) -> HTMLResponse:
    """The form that adds articles: files to upload, or URLs to fetch."""
    return _render(
        web,
        request,
        "add.html",
        max_sources=MAX_SOURCES,
        limit=_size(web.max_bytes),
        private=web.allow_private,
    )


def _size(n: int) -> str:
    """A byte count for readers: "10 MB", "200 kB", "512 bytes"."""
    for unit, size in (("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request, web: State) -> RedirectResponse:
    """Queue the form's files or URLs as an ingest job, then go to the job's page (303)."""
    try:
        job = await form_job(web, request, "the add form")
    except NewsprismError as exc:
        if exc.code in ("E061", "E065"):
            exc.hint = "choose files to upload, or give web addresses one per line (one form, not both)"
        raise
    web.jobs.submit(job, "the add form")
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, web: State, job_id: str) -> HTMLResponse:
    """An ingest job: its progress (the page reloads itself until it is over), then the articles
    it stored with their stories, the duplicates and the refusals with their reasons."""
    try:
        job = web.jobs.get(job_id)
    except NotFoundError as exc:
        exc.hint = "the server keeps its recent jobs until it stops; add the articles again from the Add page"
        raise
    over = job["status"] in ("done", "failed")
    stored, already = job["articles"][:JOB_LISTED], list(dict.fromkeys(job["duplicates"]))[:JOB_LISTED]
    rows = {}
    if over and (stored or already):
        rows = article_heads(web.reader.store(), list(dict.fromkeys(stored + already)))
    return _render(
        web,
        request,
        "job.html",
        job=job,
        over=over,
        seconds=RELOAD_SECONDS,
        stored=[rows.get(i, {"id": i}) for i in stored],
        already=[rows.get(i, {"id": i}) for i in already],
        more_stored=len(job["articles"]) - len(stored),
        more_already=len(dict.fromkeys(job["duplicates"])) - len(already),
    )


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request, web: State) -> HTMLResponse:
    """The API reference rendered from the OpenAPI schema (works offline)."""
    schema = request.app.openapi()
    return _render(web, request, "docs.html", schema=schema)
