"""Each scenario's good strategy beats doing nothing, which beats its bad strategy.

Judged on the scenario's first objective (value per paid hour against doing
nothing, in every built-in) and on engagement, over 20 paired seeds: the 95%
interval of the mean paired difference must clear zero.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from game.commands.run import load_script
from scenarios.catalog import entries
from sim import load_scenario, run

STRATEGIES = Path(__file__).resolve().parents[2] / "scenarios" / "strategies"
SEEDS = range(20)
T_975_19 = 2.093


def _interval(diffs: list[float]) -> tuple[float, float]:
    d = np.asarray(diffs)
    half = T_975_19 * d.std(ddof=1) / math.sqrt(len(d))
    return float(d.mean() - half), float(d.mean() + half)


@pytest.mark.parametrize("name", [e.name for e in entries()])
def test_good_beats_doing_nothing_beats_bad(name: str) -> None:
    scn = load_scenario(name)
    good = scn.with_actions(load_script(str(STRATEGIES / name / "good.toml"), scn))
    bad = scn.with_actions(load_script(str(STRATEGIES / name / "bad.toml"), scn))
    first = scn.objectives[0].measure
    assert first == "efficiency"
    rows = []
    for seed in SEEDS:
        n, g, b = (run(s, seed=seed).summary for s in (scn, good, bad))
        rows.append((n, g, b))
    for measure in (first, "engagement"):
        low, _ = _interval([g[measure] - n[measure] for n, g, _ in rows])
        _, high = _interval([b[measure] - n[measure] for n, _, b in rows])
        assert low > 0, f"{name}: good does not beat doing nothing on {measure}"
        assert high < 0, f"{name}: doing nothing does not beat bad on {measure}"
