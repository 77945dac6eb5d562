"""The extraction evaluation: the benchmark metric, its reproduction of the published figure,
evaluate() end to end, rendering, and bad dataset paths."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import DATA, need
from rich.console import Console
from rich.table import Table

from newsprism.errors import InputError
from newsprism.eval.extraction import (
    aggregate,
    evaluate,
    fingerprint,
    page_score,
    published,
    render,
    score,
    score_output,
)
from newsprism.eval.metrics import bootstrap_std, macro_prf, micro_prf, shingles, word_tokens

BENCH = DATA / "article-extraction-benchmark"
KEYS = {"f1", "precision", "recall", "accuracy", "f1_std", "n_pages", "seconds", "pages_per_second"}
KEYS |= {"fingerprint", "published"}


# ---------------------------------------------------------------- the metric by hand


def test_eval_extraction_exact_match_scores_one() -> None:
    text = "The pier will close for repairs, engineers said on Tuesday."
    assert page_score(text, text) == ((1.0, 0.0, 0.0), 1.0)
    # only \w+ tokens count: spacing and punctuation differences are still an exact match
    assert page_score(text, "The pier will close  for repairs\n\nengineers said on Tuesday") == (
        (1.0, 0.0, 0.0),
        1.0,
    )
    result = score({"a": text}, {"a": text}, n_bootstrap=0)
    assert result == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}


def test_eval_extraction_disjoint_scores_zero() -> None:
    result = score({"a": "one two three four five"}, {"a": "six seven eight nine ten"}, n_bootstrap=0)
    assert result["f1"] == result["precision"] == result["recall"] == result["accuracy"] == 0.0


def test_eval_extraction_partial_hand_computed() -> None:
    # truth shingles: (a b c d), (b c d e), (c d e f); prediction: (a b c d), (b c d e)
    # tp=2 fp=0 fn=1 -> normalised (2/3, 0, 1/3): precision 1, recall 2/3
    counts, accuracy = page_score("a b c d e f", "a b c d e")
    assert counts == pytest.approx((2 / 3, 0.0, 1 / 3))
    assert accuracy == 0.0
    # second page: tp=1 fp=1 fn=1 -> precision 1/2, recall 1/2
    assert page_score("a b c d e", "a b c d x")[0] == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    result = score(
        {"p1": "a b c d e f", "p2": "a b c d e"}, {"p1": "a b c d e", "p2": "a b c d x"}, n_bootstrap=0
    )
    assert result["precision"] == pytest.approx((1 + 0.5) / 2)
    assert result["recall"] == pytest.approx((2 / 3 + 0.5) / 2)
    p, r = 0.75, 7 / 12
    assert result["f1"] == pytest.approx(2 * p * r / (p + r))


def test_eval_extraction_empty_prediction_counts_for_recall_only() -> None:
    # an empty prediction has no precision (nothing predicted) and recall 0
    result = score({"a": "w x y z", "b": "w x y z"}, {"a": "w x y z"}, n_bootstrap=0)
    assert result["precision"] == 1.0
    assert result["recall"] == 0.5
    assert result["accuracy"] == 0.5


def test_eval_extraction_short_texts_are_one_shingle() -> None:
    assert shingles(word_tokens("hello, world!"), 4) == {("hello", "world"): 1}
    assert shingles([], 4) == {}
    assert shingles(word_tokens("a b a b a b"), 4) == {("a", "b", "a", "b"): 2, ("b", "a", "b", "a"): 1}


def test_eval_metrics_micro_and_macro_differ() -> None:
    items = [(1.0, 0.0, 0.0), (1.0, 3.0, 0.0)]
    assert macro_prf(items)["precision"] == pytest.approx((1 + 0.25) / 2)
    assert micro_prf(items)["precision"] == pytest.approx(2 / 5)


def test_eval_metrics_bootstrap_seeded_and_zero_for_constant_items() -> None:
    pages = [
        page_score("a b c d e f", "a b c d e"),
        page_score("a b c d e", "a b c d e"),
        ((0.0, 1.0, 0.0), 0.0),
    ]
    first = bootstrap_std(pages, aggregate, n=200, seed=7)
    assert first == bootstrap_std(pages, aggregate, n=200, seed=7)
    assert first["f1"] > 0
    assert bootstrap_std([((1.0, 0.0, 0.0), 1.0)] * 5, aggregate, n=50)["f1"] == 0.0


# ---------------------------------------------------------------- the real benchmark


def test_eval_extraction_reproduces_published_trafilatura_figure() -> None:
    need(BENCH / "output" / "trafilatura.json")
    result = score_output(BENCH, "trafilatura")
    # README: trafilatura 2.0.0  F1 0.958 ± 0.006, precision 0.938, recall 0.978, accuracy 0.293
    assert result["f1"] == pytest.approx(0.958, abs=0.001)
    assert result["precision"] == pytest.approx(0.938, abs=0.001)
    assert result["recall"] == pytest.approx(0.978, abs=0.001)
    assert result["accuracy"] == pytest.approx(0.293, abs=0.001)
    assert result["f1_std"] == pytest.approx(0.006, abs=0.002)


def test_eval_extraction_published_table_parsed() -> None:
    rows = published(need(BENCH))
    systems = {row["system"]: row for row in rows}
    assert systems["trafilatura 2.0.0"] == {
        "system": "trafilatura 2.0.0",
        "f1": 0.958,
        "f1_std": 0.006,
        "precision": 0.938,
        "recall": 0.978,
    }
    assert len(rows) >= 10


def test_eval_extraction_evaluate_subset_returns_documented_keys() -> None:
    result = evaluate(need(BENCH), limit=10, n_bootstrap=100, progress=False)
    assert set(result) >= KEYS
    assert result["n_pages"] == 10
    assert 0.5 < result["f1"] <= 1.0
    assert result["pages_per_second"] > 0
    assert result["fingerprint"] == fingerprint(BENCH)
    assert len(result["fingerprint"]) == 64
    assert any(row["system"].startswith("trafilatura") for row in result["published"])
    json.dumps(result)  # JSON-ready for `--json`
    table = render(result)
    assert isinstance(table, Table)
    assert table.row_count == len(result["published"]) + 1


# ---------------------------------------------------------------- a synthetic dataset (no ../shared)


PARAGRAPH = (
    "The harbour authority confirmed on Tuesday that the old grain pier will close for repairs after "
    "inspectors found cracks in three of its supporting columns, and engineers expect the work to last months."
)


def _dataset(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    truth = {}
    for key, extra in (("one", ""), ("two", " Local crews will move to the eastern quay meanwhile.")):
        page = (
            "<html><head><title>Pier</title></head><body><nav><ul><li><a href='/'>Home page link</a></li>"
            f"<li><a href='/s'>Sport section link</a></li></ul></nav><article><p>{PARAGRAPH}</p>"
            f"<p>{PARAGRAPH[::-1]}{extra}</p></article><footer><p>Copyright notice of the site</p></footer>"
            "</body></html>"
        )
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
        truth[key] = {"articleBody": f"{PARAGRAPH}\n{PARAGRAPH[::-1]}{extra}", "url": f"https://ex.org/{key}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (root / "README.md").write_text(
        "| System | F1 | Precision | Recall |\n|---|---|---|---|\n| **tool 1.0** | **0.900 ± 0.010** | 0.9 | 0.9 |\n",
        encoding="utf-8",
    )
    return root


def test_eval_extraction_evaluate_synthetic_dataset(tmp_path: Path) -> None:
    dataset = _dataset(tmp_path / "bench")
    result = evaluate(dataset, n_bootstrap=50, progress=False)
    assert result["n_pages"] == 2
    assert result["f1"] == pytest.approx(1.0)
    assert result["failed"] == []
    assert result["published"] == [
        {"system": "tool 1.0", "f1": 0.9, "f1_std": 0.01, "precision": 0.9, "recall": 0.9}
    ]
    console = Console(record=True, width=120)
    console.print(render(result))
    text = console.export_text()
    assert text.index("newsprism") < text.index("tool 1.0")  # sorted by F1, ours first here


def test_eval_extraction_fingerprint_changes_with_files(tmp_path: Path) -> None:
    dataset = _dataset(tmp_path / "bench")
    before = fingerprint(dataset)
    (dataset / "html" / "three.html.gz").write_bytes(gzip.compress(b"<html></html>"))
    assert fingerprint(dataset) != before


@pytest.mark.parametrize("layout", ["missing", "empty", "not-json"])
def test_eval_extraction_bad_path_raises_e040(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "bench"
    if layout != "missing":
        (path / "html").mkdir(parents=True)
    if layout == "not-json":
        (path / "ground-truth.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as info:
        evaluate(path, progress=False)
    assert info.value.code == "E040"
    assert str(path) in info.value.message
