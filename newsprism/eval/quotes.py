"""Quote and speaker evaluation on the tidy PolNeAR JSONL (see ../shared/data/polnear/README.md).

Each line is ``{article, annotator, compartment, text, attributions: [{source, cue, content}]}``
where ``source``/``cue``/``content`` are lists of ``{label, spans: [[start, end], ...], text}``.

Matching, as scored here:

* **Gold unit**: one gold attribution with at least one content span. An article annotated by
  two people is scored against the first annotator in sorted order.
* **Direct subset**: gold attributions whose content is inside quote marks (the first content
  span starts with, or follows, a quote mark and the last ends with, or precedes, one);
  predictions of kind ``direct``.
* **Content match**: *overlap* - the predicted quote span shares at least one character with one
  of the gold content spans; *exact* - the predicted text equals the gold content (one span or
  all spans joined) after removing quote marks, edge punctuation, a leading "that", case and
  extra whitespace. A prediction is paired with one matching gold attribution: one whose source
  it gets right if any (nested attributions such as "X said, according to CNN" share their
  content), else the one it overlaps most.
* **Content P/R**: P = predictions paired with some gold attribution / predictions;
  R = gold attributions paired with at least one prediction / gold attributions. Several
  predictions may pair with one gold attribution (a quote split around "he said" is two
  predicted quotes, one gold attribution with two content spans). For the direct subset, P is
  over direct predictions matched against all gold attributions, and R over direct gold
  attributions matched by any prediction.
* **Speaker**: a paired prediction has the right speaker when its cue-local speaker mention (the
  pronoun itself for "he said") or the name it was resolved to overlaps (overlap mode) or equals,
  titles aside and case-insensitively (exact mode), the gold source span; or, in both modes, when
  the gold source is a name (of 3+ letters) whose last word is the last word of the predicted
  speaker's name (the same person named at another mention: "Viguerie notes" vs the "Richard
  Viguerie" the prediction resolved to). Gold pronoun sources are thus accepted through the
  cue-local mention; gold pronouns are not re-resolved. Gold attributions
  without a source are left out of speaker scores (and so are predictions paired with them).
  Speaker P = right-speaker predictions / predictions; R = gold attributions with a
  right-speaker prediction / gold attributions; accuracy = right / paired (as the Gender Gap
  Tracker reports it).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.eval.metrics import f1
from newsprism.extract.quote_cues import TITLES

if TYPE_CHECKING:
    from rich.table import Table

    from newsprism.extract.quotes import Attribution

#: A line longer than this is refused (PolNeAR's longest line is ~0.2 MB).
MAX_LINE_BYTES = 20_000_000
_MARKS = "\"“”„«»‘’'`"
_EDGE = _MARKS + " \t\n.,;:!?—–-()[]"

PUBLISHED: dict[str, str] = {
    "Gender Gap Tracker (own set)": "quote F1 83.7, speaker accuracy 86",
    "PolNeAR human attribution-wise agreement": "92.3%",
}


@dataclass(slots=True)
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    direct: bool


@dataclass(slots=True)
class GoldArticle:
    article: str
    annotator: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(slots=True)
class _Tally:
    pred: int = 0
    pred_hit: int = 0
    gold: int = 0
    gold_hit: int = 0
    spk_pred: int = 0  # predictions paired with a gold attribution that has a source
    spk_pred_hit: int = 0
    spk_gold: int = 0
    spk_gold_hit: int = 0
    spk_pred_total: int = 0  # predictions not paired with a source-less gold

    def scores(self) -> dict[str, Any]:
        cp = self.pred_hit / self.pred if self.pred else 0.0
        cr = self.gold_hit / self.gold if self.gold else 0.0
        sp = self.spk_pred_hit / self.spk_pred_total if self.spk_pred_total else 0.0
        sr = self.spk_gold_hit / self.spk_gold if self.spk_gold else 0.0
        return {
            "content": {"precision": cp, "recall": cr, "f1": f1(cp, cr)},
            "speaker": {"precision": sp, "recall": sr, "f1": f1(sp, sr)},
            "speaker_accuracy": self.spk_pred_hit / self.spk_pred if self.spk_pred else 0.0,
            "n_gold": self.gold,
            "n_pred": self.pred,
        }


# ---------------------------------------------------------------- reading


def _spans(items: list[dict[str, Any]] | None) -> list[tuple[int, int]]:
    out = []
    for item in items or []:
        for start, end in item.get("spans", []):
            out.append((int(start), int(end)))
    return sorted(out)


def is_direct(text: str, content: list[tuple[int, int]]) -> bool:
    """Whether a gold content sits inside quote marks."""
    if not content:
        return False
    (s0, e0), (s1, e1) = content[0], content[-1]
    first = text[s0:e0].lstrip()
    last = text[s1:e1].rstrip().rstrip(".,;:!? ")
    opens = first[:1] in _MARKS or text[max(0, s0 - 1) : s0] in tuple(_MARKS)
    closes = last[-1:] in _MARKS or text[e1 : e1 + 1] in tuple(_MARKS) or text[s1:e1].rstrip()[-1:] in _MARKS
    return opens and closes


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if len(raw) > MAX_LINE_BYTES:
                raise InputError(
                    "E040", str(path), detail=f"line {number} longer than {MAX_LINE_BYTES} bytes"
                )
            if not raw.strip():
                continue
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError("E040", str(path), detail=f"line {number} is not JSON ({exc})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "article" not in row:
                raise InputError("E040", str(path), detail=f"line {number} lacks 'article' or 'text'")
            yield row


def load_gold(path: Path, split: str | None = None, limit: int | None = None) -> list[GoldArticle]:
    """Gold articles of a tidy PolNeAR JSONL, one annotator per article, sorted by article id."""
    path = Path(path)
    if not path.is_file():
        raise InputError("E040", str(path), detail="no such file")
    chosen: dict[str, dict[str, Any]] = {}
    compartments: set[str] = set()
    for row in _rows(path):
        compartments.add(str(row.get("compartment", "")))
        if split is not None and row.get("compartment") != split:
            continue
        article, annotator = str(row["article"]), str(row.get("annotator", ""))
        if article not in chosen or annotator < str(chosen[article].get("annotator", "")):
            chosen[article] = row
    articles = []
    for article in sorted(chosen)[:limit]:
        row = chosen[article]
        text = row["text"]
        gold = GoldArticle(article, str(row.get("annotator", "")), text)
        for item in row.get("attributions") or []:
            content = _spans(item.get("content"))
            if content:
                gold.attributions.append(
                    GoldAttribution(content, _spans(item.get("source")), is_direct(text, content))
                )
        articles.append(gold)
    if not articles and split is not None and compartments - {""}:
        names = " or ".join(sorted(compartments - {""}))
        raise InputError(
            "E040", str(path), detail=f"no articles in split {split!r}", hint=f"use --split {names}"
        )
    if not articles:
        raise InputError("E040", str(path), detail="no articles")
    return articles


# ---------------------------------------------------------------- matching


def _norm(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(_EDGE).lower()
    text = re.sub(r"^that ", "", text)
    return re.sub(r"[\"“”„«»‘’`]", "", text).strip(_EDGE)


def _name_norm(text: str) -> str:
    words = [w for w in re.sub(r"['’]s\b", "", text).lower().split() if w not in TITLES]
    return " ".join(words).strip(_EDGE)


def _last_word(text: str) -> str:
    words = _name_norm(text).split()
    return words[-1] if words and words[-1][:1].isalpha() and len(words[-1]) > 2 else ""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _content_match(text: str, pred: tuple[int, int], gold: GoldAttribution, exact: bool) -> int:
    """Strength of a content match (0 = none): overlapping characters, or 1 for an exact match."""
    if not exact:
        return sum(_overlap(pred, span) for span in gold.content)
    said = _norm(text[pred[0] : pred[1]])
    whole = _norm(" ".join(text[s:e] for s, e in gold.content))
    return int(bool(said) and (said == whole or any(said == _norm(text[s:e]) for s, e in gold.content)))


def _speaker_ok(text: str, attribution: Attribution, gold: GoldAttribution, exact: bool) -> bool:
    quote = attribution.quote
    spans = [
        (s, e)
        for s, e in (
            (attribution.local_start, attribution.local_end),
            (quote.speaker_start, quote.speaker_end),
        )
        if s is not None and e is not None
    ]
    if (
        quote.speaker
        and not quote.vague
        and any(_last_word(quote.speaker) == _last_word(text[s:e]) for s, e in gold.source)
    ):
        return True  # the same person named at another mention ("Viguerie notes" vs "Richard Viguerie")
    for span in spans:
        for source in gold.source:
            if exact and _name_norm(text[span[0] : span[1]]) == _name_norm(text[source[0] : source[1]]):
                return True
            if not exact and _overlap(span, source) > 0:
                return True
    return False


def score_article(
    gold: GoldArticle, predicted: list[Attribution], subset: str, exact: bool, tally: _Tally
) -> list[tuple[Attribution, GoldAttribution | None, bool]]:
    """Add one article's counts to ``tally``; return (prediction, paired gold, speaker right) triples."""
    text = gold.text
    preds = [a for a in predicted if subset == "all" or a.quote.kind == "direct"]
    hit_gold: set[int] = set()
    spk_gold: set[int] = set()
    pairs = []
    for attribution in preds:
        span = (attribution.quote.start, attribution.quote.end)
        strengths = [(_content_match(text, span, g, exact), k) for k, g in enumerate(gold.attributions)]
        candidates = [
            (bool(g.source) and _speaker_ok(text, attribution, g, exact), m, -k)
            for m, k in strengths
            if m > 0
            for g in (gold.attributions[k],)
        ]
        best, k = (1, -max(candidates)[2]) if candidates else (0, -1)
        tally.pred += 1
        if best <= 0:
            tally.spk_pred_total += 1
            pairs.append((attribution, None, False))
            continue
        g = gold.attributions[k]
        tally.pred_hit += 1
        hit_gold.add(k)
        if not g.source:
            pairs.append((attribution, g, False))
            continue
        ok = attribution.quote.speaker is not None and _speaker_ok(text, attribution, g, exact)
        tally.spk_pred_total += 1
        tally.spk_pred += 1
        tally.spk_pred_hit += int(ok)
        if ok:
            spk_gold.add(k)
        pairs.append((attribution, g, ok))
    for k, g in enumerate(gold.attributions):
        if subset != "all" and not g.direct:
            continue
        tally.gold += 1
        tally.gold_hit += int(k in hit_gold)
        if g.source:
            tally.spk_gold += 1
            tally.spk_gold_hit += int(k in spk_gold)
    return pairs


# ---------------------------------------------------------------- the evaluation


def predict(articles: list[GoldArticle], batch_size: int = 16, n_process: int = 1) -> list[list[Attribution]]:
    """Run the spaCy pipeline and the quote extractor over the gold articles' texts."""
    from newsprism.extract.nlp import load_nlp
    from newsprism.extract.quotes import extract_attributions

    nlp = load_nlp()
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process)
    return [extract_attributions(doc) for doc in docs]


def evaluate(
    path: Path,
    split: str | None = None,
    *,
    limit: int | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> dict[str, Any]:
    """Speaker and content P/R/F1 (exact and overlap; direct quotes and all attributions) on a PolNeAR JSONL.

    ``split`` keeps one compartment (train, dev); ``limit`` keeps the first N articles by id.
    Raises InputError (E040) when the file is missing or not in the tidy format.
    """
    began = time.perf_counter()
    articles = load_gold(Path(path), split, limit)
    predictions = predict(articles, batch_size, n_process)
    scores: dict[str, dict[str, Any]] = {}
    for subset in ("direct", "all"):
        scores[subset] = {}
        for mode in ("overlap", "exact"):
            tally = _Tally()
            for gold, predicted in zip(articles, predictions, strict=True):
                score_article(gold, predicted, subset, mode == "exact", tally)
            scores[subset][mode] = tally.scores()
    return {
        "dataset": str(path),
        "split": split,
        "annotator": "first annotator in sorted order when an article has two",
        "n_articles": len(articles),
        "n_gold": sum(len(a.attributions) for a in articles),
        "n_gold_direct": sum(g.direct for a in articles for g in a.attributions),
        "n_pred": sum(len(p) for p in predictions),
        "n_pred_direct": sum(a.quote.kind == "direct" for p in predictions for a in p),
        "seconds": round(time.perf_counter() - began, 2),
        "scores": scores,
        "published": dict(PUBLISHED),
    }


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table of :func:`evaluate` output: one row per subset and matching mode."""
    from rich.table import Table

    title = (
        f"Quotes on {Path(metrics['dataset']).name}"
        f"{' / ' + metrics['split'] if metrics.get('split') else ''}: {metrics['n_articles']} articles, "
        f"{metrics['n_gold']} gold / {metrics['n_pred']} predicted, {metrics['seconds']} s"
    )
    table = Table(title=title)
    for column in ("subset", "match", "gold", "pred", "content P", "content R", "content F1"):
        table.add_column(column, justify="left" if column in ("subset", "match") else "right")
    for column in ("speaker P", "speaker R", "speaker F1", "speaker acc"):
        table.add_column(column, justify="right")
    for subset, modes in metrics["scores"].items():
        for mode, s in modes.items():
            table.add_row(
                subset,
                mode,
                str(s["n_gold"]),
                str(s["n_pred"]),
                *(f"{s['content'][k]:.3f}" for k in ("precision", "recall", "f1")),
                *(f"{s['speaker'][k]:.3f}" for k in ("precision", "recall", "f1")),
                f"{s['speaker_accuracy']:.3f}",
            )
    published = "; ".join(f"{k}: {v}" for k, v in metrics.get("published", {}).items())
    table.caption = f"Published: {published}. {metrics.get('annotator', '')}."
    return table
