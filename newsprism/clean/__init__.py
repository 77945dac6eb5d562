"""clean stage: a RawDocument becomes an Article (body without chrome, metadata, audit trail).

``html`` pages go through trafilatura (:mod:`newsprism.clean.html`) and then the safe line
passes; ``text`` scrapes through the full line cleaner (:mod:`newsprism.clean.text`);
``record`` bodies are only normalised and de-duplicated. Reader metadata always wins.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.clean.boilerplate import BoilerplateModel, line_key
from newsprism.clean.chrome import mark_duplicates, mark_safe_chrome, mark_title
from newsprism.clean.lines import Line, assemble_body, removed_blocks, split_lines
from newsprism.clean.metadata import (
    bylines_from_meta,
    detect_language,
    infer_outlet,
    infer_published,
    outlet_from_url,
)
from newsprism.clean.normalize import article_id, fingerprint, normalise_text
from newsprism.clean.text import Dateline, clean_text, cut_dateline
from newsprism.errors import InputError
from newsprism.model import Article, RawDocument, RemovedBlock
from newsprism.settings import IngestOptions

__all__ = ["BoilerplateModel", "article_id", "clean", "fingerprint", "line_key", "observe", "outlet_key"]

MAX_OBSERVED_LINES = 5000


def outlet_key(doc: RawDocument) -> str | None:
    """The outlet a page counts for in the boilerplate model: metadata, else the URL's domain."""
    given = doc.meta.get("outlet") if isinstance(doc.meta, dict) else None
    if isinstance(given, str) and given.strip():
        return given.strip()
    return outlet_from_url(doc.url)


def observe(model: BoilerplateModel, doc: RawDocument) -> None:
    """Feed one raw page's lines to its outlet's line counts (skipped when the outlet is unknown)."""
    outlet = outlet_key(doc)
    if outlet is None or not isinstance(doc.content, str) or len(doc.content) > _max_chars():
        return
    if doc.kind == "html":
        lines = _html_lines(doc.content)
    else:
        lines = [line.text for line in split_lines(doc.content)]
    model.observe(outlet, lines[:MAX_OBSERVED_LINES])


def clean(doc: RawDocument, boilerplate: BoilerplateModel | None = None) -> Article:
    """Clean one raw document into an Article; raises InputError E006 when no text is left."""
    if not isinstance(doc.content, str):
        raise InputError("E005", doc.source, kind=doc.kind, detail="content is not text")
    if len(doc.content) > _max_chars():
        raise InputError("E003", doc.source, limit=_max_chars())
    meta = {k: v for k, v in (doc.meta or {}).items() if v not in (None, "", [], ())}
    if doc.kind == "text":
        parts = _from_text(doc, meta, boilerplate)
    elif doc.kind == "html":
        parts = _from_html(doc, meta, boilerplate)
    elif doc.kind == "record":
        parts = _from_record(doc)
    else:
        raise InputError("E008", doc.source, detail=f"kind {doc.kind!r}")
    lines, found = parts
    body = assemble_body(lines)
    if not body.strip():
        detail = "empty text" if not lines else "every line was page chrome"
        raise InputError("E006", doc.source, detail=detail)
    return _article(doc, meta, body, removed_blocks(lines) + found.pop("removed", []), found)


def _from_text(
    doc: RawDocument, meta: dict[str, Any], model: BoilerplateModel | None
) -> tuple[list[Line], dict[str, Any]]:
    outlet, evidence = infer_outlet(meta, doc.url, normalise_text(doc.content))
    result = clean_text(doc.content, outlet, model, outlet_key(doc))
    found: dict[str, Any] = {
        "title": result.title,
        "section": result.section,
        "standfirst": result.standfirst,
        "bylines": result.bylines,
        "tags": result.tags,
        "datelines": result.datelines,
        "wire": result.wire,
        "outlet": outlet,
        "outlet_evidence": evidence,
        "url": result.url,
    }
    return result.lines, found


def _from_html(
    doc: RawDocument, meta: dict[str, Any], model: BoilerplateModel | None
) -> tuple[list[Line], dict[str, Any]]:
    from newsprism.clean.html import extract_html

    try:
        body, page_meta, removed = extract_html(doc.content, doc.url)
    except InputError as exc:
        if exc.code != "E006":
            raise
        inner = re.search(r"\((.*)\)$", exc.message)
        raise InputError("E006", doc.source, detail=inner.group(1) if inner else exc.message) from exc
    lines = split_lines(body)
    mark_title(lines, meta.get("title") or page_meta.get("title"))
    site = page_meta.get("outlet") if isinstance(page_meta.get("outlet"), str) else None
    outlet, evidence = infer_outlet(meta, doc.url, body, site_name=site)
    mark_safe_chrome(lines, outlet, model, outlet_key(doc))
    found = {k: v for k, v in page_meta.items() if k != "outlet" and v not in (None, "", [])}
    found.update(outlet=outlet, outlet_evidence=evidence, removed=list(removed), page_meta=True)
    found.update(_wire(lines))
    return lines, found


def _from_record(doc: RawDocument) -> tuple[list[Line], dict[str, Any]]:
    text = normalise_text(doc.content)
    if "\n\n" not in text.strip():
        text = text.replace("\n", "\n\n")
    lines = split_lines(re.sub(r"(?<=\S)\n(?=\S)", " ", text))
    mark_title(lines, (doc.meta or {}).get("title"))
    mark_duplicates(lines)
    return lines, _wire(lines)


def _wire(lines: list[Line]) -> dict[str, Any]:
    """The wire dateline of a record or page body, cut like the text cleaner cuts it."""
    wire = cut_dateline(lines)
    if wire is None:
        return {}
    return {"wire": wire, "datelines": [wire.text] if wire.date else []}


def _with_wire(
    outlet: str | None, evidence: str | None, wire: Dateline | None
) -> tuple[str | None, str | None]:
    """Outlet and evidence once the wire agency of a dateline is known.

    A known outlet keeps its name and gains ``wire: <agency>`` as evidence (a wire copy); an unknown
    one becomes the agency, with the dateline as evidence.
    """
    if wire is None or wire.agency is None:
        return outlet, evidence
    if outlet is None:
        return wire.agency, f"wire dateline '{wire.text}'"
    if outlet.casefold() == wire.agency.casefold():
        return outlet, evidence
    return outlet, f"{evidence}; wire: {wire.agency}" if evidence else f"wire: {wire.agency}"


def _article(
    doc: RawDocument, meta: dict[str, Any], body: str, removed: list[RemovedBlock], found: dict[str, Any]
) -> Article:
    """Merge reader metadata (wins) with what the cleaner found, and build the Article."""
    if "outlet" not in found:
        found["outlet"], found["outlet_evidence"] = infer_outlet(meta, doc.url, body)
    found["outlet"], found["outlet_evidence"] = _with_wire(
        found["outlet"], found.get("outlet_evidence"), found.get("wire")
    )
    page_meta = {k: found[k] for k in ("published",) if found.get("page_meta") and found.get(k)}
    texts = [(d, "dateline") for d in found.get("datelines", [])]
    texts += [(p, "body") for p in body.split("\n\n")]
    texts += [(b.text, "caption") for b in removed if b.reason in ("photo caption", "photo credit")]
    published = infer_published({**page_meta, **meta}, texts)
    bylines = bylines_from_meta(meta) or list(found.get("bylines") or [])
    tags = meta.get("tags") or found.get("tags") or []
    if isinstance(tags, str):
        tags = re.split(r"\s*[,;|]\s*", tags)
    elif not isinstance(tags, list | tuple):
        tags = [tags]
    fp = fingerprint(body)
    return Article(
        id=article_id(fp),
        fingerprint=fp,
        source=doc.source,
        body=body,
        title=_text(meta.get("title")) or found.get("title"),
        outlet=found["outlet"],
        url=doc.url or found.get("url"),  # a fetched page keeps its address; a saved one, its canonical
        bylines=bylines,
        published=published,
        section=_text(meta.get("section")) or found.get("section"),
        standfirst=_text(meta.get("standfirst")) or found.get("standfirst"),
        tags=list(dict.fromkeys(str(t).strip() for t in tags if str(t).strip())),
        language=_text(meta.get("language")) or found.get("language") or detect_language(body),
        removed=removed,
        outlet_evidence=found.get("outlet_evidence"),
    )


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _max_chars() -> int:
    return IngestOptions().max_bytes


def _html_lines(html: str) -> list[str]:
    """The visible lines of a page, as the boilerplate model counts them."""
    try:
        from trafilatura.utils import load_html

        from newsprism.clean.html import page_lines
    except ImportError:  # pragma: no cover - html.py is part of the package
        return [line.strip() for line in re.sub(r"<[^>]{0,2000}>", "\n", html).split("\n") if line.strip()]
    tree = load_html(html) if html.strip() else None
    return page_lines(tree) if tree is not None else []
