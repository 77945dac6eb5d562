"""The ECB+ false-conflict rate: reading tokenised documents, pairing them, the metrics' shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, need

from newsprism.errors import InputError
from newsprism.eval import falseconflicts as fc

# Made-up tokenised documents in the tidy ECB+ layout (two reports of one invented event each).
DOCS = [
    {
        "doc_id": "3_1ecb",
        "topic": 3,
        "subtopic": "3_ecb",
        "sentences": [
            "A fire destroyed a grain store in Vessen on Tuesday , officials said .",
            "`` The building was empty when the fire started , '' said fire chief Anna Vik .",
            "About 40 firefighters fought the blaze for six hours .",
        ],
    },
    {
        "doc_id": "3_2ecb",
        "topic": 3,
        "subtopic": "3_ecb",
        "sentences": [
            "Firefighters in Vessen spent six hours putting out a fire at a grain store .",
            "Fire chief Anna Vik said the building was n't in use at the time .",
            "Nobody was hurt , according to the local council .",
        ],
    },
    {
        "doc_id": "3_1ecbplus",
        "topic": 3,
        "subtopic": "3_ecbplus",
        "sentences": [
            "http : / / example . org / news / 2011 / 05 / 03 / fire",
            "Warehouse fire closes harbour road",
            "May 03 , 2011 | 5 : 40 PM",
            "A warehouse fire closed the harbour road in Dorne for most of the day .",
            "Police said the cause of the fire was not yet known .",
        ],
    },
    {
        "doc_id": "3_2ecbplus",
        "topic": 3,
        "subtopic": "3_ecbplus",
        "sentences": [
            "The harbour road in Dorne was closed for hours after a warehouse fire .",
            "Police say they do not yet know what started the fire .",
        ],
    },
    {
        "doc_id": "40_1ecb",
        "topic": 40,
        "subtopic": "40_ecb",
        "sentences": ["A test-topic document is never sampled ."],
    },
    {
        "doc_id": "40_2ecb",
        "topic": 40,
        "subtopic": "40_ecb",
        "sentences": ["Neither is this one ."],
    },
]


def _write(path: Path, docs: list[dict] = DOCS) -> Path:  # type: ignore[type-arg]
    path.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")
    return path


def test_eval_falseconflicts_detokenize() -> None:
    assert fc.detokenize("`` We did n't know , '' he said .") == '"We didn\'t know," he said.'
    assert fc.detokenize("the 90 - day stay ( in Palm Springs ) cost $ 5 .") == (
        "the 90-day stay (in Palm Springs) cost $5."
    )


def test_eval_falseconflicts_reads_header_and_pairs_deterministically(tmp_path: Path) -> None:
    docs = fc.read_docs(_write(tmp_path / "ecb.jsonl"))
    plus = next(d for d in docs if d["doc_id"] == "3_1ecbplus")
    assert plus["title"] == "Warehouse fire closes harbour road"
    assert plus["date"] == "2011-05-03"
    assert plus["text"].startswith("A warehouse fire closed the harbour road")
    plain = next(d for d in docs if d["doc_id"] == "3_1ecb")
    assert plain["date"] is None and plain["title"] is None
    pairs = fc.sample_pairs(docs)
    assert [(a["doc_id"], b["doc_id"]) for a, b in pairs] == [
        ("3_1ecb", "3_2ecb"),
        ("3_1ecbplus", "3_2ecbplus"),
    ]
    assert fc.sample_pairs(docs, per_subtopic=0) == []


def test_eval_falseconflicts_refuses_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        fc.read_docs(tmp_path / "missing.jsonl")
    assert err.value.code == "E040"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "1_1ecb", "topic": 1, "subtopic": "1_ecb", "sentences": "not a list"}\n')
    with pytest.raises(InputError, match="sentences must be a list"):
        fc.read_docs(bad)


def test_eval_falseconflicts_evaluate_keys(tmp_path: Path) -> None:
    metrics = fc.evaluate(_write(tmp_path / "ecb.jsonl"))
    assert metrics["pairs"] == 2 and metrics["subtopics"] == 2
    assert set(metrics["by_kind"]) == set(fc.CONFLICT_KINDS)
    assert metrics["conflicts"] == sum(metrics["by_kind"].values())
    assert metrics["per_pair"] == metrics["conflicts"] / 2
    assert metrics["aligned_facts"] >= 1
    assert 0 <= metrics["added_claims_per_pair"] <= metrics["unsupported_per_pair"] + 10
    assert 0 <= metrics["dropped_hedges_per_pair"] <= metrics["unsupported_per_pair"] + 10
    assert "added claims and" in str(fc.render(metrics).caption)
    assert "dropped hedges per pair" in str(fc.render(metrics).caption)
    assert fc.render(metrics).row_count == len(fc.CONFLICT_KINDS) + 1
    json.dumps(metrics)


def test_eval_falseconflicts_real_sample_shape() -> None:
    docs = fc.read_docs(need(DATA / "ecbplus" / "ecbplus_docs.jsonl"))
    pairs = fc.sample_pairs(docs)
    assert pairs == fc.sample_pairs(docs)
    per_sub: dict[str, int] = {}
    for a, b in pairs:
        assert a["subtopic"] == b["subtopic"] and a["doc_id"] != b["doc_id"]
        assert a["topic"] not in fc.TEST_TOPICS
        per_sub[a["subtopic"]] = per_sub.get(a["subtopic"], 0) + 1
    assert max(per_sub.values()) == 3 and len(per_sub) >= 60
