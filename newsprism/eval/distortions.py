"""The distortion benchmark: real articles, derivative rewrites with known edits, and their scores.

:func:`generate` takes real articles (BBC News and Reuters-21578 from ``../shared/data``, or any
JSONL of ``{id, title, text|body, date}``), picks them deterministically by seed, and writes a
rewrite of each: a paraphrase (rules in :mod:`newsprism.eval.edits`: synonym swaps, attribution
moved, one sentence dropped, two merged) and, except for the clean ``paraphrase`` items, one
labelled distortion on top of it (:data:`EDIT_TYPES`). Each :class:`DistortionItem` keeps the
original, the rewrite, the edit and the edited span (``rewrite[start:end] == new``).

:func:`evaluate` runs :func:`~newsprism.compare.compare_story` on each (original, rewrite) pair
and judges every conflict or unsupported finding flagged in the rewrite (``passages[0]`` there):
``hit`` when its kind is one of :data:`EDIT_KINDS` of the item's edit type and the passage
overlaps the edited span; ``other_kind`` at the span under another kind (reported as "found as
other kind", neither true nor false); ``knock_on`` for a speaker finding elsewhere in a rewrite
whose speaker was edited (the quotes that followed, "..., he added", now read as the new
speaker's); else ``false``. Recall per type is the share of items hit; precision per type is
hits / (hits + false findings whose kind stands for that type, see :func:`finding_type`). On
clean paraphrases every finding is false. Findings flagged in the *original* are not counted:
with two articles, every sentence the rewrite drops is truthfully unsupported there.

Articles are cut to their first paragraphs (about :data:`MAX_SENTENCES` sentences) to keep the
run short. The rewrite is published the day after the original, as a derivative is (without
dates, provenance would take the longer article, e.g. one with an inserted sentence, for the
source). Articles without a date (BBC) get :data:`NOMINAL_DATE`, so that weekdays and days of
the month resolve.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.eval import edits
from newsprism.eval.jsonl import jsonl_rows

if TYPE_CHECKING:
    from rich.table import Table

    from newsprism.model import Article, Finding

EDIT_TYPES = (
    "speaker_swap",
    "vague_source",
    "dropped_attribution",
    "number_change",
    "date_shift",
    "entity_swap",
    "negation",
    "unsupported_insert",
)
CLEAN = "paraphrase"
#: Finding kinds that detect each edit type.
EDIT_KINDS: dict[str, frozenset[str]] = {
    "speaker_swap": frozenset({"misattribution"}),
    "vague_source": frozenset({"misattribution"}),
    "dropped_attribution": frozenset({"dropped_attribution"}),
    "number_change": frozenset({"number_conflict"}),
    "date_shift": frozenset({"date_conflict"}),
    "entity_swap": frozenset({"entity_conflict"}),
    "negation": frozenset({"negation_conflict"}),
    "unsupported_insert": frozenset({"unsupported"}),
}
COUNTED_KINDS = frozenset().union(*EDIT_KINDS.values())
SPEAKER_EDITS = frozenset({"speaker_swap", "vague_source", "dropped_attribution"})
SPEAKER_KINDS = frozenset({"misattribution", "dropped_attribution"})
GOALS = {"recall": 0.80, "false_per_clean": 0.10}

SOURCES = {"bbc": "bbc-news/bbc_news.jsonl", "reuters": "reuters21578/reuters21578.jsonl"}
OUTLETS = {"bbc": "BBC News", "reuters": "Reuters"}
REWRITE_OUTLET = "Rewrite Daily"
NOMINAL_DATE = "2005-01-01"
MIN_SENTENCES = 6
MAX_SENTENCES = 12
MAX_PARAGRAPH_SENTENCES = 8
MAX_BYTES = 100_000_000
MAX_DOC_CHARS = 60_000
#: Documents whose gazetteer names form the pool entity swaps draw from.
POOL_DOCS = 300
OPTIONS = frozenset({"n_process", "examples", "semantic"})


@dataclass(slots=True)
class SourceDoc:
    """A real article ready for rewriting: paragraphs of sentences (cut to the first few)."""

    source: str
    doc_id: str
    title: str | None
    published: str
    paragraphs: list[list[str]]


@dataclass(slots=True)
class DistortionItem:
    """One benchmark item: a real article, its rewrite, the edit and where it is in the rewrite."""

    id: str
    source: str
    doc_id: str
    edit: str  # one of EDIT_TYPES, or CLEAN
    title: str | None
    published: str
    original: str
    rewrite: str
    span: tuple[int, int] | None  # rewrite[start:end] == new (None for clean paraphrases)
    old: str = ""
    new: str = ""
    operations: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading the sources


def data_dir() -> Path:
    """``../shared/data`` beside the checkout (or ``$NEWSPRISM_SHARED_DATA``)."""
    env = os.environ.get("NEWSPRISM_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def source_files(source: str | Path) -> list[tuple[str, Path]]:
    """(label, JSONL path) of ``source``: ``bbc``, ``reuters``, both comma-separated, a file or a folder."""
    text = str(source)
    if all(part in SOURCES for part in text.split(",")):
        return [(part, data_dir() / SOURCES[part]) for part in text.split(",")]
    path = Path(source)
    if path.is_dir():
        found = [
            (name, path / Path(rel).name)
            for name, rel in SOURCES.items()
            if (path / Path(rel).name).is_file()
        ]
        found = found or [(p.stem, p) for p in sorted(path.glob("*.jsonl"))]
        if not found:
            raise InputError("E040", text, detail="no JSONL file in the folder")
        return found
    label = next((name for name, rel in SOURCES.items() if path.name == Path(rel).name), path.stem)
    return [(label, path)]


def _rows(label: str, path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, row in jsonl_rows(path, MAX_BYTES):
        if not isinstance(row, dict):
            raise InputError("E040", str(path), detail=f"line {number}: not a JSON object")
        text = row.get("text") or row.get("body")
        if not isinstance(text, str) or not text.strip():
            continue  # Reuters-21578 has stories without a body
        doc_id = str(row.get("id") or row.get("newid") or row.get("doc_id") or number)
        rows.append(
            {"label": label, "id": doc_id, "title": row.get("title"), "date": row.get("date"), "text": text}
        )
    if not rows:
        raise InputError("E040", str(path), detail="no rows")
    return rows


def _demojibake(text: str) -> str:
    if "Â" in text or "â€" in text:
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def _date(value: Any) -> str:
    if isinstance(value, str):
        for fmt in ("%d-%b-%Y %H:%M:%S.%f", "%d-%b-%Y %H:%M:%S", "%Y-%m-%d"):
            try:
                return datetime.strptime(value.strip()[: 26 if "." in value else 20], fmt).date().isoformat()
            except ValueError:
                continue
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    return NOMINAL_DATE


_PROSE_END = re.compile(r"[.!?][\"”']?$")


def _paragraphs(text: str) -> list[str]:
    """Reflowed prose paragraphs: wire copy's wrapped lines joined, tables and headings dropped."""
    text = _demojibake(text).replace("\r\n", "\n")
    parts = re.split(r"\n\s*\n|\n&\\t|\n(?=\s{2,})", text)
    out = []
    for part in parts:
        para = re.sub(r"\s+", " ", part).strip()
        words = para.split()
        if len(words) < 6 or not _PROSE_END.search(para):
            continue
        if sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 3:
            continue  # shouted wire copy or a table
        out.append(para)
    return out


def read_doc(row: dict[str, Any]) -> SourceDoc | None:
    """A :class:`SourceDoc` of one row, or None when it has fewer than MIN_SENTENCES prose sentences."""
    if len(row["text"]) > MAX_DOC_CHARS:
        return None
    paragraphs: list[list[str]] = []
    count = 0
    for para in _paragraphs(row["text"]):
        sentences = edits.split_sentences(para)[:MAX_PARAGRAPH_SENTENCES]
        paragraphs.append(sentences)
        count += len(sentences)
        if count >= MAX_SENTENCES:
            break
    if count < MIN_SENTENCES:
        return None
    title = row["title"] if isinstance(row["title"], str) else None
    return SourceDoc(row["label"], row["id"], title, _date(row["date"]), paragraphs)


# ---------------------------------------------------------------- the generator


def _names(doc: SourceDoc) -> list[str]:
    """Entities of the story for an inserted claim: quoted people, then gazetteer names."""
    flat = [s for p in doc.paragraphs for s in p]
    text = " ".join(flat)
    people = [p for p in edits.persons(flat) if " " in p and p.split()[0] not in edits.HONORIFICS]
    return people + [name for _, name in edits.entities_in(text)]


def _sentence_edit(edit: str, sentence: str, rng: Random, ctx: dict[str, Any]) -> edits.Edit | None:
    if edit == "speaker_swap":
        return edits.speaker_swap(sentence, rng, ctx["people"])
    if edit == "vague_source":
        return edits.vague_source(sentence, rng)
    if edit == "dropped_attribution":
        return edits.dropped_attribution(sentence, rng)
    if edit == "number_change":
        return edits.number_change(sentence, rng)
    if edit == "date_shift":
        return edits.date_shift(sentence, rng)
    if edit == "entity_swap":
        return edits.entity_swap(sentence, rng, ctx["pool"], ctx["text"])
    if edit == "negation":
        return edits.negation(sentence, rng)
    raise ValueError(f"unknown edit type {edit!r}")


def _eligible(edit: str, flat: list[str], i: int) -> bool:
    """Whether sentence ``i`` may carry a speaker edit (its speaker named once in it)."""
    if edit not in ("speaker_swap", "vague_source", "dropped_attribution"):
        return True
    q = edits.parse_quote(flat[i])
    if q is None:
        return False
    surname = q.text(flat[i], "name").split()[-1]
    rest = flat[i][: q.name[0]] + flat[i][q.name[1] :]
    if surname in rest:
        return False
    if edit == "dropped_attribution":
        # the quote must stand alone: no quote or mention of its speaker just before or after
        near = flat[max(0, i - 1) : i] + flat[i + 1 : i + 2]
        return not any(edits.has_quote(s) or surname in s for s in near)
    return True


def make_item(doc: SourceDoc, edit: str, seed: int, pool: dict[str, list[str]]) -> DistortionItem | None:
    """The rewrite of ``doc`` with ``edit`` (or a clean paraphrase), or None when the edit cannot apply."""
    rng = Random(f"{seed}:{doc.source}:{doc.doc_id}:{edit}")
    where = [(pi, si) for pi, p in enumerate(doc.paragraphs) for si in range(len(p))]
    flat = [doc.paragraphs[pi][si] for pi, si in where]
    ops: list[str] = []
    para = []
    for s in flat:
        moved = edits.reorder(s) if rng.random() < 0.5 else None
        if moved:
            ops.append("reorder")
            s = moved
        if rng.random() < 0.7:
            s, swaps = edits.swap_synonyms(s, rng)
            ops += [f"synonym:{w}" for w in swaps]
        para.append(s)
    ctx = {"people": edits.persons(flat), "pool": pool, "text": " ".join(flat)}
    target: int | None = None
    span: tuple[int, int] = (0, 0)
    old = new = ""
    if edit == "unsupported_insert":
        made = edits.unsupported_sentence(rng, _names(doc))
        if made is None:
            return None
        gaps = [
            k
            for k in range(1, len(para))
            if not edits.has_quote(para[k - 1]) and not edits.has_quote(para[k])
        ]
        if not gaps:
            return None
        at = rng.choice(gaps)
        para.insert(at, made[0])
        where.insert(at, where[at - 1])
        flat.insert(at, "")
        target, new = at, made[0]
        span = (0, len(new))
        ops.append(f"insert:{made[1]}")
    elif edit != CLEAN:
        cands = [i for i in range(len(para)) if _eligible(edit, para, i) and _eligible(edit, flat, i)]
        rng.shuffle(cands)
        for i in cands:
            done = _sentence_edit(edit, para[i], rng, ctx)
            if done is not None:
                para[i], span, old, new = done
                target = i
                break
        if target is None:
            return None
    keep = _structure(para, where, target, rng, ops)
    original = "\n\n".join(" ".join(p) for p in doc.paragraphs)
    rewrite, offset = _assemble(keep, target)
    if rewrite == original:
        return None
    item_span = None if target is None else (offset + span[0], offset + span[1])
    return DistortionItem(
        id=f"{doc.source}:{doc.doc_id}:{edit}",
        source=doc.source,
        doc_id=doc.doc_id,
        edit=edit,
        title=doc.title,
        published=doc.published,
        original=original,
        rewrite=rewrite,
        span=item_span,
        old=old,
        new=new,
        operations=ops,
    )


def _structure(
    para: list[str], where: list[tuple[int, int]], target: int | None, rng: Random, ops: list[str]
) -> list[list[tuple[str, bool]]]:
    """Paragraphs of (sentence, is_target) after dropping one sentence and merging two neighbours."""
    n = len(para)
    protected = {target - 1, target, target + 1} if target is not None else set()
    drop = [i for i in range(1, n) if i not in protected and not edits.has_quote(para[i])]
    dropped = rng.choice(drop) if drop and n >= MIN_SENTENCES else None
    if dropped is not None:
        ops.append(f"drop:{dropped}")
    texts: list[tuple[int, str, bool]] = [
        (where[i][0], para[i], i == target) for i in range(n) if i != dropped
    ]
    merges = [
        k
        for k in range(len(texts) - 1)
        if texts[k][0] == texts[k + 1][0]
        and not texts[k][2]
        and not texts[k + 1][2]
        and edits.merge(texts[k][1], texts[k + 1][1]) is not None
    ]
    if merges:
        k = rng.choice(merges)
        merged = edits.merge(texts[k][1], texts[k + 1][1]) or ""
        texts[k : k + 2] = [(texts[k][0], merged, False)]
        ops.append(f"merge:{k}")
    out: list[list[tuple[str, bool]]] = []
    last = None
    for pi, text, is_target in texts:
        if pi != last:
            out.append([])
            last = pi
        out[-1].append((text, is_target))
    return out


def _assemble(paragraphs: list[list[tuple[str, bool]]], target: int | None) -> tuple[str, int]:
    """The rewrite's body and the offset of its target sentence (0 when there is none)."""
    parts: list[str] = []
    pos, offset = 0, 0
    for pi, para in enumerate(paragraphs):
        if pi:
            parts.append("\n\n")
            pos += 2
        for si, (text, is_target) in enumerate(para):
            if si:
                parts.append(" ")
                pos += 1
            if is_target and target is not None:
                offset = pos
            parts.append(text)
            pos += len(text)
    return "".join(parts), offset


def _pool(docs: list[SourceDoc]) -> dict[str, list[str]]:
    pool: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for category, name in edits.entities_in(" ".join(s for p in doc.paragraphs for s in p)):
            pool[category].add(name)
    return {k: sorted(v) for k, v in pool.items()}


def generate(source: str | Path = "bbc", n: int = 40, seed: int = 7) -> list[DistortionItem]:
    """``n`` items per edit type and ``n`` clean paraphrases, from articles picked by ``seed``.

    Same arguments, same items. Each article serves one item; an article goes to the type that
    can use it with the fewest items so far (speaker edits need a quote, number edits a number ...).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    rows = [r for label, path in source_files(source) for r in _rows(label, path)]
    order = list(range(len(rows)))
    Random(seed).shuffle(order)
    docs_seen: list[SourceDoc] = []
    for index in order[: POOL_DOCS * 2]:
        doc = read_doc(rows[index])
        if doc is not None and len(docs_seen) < POOL_DOCS:
            docs_seen.append(doc)
    pool = _pool(docs_seen)
    types = (CLEAN, *EDIT_TYPES)
    made: dict[str, list[DistortionItem]] = {t: [] for t in types}
    for index in order:
        if all(len(v) >= n for v in made.values()):
            break
        doc = read_doc(rows[index])
        if doc is None:
            continue
        wanted = sorted((t for t in types if len(made[t]) < n), key=lambda t: (len(made[t]), types.index(t)))
        for edit in wanted:
            item = make_item(doc, edit, seed, pool)
            if item is not None:
                made[edit].append(item)
                break
    return [item for t in types for item in made[t]]


# ---------------------------------------------------------------- evaluation


def _article(item: DistortionItem, side: str) -> Article:
    from newsprism.clean import article_id, fingerprint
    from newsprism.model import Article, DateInference

    body = item.original if side == "original" else item.rewrite
    fp = fingerprint(body)
    return Article(
        id=article_id(fp),
        fingerprint=fp,
        source=f"{item.id}#{side}",
        body=body,
        title=item.title,
        outlet=OUTLETS.get(item.source, item.source) if side == "original" else REWRITE_OUTLET,
        published=DateInference(
            item.published if side == "original" else _next_day(item.published), "metadata", 1.0
        ),
    )


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def finding_type(finding: Finding) -> str:
    """The edit type a finding's kind stands for (misattribution: vague_source when the speaker is vague)."""
    if finding.kind == "misattribution":
        return "vague_source" if finding.detail.get("vague") else "speaker_swap"
    return next(t for t in EDIT_TYPES if finding.kind in EDIT_KINDS[t])


def judge(item: DistortionItem, finding: Finding) -> str:
    """``hit``, ``other_kind`` (at the edit, another kind), ``knock_on`` or ``false``.

    A knock-on is a speaker finding elsewhere in a rewrite whose speaker was edited: the
    quotes that followed ("..., he added") now read as the new speaker's, or nobody's.
    """
    p = finding.passages[0]
    at_edit = item.span is not None and p.start < item.span[1] and item.span[0] < p.end
    if at_edit:
        return "hit" if finding.kind in EDIT_KINDS[item.edit] else "other_kind"
    if item.edit in SPEAKER_EDITS and finding.kind in SPEAKER_KINDS:
        return "knock_on"
    return "false"


def score_item(item: DistortionItem, findings: list[Finding], rewrite_id: str) -> dict[str, Any]:
    """The verdict on each counted finding flagged in the rewrite, with the edit type it stands for."""
    flagged = [f for f in findings if f.passages and f.passages[0].article_id == rewrite_id]
    judged = []
    for f in flagged:
        if f.kind in COUNTED_KINDS:
            verdict = judge(item, f)
            judged.append((verdict, item.edit if verdict == "hit" else finding_type(f), f))
    return {
        "hit": any(v == "hit" for v, _, _ in judged),
        "as_other": sorted({f.kind for v, _, f in judged if v == "other_kind"}),
        "judged": judged,
        "other": Counter(f.kind for f in flagged if f.kind not in COUNTED_KINDS),
        "on_original": Counter(
            f.kind for f in findings if f.passages and f.passages[0].article_id != rewrite_id
        ),
    }


@dataclass(slots=True)
class _Tally:
    keep: int
    per_type: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {
            t: {"items": 0, "hits": 0, "found_as_other_kind": 0, "tp": 0, "fp": 0, "knock_on": 0}
            for t in EDIT_TYPES
        }
    )
    clean: dict[str, Any] = field(
        default_factory=lambda: {"items": 0, "false_findings": 0, "by_kind": Counter()}
    )
    distorted_false: int = 0
    other: Counter[str] = field(default_factory=Counter)
    on_original: Counter[str] = field(default_factory=Counter)
    missed: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    false_examples: list[dict[str, Any]] = field(default_factory=list)

    def add(self, item: DistortionItem, scored: dict[str, Any]) -> None:
        self.other += scored["other"]
        self.on_original += scored["on_original"]
        for verdict, etype, f in scored["judged"]:
            if verdict in ("hit", "false", "knock_on"):
                self.per_type[etype][
                    "tp" if verdict == "hit" else "fp" if verdict == "false" else verdict
                ] += 1
            if verdict == "false":
                self.distorted_false += item.edit != CLEAN
                if len(self.false_examples) < 4 * self.keep:
                    self.false_examples.append(_false_example(item, f))
        if item.edit == CLEAN:
            falses = [f for v, _, f in scored["judged"] if v == "false"]
            self.clean["items"] += 1
            self.clean["false_findings"] += len(falses)
            self.clean["by_kind"].update(f.kind for f in falses)
            return
        row = self.per_type[item.edit]
        row["items"] += 1
        row["hits"] += scored["hit"]
        row["found_as_other_kind"] += bool(not scored["hit"] and scored["as_other"])
        if not scored["hit"] and len(self.missed[item.edit]) < self.keep:
            self.missed[item.edit].append(
                {
                    "id": item.id,
                    "old": item.old,
                    "new": item.new,
                    "rewrite": _context(item.rewrite, item.span),
                    "found_as": scored["as_other"],
                }
            )


def _context(text: str, span: tuple[int, int] | None, width: int = 160) -> str:
    if span is None:
        return ""
    start = max(0, text.rfind(" ", 0, max(0, span[0] - width // 2)) + 1)
    return text[start : span[1] + width // 2].replace("\n", " ")


def evaluate(source: str | Path = "bbc", n: int = 40, seed: int = 7, **options: Any) -> dict[str, Any]:
    """Precision and recall per edit type and false findings per clean paraphrase (see module doc).

    Options: ``semantic`` (the pair scorer's cross-encoder feature; default False: the lexical scorer,
    about 15 times faster here), ``n_process`` (spaCy processes, default 1), ``examples`` (missed
    and false examples kept per type, default 3).
    """
    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
    from newsprism.compare import compare_story
    from newsprism.compare.scorer import PairScorer
    from newsprism.extract import extract_articles

    semantic = bool(options.get("semantic", False))
    t0 = time.perf_counter()
    items = generate(source, n, seed)
    t1 = time.perf_counter()
    pairs = [(_article(it, "original"), _article(it, "rewrite")) for it in items]
    exs = extract_articles([a for pair in pairs for a in pair], n_process=int(options.get("n_process", 1)))
    t2 = time.perf_counter()
    scorer = PairScorer.load(semantic=semantic)
    tally = _Tally(keep=int(options.get("examples", 3)))
    for k, (item, (orig, rew)) in enumerate(zip(items, pairs, strict=True)):
        report = compare_story([orig, rew], [exs[2 * k], exs[2 * k + 1]], scorer=scorer)
        tally.add(item, score_item(item, report.findings, rew.id))
    t3 = time.perf_counter()
    metrics = _metrics(tally, items)
    metrics.update(
        source=str(source),
        seed=seed,
        n_per_type=n,
        scorer="lexical + cross-encoder" if semantic else "lexical",
        seconds={
            "generate": round(t1 - t0, 2),
            "extract": round(t2 - t1, 2),
            "compare": round(t3 - t2, 2),
            "total": round(t3 - t0, 2),
        },
    )
    return metrics


def _false_example(item: DistortionItem, f: Finding) -> dict[str, Any]:
    return {
        "item": item.id,
        "edit": item.edit,
        "kind": f.kind,
        "passage": f.passages[0].text[:300],
        "explanation": f.explanation,
    }


def _metrics(tally: _Tally, items: list[DistortionItem]) -> dict[str, Any]:
    per_type = tally.per_type
    for row in per_type.values():
        row["recall"] = row["hits"] / row["items"] if row["items"] else None
        predicted = row["tp"] + row["fp"]
        row["precision"] = row["tp"] / predicted if predicted else None
    recalls = [r["recall"] for r in per_type.values() if r["recall"] is not None]
    clean = tally.clean
    clean["per_article"] = clean["false_findings"] / clean["items"] if clean["items"] else None
    clean["by_kind"] = dict(sorted(clean["by_kind"].items()))
    distorted = sum(r["items"] for r in per_type.values())
    meets = bool(recalls) and min(recalls) >= GOALS["recall"]
    meets = meets and clean["per_article"] is not None and clean["per_article"] <= GOALS["false_per_clean"]
    return {
        "items": len(items),
        "edit_types": list(EDIT_TYPES),
        "per_type": per_type,
        "clean": clean,
        "false_per_distorted_article": tally.distorted_false / distorted if distorted else None,
        "macro_recall": sum(recalls) / len(recalls) if recalls else None,
        "min_recall": min(recalls) if recalls else None,
        "goals": dict(GOALS),
        "meets_goals": meets,
        "other_findings_in_rewrites": dict(sorted(tally.other.items())),
        "findings_on_originals": dict(sorted(tally.on_original.items())),
        "missed_examples": dict(tally.missed),
        "false_examples": tally.false_examples,
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table: recall and precision per edit type, then false findings per clean paraphrase."""
    from rich.table import Table

    sec = metrics["seconds"]["total"]
    table = Table(
        title=(
            f"Distortion benchmark, {metrics['source']} (n={metrics['n_per_type']} per type, seed "
            f"{metrics['seed']}, {metrics['items']} items, {metrics['scorer']} scorer, {sec:.0f} s)"
        ),
        caption=(
            f"Goals: recall >= {100 * GOALS['recall']:.0f} on every type and <= {GOALS['false_per_clean']} "
            f"false findings per clean paraphrase: {'met' if metrics['meets_goals'] else 'not met'}. "
            "As other kind: missed items flagged at the edit under another kind. Knock-on: speaker "
            "findings on later quotes of an edited speaker (not counted as false)."
        ),
    )
    for name in ("Edit type", "Items", "Recall", "As other kind", "Precision", "TP", "FP", "Knock-on"):
        table.add_column(name, justify="left" if name == "Edit type" else "right")
    for etype in metrics["edit_types"]:
        row = metrics["per_type"][etype]
        table.add_row(
            etype,
            str(row["items"]),
            _pct(row["recall"]),
            str(row["found_as_other_kind"]),
            _pct(row["precision"]),
            str(row["tp"]),
            str(row["fp"]),
            str(row["knock_on"]),
        )
    clean = metrics["clean"]
    kinds = ", ".join(f"{k} {v}" for k, v in clean["by_kind"].items()) or "none"
    per = "—" if clean["per_article"] is None else f"{clean['per_article']:.2f}"
    table.add_row(
        "paraphrase only (clean)",
        str(clean["items"]),
        "",
        "",
        "",
        "",
        str(clean["false_findings"]),
        "",
        end_section=True,
    )
    table.add_row(f"False findings per clean paraphrase: {per} ({kinds})", style="bold")
    return table
