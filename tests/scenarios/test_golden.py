"""Each built-in scenario at its default seed against a checked-in summary.

A difference is a change in model behaviour: review it, then regenerate with
`SILO_REGEN_GOLDEN=1 pytest tests/scenarios/test_golden.py` and commit the files.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from scenarios.catalog import entries
from sim import load_scenario, run

GOLDEN = Path(__file__).parent / "golden"


def _summary(name: str) -> dict[str, float | None]:
    scn = load_scenario(name)
    summary = run(scn, seed=scn.seed).summary
    return {k: None if math.isnan(v) else round(v, 9) for k, v in summary.items()}


@pytest.mark.parametrize("name", [e.name for e in entries()])
def test_summary_matches_the_golden_file(name: str) -> None:
    path = GOLDEN / f"{name}.json"
    got = _summary(name)
    if os.environ.get("SILO_REGEN_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected
