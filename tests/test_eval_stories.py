"""ECB+ story clustering evaluation: quality floors, batch agreement, scorer sanity, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, need

from newsprism.errors import InputError
from newsprism.eval.stories import bcubed, evaluate, render, split_docs

ECB = DATA / "ecbplus" / "ecbplus_docs.jsonl"

# Floors just under the figures measured with the shipped settings (tuned on the train topics,
# dev choosing between settings that tie there): dev sub-topic B-cubed F1 0.913 (train 0.919;
# the TF-IDF + agglomerative baseline: dev 0.874, train 0.886). Batch re-clustering replays the
# incremental pass (merges included) in time order, so in stream order the two agree exactly; fed
# in a seeded random order (topics interleaved), the incremental pass on the train topics agrees
# with the batch pass at ARI 0.896 (seed 1; 0.925 for seed 2): the tolerance we state.
DEV_SUBTOPIC_F1_FLOOR = 0.90
SHUFFLED_AGREEMENT_ARI_FLOOR = 0.87


def test_eval_stories_dev_quality_floor_beside_the_baseline() -> None:
    metrics = evaluate(need(ECB), "dev")
    assert metrics["n"] == 197 and metrics["flags"] == {"no_date": 197}
    assert metrics["newsprism"]["subtopic"]["f1"] >= DEV_SUBTOPIC_F1_FLOOR
    assert metrics["newsprism"]["topic"]["precision"] >= 0.98
    assert 0.5 <= metrics["baseline"]["subtopic"]["f1"] <= 1.0
    assert render(metrics).row_count == 3


def test_eval_stories_incremental_and_batch_agree_on_train_topics() -> None:
    in_order = evaluate(need(ECB), "train", baseline=False)
    assert in_order["agreement"]["ari"] == 1.0 and "baseline" not in in_order
    shuffled = evaluate(need(ECB), "train", baseline=False, shuffle=1)
    assert shuffled["agreement"]["ari"] >= SHUFFLED_AGREEMENT_ARI_FLOOR
    assert shuffled["batch"] == in_order["batch"]  # the batch pass does not depend on arrival order


def test_eval_stories_bcubed_known_values() -> None:
    assert bcubed(list("aabb"), [1, 1, 2, 2]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    one = bcubed(list("aabb"), [1, 1, 1, 1])
    assert one["precision"] == 0.5 and one["recall"] == 1.0


def test_eval_stories_splits_follow_the_readme() -> None:
    docs = [{"topic": t} for t in (1, 2, 35, 36, 45)]
    assert [d["topic"] for d in split_docs(docs, "dev")] == [2, 35]
    assert [d["topic"] for d in split_docs(docs, "train")] == [1]
    assert [d["topic"] for d in split_docs(docs, "test")] == [36, 45]


def test_eval_stories_bad_input_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        evaluate(tmp_path / "missing.jsonl")
    assert err.value.code == "E040"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc_id": "1_1ecb", "topic": 1, "subtopic": "1_ecb", "sentences": "x"}) + "\n")
    with pytest.raises(InputError, match="line 1: sentences"):
        evaluate(bad)


def test_eval_stories_any_file_in_the_format(tmp_path: Path) -> None:
    rows = [
        {"doc_id": f"{t}_{i}ecb", "topic": t, "subtopic": f"{t}_ecb", "sentences": [text]}
        for t, text in (
            (1, "Floods forced Governor Brandt to evacuate Kessin as the Orrin river rose."),
            (3, "Halvard Motors agreed to buy the battery maker Lumacell, Piet Oduya said."),
        )
        for i in range(2)
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    metrics = evaluate(path, None)
    assert metrics["newsprism"]["subtopic"]["f1"] == 1.0 and metrics["newsprism"]["clusters"] == 2
