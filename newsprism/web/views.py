"""What the story and compare pages show, built once from a StoryReport and cached with it.

:func:`compare_report` runs the comparison (``newsprism.analysis.compare_articles``) and,
when that stage is missing or fails, still returns a report with the timeline and the
who-said-what rows so the page works; the reason is kept as a note for the page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.compare.corroboration import outlet_known, outlet_label
from newsprism.compare.summary import cited_words, lead_text
from newsprism.errors import NewsprismError
from newsprism.model import Article, Extraction, Finding, StoryReport, SummaryLine, to_dict
from newsprism.report.dossier import (
    Dossier,
    article_columns,
    build_dossier,
    clean,
    ranked_findings,
)
from newsprism.web.graph import Graph, layout
from newsprism.web.highlight import Segment, Span, fact_at, passage_context, segments, sentence_anchor

log = logging.getLogger(__name__)


def outlet_name(article: Article | Mapping[str, Any]) -> tuple[str, bool]:
    """The name every page gives an article's outlet, and whether it is one (False: a file name).

    It is the story pages' label (:func:`~newsprism.compare.corroboration.outlet_label`: the
    outlet, else the web host, else the source's file name); ``article`` may be a listing's JSON.
    """
    if not isinstance(article, Article):
        article = Article(
            str(article.get("id") or ""),
            "",
            str(article.get("source") or ""),
            "",
            outlet=article.get("outlet"),
            url=article.get("url"),
        )
    label = outlet_label(article)
    return clean(label, 60), outlet_known(article)


@dataclass(frozen=True, slots=True)
class PassageView:
    article_id: str
    label: str
    start: int
    end: int
    sentence: int | None
    context: list[Segment]

    @property
    def url(self) -> str:
        """The article page, at the passage's sentence when one holds it."""
        anchor = f"#{sentence_anchor(self.sentence)}" if self.sentence is not None else ""
        return f"/articles/{self.article_id}{anchor}"


@dataclass(frozen=True, slots=True)
class FindingView:
    number: int
    kind: str
    severity: str
    explanation: str
    passages: list[PassageView]
    compare_url: str | None


@dataclass(slots=True)
class StoryView:
    """Everything the story page and ``GET /api/stories/{id}`` need, computed once per version."""

    id: str
    label: str
    total: int
    report: StoryReport
    dossier: Dossier
    findings: list[FindingView]
    graph: Graph
    articles: list[dict[str, Any]]
    outlets: list[tuple[str, int]]
    first: str | None = None
    last: str | None = None
    note: str | None = None
    summary: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)
    file_named: set[str] = field(default_factory=set)  # labels that are file names, not outlets
    _json: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def compared(self) -> int:
        return len(self.report.articles)

    def report_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (converted once)."""
        if self._json is None:
            self._json = to_dict(self.report)
        return self._json

    def finding_kinds(self) -> set[str]:
        return {f.kind for f in self.report.findings}


def compare_report(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    story_id: str,
    edited: Mapping[str, str] | None = None,
) -> tuple[StoryReport, str | None]:
    """The compared report of one story and a note when the comparison could not run
    (``edited`` as for :func:`~newsprism.analysis.compare_articles`)."""
    if not articles:
        return StoryReport(headline="", story_id=story_id), "no article of this story has an extraction yet"
    from newsprism.analysis import compare_articles
    from newsprism.compare.story import speakers_table

    try:
        return compare_articles(list(articles), list(extractions), story_id=story_id, edited=edited), None
    except NewsprismError as exc:
        note = f"comparison not available: {exc.message}"
    except Exception as exc:  # a broken comparison must not take the pages down
        log.exception("comparing story %s failed", story_id)
        note = f"comparison failed: {type(exc).__name__}: {exc}"
    timeline = sorted(
        (t for x in extractions for t in x.timeline), key=lambda t: (t.value, t.article_id or "")
    )
    report = StoryReport(
        headline="",
        articles=list(articles),
        timeline=timeline,
        speakers=speakers_table(list(articles), list(extractions), []),
        story_id=story_id,
    )
    return report, note


def finding_views(report: StoryReport, extractions: dict[str, Extraction]) -> list[FindingView]:
    """Findings by severity with each passage in its sentence, and a compare link for two articles."""
    bodies = {a.id: a.body for a in report.articles}
    labels = {c.article_id: c.label for c in article_columns(report.articles)}
    views = []
    for number, finding in enumerate(ranked_findings(report.findings), start=1):
        passages = [
            _passage(p.article_id, p.start, p.end, p.outlet, bodies, extractions, labels)
            for p in finding.passages
        ]
        views.append(
            FindingView(
                number=number,
                kind=clean(finding.kind, 60),
                severity=clean(finding.severity, 20),
                explanation=clean(finding.explanation, 1000),
                passages=passages,
                compare_url=_compare_url(finding, passages),
            )
        )
    return views


def _passage(
    article_id: str,
    start: int,
    end: int,
    outlet: str | None,
    bodies: dict[str, str],
    extractions: dict[str, Extraction],
    labels: dict[str, str],
) -> PassageView:
    body = bodies.get(article_id, "")
    facts = extractions[article_id].facts if article_id in extractions else []
    fact = fact_at(facts, start)
    _, context = passage_context(body, facts, start, end) if body else (0, [])
    label = labels.get(article_id) or clean(outlet or article_id, 60)
    return PassageView(article_id, label, start, end, fact.index if fact else None, context)


def _compare_url(finding: Finding, passages: list[PassageView]) -> str | None:
    ids = list(dict.fromkeys(p.article_id for p in passages))
    if len(ids) < 2:
        return None
    first = next(p for p in passages if p.article_id == ids[0])
    anchor = f"#a{first.sentence}" if first.sentence is not None else ""
    return f"/compare/{ids[0]}/{ids[1]}{anchor}"


def story_view(
    story_id: str,
    label: str | None,
    report: StoryReport,
    extractions: Sequence[Extraction],
    *,
    total: int,
    articles: list[dict[str, Any]],
    outlets: list[tuple[str, int]],
    dates: tuple[str | None, str | None],
    note: str | None,
) -> StoryView:
    """Assemble the cached view of one story."""
    by_id = {x.article_id: x for x in extractions}
    if not report.headline:
        report.headline = label or ""
    dossier = build_dossier(report)
    return StoryView(
        id=story_id,
        label=clean(label or report.headline or "untitled story", 200),
        total=total,
        report=report,
        dossier=dossier,
        findings=finding_views(report, by_id),
        graph=layout(dossier.columns, dossier.edges),
        articles=articles,
        outlets=outlets,
        first=dates[0],
        last=dates[1],
        note=note,
        summary=[cited(line) for line in report.summary],
        file_named={c.label for c in dossier.columns if not c.outlet_known},
    )


def cited(line: SummaryLine) -> tuple[str, list[tuple[str, str, str]]]:
    """A summary line for the page: its text and its citations as (label, article id, own words);
    own words (with the speaker they are given to, if another) are "" for a bare citation."""
    cites = [(clean(c.label, 200), c.article_id, clean(cited_words(c), None)) for c in line.citations]
    return clean(lead_text(line), None), cites


# ---------------------------------------------------------------- compare page


@dataclass(slots=True)
class SentenceView:
    """One sentence of one side of the compare page."""

    index: int
    anchor: str
    segments: list[Segment]
    partners: list[str] = field(default_factory=list)  # anchors on the other side
    conflicts: list[str] = field(default_factory=list)  # explanations

    @property
    def cls(self) -> str:
        return " ".join(
            c for c, on in (("aligned", bool(self.partners)), ("conflict", bool(self.conflicts))) if on
        )


@dataclass(slots=True)
class PairView:
    a: Article
    b: Article
    left: list[SentenceView]
    right: list[SentenceView]
    findings: list[FindingView]
    note: str | None = None

    @property
    def aligned(self) -> int:
        return sum(1 for s in self.left if s.partners)

    @property
    def names(self) -> tuple[str, str]:
        """The two articles as the page title names them: their outlets, or their titles when those match."""
        outlets = [clean(art.outlet, 60) for art in (self.a, self.b)]
        if all(outlets) and outlets[0].casefold() != outlets[1].casefold():
            return outlets[0], outlets[1]
        first, second = (clean(art.title or art.id, 60) for art in (self.a, self.b))
        return first, second


def pair_view(
    a: Article,
    b: Article,
    xa: Extraction | None,
    xb: Extraction | None,
    report: StoryReport,
    note: str | None,
) -> PairView:
    """Two articles' sentences with their alignment links and conflicts taken from ``report``.

    ``a`` and ``b`` must be two different articles (a finding touching one would count as
    between "both"): :meth:`~newsprism.web.stories.StoryService.pair` refuses the same one twice.
    """
    sides = {a.id: "a", b.id: "b"}
    links: set[tuple[int, int]] = set()
    conflicts: dict[tuple[str, int], list[str]] = {}
    marks: dict[tuple[str, int], list[Span]] = {}
    for cluster in report.clusters:
        left = [i for aid, i in cluster.members if aid == a.id]
        right = [i for aid, i in cluster.members if aid == b.id]
        links |= {(i, j) for i in left for j in right}
        if left and right and {a.id, b.id} & set(cluster.conflicting):
            for side, idxs in (("a", left), ("b", right)):
                for i in idxs:
                    conflicts.setdefault((side, i), []).append("conflicting versions of this fact")
    for d in report.derivations:
        if {d.source, d.derived} == {a.id, b.id}:
            links |= {(i, j) if d.source == a.id else (j, i) for i, j in d.pairs}
    extractions = {a.id: xa, b.id: xb}
    findings = [
        f for f in finding_views(report, {k: v for k, v in extractions.items() if v}) if _touches(f, sides)
    ]
    for finding in findings:
        for p in finding.passages:
            side = sides.get(p.article_id)
            ex = extractions.get(p.article_id)
            if side is None or ex is None or p.sentence is None:
                continue
            conflicts.setdefault((side, p.sentence), []).append(f"{finding.kind}: {finding.explanation}")
            fact = ex.facts[p.sentence] if p.sentence < len(ex.facts) else None
            if fact is not None:
                marks.setdefault((side, p.sentence), []).append(
                    Span(p.start - fact.start, p.end - fact.start, "passage", finding.kind)
                )
    left = _sentences(a, xa, "a", _partners(links, "b"), conflicts, marks)
    right = _sentences(b, xb, "b", _partners({(j, i) for i, j in links}, "a"), conflicts, marks)
    return PairView(a, b, left, right, findings, note)


def _touches(finding: FindingView, sides: dict[str, str]) -> bool:
    return len({p.article_id for p in finding.passages} & set(sides)) == len(sides)


def _partners(links: set[tuple[int, int]], other: str) -> dict[int, list[str]]:
    """Each sentence's linked sentences on the other side, as ids (``other`` + index) in order."""
    linked: dict[int, set[int]] = {}
    for mine, theirs in links:
        linked.setdefault(mine, set()).add(theirs)
    return {i: [f"{other}{j}" for j in sorted(js)] for i, js in linked.items()}


def _sentences(
    article: Article,
    extraction: Extraction | None,
    side: str,
    partners: dict[int, list[str]],
    conflicts: dict[tuple[str, int], list[str]],
    marks: dict[tuple[str, int], list[Span]],
) -> list[SentenceView]:
    if extraction is None or not extraction.facts:
        return [SentenceView(0, f"{side}0", segments(article.body, []))]
    out = []
    for fact in extraction.facts:
        text = article.body[fact.start : fact.end] or fact.text
        out.append(
            SentenceView(
                fact.index,
                f"{side}{fact.index}",
                segments(text, marks.get((side, fact.index), [])),
                partners.get(fact.index, []),
                conflicts.get((side, fact.index), []),
            )
        )
    return out
