"""TempEval-3 Task A scorer on a hand-made file, the fixed split, and the held-out quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from newsprism.errors import InputError
from newsprism.eval.timex import error_kind, evaluate, render, split_of
from tests.conftest import DATA, need

TEXT = "He arrived on Tuesday and will stay for three days. Nothing happened in the hall."


def _write(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _doc(doc_id: str) -> dict:
    gold = [
        # exact span, wrong gold value on purpose: strict + relaxed match, value miss
        {"text": "Tuesday", "start": 14, "end": 21, "type": "DATE", "value": "2023-10-10"},
        # wider span: relaxed match only, value hit, type hit
        {"text": "for three days", "start": 36, "end": 50, "type": "DURATION", "value": "P3D"},
        # nothing predicted here: a miss
        {"text": "the hall", "start": 72, "end": 80, "type": "DATE", "value": "2023"},
    ]
    return {"doc_id": doc_id, "dct": "2023-10-17", "text": TEXT, "timexes": gold}


def test_eval_timex_hand_computed_scores(tmp_path: Path) -> None:
    m = evaluate(_write(tmp_path / "tiny.jsonl", [_doc("doc0")]))
    assert (m["n_docs"], m["n_gold"], m["n_pred"]) == (1, 3, 2)
    # strict: 1 hit of 2 predicted, 3 gold -> P 1/2, R 1/3, F1 0.4
    assert m["strict"]["precision"] == pytest.approx(0.5)
    assert m["strict"]["recall"] == pytest.approx(1 / 3)
    assert m["strict"]["f1"] == pytest.approx(0.4)
    # relaxed: 2 hits -> P 1, R 2/3, F1 0.8
    assert m["relaxed"]["f1"] == pytest.approx(0.8)
    # value: 1 of 2 relaxed matches right -> F1 = 0.8 x 0.5 = 0.4 (TE3 attribute F1)
    assert m["value_accuracy"] == pytest.approx(0.5)
    assert m["value"]["f1"] == pytest.approx(0.4)
    assert m["type"]["f1"] == pytest.approx(0.8)
    assert m["per_type"]["DURATION"]["f1"] == pytest.approx(1.0)
    assert m["published_value_f1"]["HeidelTime"] == pytest.approx(0.7761)


def test_eval_timex_error_kinds_are_counted(tmp_path: Path) -> None:
    m = evaluate(_write(tmp_path / "tiny.jsonl", [_doc("doc0")]))
    # Tuesday: right shape, wrong day; "the hall": missed; "three days": relaxed only
    assert m["error_kinds"] == {
        "value: anchor": 1,
        "missed timex": 1,
        "spurious timex": 0,
        "extent only (relaxed, not strict)": 1,
    }


@pytest.mark.parametrize(
    ("gold", "pred", "kind"),
    [
        ("P1W", "1998-W33", "point vs duration"),
        ("P2Q", "P6M", "duration amount"),
        ("PAST_REF", "P3Y", "point vs duration"),
        ("PAST_REF", "1997", "reference"),
        ("1998-08-07", "1998-08-07TNI", "time of day"),
        ("1989-WXX", "1989-W43", "undetermined"),
        ("1998-10", "1998", "granularity"),
        ("1988", "1988-Q3", "granularity"),
        ("1998-08-07", "1998-08-14", "anchor"),
    ],
)
def test_eval_timex_error_kind(gold: str, pred: str, kind: str) -> None:
    assert error_kind(gold, pred) == kind


def test_eval_timex_values_compare_as_exact_strings(tmp_path: Path) -> None:
    # the TE3 toolkit compares value attributes verbatim: "p3d" is not "P3D"
    doc = _doc("doc0")
    doc["timexes"][1]["value"] = "p3d"
    assert evaluate(_write(tmp_path / "case.jsonl", [doc]))["value_accuracy"] == pytest.approx(0.0)


def test_eval_timex_split_and_docs_filters(tmp_path: Path) -> None:
    assert (split_of("doc0"), split_of("doc3")) == ("train", "heldout")
    path = _write(tmp_path / "two.jsonl", [_doc("doc0"), _doc("doc3")])
    assert evaluate(path)["n_docs"] == 2
    assert evaluate(path, split="heldout")["n_docs"] == 1
    assert evaluate(path, split="train")["n_docs"] == 1
    assert evaluate(path, docs="doc3")["n_docs"] == 1
    with pytest.raises(InputError):
        evaluate(path, split="nope")


def test_eval_timex_render_table(tmp_path: Path) -> None:
    table = render(evaluate(_write(tmp_path / "tiny.jsonl", [_doc("doc0")])))
    console = Console(record=True, width=140)
    console.print(table)
    out = console.export_text()
    assert "strict match" in out
    assert "0.4000" in out
    assert "HeidelTime" in out
    # the error kinds are counted in the table: one gold timex ("the hall") was missed
    assert "error: missed timex" in out and "error: spurious timex" in out


@pytest.mark.parametrize(
    "content", ["", "not json\n", '{"doc_id": "x"}\n', '{"text": "a", "timexes": [{}]}\n']
)
def test_eval_timex_bad_format_is_e040(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        evaluate(path)
    assert err.value.code == "E040"


def test_eval_timex_missing_path_is_e040(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        evaluate(tmp_path / "absent.jsonl")
    assert err.value.code == "E040"


@pytest.mark.shared
def test_eval_timex_heldout_split_is_fixed() -> None:
    # the held-out split is named and fixed; its quality floor is pinned in tests/eval_baseline.json
    folder = need(DATA / "tempeval3" / "timebank.timex3.jsonl").parent
    m = evaluate(folder, split="heldout")
    assert m["n_docs"] == 50
