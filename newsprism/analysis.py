"""One-shot analysis from Python: sources -> read -> clean -> extract -> compare, in memory.

    >>> from newsprism.analysis import analyze
    >>> report = analyze(["coverage/"])          # a StoryReport
    >>> report.findings[0].explanation

No database is opened. Inputs that cannot be read come back as
:class:`~newsprism.model.Refusal` objects from :func:`analyze_with_refusals` and
:func:`analyze_all` (the CLI prints them on stderr); :func:`analyze` drops them.
When the story grouper (``newsprism.group.stories``) is installed, mixed coverage is
split into stories first and :func:`analyze_all` returns one report per story.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsprism.errors import InputError, NewsprismError, recorded_error
from newsprism.model import Article, Extraction, RawDocument, Refusal, StoryReport
from newsprism.settings import IngestOptions

if TYPE_CHECKING:
    from newsprism.clean.batch import Batch

log = logging.getLogger(__name__)

_DEFAULTS = IngestOptions()
#: The story id that means every current article of the store.
ALL_ARTICLES = "all"
#: Most articles one stored story is compared with (alignment is per pair of articles).
MAX_STORY_ARTICLES = 200


@dataclass(slots=True)
class Analysis:
    """Everything one :func:`analyze_all` call produced: reports (largest story first) and refusals."""

    reports: list[StoryReport] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    repeats: list[tuple[str, str]] = field(default_factory=list)  # (source read once, id it repeats)

    @property
    def exit_code(self) -> int:
        """0 when nothing was refused, 1 when some inputs were (2 is raised as an error instead)."""
        return 1 if self.refusals else 0


#: ``progress(stage, done, total)`` of :func:`analyze_all` and :func:`analyze_stored` (total None: unknown).
Stage = Callable[[str, int, "int | None"], None]


def _silent(stage: str, done: int, total: int | None) -> None:
    """No progress shown."""


def read_articles(
    sources: Sequence[str], options: IngestOptions = _DEFAULTS, *, stdin: IO[bytes] | None = None
) -> tuple[list[Article], list[Refusal]]:
    """Read and clean every source in memory; the same article twice is kept once, the same text
    from another publication (a wire copy) as its own article, which the comparison marks a copy.

    Page chrome repeated across pages of one outlet is learned from this batch alone
    (an in-memory boilerplate model). A bad input becomes a Refusal and the rest go on.
    """
    batch = read_batch(sources, options, stdin=stdin)
    return batch.articles, batch.refusals


def read_batch(
    sources: Sequence[str], options: IngestOptions = _DEFAULTS, *, stdin: IO[bytes] | None = None
) -> Batch:
    """:func:`read_articles` with the inputs read once as repeats of another (source, id)."""
    from newsprism.clean import BoilerplateModel
    from newsprism.clean.batch import clean_batch
    from newsprism.ingest import read_sources

    docs: list[RawDocument] = []
    refusals: list[Refusal] = []
    for item in read_sources(list(sources), options, stdin=stdin):
        (refusals if isinstance(item, Refusal) else docs).append(item)  # type: ignore[arg-type]
    batch = clean_batch(docs, BoilerplateModel(options.boilerplate_min_pages), keep_copies=True)
    return batch._replace(refusals=refusals + batch.refusals)


def compare_articles(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    *,
    story_id: str | None = None,
    semantic: bool | None = None,
    edited: Mapping[str, str] | None = None,
) -> StoryReport:
    """Compare one story's articles and complete the report for the dossier.

    Fills what the comparison left empty: the headline (earliest title). ``semantic``: the
    pair scorer (:meth:`~newsprism.compare.scorer.PairScorer.load`; None: the cross-encoder
    when the extra is installed, False: lexical only, much faster on large stories).
    ``edited`` (:meth:`~newsprism.store.Store.edited_originals`): reprint id -> the current
    version of the article it reprints; a finding between the two says the reprint printed an
    earlier version.
    """
    compare_story = _compare_story()
    by_id = {x.article_id: x for x in extractions}
    kept = [a for a in articles if a.id in by_id]
    scorer = None
    if semantic is not None:
        from newsprism.compare.scorer import PairScorer

        scorer = PairScorer.load(semantic)
    report = compare_story(kept, [by_id[a.id] for a in kept], scorer=scorer, versions=edited)
    if story_id is not None:
        report.story_id = story_id
    if not report.headline:
        report.headline = _headline(kept)
    if edited:
        from newsprism.compare.findings import rank

        _note_earlier_versions(report, edited)
        report.findings = rank(report.findings, {a.id: i for i, a in enumerate(report.articles)})
    return report


def _note_earlier_versions(report: StoryReport, edited: Mapping[str, str]) -> None:
    """Say in each finding between a reprint and the since-edited article it reprints that the
    reprint prints an earlier version of it, and make it low: the difference is the edit, not a
    distortion."""
    from newsprism.compare.corroboration import article_labels

    labels = article_labels(report.articles)
    for finding in report.findings:
        ids = {p.article_id for p in finding.passages}
        pairs = [(r, c) for r, c in edited.items() if {r, c} <= ids]
        if not pairs or "earlier_versions" in finding.detail:
            continue
        for current in dict.fromkeys(c for _, c in pairs):
            reprints = " and ".join(labels[r] for r, c in pairs if c == current)
            finding.explanation += (
                f" {reprints} {'reprint' if ' and ' in reprints else 'reprints'} an earlier version of"
                f" {labels[current]}'s article, which {labels[current]} has since edited."
            )
        finding.detail["earlier_versions"] = [{"reprint": r, "current": c} for r, c in pairs]
        finding.severity = "low"


def analyze_all(
    sources: Sequence[str],
    *,
    options: IngestOptions = _DEFAULTS,
    stdin: IO[bytes] | None = None,
    split: bool = True,
    semantic: bool | None = None,
    progress: Stage | None = None,
) -> Analysis:
    """Read, clean, extract, split into stories (when the grouper exists) and compare each story.

    ``split=False`` treats all the sources as one story. When no article could be read
    from ``sources`` it raises the one refusal's own error, or :class:`NothingReadable`
    (E006, carrying every refusal) when there were several. ``progress(stage, done, total)``
    is told of each stage: "reading", "extracting" (article by article), "comparing" (story by story).
    """
    from newsprism.extract import extract_articles

    stage = progress or _silent
    stage("reading", 0, None)
    articles, refusals, repeats = read_batch(sources, options, stdin=stdin)
    if not articles:
        raise nothing_readable(sources, refusals)
    extractions = extract_articles(articles, progress=lambda n: stage("extracting", n, len(articles)))
    groups = _split(articles, extractions) if split else [list(range(len(articles)))]
    reports = []
    for done, group in enumerate(groups):
        stage("comparing", done, len(groups))
        reports.append(
            compare_articles([articles[i] for i in group], [extractions[i] for i in group], semantic=semantic)
        )
    stage("comparing", len(groups), len(groups))
    return Analysis(reports, refusals, articles, extractions, repeats)


class NothingReadable(InputError):
    """E006: every input was refused; ``refusals`` says why, one per input."""

    def __init__(self, source: str, refusals: Sequence[Refusal]) -> None:
        codes = ", ".join(sorted({r.code for r in refusals}))
        detail = f"{len(refusals)} inputs refused: {codes}"
        super().__init__("E006", source, detail=detail, hint="fix or remove the refused inputs listed above")
        self.refusals = list(refusals)


def nothing_readable(sources: Sequence[str], refusals: Sequence[Refusal]) -> NewsprismError:
    """The error for sources of which no article could be read.

    One refusal: its own error (code, message, hint); several: :class:`NothingReadable`;
    none: E006 naming the sources.
    """
    if len(refusals) == 1:
        only = refusals[0]
        return recorded_error(only.code, only.source, only.reason)
    source = ", ".join(sources) or "(no sources)"
    if not refusals:
        return InputError("E006", source, detail="no input")
    return NothingReadable(source, refusals)


def analyze_with_refusals(
    sources: Sequence[str],
    *,
    options: IngestOptions = _DEFAULTS,
    stdin: IO[bytes] | None = None,
    split: bool = True,
) -> tuple[StoryReport, list[Refusal]]:
    """The largest story's report and the inputs that were refused."""
    result = analyze_all(sources, options=options, stdin=stdin, split=split)
    return result.reports[0], result.refusals


def analyze(
    sources: Sequence[str] | str, *, options: IngestOptions = _DEFAULTS, split: bool = True
) -> StoryReport:
    """The story dossier of ``sources`` (files, folders, URLs, feeds...): the largest story's report.

    ``split=False`` compares all the sources as one story instead of splitting them first.
    """
    if isinstance(sources, str):
        sources = [sources]
    return analyze_with_refusals(sources, options=options, split=split)[0]


def analyze_stored(
    story_id: str,
    db: Path | str | None = None,
    *,
    semantic: bool | None = None,
    progress: Stage | None = None,
) -> StoryReport:
    """The dossier of a stored story: its current articles (``story_id`` ``all``: every article).

    Stored extractions are used; articles without one are extracted in memory (the store is
    opened read-only and not changed). Raises NotFoundError E050 when the story has no
    article, InputError E051 when it has more than MAX_STORY_ARTICLES. ``progress`` as for
    :func:`analyze_all`.
    """
    stage = progress or _silent
    from newsprism.errors import NotFoundError
    from newsprism.extract import extract_articles
    from newsprism.store import Store
    from newsprism.store.queries import CURRENT

    with Store.open(db, readonly=True) as store:
        if story_id == ALL_ARTICLES:
            sql = f"SELECT a.id FROM articles a WHERE {CURRENT} ORDER BY a.seq LIMIT ?"
            rows = store.execute_read(sql, (MAX_STORY_ARTICLES + 1,))
            articles = [store.get_article(str(row[0])) for row in rows]
        else:
            articles = store.story_articles(story_id, limit=MAX_STORY_ARTICLES + 1)
        if not articles:
            raise NotFoundError("E050", story_id, hint=store.story_hint(story_id))
        if len(articles) > MAX_STORY_ARTICLES:
            total = (
                store.count_articles()
                if story_id == ALL_ARTICLES
                else len(store.get_story(story_id).article_ids)
            )
            raise InputError("E051", story_id, detail=str(total), limit=MAX_STORY_ARTICLES)
        stored = {a.id: store.get_extraction(a.id) for a in articles}
        edited = store.edited_originals(articles)
    missing = [a for a in articles if stored[a.id] is None]
    extracting = lambda n: stage("extracting", n, len(missing))  # noqa: E731
    fresh = {x.article_id: x for x in extract_articles(missing, progress=extracting)} if missing else {}
    extractions = [stored[a.id] or fresh[a.id] for a in articles]
    sid = None if story_id == ALL_ARTICLES else story_id
    stage("comparing", 0, 1)
    report = compare_articles(articles, extractions, story_id=sid, semantic=semantic, edited=edited)
    stage("comparing", 1, 1)
    return report


def _compare_story() -> Callable[[list[Article], list[Extraction]], StoryReport]:
    try:
        from newsprism.compare import compare_story  # type: ignore[attr-defined]
    except ImportError:
        try:
            from newsprism.compare.story import compare_story
        except ImportError as exc:
            raise NewsprismError("E009", "compare", detail=f"the compare stage is missing: {exc}") from exc
    return compare_story  # type: ignore[no-any-return]


def compare_available() -> bool:
    """True when the compare stage is installed (the dossier can be built)."""
    try:
        _compare_story()
    except NewsprismError:
        return False
    return True


def _split(articles: list[Article], extractions: list[Extraction]) -> list[list[int]]:
    """Index groups, one per story, largest first; one group of everything without the grouper."""
    everything = [list(range(len(articles)))]
    split = _optional("newsprism.group.stories", "split_into_stories")
    if split is None or len(articles) < 2:
        return everything
    groups = [sorted(g) for g in split(articles, extractions) if g]
    if not groups:
        return everything
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def _optional(module: str, name: str) -> Any:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    return getattr(mod, name, None)


def _headline(articles: Sequence[Article]) -> str:
    dated = sorted(articles, key=lambda a: a.published.value or "~")
    for article in dated:
        if article.title and article.title.strip():
            return article.title.strip()
    return "untitled story"
