"""Evaluation task ``timex``: TempEval-3 Task A (TIMEX3 extraction + normalisation).

Reads the tidy TempEval-3 JSONL (one document a line: ``{doc_id, dct, text,
timexes: [{text, start, end, type, value, ...}]}``), runs :func:`extract_timexes` on each
text with its DCT and scores it as the TE3 toolkit does: strict match (same span) and
relaxed match (overlapping spans, one-to-one) precision / recall / F1, and attribute F1
for type and value = relaxed-match F1 x the attribute's accuracy over relaxed matches.

Split (fixed, never tuned): a document is ``heldout`` when ``sha1(doc_id) mod 5 == 0``
(a deterministic 20 %), else ``train``. Rules were developed on ``train`` only.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.table import Table

from newsprism.errors import InputError
from newsprism.eval import meantime
from newsprism.extract.dates import extract_timexes

#: Published TempEval-3 Task A value F1 on the TE3 platinum test set (UzZaman et al. 2013).
PUBLISHED = {"HeidelTime": 0.7761, "SUTime": 0.6738}
SPLITS = ("train", "heldout")
MAX_BYTES = 200_000_000
MAX_DOC_CHARS = 2_000_000
Span = dict[str, Any]


def split_of(doc_id: str) -> str:
    """``heldout`` for the deterministic 20 % of documents with sha1(doc_id) % 5 == 0, else ``train``."""
    return "heldout" if int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0 else "train"


def load(path: Path) -> list[dict[str, Any]]:
    """Documents of a tidy TempEval-3 JSONL file, of every ``*.timex3.jsonl`` of a folder except
    the platinum test set (i.e. TimeBank + AQUAINT), or of a MEANTIME release folder
    (:mod:`newsprism.eval.meantime`); InputError E040 when unreadable."""
    path = Path(path)
    if meantime.is_meantime(path):
        return meantime.load_docs(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.timex3.jsonl") if not p.name.startswith("te3-platinum"))
        if not files:
            raise InputError("E040", str(path), detail="no *.timex3.jsonl file in the folder")
        return [d for f in files for d in load(f)]
    if not path.is_file():
        raise InputError("E040", str(path), detail="no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError("E040", str(path), detail=f"larger than {MAX_BYTES} bytes")
    docs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("E040", str(path), detail=str(exc)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                raise ValueError("expected an object with a text")
            text = doc["text"][:MAX_DOC_CHARS]
            gold = [
                {"text": str(t["text"]), "start": int(t["start"]), "end": int(t["end"]),
                 "type": str(t["type"]), "value": str(t.get("value") or "")}
                for t in doc.get("timexes") or []
            ]  # fmt: skip
            docs.append({"doc_id": str(doc.get("doc_id", f"line{n}")), "dct": doc.get("dct"),
                         "text": text, "timexes": gold})  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError("E040", str(path), detail=f"line {n}: {exc}") from exc
    if not docs:
        raise InputError("E040", str(path), detail="no documents")
    return docs


def _match(gold: list[Span], pred: list[Span], strict: bool) -> list[tuple[Span, Span]]:
    """One-to-one matches: exact spans (strict) or overlapping spans, largest overlap first."""
    pairs = []
    for g in gold:
        for p in pred:
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if (strict and g["start"] == p["start"] and g["end"] == p["end"]) or (not strict and ov > 0):
                pairs.append((ov, g["start"], p["start"], id(g), id(p), g, p))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, _, ig, ip, g, p in pairs:
        if ig not in used_g and ip not in used_p:
            used_g.add(ig)
            used_p.add(ip)
            out.append((g, p))
    return out


def _prf(hits: float, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _same(a: str, b: str) -> bool:
    """Value agreement as the TE3 toolkit tests it: the two value strings are identical."""
    return a == b


_DURATION = re.compile(r"PT?[\dX]")


def error_kind(gold: str, pred: str) -> str:
    """The kind of a wrong value on a relaxed match, for error analysis: "point vs duration"
    (P... against a calendar value), "duration amount", "reference" (PAST_REF / PRESENT_REF /
    FUTURE_REF), "time of day" (a T... part), "undetermined" (an X-filled gold value such as
    1989-WXX), "granularity" (one value is a prefix of the other, e.g. 1998 vs 1998-10, or
    the same period at another granularity), else "anchor" (right shape, wrong calendar
    position: a year, week or day off, mostly the tense or reference time)."""
    g, p = gold.upper(), pred.upper()
    g_dur, p_dur = bool(_DURATION.match(g)), bool(_DURATION.match(p))
    if g_dur != p_dur:
        return "point vs duration"
    if g_dur:
        return "duration amount"
    if g.endswith("_REF") or p.endswith("_REF"):
        return "reference"
    if "T" in g[4:] or "T" in p[4:]:
        return "time of day"
    if "X" in g:
        return "undetermined"
    if g.startswith(p) or p.startswith(g) or re.sub(r"\d", "9", g) != re.sub(r"\d", "9", p):
        return "granularity"
    return "anchor"


def _select(
    docs: list[dict[str, Any]], names: str | None, split: str | None, path: Path
) -> list[dict[str, Any]]:
    if split is not None:
        split = "train" if split == "dev-train" else split
        if split not in SPLITS:
            raise InputError(
                "E040",
                str(path),
                detail=f"unknown split {split!r}",
                hint=f"use --split {' or '.join(SPLITS)}",
            )
        docs = [d for d in docs if split_of(d["doc_id"]) == split]
    if names:
        pats = [p.strip() for p in names.split(",") if p.strip()]
        docs = [d for d in docs if any(fnmatch.fnmatchcase(d["doc_id"], p) for p in pats)]
    if not docs:
        raise InputError("E040", str(path), detail="no documents in the selected subset")
    return docs


def evaluate(
    path: Path, docs: str | None = None, split: str | None = None, use_spacy: bool = True
) -> dict[str, Any]:
    """TempEval-3 Task A scores of :func:`extract_timexes` on the documents :func:`load` reads.

    ``split`` keeps ``train`` (alias ``dev-train``) or ``heldout`` documents (default all);
    ``docs`` keeps doc ids matching comma-separated glob patterns; ``use_spacy`` (default, as
    ``newsprism extract`` does) passes the spaCy parse for tense. Returns strict/relaxed P/R/F1, type and value F1, per-type
    scores, counts, error kinds (:func:`error_kind`), frequent failures and the published figures.
    """
    path = Path(path)
    chosen = _select(load(path), docs, split, path)
    nlp = None
    if use_spacy:
        from newsprism.extract.nlp import load_nlp

        nlp = load_nlp()
    t0 = time.perf_counter()
    n_gold = n_pred = strict_hits = relaxed_hits = type_ok = value_ok = 0
    per_type: dict[str, Counter[str]] = {}
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for d in chosen:
        doc = nlp(d["text"]) if nlp is not None else None
        pred = [
            {"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in extract_timexes(d["text"], d["dct"], doc)
        ]
        gold = d["timexes"]
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        strict = _match(gold, pred, strict=True)
        strict_hits += len(strict)
        relaxed = _match(gold, pred, strict=False)
        relaxed_hits += len(relaxed)
        for g, p in relaxed:
            type_ok += g["type"] == p["type"]
            value_ok += _same(g["value"], p["value"])
            if not _same(g["value"], p["value"]):
                wrong[f"{g['text']!r}: {g['value']} vs {p['value']}"] += 1
                kinds[f"value: {error_kind(g['value'], p['value'])}"] += 1
        hit_g = {id(g) for g, _ in relaxed}
        hit_p = {id(p) for _, p in relaxed}
        kinds.update(
            {
                "missed timex": len(gold) - len(hit_g),
                "spurious timex": len(pred) - len(hit_p),
                "extent only (relaxed, not strict)": len(relaxed) - len(strict),
            }
        )
        missed.update(f"{g['text']!r} {g['type']} {g['value']}" for g in gold if id(g) not in hit_g)
        spurious.update(f"{p['text']!r} {p['type']} {p['value']}" for p in pred if id(p) not in hit_p)
        for typ in {g["type"] for g in gold} | {p["type"] for p in pred}:
            gt = [g for g in gold if g["type"] == typ]
            pt = [p for p in pred if p["type"] == typ]
            rel = _match(gt, pt, strict=False)
            c = per_type.setdefault(typ, Counter())
            c.update(
                gold=len(gt),
                pred=len(pt),
                hits=len(rel),
                value=sum(_same(g["value"], p["value"]) for g, p in rel),
            )
    relaxed_prf = _prf(relaxed_hits, n_pred, n_gold)
    return {
        "dataset": str(path),
        "split": split or "all",
        "docs": docs,
        "n_docs": len(chosen),
        "n_gold": n_gold,
        "n_pred": n_pred,
        "strict": _prf(strict_hits, n_pred, n_gold),
        "relaxed": relaxed_prf,
        "type": _prf(type_ok, n_pred, n_gold),
        "value": _prf(value_ok, n_pred, n_gold),
        "type_accuracy": type_ok / relaxed_hits if relaxed_hits else 0.0,
        "value_accuracy": value_ok / relaxed_hits if relaxed_hits else 0.0,
        "per_type": {
            t: {
                **_prf(c["hits"], c["pred"], c["gold"]),
                "value_f1": _prf(c["value"], c["pred"], c["gold"])["f1"],
                "n_gold": c["gold"],
                "n_pred": c["pred"],
            }
            for t, c in sorted(per_type.items())
        },
        "error_kinds": dict(kinds.most_common()),
        "failures": {
            "missed": missed.most_common(40),
            "spurious": spurious.most_common(40),
            "wrong_value": wrong.most_common(40),
        },
        "published_value_f1": dict(PUBLISHED),
        "seconds": round(time.perf_counter() - t0, 2),
    }


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table of the scores of :func:`evaluate`, the count of each error kind and the published figures."""
    table = Table(
        title=f"TempEval-3 Task A: {metrics['n_docs']} docs ({metrics['split']}), "
        f"{metrics['n_gold']} gold, {metrics['n_pred']} predicted"
    )
    for col in ("measure", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for key, label in (
        ("strict", "strict match"),
        ("relaxed", "relaxed match"),
        ("type", "type"),
        ("value", "value"),
    ):
        m = metrics[key]
        table.add_row(label, f"{m['precision']:.4f}", f"{m['recall']:.4f}", f"{m['f1']:.4f}")
    for typ, m in metrics["per_type"].items():
        table.add_row(
            f"  {typ} (relaxed / value F1 {m['value_f1']:.4f})",
            f"{m['precision']:.4f}",
            f"{m['recall']:.4f}",
            f"{m['f1']:.4f}",
        )
    for kind, n in metrics.get("error_kinds", {}).items():
        table.add_row(f"  error: {kind}", "", "", str(n))
    for system, f in metrics["published_value_f1"].items():
        table.add_row(f"{system} value F1 (published, TE3 platinum)", "", "", f"{f:.4f}")
    return table
