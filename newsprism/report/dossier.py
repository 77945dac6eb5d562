"""The story dossier as plain rows: what every renderer (text, Markdown, HTML) shows.

:func:`build_dossier` turns a :class:`~newsprism.model.StoryReport` into a
:class:`Dossier` whose strings are already stripped of control and bidi-override
characters; renderers only lay it out and escape for their format. Ordering is fully
determined by the report (no sets, no clocks), so the same report gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from newsprism.compare.corroboration import article_labels, families, outlet_known, outlet_label
from newsprism.compare.findings import summed_up
from newsprism.compare.provenance import whole
from newsprism.compare.summary import by_publication, line_text
from newsprism.console import CONTROL
from newsprism.extract.facts import chronological
from newsprism.model import Article, Derivation, FactCluster, Finding, StoryReport, TimelineEntry

Cell = Literal["reported", "absent", "conflicting"]

#: Severity order of the findings list (most severe first).
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}
#: Finding kinds that are about who said something (shown in the who-said-what table).
SPEAKER_KINDS = frozenset({"misattribution", "dropped_attribution", "unintroduced_speaker"})
#: Rows shown in the fact x outlet matrix and the timeline (the rest are counted, not listed).
MATRIX_MAX_ROWS = 40
TIMELINE_MAX_ROWS = 40
#: What the line counting the collapsed findings points to (terminal text, Markdown, HTML file).
ALL_FINDINGS_HINT = "--all-findings lists them"
#: The mark of each fact x outlet matrix cell, in every format.
CELL_MARKS = {"reported": "✓", "absent": "·", "conflicting": "✗"}
#: Longest string a cell shows.
CELL_CHARS = 400


def clean(value: object, limit: int | None = CELL_CHARS) -> str:
    """Untrusted text for display: no control/bidi characters, one line, clipped to ``limit``."""
    text = " ".join(CONTROL.sub(" ", "" if value is None else str(value)).split())
    if limit is not None and len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space >= limit * 0.8 and cut[space + 1 :][:1].isalnum():
            cut = cut[:space]  # a whole last word when one is near the limit
        text = cut.rstrip() + "…"
    return text


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 fact`` / ``3 facts`` (``many``: an irregular plural, ``2 stories``)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def coverage_line(d: Dossier) -> str:
    """``4 articles, 3 outlets, 1 article of unknown outlet, 2 independent sources`` (plus the story id).

    An article known only by its file name counts as an unknown outlet, not as one more outlet.
    """
    outlets = len({c.label.split(" · ")[0].casefold() for c in d.columns if c.outlet_known})
    unknown = sum(1 for c in d.columns if not c.outlet_known)
    parts = [plural(len(d.columns), "article"), plural(outlets, "outlet")]
    if unknown:
        parts.append(f"{plural(unknown, 'article')} of unknown outlet")
    line = ", ".join([*parts, plural(d.independent, "independent source")])
    return line + (f" · story {d.story_id}" if d.story_id else "")


def hidden_facts_note(n: int) -> str:
    """The line under the matrix saying how many single-article facts it leaves out."""
    return f"{plural(n, 'fact')} carried by one article only {'is' if n == 1 else 'are'} not listed"


def undated_note(n: int) -> str:
    """The line under a date-bound listing saying how many undated articles it leaves out ("" for none)."""
    return f"{plural(n, 'undated article')} {'is' if n == 1 else 'are'} in no date range" if n else ""


# ---------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class Column:
    """One article of the story, as a column of the matrix and a node of the graph."""

    article_id: str
    label: str  # outlet, disambiguated when one outlet has several articles
    published: str
    title: str
    byline: str
    outlet_known: bool = True  # False: the label is a file name, not an outlet or a web host
    copy_of: str | None = None  # the label of the article it copies verbatim (a wire copy), if any

    @property
    def outlet_cell(self) -> str:
        """The label as the articles table shows it: "Valley Courier (copy of Meridian Press)"."""
        return f"{self.label} (copy of {self.copy_of})" if self.copy_of else self.label


@dataclass(frozen=True, slots=True)
class TimelineRow:
    date: str
    text: str
    outlets: list[str]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    name: str
    affiliation: str
    quotes: list[str]
    outlets: list[str]
    conflicts: list[str]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    cluster_id: int
    text: str
    cells: list[Cell]  # one per column
    independent: int


@dataclass(frozen=True, slots=True)
class PassageView:
    label: str
    span: str
    text: str


@dataclass(frozen=True, slots=True)
class FindingRow:
    severity: str
    kind: str
    explanation: str
    passages: list[PassageView]


@dataclass(frozen=True, slots=True)
class EdgeRow:
    source: str  # column label
    derived: str
    source_id: str
    derived_id: str
    score: float
    copy: bool
    aligned_share: float
    order_preserved: float
    pairs: int
    same_share: float | None = None

    @property
    def edited(self) -> bool:
        """A copy with some sentences reworded or added (an edited reprint), when that is known."""
        return self.copy and self.same_share is not None and min(self.same_share, self.aligned_share) < 1.0

    @property
    def sentence(self) -> str:
        """``B copies A (score 0.97, copy)`` / ``B copies A with edits (score 0.9, copy, 80% word for
        word)`` / ``B rewrites A (score 0.81)`` / ``B partly rewrites A``."""
        verb = "copies" if self.copy else "rewrites" if whole(self) else "partly rewrites"
        extra = ", copy" if self.copy else ""
        if self.edited:
            extra += f", {self.same_share:.0%} word for word"
        source = f"{self.source} with edits" if self.edited else self.source
        return f"{self.derived} {verb} {source} (score {self.score:.2f}{extra})"

    @property
    def detail(self) -> str:
        """``4 aligned pairs, 14% of its sentences, order kept 100%`` (the share is of the derived article)."""
        pairs = f"{self.pairs} aligned pair{'s' if self.pairs != 1 else ''}"
        return f"{pairs}, {self.aligned_share:.0%} of its sentences, order kept {self.order_preserved:.0%}"


@dataclass(slots=True)
class Dossier:
    """Every section of the dossier, ready to lay out."""

    headline: str
    story_id: str | None
    columns: list[Column] = field(default_factory=list)
    independent: int = 0  # articles left once copies and rewrites fold into their sources
    summary: list[str] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)
    timeline_hidden: int = 0
    speakers: list[SpeakerRow] = field(default_factory=list)
    matrix: list[MatrixRow] = field(default_factory=list)
    matrix_hidden: int = 0  # single-article clusters, not listed
    findings: list[FindingRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)


# ---------------------------------------------------------------- building


def build_dossier(report: StoryReport) -> Dossier:
    """All sections of ``report`` as display rows (strings cleaned, order deterministic)."""
    columns = article_columns(report.articles, report.derivations)
    labels = {c.article_id: c.label for c in columns}
    matrix, hidden = fact_matrix(report, columns)
    timeline = timeline_rows(report, labels)
    return Dossier(
        headline=clean(report.headline or "untitled story"),
        story_id=clean(report.story_id) if report.story_id else None,
        columns=columns,
        independent=independent_sources(report),
        summary=[clean(line_text(s), None) for s in report.summary],
        timeline=timeline[:TIMELINE_MAX_ROWS],
        timeline_hidden=max(0, len(timeline) - TIMELINE_MAX_ROWS),
        speakers=speaker_rows(report, labels),
        matrix=matrix,
        matrix_hidden=hidden,
        findings=[_finding_row(f, labels) for f in ranked_findings(report.findings)],
        edges=derivation_edges(report, labels),
    )


def article_columns(articles: Sequence[Article], derivations: Sequence[Derivation] = ()) -> list[Column]:
    """Articles ordered by publication date (report order breaks ties), with unique labels.

    An undated article that rewrites or copies dated ones shows the latest of their dates as
    a lower bound ("2023-10-17 or later"): a rewrite cannot precede its source.
    """
    dated = {a.id: a.published.value[:10] for a in articles if a.published.value}
    ordered = by_publication(articles)
    labels = article_labels(ordered, lambda text: clean(text, 60))
    copied = {d.derived: labels[d.source] for d in derivations if d.copy and d.source in labels}
    columns = []
    for article in ordered:
        columns.append(
            Column(
                article_id=article.id,
                label=labels[article.id],
                published=clean(article.published.value or _lower_bound(article.id, dated, derivations)),
                title=clean(article.title or "", 160),
                byline=clean(", ".join(article.bylines), 120),
                outlet_known=outlet_known(article),
                copy_of=copied.get(article.id),
            )
        )
    return columns


def _lower_bound(article_id: str, dated: dict[str, str], derivations: Sequence[Derivation]) -> str:
    """ "<date> or later": the latest of the dates of the sources ``article_id`` derives from and
    of the days of the events it reports as done that a source announced; else "undated"."""
    bounds = [dated[d.source] for d in derivations if d.derived == article_id and d.source in dated]
    bounds += [d.not_before for d in derivations if d.derived == article_id and d.not_before]
    return f"{max(bounds)} or later" if bounds else "undated"


def _label(labels: dict[str, str], article_id: str, outlet: str | None = None) -> str:
    return labels.get(article_id) or clean(outlet or article_id, 60)


# ---------------------------------------------------------------- clusters


def _cluster_articles(cluster: FactCluster) -> list[str]:
    return list(dict.fromkeys(article_id for article_id, _ in cluster.members))


def _corroboration_key(cluster: FactCluster) -> tuple[int, int, int, int]:
    first = min((index for _, index in cluster.members), default=10**9)
    return (-cluster.independent_sources, -len(_cluster_articles(cluster)), first, cluster.id)


# ---------------------------------------------------------------- timeline


def timeline_rows(report: StoryReport, labels: dict[str, str]) -> list[TimelineRow]:
    """Dated events across articles: entries of the same fact cluster and date merge into one row,
    but for an article whose version of the fact is flagged as conflicting."""
    cluster_of: dict[tuple[str, int], FactCluster] = {}
    for cluster in report.clusters:
        if len(_cluster_articles(cluster)) > 1:
            for member in cluster.members:
                cluster_of.setdefault(member, cluster)
    order = {a: i for i, a in enumerate(labels)}
    groups: dict[tuple[Any, ...], list[TimelineEntry]] = {}
    for entry in report.timeline:
        member = (entry.article_id or "", entry.sentence)
        cluster = cluster_of.get(member)
        if cluster is not None and member[0] in cluster.conflicting:
            cluster = None  # its version contradicts the others': a row of its own, in its words
        key = (entry.value, "c", cluster.id) if cluster else (entry.value, "a", *member)
        groups.setdefault(key, []).append(entry)
    rows: list[tuple[tuple[Any, ...], TimelineRow]] = []
    for key, entries in groups.items():
        ids = list(dict.fromkeys(e.article_id or "" for e in entries))
        ids.sort(key=lambda a: order.get(a, len(order)))
        first_entry = min(entries, key=lambda e: (order.get(e.article_id or "", len(order)), e.sentence))
        text = first_entry.text  # the dated sentence itself: a cluster's lead may not carry this date
        first = min((order.get(a, len(order)), e.sentence) for e in entries for a in [e.article_id or ""])
        sort_key = (_date_key(key[0]), chronological(key[0]), key[0], first)
        date = _dated_as(key[0], first_entry.phrase)
        row = TimelineRow(date, clean(text), [_label(labels, a) for a in ids if a])
        rows.append((sort_key, row))
    rows.sort(key=lambda kv: kv[0])
    return [row for _, row in rows]


def _dated_as(value: str, phrase: str) -> str:
    """``2022 (last year)``: the calendar value, and the article's words for it when they differ."""
    words = clean(phrase, 40)
    if not words or words.casefold() == value.casefold():
        return clean(value, 40)
    return f"{clean(value, 40)} ({words})"


def _date_key(value: str) -> int:
    """Calendar values first (in string order), then anything else (PRESENT_REF, durations)."""
    return 0 if value[:1].isdigit() else 1


# ---------------------------------------------------------------- who said what


def speaker_rows(report: StoryReport, labels: dict[str, str]) -> list[SpeakerRow]:
    """The who-said-what table from ``report.speakers`` (tolerant of the row's key names).

    Quotes are shown once each (same words, any outlet), followed by the outlets that
    carry them when the speaker is quoted by more than one. The row's outlets are the
    articles that carry the speaker's quotes; a name in ``outlets`` adds its outlet's first
    article only when no article of that outlet is named.
    """
    order = {a: i for i, a in enumerate(labels)}
    by_label = {label: article_id for article_id, label in labels.items()}
    outlet_of = {a.id: outlet_label(a) for a in report.articles}
    first = {outlet_label(a): a.id for a in reversed(report.articles)}
    rows = []
    for data in report.speakers:
        name = clean(_first(data, "speaker", "name") or "?", 120)
        affiliation = clean(_first(data, "affiliation", "descriptor", "role") or "", 200)
        if data.get("vague"):
            affiliation = (affiliation + " (vague source)").strip()
        quotes = _quotes(data.get("quotes") or [])
        ids = [a for _, quote_ids, _ in quotes for a in quote_ids]
        ids += [str(a) for a in data.get("article_ids") or []]
        named = {outlet_of.get(a) for a in ids}
        for given in map(str, data.get("outlets") or []):
            if given in labels or given in by_label or given not in outlet_of.values():
                ids.append(by_label.get(given, given))  # an article id or label (or a name not known)
            elif given not in named:  # an outlet's name: its first article, unless one is named
                ids.append(first.get(given, given))
        ids = sorted(dict.fromkeys(ids), key=lambda a: order.get(a, len(order)))
        lines = []
        for text, quote_ids, reported in quotes:
            carried = sorted(dict.fromkeys(quote_ids), key=lambda a: order.get(a, len(order)))
            where = f" ({', '.join(_label(labels, a) for a in carried)})" if carried and len(ids) > 1 else ""
            lines.append(f"reported: {_balanced(text)}{where}" if reported else f"“{text}”{where}")
        conflicts = [clean(_conflict_text(c, report.findings)) for c in data.get("conflicts") or []]
        conflicts = list(dict.fromkeys(c for c in conflicts if c))
        if "conflicts" not in data:
            conflicts = _speaker_conflicts(name, _first(data, "key", "speaker_key"), report.findings)
        rows.append(SpeakerRow(name, affiliation, lines, [_label(labels, a) for a in ids], conflicts))
    return rows


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key):
            return data[key]
    return None


def _quotes(items: Iterable[Any]) -> list[tuple[str, list[str], bool]]:
    """(text, article ids, reported) per distinct quote, in first-seen order.

    The same words are one quote, whatever the outlet. A quote whose words lie inside a longer
    quote of the same row, carried by the same articles, is left out: a partial quote is
    usually part of the reported speech around it ('X said Y has been "handcuffed ..."').
    ``reported`` is true when every occurrence is reported (indirect) speech.
    """
    found: dict[str, tuple[str, list[str], list[bool]]] = {}
    for item in items:
        raw = item.get("text") if isinstance(item, dict) else item
        text = clean(raw or "", 240).strip("\"'“”‘’ ")
        if not text:
            continue
        entry = found.setdefault(" ".join(re.findall(r"\w+", text.casefold())), (text, [], []))
        if isinstance(item, dict):
            if item.get("article_id"):
                entry[1].append(str(item["article_id"]))
            entry[2].append(item.get("kind") == "indirect")
        else:
            entry[2].append(False)
    keys = list(found)
    kept = [
        key
        for key in keys
        if not any(
            other != key and f" {key} " in f" {other} " and set(found[key][1]) <= set(found[other][1])
            for other in keys
        )
    ]
    return [(found[k][0], found[k][1], all(found[k][2])) for k in kept]


def _balanced(text: str) -> str:
    """``text`` with a closing quotation mark added when it opens one it never closes."""
    if text.count('"') % 2:
        text += '"'
    if text.count("“") > text.count("”"):
        text += "”"
    return text


def _conflict_text(item: Any, findings: Sequence[Finding]) -> str:
    """A conflict as text: an index into the report's findings, a finding-like dict, or text."""
    if isinstance(item, int) and not isinstance(item, bool):
        return findings[item].explanation if 0 <= item < len(findings) else ""
    if isinstance(item, dict):
        return str(item.get("explanation") or item.get("text") or item.get("kind") or "")
    return str(item)


def _speaker_conflicts(name: str, key: object, findings: Sequence[Finding]) -> list[str]:
    """Explanations of speaker findings that name this speaker (full name or surname)."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if len(w) > 2 and w[:1].isupper()]
    needles = {name.casefold()} | ({words[-1].casefold()} if words else set())
    out = []
    for finding in findings:
        if finding.kind not in SPEAKER_KINDS and finding.detail.get("slot") != "speaker":
            continue
        values = [finding.explanation, *(str(v) for v in finding.detail.values() if isinstance(v, str))]
        haystack = " ".join(values).casefold()
        hit = (key and str(key).casefold() in haystack) or any(
            re.search(r"\b" + re.escape(n) + r"\b", haystack) for n in needles if n
        )
        text = clean(finding.explanation)
        if hit and text not in out:
            out.append(text)
    return out


# ---------------------------------------------------------------- fact x outlet matrix


def fact_matrix(report: StoryReport, columns: Sequence[Column]) -> tuple[list[MatrixRow], int]:
    """Rows for clusters carried by two or more articles (or in conflict), most corroborated first.

    Returns the rows (at most MATRIX_MAX_ROWS) and how many clusters were left out.
    """
    shown = [c for c in report.clusters if len(_cluster_articles(c)) > 1 or c.conflicting]
    shown.sort(key=_corroboration_key)
    rows = []
    for cluster in shown[:MATRIX_MAX_ROWS]:
        members = set(_cluster_articles(cluster))
        conflicting = set(cluster.conflicting)
        cells: list[Cell] = [
            "conflicting"
            if c.article_id in conflicting
            else "reported"
            if c.article_id in members
            else "absent"
            for c in columns
        ]
        rows.append(MatrixRow(cluster.id, clean(cluster.text), cells, cluster.independent_sources))
    return rows, len(report.clusters) - len(rows)


# ---------------------------------------------------------------- findings


def ranked_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Findings by severity, high first; within a severity the comparison's own order is kept."""
    return sorted(findings, key=lambda f: SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)))


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...


class _Listable(Protocol):
    """What :func:`split_findings` reads of a finding row (dossier rows and web views alike)."""

    @property
    def severity(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def passages(self) -> Sequence[_Labelled]: ...


F = TypeVar("F", bound=_Listable)


def split_findings(
    findings: Sequence[F], all_findings: bool = False
) -> tuple[list[tuple[int, F]], list[tuple[str, int]]]:
    """Ranked findings as (number, row) to list, and (outlet, count) of the collapsed ones.

    Numbers are positions in the full ranked list, so a shown finding keeps its number
    whether or not the others are listed. With ``all_findings`` nothing is collapsed.
    Outlets are ordered by count (most first), then first appearance.
    """
    shown: list[tuple[int, F]] = []
    counts: dict[str, int] = {}
    for number, finding in enumerate(findings, 1):
        if all_findings or not summed_up(finding.severity, finding.kind):
            shown.append((number, finding))
        else:
            outlet = finding.passages[0].label if finding.passages else "unknown outlet"
            counts[outlet] = counts.get(outlet, 0) + 1
    order = {name: i for i, name in enumerate(counts)}
    return shown, sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))


def collapsed_note(counts: Sequence[tuple[str, int]], hint: str = "") -> str:
    """``43 more sentences are reported by one independent source only (low severity): A 27, B 16`` (+ ``hint``)."""
    total = sum(n for _, n in counts)
    verb = "is" if total == 1 else "are"
    per_outlet = ", ".join(f"{clean(name, 60)} {n}" for name, n in counts)
    line = f"{total} more {'sentence' if total == 1 else 'sentences'} {verb} reported by one independent source only (low severity): {per_outlet}"
    return line + (f"; {hint}" if hint else "")


def _finding_row(finding: Finding, labels: dict[str, str]) -> FindingRow:
    passages = [
        PassageView(_label(labels, p.article_id, p.outlet), f"{p.start}–{p.end}", clean(p.text, 600))
        for p in finding.passages
    ]
    return FindingRow(
        clean(finding.severity, 20), clean(finding.kind, 60), clean(finding.explanation), passages
    )


# ---------------------------------------------------------------- derivation graph


def derivation_edges(report: StoryReport, labels: dict[str, str]) -> list[EdgeRow]:
    """Edges ``derived rewrites source``, strongest first."""
    edges = [
        EdgeRow(
            source=_label(labels, d.source),
            derived=_label(labels, d.derived),
            source_id=d.source,
            derived_id=d.derived,
            score=float(d.score),
            copy=bool(d.copy),
            aligned_share=float(d.aligned_share),
            order_preserved=float(d.order_preserved),
            pairs=len(d.pairs),
            same_share=d.same_share,
        )
        for d in report.derivations
    ]
    edges.sort(key=lambda e: (-e.score, e.source_id, e.derived_id))
    return edges


def independent_sources(report: StoryReport) -> int:
    """Sources left once copies and whole rewrites are folded into what they derive from, and the
    articles of one outlet into one (:func:`~newsprism.compare.corroboration.families`).

    A partial rewrite (under :data:`~newsprism.compare.provenance.WHOLE_REWRITE` of it aligned) stays a source of its own:
    the facts it repeats are already counted once per family in the fact matrix.
    """
    folded = [d for d in report.derivations if whole(d)]
    return len(set(families(report.articles, folded).values()))
