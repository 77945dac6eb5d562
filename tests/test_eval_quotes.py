"""The PolNeAR-format quote evaluation: hand-computed scores on a tiny file, errors, the dev floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.eval.quotes import evaluate, render

TEXT = (
    "The old bridge reopened on Monday.\n\n"
    '"The bridge is safe," said engineer Maria Costa.\n\n'
    "Costa believes that repairs will take a year.\n\n"
    "Residents hope for a quick fix."
)


def _span(fragment: str, label: str, after: str = "") -> dict[str, object]:
    start = TEXT.index(fragment, TEXT.index(after) if after else 0)
    return {"label": label, "spans": [[start, start + len(fragment)]], "text": fragment}


def _row(article: str, annotator: str, compartment: str, attributions: list[dict[str, object]]) -> str:
    return json.dumps(
        {
            "article": article,
            "annotator": annotator,
            "compartment": compartment,
            "text": TEXT,
            "attributions": attributions,
        }
    )


GOLD = [
    {
        "source": [_span("Maria Costa", "Source")],
        "cue": [_span("said", "Cue")],
        "content": [_span('"The bridge is safe,"', "Content")],
    },
    {
        "source": [_span("Costa", "Source", after="Costa believes")],
        "cue": [_span("believes", "Cue")],
        "content": [_span("that repairs will take a year", "Content")],
    },
    {
        "source": [_span("Residents", "Source")],
        "cue": [_span("hope", "Cue")],
        "content": [_span("for a quick fix", "Content")],
    },
]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    lines = [
        _row("bridge", "b2", "train", []),  # second annotator: ignored
        _row("bridge", "a1", "train", GOLD),
        _row("other", "a1", "dev", GOLD[:1]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_quotes_hand_computed_scores(tiny: Path) -> None:
    metrics = evaluate(tiny, split="train")
    assert metrics["n_articles"] == 1
    assert metrics["n_gold"] == 3 and metrics["n_gold_direct"] == 1
    assert metrics["n_pred"] == 2 and metrics["n_pred_direct"] == 1
    for mode in ("overlap", "exact"):
        direct = metrics["scores"]["direct"][mode]
        assert direct["content"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
        assert direct["speaker"]["f1"] == 1.0
        every = metrics["scores"]["all"][mode]
        assert every["content"]["precision"] == 1.0
        assert every["content"]["recall"] == pytest.approx(2 / 3)
        assert every["content"]["f1"] == pytest.approx(0.8)
        assert every["speaker"]["recall"] == pytest.approx(2 / 3)
        assert every["speaker_accuracy"] == 1.0
    assert "Gender Gap Tracker (own set)" in metrics["published"]
    assert metrics["seconds"] >= 0
    table = render(metrics)
    assert table.row_count == 4


def test_eval_quotes_split_none_takes_every_compartment(tiny: Path) -> None:
    assert evaluate(tiny)["n_articles"] == 2
    assert evaluate(tiny, limit=1)["n_articles"] == 1


def test_eval_quotes_bad_inputs_raise_e040(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        evaluate(tmp_path / "absent.jsonl")
    assert missing.value.code == "E040"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"article": "x", "text": "y"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        evaluate(broken)
    empty = tmp_path / "empty.jsonl"
    empty.write_text(_row("x", "a", "train", []) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no articles"):
        evaluate(empty, split="dev")
