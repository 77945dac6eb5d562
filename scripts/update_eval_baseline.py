"""Re-measure evaluation tasks and tighten their floors and ceilings in tests/eval_baseline.json.

    python scripts/update_eval_baseline.py TASK [TASK...] [--margin 0.005] [--allow-lower]

A floor (higher is better) is set to the measured figure minus the margin, a ceiling (lower is
better) to the measured figure plus the margin. They only tighten unless --allow-lower is given
(say why in the commit message): a quality gate that drifts silently protects nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_quality_gates import BASELINE, metric, run_task  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="+")
    parser.add_argument("--margin", type=float, default=0.005)
    parser.add_argument("--allow-lower", action="store_true")
    args = parser.parse_args(argv)
    data = json.loads(BASELINE.read_text("utf-8"))
    for name in args.tasks:
        metrics = run_task(name)
        spec = data[name]
        for kind, sign in (("floors", -1), ("ceilings", 1)):  # a floor tightens up, a ceiling down
            for key, old in spec.get(kind, {}).items():
                measured = round(metric(metrics, key), 4)
                new = (math.ceil if sign > 0 else math.floor)((measured + sign * args.margin) * 1000) / 1000
                if sign * (new - old) > 0 and not args.allow_lower:
                    print(
                        f"{name} {key}: measured {measured} would loosen {kind} {old} -> {new}; kept (--allow-lower)"
                    )
                    continue
                spec[kind][key] = new
                spec["measured"][key] = measured
                print(f"{name} {key}: measured {measured}, {kind} {old} -> {new}")
    BASELINE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
