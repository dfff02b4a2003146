"""Each scenario's good strategy beats doing nothing, which beats its bad strategy.

Judged on every objective of the scenario, in the objective's direction, over
20 paired seeds: the 95% interval of the mean paired difference must clear
zero. And the good strategy wins the game as shipped: at the scenario's own
seed it meets every objective, the bad one none.
"""

from __future__ import annotations

import pytest
from scenario_kit import paired, runs, summary, with_strategy

from scenarios.catalog import entries
from sim import load_scenario, run
from sim.objectives import evaluate

NAMES = [e.name for e in entries()]


@pytest.mark.parametrize("name", NAMES)
def test_good_beats_doing_nothing_beats_bad_on_every_objective(name: str) -> None:
    scn = load_scenario(name)
    nothing, good, bad = (
        runs(s) for s in (scn, with_strategy(name, "good"), with_strategy(name, "bad"))
    )
    for objective in scn.objectives:
        sign = 1.0 if objective.op == ">=" else -1.0
        better = paired(nothing, good, summary(objective.measure))
        worse = paired(nothing, bad, summary(objective.measure))
        assert sign * better.low > 0 and sign * better.high > 0, (
            f"{name}: good does not beat doing nothing on {objective.measure}: {better}"
        )
        assert sign * worse.low < 0 and sign * worse.high < 0, (
            f"{name}: doing nothing does not beat bad on {objective.measure}: {worse}"
        )


@pytest.mark.parametrize("name", NAMES)
def test_good_wins_and_bad_loses_at_the_default_seed(name: str) -> None:
    scn = load_scenario(name)
    baseline = run(scn)
    good = evaluate(scn, run(with_strategy(name, "good")), baseline)
    bad = evaluate(scn, run(with_strategy(name, "bad")), baseline)
    assert all(o.met for o in good), [(o.text, o.value) for o in good if not o.met]
    assert not any(o.met for o in bad), [(o.text, o.value) for o in bad if o.met]
