"""Quality gates: each evaluation task must stay at or above its pinned floors (tests/eval_baseline.json).

One test per task runs the real evaluation on the public dataset in ../shared/data (skipped with a
reason when absent) and compares every pinned metric with its floor (higher is better) or its
ceiling (lower is better, such as false findings), so that a regression fails CI.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, need

BASELINE = Path(__file__).with_name("eval_baseline.json")
TASKS = {
    name: spec for name, spec in json.loads(BASELINE.read_text("utf-8")).items() if not name.startswith("_")
}


def metric(metrics: dict[str, Any], dotted: str) -> float:
    """The value at a dotted path such as ``scores.direct.overlap.speaker.f1``."""
    value: Any = metrics
    for part in dotted.split("."):
        value = value[part]
    return float(value)


def run_task(name: str) -> dict[str, Any]:
    """Run evaluation task ``name`` as pinned in the baseline file (its ``module``, else the module
    of that name in newsprism.eval, on its ``dataset`` with its ``options``)."""
    spec = TASKS[name]
    path = need(DATA / spec["dataset"])
    module = importlib.import_module(f"newsprism.eval.{spec.get('module', name)}")
    return module.evaluate(path, **spec["options"])


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TASKS))
def test_quality_gate_holds(name: str) -> None:
    metrics = run_task(name)
    below = {
        key: (round(metric(metrics, key), 4), floor)
        for key, floor in TASKS[name]["floors"].items()
        if metric(metrics, key) < floor
    }
    above = {
        key: (round(metric(metrics, key), 4), ceiling)
        for key, ceiling in TASKS[name].get("ceilings", {}).items()
        if metric(metrics, key) > ceiling
    }
    assert not below, f"{name}: below the pinned floor (measured, floor): {below}"
    assert not above, f"{name}: above the pinned ceiling (measured, ceiling): {above}"


def test_quality_gate_floors_never_above_measured() -> None:
    for name, spec in TASKS.items():
        for key, floor in spec["floors"].items():
            assert floor <= spec["measured"][key], (name, key)
        for key, ceiling in spec.get("ceilings", {}).items():
            assert ceiling >= spec["measured"][key], (name, key)
