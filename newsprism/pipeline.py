"""Ingest from Python: sources -> readers -> boilerplate -> cleaner -> store -> extraction -> group.

The CLI's ``newsprism ingest`` is a thin wrapper around :func:`ingest`. Work goes in
batches: each batch's raw documents are first counted in the per-outlet boilerplate
model, then cleaned with it, then written in one transaction (articles, boilerplate
counts, refusals). A crash loses at most the batch in progress. A bad input becomes a
:class:`~newsprism.model.Refusal` and the batch goes on. Last, every stored article not
grouped yet gets its near-duplicate links and its story (:mod:`newsprism.group.assign`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsprism.errors import NewsprismError
from newsprism.model import Article, Extraction, RawDocument, Refusal
from newsprism.settings import IngestOptions
from newsprism.store import Store, content_hash

if TYPE_CHECKING:
    from newsprism.group.assign import GroupReport

log = logging.getLogger(__name__)

#: Documents per transaction: big enough to amortise the commit, small enough to lose little.
BATCH_SIZE = 100
#: Suffixes of sources that hold exactly one document (so a progress total is known).
_SINGLE_DOCUMENT = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".md"})

#: ``progress(done, total, source)``: called after each document read or refused (``progress``)
#: or stored, refused and extracted (``stored``), the slower second stage.
Progress = Callable[[int, "int | None", str], None]


@dataclass(slots=True)
class IngestSummary:
    """What one :func:`ingest` call did."""

    ingested: list[str] = field(default_factory=list)  # ids stored for the first time
    duplicates: list[str] = field(default_factory=list)  # ids already stored (same fingerprint)
    superseded: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id) of edited versions
    reprints: list[tuple[str, str]] = field(default_factory=list)  # (reprint id, id of the text's article)
    refusals: list[Refusal] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)  # ids whose extraction was saved
    warnings: list[str] = field(default_factory=list)
    db: str | None = None
    grouping: GroupReport | None = None  # near-duplicates and stories of the articles grouped

    @property
    def read(self) -> int:
        """Documents read and cleaned (stored, duplicate or new version)."""
        return len(self.ingested) + len(self.duplicates) + len(self.superseded)

    @property
    def exit_code(self) -> int:
        """0 when nothing was refused, 1 when some inputs were, 2 when all were or nothing was read."""
        if self.read == 0:
            return 2
        return 1 if self.refusals else 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "db": self.db,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "superseded": [{"old": old, "new": new} for old, new in self.superseded],
            "reprints": [{"reprint": new, "of": of} for new, of in self.reprints],
            "refused": [{"source": r.source, "code": r.code, "reason": r.reason} for r in self.refusals],
            "extracted": self.extracted,
            "warnings": self.warnings,
            "stories": self.grouping.to_dict() if self.grouping is not None else None,
            "exit_code": self.exit_code,
        }


def progress_total(sources: Sequence[str], options: IngestOptions) -> int | None:
    """How many documents the sources hold, when every one is a single-document file; else None."""
    from newsprism.ingest import expand_sources

    try:
        expanded = expand_sources(list(sources), options)
    except (NewsprismError, OSError, ValueError):
        return None
    if any(Path(s).suffix.lower() not in _SINGLE_DOCUMENT or "://" in s for s in expanded):
        return None
    return len(expanded)


def ingest(
    sources: Sequence[str],
    db: Path | None = None,
    options: IngestOptions = IngestOptions(),  # noqa: B008 (frozen, immutable default)
    *,
    extract: bool = True,
    progress: Progress | None = None,
    stored: Progress | None = None,
    stdin: IO[bytes] | IO[str] | None = None,
    batch_size: int = BATCH_SIZE,
    group: bool = True,
) -> IngestSummary:
    """Read, clean, store (and extract) every document of ``sources`` into the store at ``db``.

    ``db`` defaults to :func:`newsprism.settings.default_db_path`. With ``group`` the articles
    not grouped yet are then placed in stories (flagged ones are also listed as warnings).
    ``progress`` counts documents read, ``stored`` those done with (stored and extracted, or
    refused): documents are read ``batch_size`` ahead of the second count.
    Returns an :class:`IngestSummary`; its ``exit_code`` is the CLI's exit status.
    """
    from newsprism.ingest import read_sources

    if isinstance(sources, str):
        sources = [sources]
    with Store.open(db) as store:
        summary = IngestSummary(db=str(store.path))
        boilerplate = store.load_boilerplate(options.boilerplate_min_pages)
        extractor = _extractor(summary) if extract else None
        total = progress_total(sources, options) if progress or stored else None
        docs: list[RawDocument] = []
        refused: list[Refusal] = []
        finished = 0

        def one_done(source: str) -> None:
            nonlocal finished
            finished += 1
            if stored is not None:
                stored(finished, total, source)

        for done, item in enumerate(read_sources(list(sources), options, stdin=stdin), start=1):
            if isinstance(item, Refusal):
                refused.append(item)
            else:
                docs.append(item)
            if progress is not None:
                progress(done, total, item.source)
            if len(docs) + len(refused) >= batch_size:
                _run_batch(store, boilerplate, docs, refused, summary, extractor, one_done)
                docs, refused = [], []
        if docs or refused:
            _run_batch(store, boilerplate, docs, refused, summary, extractor, one_done)
        if group:
            from newsprism.group.assign import group_pending

            summary.grouping = group_pending(store)
            for line in summary.grouping.warnings():
                _warn(summary, line)
    return summary


def _run_batch(
    store: Store,
    boilerplate: Any,
    docs: list[RawDocument],
    refused: list[Refusal],
    summary: IngestSummary,
    extractor: Callable[..., list[Extraction]] | None,
    one_done: Callable[[str], None],
) -> None:
    """Observe, clean, store one batch in one transaction, then extract what lacks an extraction;
    ``one_done(source)`` once for each document of the batch, as soon as it is done with."""
    from newsprism.clean import observe
    from newsprism.clean.batch import clean_or_refusal

    hashes = [content_hash(d.content) for d in docs]
    seen = store.observed(hashes)
    for doc, digest in zip(docs, hashes, strict=True):
        if digest not in seen:
            seen.add(digest)
            observe(boilerplate, doc)
    articles: list[Article] = []
    for doc in docs:
        item = clean_or_refusal(doc, boilerplate)
        (refused if isinstance(item, Refusal) else articles).append(item)  # type: ignore[arg-type]
    with store.transaction():
        statuses = store.add_articles(articles)
        store.save_boilerplate(boilerplate)
        store.mark_observed(hashes)
        for refusal in refused:
            store.log_refusal(refusal)
    summary.refusals.extend(refused)
    for refusal in refused:
        one_done(refusal.source)
    stored_ids: list[str] = []
    for article, status in zip(articles, statuses, strict=True):
        stored_ids.append(article.id)  # the store set it to the id of the row that holds the text
        if status == "duplicate":
            summary.duplicates.append(article.id)
            continue
        if article.reprint_of:
            summary.reprints.append((article.id, article.reprint_of))
        if status == "new_version":
            summary.superseded.append((store.supersedes(article.id) or "", article.id))
        else:
            summary.ingested.append(article.id)
    missing = store.missing_extractions(list(dict.fromkeys(stored_ids))) if extractor is not None else []
    waiting = set(missing)
    pending: dict[str, list[str]] = {}  # stored id -> the sources of this batch waiting for its extraction
    for article, stored_id in zip(articles, stored_ids, strict=True):
        if stored_id in waiting:
            pending.setdefault(stored_id, []).append(article.source)
        else:
            one_done(article.source)

    def extracted(stored_id: str) -> None:
        for source in pending.pop(stored_id, []):
            one_done(source)

    if extractor is not None and missing:
        _extract(store, extractor, missing, summary, extracted)
    for stored_id in list(pending):  # extraction skipped or failed: done with all the same
        extracted(stored_id)


def _extract(
    store: Store,
    extractor: Callable[..., list[Extraction]],
    missing: list[str],
    summary: IngestSummary,
    one_done: Callable[[str], None],
) -> None:
    """Extract and save the stored articles ``missing`` (ids with no extraction yet);
    ``one_done(article_id)`` after each one extracted."""
    articles = [store.get_article(i) for i in missing]
    reported = 0

    def extracted(n: int) -> None:
        nonlocal reported
        while reported < n:
            one_done(articles[reported].id)
            reported += 1

    try:
        extractions = extractor(articles, progress=extracted)
    except NewsprismError as exc:
        _warn(summary, f"extraction skipped: {exc.message} (hint: {exc.hint})")
        return
    except Exception:  # one article broke the batch: extract one by one, skip the broken ones
        extractions = []
        for article in articles:
            try:
                extractions.extend(extractor([article]))
            except Exception as exc:
                log.exception("extracting %s failed", article.id)
                _warn(
                    summary,
                    f"extraction failed for {article.id} ({article.source}): {type(exc).__name__}: {exc}",
                )
    with store.transaction():
        for extraction in extractions:
            store.save_extraction(extraction)
    summary.extracted.extend(e.article_id for e in extractions)


def _warn(summary: IngestSummary, message: str) -> None:
    if message not in summary.warnings:
        summary.warnings.append(message)


def _extractor(summary: IngestSummary) -> Callable[..., list[Extraction]] | None:
    """The extraction stage when it is installed, else None with a warning."""
    try:
        from newsprism.extract import extract_articles
    except ImportError:
        try:
            from newsprism.extract.facts import extract_articles
        except ImportError:
            summary.warnings.append("extraction not available in this build: articles stored without it")
            return None
    return extract_articles  # type: ignore[no-any-return]
