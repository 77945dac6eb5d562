"""The compare stage: one story's articles and extractions -> its StoryReport.

    >>> from newsprism.compare import compare_story
    >>> report = compare_story(articles, extractions)

Align facts across articles, derive the rewrite edges, cluster the aligned facts with
their independent-source counts, and gather the findings, the merged timeline and the
who-said-what table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from newsprism.compare.align import align_story
from newsprism.compare.attribution import same_speaker
from newsprism.compare.corroboration import cluster_facts, fact_groups, families, outlet_label
from newsprism.compare.findings import (
    Context,
    conflict_findings,
    rank,
    rewrite_findings,
    unintroduced_findings,
    unsupported_findings,
)
from newsprism.compare.provenance import derivations
from newsprism.compare.scorer import PairScorer
from newsprism.compare.summary import summary_lines
from newsprism.extract.entities import name_words
from newsprism.extract.facts import chronological
from newsprism.model import Article, Extraction, Finding, Quote, StoryReport, TimelineEntry


def compare_story(
    articles: list[Article],
    extractions: list[Extraction],
    *,
    scorer: PairScorer | None = None,
    versions: Mapping[str, str] | None = None,
) -> StoryReport:
    """The story dossier of ``articles`` (one Extraction each, matched by article id).

    Raises ValueError when an article has no extraction or ids repeat. ``scorer`` defaults
    to the shipped :class:`PairScorer` (with the cross-encoder feature when the extra is installed).
    ``versions``: reprint id -> the current version of the since-edited article it reprints
    (:meth:`~newsprism.store.Store.edited_originals`); such a reprint derives from that version.
    """
    exs = _matched(articles, extractions)
    if scorer is None:
        scorer = PairScorer.load()
    pairs = align_story(exs, scorer)
    edges = derivations(articles, exs, pairs, versions)
    groups = fact_groups(articles, pairs)
    ctx = Context(articles, exs, edges)
    conflicts, flagged = conflict_findings(ctx, pairs, groups)
    covered = {(p.article_id, f.index) for fd in conflicts for p in fd.passages for f in _facts_in(ctx, p)}
    findings: list[Finding] = list(conflicts)
    added = rewrite_findings(ctx, pairs)
    for finding in (f for f in added if f.severity != "low"):
        # the rewrite's version adds a claim or drops a hedge: no plain support, and no lone claim
        rewrite = finding.passages[0].article_id
        for passage in finding.passages:
            for fact in _facts_in(ctx, passage):
                flagged.setdefault((passage.article_id, fact.index), set()).add(rewrite)
        if finding.kind != "added_claim":  # an added comparison may also be a claim of its own
            covered |= {(rewrite, fact.index) for fact in _facts_in(ctx, finding.passages[0])}
    findings += added
    findings += unintroduced_findings(ctx)
    findings += unsupported_findings(ctx, groups, families(articles, edges), covered)
    findings = rank(findings, ctx.order)
    clusters = cluster_facts(articles, exs, pairs, edges, flagged)
    return StoryReport(
        headline=_headline(articles, edges),
        articles=list(articles),
        summary=summary_lines(clusters, articles, exs),
        timeline=merged_timeline(articles, exs),
        speakers=speakers_table(articles, exs, findings),
        clusters=clusters,
        findings=findings,
        derivations=edges,
        story_id=_shared_story_id(articles),
    )


def _shared_story_id(articles: list[Article]) -> str | None:
    """The story id every article has, or None when they are not all in one story."""
    ids = {a.story_id for a in articles}
    return ids.pop() if len(ids) == 1 else None


def _matched(articles: list[Article], extractions: list[Extraction]) -> list[Extraction]:
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError("compare_story: article ids repeat")
    by_id = {e.article_id: e for e in extractions}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ValueError(f"compare_story: no extraction for article(s) {', '.join(missing)}")
    return [by_id[i] for i in ids]


def _facts_in(ctx: Context, passage: Any) -> list[Any]:
    return [f for f in ctx.exs[passage.article_id].facts if passage.start <= f.start and f.end <= passage.end]


def _headline(articles: list[Article], edges: list[Any]) -> str:
    """Title of the earliest original (not derived) article; any title when all are derived."""
    derived = {e.derived for e in edges}
    order = {a.id: i for i, a in enumerate(articles)}
    ranked = sorted(
        articles, key=lambda a: (a.id in derived, (a.published.value or "9999")[:10], order[a.id])
    )
    for a in ranked:
        if a.title:
            return a.title
    return ""


def merged_timeline(articles: list[Article], extractions: list[Extraction]) -> list[TimelineEntry]:
    """Every article's dated entries with their article id, by date, then article order, then sentence."""
    order = {a.id: i for i, a in enumerate(articles)}
    entries = []
    for ex in extractions:
        for e in ex.timeline:
            entries.append(
                TimelineEntry(e.value, e.sentence, e.text, list(e.entity_keys), ex.article_id, e.phrase)
            )
    return sorted(
        entries, key=lambda e: (chronological(e.value), order.get(e.article_id or "", 0), e.sentence)
    )


def _speaker_group(groups: list[dict[str, Any]], q: Quote) -> dict[str, Any] | None:
    for g in groups:
        if any(same_speaker(q, other) for other in g["_quotes"]):
            return g
    return None


def speakers_table(
    articles: list[Article], extractions: list[Extraction], findings: list[Finding]
) -> list[dict[str, Any]]:
    """Who said what: one row per speaker with their quotes, outlets, the ids of the articles
    quoting them and the conflicting findings."""
    arts = {a.id: a for a in articles}
    groups: list[dict[str, Any]] = []
    for ex in extractions:
        names = {e.key: e for e in ex.entities}
        for q in ex.quotes:
            if not q.speaker:
                continue
            g = _speaker_group(groups, q)
            if g is None:
                g = {
                    "speaker": q.speaker,
                    "key": q.speaker_key,
                    "descriptor": None,
                    "vague": True,
                    "quotes": [],
                    "outlets": [],
                    "article_ids": [],
                }
                g["_quotes"] = []
                g["_keys"] = set()
                g["_descriptors"] = {}
                groups.append(g)
            g["_quotes"].append(q)
            g["vague"] = g["vague"] and q.vague
            if q.speaker_key:
                g["_keys"].add(q.speaker_key)
            ent = names.get(q.speaker_key or "")
            full = ent.name if ent and ent.label == "PERSON" else q.speaker
            if len(name_words(full)) > len(name_words(g["speaker"])) and not q.vague:
                g["speaker"], g["key"] = full, q.speaker_key
            desc = q.descriptor or (ent.descriptor if ent else None)
            if desc:
                g["_descriptors"].setdefault(desc, set()).add(ex.article_id)
            g["quotes"].append(
                {"text": q.text, "article_id": ex.article_id, "start": q.start, "end": q.end, "kind": q.kind}
            )
            outlet = outlet_label(arts[ex.article_id])
            if outlet not in g["outlets"]:
                g["outlets"].append(outlet)
            if ex.article_id not in g["article_ids"]:
                g["article_ids"].append(ex.article_id)
    by_key: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        for k in f.detail.get("speaker_keys", []) or []:
            by_key[k].append(i)
        if f.detail.get("slot") == "speaker":
            for v in (f.detail.get("value"), f.detail.get("reference_value")):
                if v:
                    by_name[v.casefold()].append(i)
    rows = []
    for g in groups:
        if g["_descriptors"]:  # the most articles' words for the speaker, then the fullest
            g["descriptor"] = max(g["_descriptors"].items(), key=lambda kv: (len(kv[1]), len(kv[0])))[0]
        conflicts = sorted(
            {i for k in g["_keys"] for i in by_key.get(k, [])}
            | {
                i
                for q in g["_quotes"]
                if q.vague and q.speaker
                for i in by_name.get(q.speaker.casefold(), [])
            }
        )
        rows.append({k: v for k, v in g.items() if not k.startswith("_")} | {"conflicts": conflicts})
    rows.sort(key=lambda r: (-len(r["quotes"]), r["speaker"].casefold()))
    return rows
