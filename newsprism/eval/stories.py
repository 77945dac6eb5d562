"""ECB+ story clustering: our incremental clusterer against gold sub-topics and topics.

Reads the tidy ECB+ JSONL (one ``{doc_id, topic, subtopic, sentences[]}`` object a line; an
optional ``date`` is used when present). Splits follow Cybulska & Vossen 2015: dev topics
2, 5, 12, 18, 21, 23, 34, 35; test 36-45 (withheld in ../shared); train the other topics.
All documents of the split are clustered together (a mixed stream, not topic by topic),
fed in a deterministic order: by date when present, else by id. Each document is an Article
(the tokenised text as its body, no title) placed without an extraction: the lexical story
features (words, capitalised runs, numbers), which are also what ingest, ``regroup``, ``batch``
and ``analyze`` group on with the default settings (``use_extraction=False``). A document's story
is the one it is in at the end of the pass (stories merge during it).

Baseline: TF-IDF (scikit-learn, English stop words, sublinear tf) + average-link
agglomerative clustering on cosine distance, its distance threshold chosen on the train
topics by sub-topic B-cubed F1 at every run.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.eval.jsonl import jsonl_rows
from newsprism.model import Article, DateInference

if TYPE_CHECKING:
    from rich.table import Table

DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
TEST_TOPICS = frozenset(range(36, 46))
MAX_BYTES = 200_000_000
MAX_DOC_CHARS = 200_000
#: Ingest time given to undated documents (ECB+ has no dates): every one gets the same.
UNDATED_NOW = "2000-01-01T00:00:00+00:00"
SETTINGS = (
    "threshold",
    "single_threshold",
    "centroid_weight",
    "entity_weight",
    "number_weight",
    "idf_power",
    "cohesion",
    "merge_threshold",
    "channel_power",
    "use_extraction",
)
OPTIONS = frozenset({*SETTINGS, "limit", "baseline", "shuffle"})
BASELINE_GRID = tuple(round(0.30 + 0.025 * i, 3) for i in range(27))  # 0.30 .. 0.95


def read_docs(path: Path) -> list[dict[str, Any]]:
    """The documents of a tidy ECB+ JSONL file, validated; InputError E040 naming the problem."""
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, row in jsonl_rows(path, MAX_BYTES):
        doc = _check(row, path, number)
        if doc["doc_id"] in seen:
            raise InputError("E040", str(path), detail=f"line {number}: duplicate doc_id {doc['doc_id']}")
        seen.add(doc["doc_id"])
        docs.append(doc)
    if not docs:
        raise InputError("E040", str(path), detail="no documents")
    return docs


def _check(row: Any, path: Path, number: int) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise InputError("E040", str(path), detail=f"line {number}: not a JSON object")
    sentences = row.get("sentences")
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
        raise InputError("E040", str(path), detail=f"line {number}: sentences must be a list of strings")
    if not isinstance(row.get("doc_id"), str) or row.get("subtopic") in (None, ""):
        raise InputError("E040", str(path), detail=f"line {number}: doc_id or subtopic missing")
    try:
        topic = int(row["topic"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError("E040", str(path), detail=f"line {number}: topic must be an integer") from exc
    text = " ".join(sentences)[:MAX_DOC_CHARS]
    date = row.get("date") if isinstance(row.get("date"), str) else None
    return {
        "doc_id": row["doc_id"],
        "topic": topic,
        "subtopic": str(row["subtopic"]),
        "text": text,
        "date": date,
    }


def split_docs(docs: list[dict[str, Any]], split: str | None) -> list[dict[str, Any]]:
    """The documents of ``split`` (``train``, ``dev`` or ``test``); all of them for None."""
    if split is None:
        return docs
    if split == "dev":
        return [d for d in docs if d["topic"] in DEV_TOPICS]
    if split == "test":
        return [d for d in docs if d["topic"] in TEST_TOPICS]
    if split == "train":
        return [d for d in docs if d["topic"] not in DEV_TOPICS | TEST_TOPICS]
    raise ValueError(f"split must be 'train', 'dev', 'test' or None, not {split!r}")


def ordered(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stream order: by date where present (undated last), then by id."""
    return sorted(docs, key=lambda d: (d["date"] is None, d["date"] or "", d["doc_id"]))


def article(doc: dict[str, Any]) -> Article:
    """An Article for one ECB+ document (the tokenised text is the body; no title)."""
    return Article(
        id=doc["doc_id"],
        fingerprint="",
        source="ecbplus",
        body=doc["text"],
        published=DateInference(doc["date"], "metadata" if doc["date"] else "none"),
    )


# ---------------------------------------------------------------- scores


def bcubed(gold: Sequence[Any], pred: Sequence[Any]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a predicted partition against a gold one."""
    pair = Counter(zip(gold, pred, strict=True))
    g, p = Counter(gold), Counter(pred)
    n = len(gold)
    prec = sum(c * c / p[pk] for (_, pk), c in pair.items()) / n
    rec = sum(c * c / g[gk] for (gk, _), c in pair.items()) / n
    f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f}


def scores(gold: Sequence[Any], pred: Sequence[Any]) -> dict[str, float]:
    """B-cubed P/R/F1, V-measure and adjusted Rand index, rounded to 4 places."""
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    out = bcubed(gold, pred)
    out["v_measure"] = float(v_measure_score(gold, pred))
    out["ari"] = float(adjusted_rand_score(gold, pred))
    return {k: round(v, 4) for k, v in out.items()}


def both(docs: list[dict[str, Any]], pred: Sequence[Any]) -> dict[str, Any]:
    """Scores against gold sub-topics and topics, and the number of clusters."""
    return {
        "subtopic": scores([d["subtopic"] for d in docs], pred),
        "topic": scores([d["topic"] for d in docs], pred),
        "clusters": len(set(pred)),
    }


# ---------------------------------------------------------------- systems


def incremental(
    docs: list[dict[str, Any]], shuffle: int | None = None, **options: Any
) -> tuple[list[str], Counter[str]]:
    """Story id of each doc (in ``docs`` order) at the end of the incremental pass, and flag
    counts. Fed in stream order (:func:`ordered`), or in a random order seeded by ``shuffle``."""
    from newsprism.group.stories import StoryClusterer

    clusterer = StoryClusterer(now=UNDATED_NOW, **options)
    flags: Counter[str] = Counter()
    stream = ordered(docs)
    if shuffle is not None:
        random.Random(shuffle).shuffle(stream)
    for doc in stream:
        flags.update(clusterer.add(article(doc)).flags)
    by_id = {aid: s.id for s in clusterer.stories() for aid in s.article_ids}
    return [by_id.get(d["doc_id"], "\0" + d["doc_id"]) for d in docs], flags


def batch(docs: list[dict[str, Any]], **options: Any) -> list[str]:
    """Story id of each doc from the batch re-clustering (time order, then id)."""
    from newsprism.group.stories import cluster_batch

    stories = cluster_batch([(article(d), None) for d in docs], now=UNDATED_NOW, **options)
    by_id = {aid: s.id for s in stories for aid in s.article_ids}
    return [by_id.get(d["doc_id"], "\0" + d["doc_id"]) for d in docs]


def _distances(docs: list[dict[str, Any]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([d["text"] for d in docs])
    return cosine_distances(x)


def baseline(docs: list[dict[str, Any]], threshold: float, distances: Any = None) -> list[int]:
    """TF-IDF + average-link agglomerative clustering at cosine ``threshold``."""
    from sklearn.cluster import AgglomerativeClustering

    if len(docs) < 2:
        return [0] * len(docs)
    dist = _distances(docs) if distances is None else distances
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return [int(x) for x in model.fit_predict(dist)]


def tune_baseline(train: list[dict[str, Any]]) -> float:
    """The baseline threshold of best sub-topic B-cubed F1 on ``train`` (lowest on ties)."""
    dist = _distances(train)
    gold = [d["subtopic"] for d in train]
    best = max(BASELINE_GRID, key=lambda t: (bcubed(gold, baseline(train, t, dist))["f1"], -t))
    return best


# ---------------------------------------------------------------- entry points


def evaluate(path: Path, split: str | None = "dev", **options: Any) -> dict[str, Any]:
    """Cluster the documents of ``split`` and score them, beside the baseline and the batch mode.

    Options: the clusterer settings in ``SETTINGS``, ``limit`` (first N documents of the
    split), ``baseline`` (False to skip it), ``shuffle`` (a seed: feed the incremental pass in
    that seeded random order instead of the stream order, to measure how far it drifts from
    the batch pass, which always replays time-then-id order).
    """
    unknown = set(options) - OPTIONS
    if unknown:
        raise TypeError(f"unknown evaluate() options: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    all_docs = read_docs(Path(path))
    docs = split_docs(all_docs, split)
    if options.get("limit") is not None:
        docs = docs[: int(options["limit"])]
    if not docs:
        raise InputError("E040", str(path), detail=f"no documents in split {split!r}")
    settings = {k: options[k] for k in SETTINGS if k in options}
    pred, flags = incremental(docs, shuffle=options.get("shuffle"), **settings)
    t_inc = time.perf_counter() - started
    batch_pred = batch(docs, **settings)
    result: dict[str, Any] = {
        "path": str(path),
        "split": split,
        "n": len(docs),
        "gold_subtopics": len({d["subtopic"] for d in docs}),
        "gold_topics": len({d["topic"] for d in docs}),
        "newsprism": both(docs, pred),
        "batch": both(docs, batch_pred),
        "agreement": scores(pred, batch_pred),
        "flags": dict(flags),
        "seconds_incremental": round(t_inc, 2),
    }
    if options.get("baseline", True):
        train = split_docs(all_docs, "train")
        threshold = tune_baseline(train) if train else 0.8
        result["baseline"] = both(docs, baseline(docs, threshold))
        result["baseline_threshold"] = threshold
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def render(metrics: dict[str, Any]) -> Table:
    """A Rich table: one row per system, sub-topic and topic scores side by side."""
    from rich.table import Table

    title = (
        f"ECB+ story clustering, {metrics['split'] or 'all'} topics (n={metrics['n']} docs, "
        f"{metrics['gold_subtopics']} sub-topics, {metrics['gold_topics']} topics, {metrics['seconds']:.1f} s)"
    )
    caption = (
        f"incremental vs batch agreement: ARI {metrics['agreement']['ari']:.3f}, "
        f"B3 F1 {metrics['agreement']['f1']:.3f}; flags {metrics['flags'] or 'none'}"
    )
    table = Table(title=title, caption=caption)
    table.add_column("System")
    for level in ("sub-topic", "topic"):
        for name in ("B3 P", "B3 R", "B3 F1", "V", "ARI"):
            table.add_column(f"{level} {name}", justify="right")
    table.add_column("clusters", justify="right")
    rows = [("newsprism incremental", "newsprism"), ("newsprism batch", "batch")]
    if "baseline" in metrics:
        rows.append((f"TF-IDF + agglomerative (t={metrics['baseline_threshold']:.3f})", "baseline"))
    for name, key in rows:
        m = metrics[key]
        cells = [
            f"{100 * m[level][k]:.1f}"
            for level in ("subtopic", "topic")
            for k in ("precision", "recall", "f1", "v_measure", "ari")
        ]
        table.add_row(name, *cells, str(m["clusters"]), style="bold" if key == "newsprism" else None)
    return table
