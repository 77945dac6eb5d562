"""False-conflict rate: conflicts newsprism reports between independent articles about one event.

Reads the tidy ECB+ JSONL (``{doc_id, topic, subtopic, sentences[]}``; tokens joined by spaces,
which :func:`detokenize` undoes). Two documents of one sub-topic are independent reports of the
same event, so any conflict between them is either a real disagreement (early casualty figures,
a different source quoted) or a false alarm: the rate is reported, not gated.

Sample (deterministic): the train and dev topics (1-35; the test topics are withheld), each
sub-topic's documents in natural id order, paired (1st, 2nd), (3rd, 4th), ... up to
``pairs_per_subtopic`` pairs. ECB+ (second sub-topic) documents open with the page URL, the
headline and a date line: the URL is dropped, the headline becomes the title and the date the
publication date; ECB documents carry no date, so their relative dates stay unresolved.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.eval.jsonl import jsonl_rows

if TYPE_CHECKING:
    from rich.table import Table

    from newsprism.model import Article, Finding

CONFLICT_KINDS = (
    "misattribution",
    "dropped_attribution",
    "number_conflict",
    "date_conflict",
    "entity_conflict",
    "negation_conflict",
)
TEST_TOPICS = frozenset(range(36, 46))
MAX_BYTES = 200_000_000
MAX_DOC_CHARS = 60_000
OPTIONS = frozenset({"pairs_per_subtopic", "semantic", "n_process", "examples"})


def detokenize(sentence: str) -> str:
    """ECB+ tokens (``\\`\\` We did n't , '' he said .``) back to text (``"We didn't," he said.``)."""
    s = sentence.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')
    s = re.sub(r" ([,.;:!?%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r"(?<=\d) - (?=[a-z])", "-", s)  # "90 - day" (a dash between words stays spaced)
    s = re.sub(r"(?<=\d) : (?=\d)", ":", s)
    s = s.replace("“ ", "“").replace(" ”", "”").replace(" ’ ", "’")
    return s.strip()


def read_docs(path: Path) -> list[dict[str, Any]]:
    """The documents of a tidy ECB+ JSONL file; InputError E040 naming the problem."""
    docs = []
    for number, row in jsonl_rows(path, MAX_BYTES):
        sentences = row.get("sentences") if isinstance(row, dict) else None
        if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
            raise InputError("E040", str(path), detail=f"line {number}: sentences must be a list of strings")
        if not isinstance(row.get("doc_id"), str) or not row.get("subtopic"):
            raise InputError("E040", str(path), detail=f"line {number}: doc_id or subtopic missing")
        try:
            topic = int(row["topic"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError("E040", str(path), detail=f"line {number}: topic must be an integer") from exc
        docs.append(
            {"doc_id": row["doc_id"], "topic": topic, "subtopic": str(row["subtopic"]), **_body(sentences)}
        )
    if not docs:
        raise InputError("E040", str(path), detail="no documents")
    return docs


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = r"(?P<mon>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
_DATES = (
    re.compile(_MON + r" (?P<d>\d{1,2})(?:st|nd|rd|th)? ,? (?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<d>\d{1,2}) " + _MON + r" (?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\d:] )(?P<m>\d{1,2}) / (?P<d>\d{1,2}) / (?P<y>\d{4}|\d{2})\b"),
    re.compile(r"(?P<y>\d{4}) - (?P<m>\d{2}) - (?P<d>\d{2})"),
)
_TIME = re.compile(r"\b\d{1,2} : \d{2}\b")
#: A date or time line of a page header is short; a body sentence naming a date is longer.
HEADER_TOKENS = 16
HEADER_LINES = 4


def _date_in(line: str) -> str | None:
    for pattern in _DATES:
        m = pattern.search(line)
        if not m:
            continue
        groups = m.groupdict()
        month = _MONTHS.index(groups["mon"][:3].lower()) + 1 if groups.get("mon") else int(groups["m"])
        year = int(groups["y"]) + (2000 if len(groups["y"]) == 2 else 0)
        try:
            return datetime(year, month, int(groups["d"])).date().isoformat()
        except ValueError:
            continue
    return None


def _body(sentences: list[str]) -> dict[str, Any]:
    """Title, publication date and body of one document's sentences (page header lines removed)."""
    kept = [s for s in sentences if "http" not in s and " / / " not in s]
    date, end = None, 0
    for i, line in enumerate(kept[:HEADER_LINES]):
        if len(line.split()) > HEADER_TOKENS:
            continue
        found = _date_in(line)
        if found or _TIME.search(line):
            date, end = date or found, i + 1
    header = [s for s in kept[:end] if not _date_in(s) and not _TIME.search(s)]
    title = detokenize(header[0]) if header else None
    body = " ".join(detokenize(s) for s in kept[end:])[:MAX_DOC_CHARS]
    return {"title": title, "date": date, "text": body}


def _natural(doc_id: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", doc_id))


def sample_pairs(
    docs: list[dict[str, Any]], per_subtopic: int = 3
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Disjoint pairs of documents of one sub-topic (train and dev topics), in natural id order."""
    by_sub: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        if d["topic"] not in TEST_TOPICS and d["text"]:
            by_sub[d["subtopic"]].append(d)
    pairs = []
    for sub in sorted(by_sub, key=_natural):
        group = sorted(by_sub[sub], key=lambda d: _natural(d["doc_id"]))
        pairs += [(group[2 * i], group[2 * i + 1]) for i in range(min(per_subtopic, len(group) // 2))]
    return pairs


def _article(doc: dict[str, Any]) -> Article:
    from newsprism.clean import article_id, fingerprint
    from newsprism.model import Article, DateInference

    fp = fingerprint(doc["text"])
    return Article(
        id=article_id(fp),
        fingerprint=fp,
        source=f"ecbplus:{doc['doc_id']}",
        body=doc["text"],
        title=doc["title"],
        outlet=f"ECB+ {doc['doc_id']}",
        published=DateInference(
            doc["date"], "metadata" if doc["date"] else "none", 1.0 if doc["date"] else 0.0
        ),
    )


def evaluate(path: Path, **options: Any) -> dict[str, Any]:
    """Conflict findings per pair of independent same-event articles, by kind, with examples.

    Options: ``pairs_per_subtopic`` (default 3), ``semantic`` (cross-encoder feature, default
    False), ``n_process`` (spaCy processes, default 1), ``examples`` (per kind, default 2).
    """
    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    from newsprism.compare import compare_story
    from newsprism.compare.scorer import PairScorer
    from newsprism.extract import extract_articles

    t0 = time.perf_counter()
    pairs = sample_pairs(read_docs(path), int(options.get("pairs_per_subtopic", 3)))
    arts = [(_article(a), _article(b)) for a, b in pairs]
    arts = [(a, b) for a, b in arts if a.id != b.id]  # a verbatim duplicate is no independent pair
    exs = extract_articles([x for pair in arts for x in pair], n_process=int(options.get("n_process", 1)))
    semantic = bool(options.get("semantic", False))
    scorer = PairScorer.load(semantic=semantic)
    keep = int(options.get("examples", 2))
    kinds: Counter[str] = Counter()
    aligned = with_conflict = unsupported = added = hedges = derived = copied = 0
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for k, (a, b) in enumerate(arts):
        report = compare_story([a, b], [exs[2 * k], exs[2 * k + 1]], scorer=scorer)
        aligned += sum(1 for c in report.clusters if len({m[0] for m in c.members}) > 1)
        conflicts = [f for f in report.findings if f.kind in CONFLICT_KINDS]
        unsupported += sum(1 for f in report.findings if f.kind == "unsupported")
        added += sum(1 for f in report.findings if f.kind == "added_claim")
        hedges += sum(1 for f in report.findings if f.kind == "dropped_hedge")
        derived += bool(report.derivations)
        copied += any(d.copy for d in report.derivations)
        with_conflict += bool(conflicts)
        for f in conflicts:
            kinds[f.kind] += 1
            if len(examples[f.kind]) < keep:
                examples[f.kind].append(_example(f))
    total = sum(kinds.values())
    n = len(arts)
    return {
        "file": str(path),
        "pairs": n,
        "subtopics": len({p[0]["subtopic"] for p in pairs}),
        "scorer": "lexical + cross-encoder" if semantic else "lexical",
        "aligned_facts": aligned,
        "conflicts": total,
        "per_pair": total / n if n else None,
        "per_aligned_fact": total / aligned if aligned else None,
        "pairs_with_conflict": with_conflict / n if n else None,
        "by_kind": {k: kinds.get(k, 0) for k in CONFLICT_KINDS},
        "unsupported_per_pair": unsupported / n if n else None,
        "added_claims_per_pair": added / n if n else None,
        "dropped_hedges_per_pair": hedges / n if n else None,
        "pairs_derived": derived / n if n else None,
        "pairs_copied": copied / n if n else None,
        "examples": dict(examples),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def _example(f: Finding) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "explanation": f.explanation,
        "passages": [{"article": p.outlet or p.article_id, "text": p.text[:300]} for p in f.passages],
    }


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table: conflicts per pair and per aligned fact, by kind."""
    from rich.table import Table

    n = metrics["pairs"]
    table = Table(
        title=(
            f"False-conflict rate on ECB+ same-event pairs ({n} pairs, {metrics['subtopics']} sub-topics, "
            f"{metrics['scorer']} scorer, {metrics['seconds']:.0f} s)"
        ),
        caption=(
            f"{metrics['aligned_facts']} aligned facts; {100 * (metrics['pairs_with_conflict'] or 0):.0f}% of "
            f"pairs have a conflict; {metrics['unsupported_per_pair'] or 0:.2f} unsupported findings and "
            f"{metrics['added_claims_per_pair'] or 0:.3f} added claims and "
            f"{metrics.get('dropped_hedges_per_pair') or 0:.3f} dropped hedges per pair; "
            f"{100 * (metrics['pairs_derived'] or 0):.0f}% of pairs are given a derivation edge "
            f"({100 * (metrics['pairs_copied'] or 0):.0f}% a copy). "
            "Independent reports can truly disagree: a rate to watch, not a gate."
        ),
    )
    for name in ("Kind", "Findings", "Per pair", "Per aligned fact"):
        table.add_column(name, justify="left" if name == "Kind" else "right")
    aligned = metrics["aligned_facts"]
    for kind, count in [*metrics["by_kind"].items(), ("all conflicts", metrics["conflicts"])]:
        table.add_row(
            kind,
            str(count),
            f"{count / n:.3f}" if n else "—",
            f"{count / aligned:.3f}" if aligned else "—",
            style="bold" if kind == "all conflicts" else None,
        )
    return table
