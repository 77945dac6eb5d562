"""Evaluation task ``extraction``: main-text extraction on the Zyte article-extraction-benchmark.

The folder holds ``ground-truth.json`` (``{id: {articleBody, url}}``), ``html/<id>.html.gz``
and the published outputs ``output/<system>.json``. The metric is the benchmark's own
(as its README describes it): ``\\w+`` tokens, word 4-gram shingles with counts, per-page
TP/FP/FN normalised by their sum, precision and recall averaged over pages, F1 of the two
averages, accuracy = exact token-sequence match, and bootstrap standard deviations
(1,000 resamples, fixed seed). The whole benchmark is a test set: nothing is tuned on it.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from newsprism.errors import InputError
from newsprism.eval.metrics import (
    Counts,
    bootstrap_std,
    macro_prf,
    match_counts,
    normalise,
    shingles,
    word_tokens,
)

NGRAM = 4
MAX_JSON_BYTES = 50_000_000  # ground truth and output files (the real ones are < 2 MB)
MAX_PAGE_BYTES = 20_000_000  # decompressed HTML page (guards against gzip bombs)
_FIGURE = re.compile(r"([0-9]*\.[0-9]+)(?:\s*±\s*([0-9]*\.[0-9]+))?")

Page = tuple[Counts, float]  # normalised (tp, fp, fn) and exact-match accuracy


def page_score(true: str | None, pred: str | None, n: int = NGRAM) -> Page:
    """Normalised shingle TP/FP/FN and exact token-sequence match of one page."""
    true_tokens, pred_tokens = word_tokens(true), word_tokens(pred)
    counts = match_counts(shingles(true_tokens, n), shingles(pred_tokens, n))
    return normalise(counts), float(true_tokens == pred_tokens)


def aggregate(pages: Sequence[Page]) -> dict[str, float]:
    """Macro precision/recall, F1 of the averages, and mean accuracy over pages."""
    scores = macro_prf([counts for counts, _ in pages])
    scores["accuracy"] = statistics.fmean(acc for _, acc in pages) if pages else 0.0
    return scores


def score(
    truth: Mapping[str, str | None],
    predictions: Mapping[str, str | None],
    *,
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """The benchmark metric of ``predictions`` against ``truth`` (both id -> text).

    A page missing from ``predictions`` counts as an empty prediction. Returns f1, precision,
    recall, accuracy and their ``*_std`` bootstrap standard deviations.
    """
    pages = [page_score(truth[key], predictions.get(key)) for key in truth]
    result = aggregate(pages)
    for key, std in bootstrap_std(pages, aggregate, n=n_bootstrap, seed=seed).items():
        result[f"{key}_std"] = std
    return result


def _dataset(path: Path) -> Path:
    """The benchmark folder, or InputError E040 naming what is missing."""
    path = Path(path)
    if path.is_file() and path.name == "ground-truth.json":
        path = path.parent
    if not path.is_dir():
        raise InputError("E040", source=str(path), detail="not a directory")
    for needed in ("ground-truth.json", "html"):
        if not (path / needed).exists():
            raise InputError("E040", source=str(path), detail=f"{needed} is missing")
    return path


def _read_json(path: Path, dataset: Path) -> Any:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            raise InputError(
                "E040", source=str(dataset), detail=f"{path.name} is larger than {MAX_JSON_BYTES} bytes"
            )
        return json.loads(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError("E040", source=str(dataset), detail=f"{path.name}: {err}") from err


def load_truth(path: Path) -> dict[str, dict[str, Any]]:
    """``ground-truth.json`` of the benchmark folder: id -> {articleBody, url}."""
    dataset = _dataset(path)
    data = _read_json(dataset / "ground-truth.json", dataset)
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(
            "E040", source=str(dataset), detail="ground-truth.json is not {id: {articleBody, url}}"
        )
    return data


def load_output(path: Path, system: str) -> dict[str, str | None]:
    """A published ``output/<system>.json`` (plain or wrapped as {version, output}): id -> text."""
    dataset = _dataset(path)
    file = dataset / "output" / f"{system}.json"
    if not file.is_file():
        raise InputError("E040", source=str(dataset), detail=f"output/{system}.json is missing")
    data = _read_json(file, dataset)
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        data = data["output"]
    if not isinstance(data, dict):
        raise InputError("E040", source=str(dataset), detail=f"output/{system}.json is not a JSON object")
    return {key: (item or {}).get("articleBody") for key, item in data.items()}


def score_output(path: Path, system: str, *, n_bootstrap: int = 1000, seed: int = 0) -> dict[str, float]:
    """The metric on a published system output, to check this scorer against the README."""
    truth = {key: item.get("articleBody") for key, item in load_truth(path).items()}
    return score(truth, load_output(path, system), n_bootstrap=n_bootstrap, seed=seed)


def fingerprint(path: Path) -> str:
    """sha256 over the ground-truth file's bytes and the sorted names of the HTML pages."""
    dataset = _dataset(path)
    digest = hashlib.sha256((dataset / "ground-truth.json").read_bytes())
    for name in sorted(p.name for p in (dataset / "html").iterdir()):
        digest.update(name.encode("utf-8") + b"\n")
    return digest.hexdigest()


def published(path: Path) -> list[dict[str, Any]]:
    """The published figures table of the folder's README: system, f1, f1_std, precision, recall."""
    readme = Path(path) / "README.md"
    if not readme.is_file():
        return []
    rows = []
    for line in readme.read_text(encoding="utf-8", errors="replace")[:1_000_000].splitlines():
        cells = [cell.strip().strip("*").strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not line.lstrip().startswith("|"):
            continue
        f1_match, p_match, r_match = (_FIGURE.fullmatch(cell) for cell in cells[1:])
        if not (cells[0] and f1_match and p_match and r_match):
            continue
        std = f1_match.group(2)
        rows.append(
            {
                "system": cells[0],
                "f1": float(f1_match.group(1)),
                "f1_std": float(std) if std else None,
                "precision": float(p_match.group(1)),
                "recall": float(r_match.group(1)),
            }
        )
    return rows


def _read_page(file: Path) -> str:
    """A gzip HTML page, decompressed up to MAX_PAGE_BYTES, decoded as UTF-8."""
    try:
        with gzip.open(file, "rb") as handle:
            data = handle.read(MAX_PAGE_BYTES)
    except (OSError, EOFError) as err:
        raise InputError("E015", source=str(file), detail=str(err)) from err
    return data.decode("utf-8", errors="replace")


def evaluate(
    path: Path,
    *,
    limit: int | None = None,
    fast: bool = False,
    n_bootstrap: int = 1000,
    seed: int = 0,
    progress: bool = True,
) -> dict[str, Any]:
    """Run :func:`~newsprism.clean.html.extract_html` on every page and score it.

    ``limit`` scores the first N pages only (ground-truth order); ``fast`` is passed to the
    extractor. ``seconds`` and ``pages_per_second`` time the extraction calls only (not the
    reading and decompression of the pages, nor one untimed warm-up call). A page the extractor refuses (E006) counts as an
    empty prediction and is listed under ``failed``.
    """
    import trafilatura

    from newsprism.clean.html import extract_html

    dataset = _dataset(path)
    truth = load_truth(dataset)
    keys = list(truth)[: limit if limit is not None else None]
    predictions: dict[str, str] = {}
    failed: list[str] = []
    seconds = 0.0
    if keys:  # warm-up outside the clock: lazy imports and trafilatura's one-off set-up
        with contextlib.suppress(InputError):
            extract_html(_read_page(dataset / "html" / f"{keys[0]}.html.gz"), None, fast=fast)
    with _progress(progress) as bar:
        task = bar.add_task("extraction", total=len(keys))
        for key in keys:
            html = _read_page(dataset / "html" / f"{key}.html.gz")
            started = time.perf_counter()
            try:
                predictions[key] = extract_html(html, truth[key].get("url"), fast=fast)[0]
            except InputError:
                predictions[key] = ""
                failed.append(key)
            seconds += time.perf_counter() - started
            bar.advance(task)
    result: dict[str, Any] = {
        "task": "extraction",
        "system": f"newsprism (trafilatura {trafilatura.__version__}{', fast' if fast else ''})",
        **score(
            {k: truth[k].get("articleBody") for k in keys}, predictions, n_bootstrap=n_bootstrap, seed=seed
        ),
        "n_pages": len(keys),
        "failed": failed,
        "seconds": round(seconds, 3),
        "pages_per_second": round(len(keys) / seconds, 2) if seconds > 0 else None,
        "fingerprint": fingerprint(dataset),
        "dataset": str(dataset),
        "options": {"limit": limit, "fast": fast, "n_bootstrap": n_bootstrap, "seed": seed},
        "published": published(dataset),
    }
    return result


def _progress(enabled: bool) -> Any:
    """A transient Rich progress bar on stderr, shown only on a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal and sys.stderr.isatty()),
    )


def render(metrics: Mapping[str, Any]) -> Table:
    """Our figures as a highlighted row among the published ones, sorted by F1."""
    rows = [dict(row, ours=False) for row in metrics.get("published", [])]
    rows.append(
        {
            "system": metrics.get("system", "newsprism"),
            "f1": metrics["f1"],
            "f1_std": metrics.get("f1_std"),
            "precision": metrics["precision"],
            "recall": metrics["recall"],
            "ours": True,
        }
    )
    rows.sort(key=lambda row: (-row["f1"], not row["ours"], row["system"]))
    title = f"Article extraction benchmark: {metrics.get('n_pages', '?')} pages"
    if metrics.get("pages_per_second"):
        title += f", {metrics['pages_per_second']:.1f} pages/s"
    table = Table(title=title)
    table.add_column("System")
    for name in ("F1", "Precision", "Recall"):
        table.add_column(name, justify="right")
    for row in rows:
        std = f" ± {row['f1_std']:.3f}" if row.get("f1_std") is not None else ""
        table.add_row(
            row["system"],
            f"{row['f1']:.3f}{std}",
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            style="bold green" if row["ours"] else None,
        )
    return table
