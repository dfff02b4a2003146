"""The economics instrument measures what it says: seeds, pairing, plans and figures.

Fast checks of `economics_kit` itself (the economics rows are in
test_economics.py): a figure on synthetic series, a plan's runs against
`sim.experiment.compare` on the same seeds, and a refused step changing nothing.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import economics_kit as kit
import numpy as np
import pytest
from econ_kit import measures as M
from econ_kit import plans as P
from econ_kit.record import Record
from econ_kit.runs import Run

from sim import actions as A
from sim import load_scenario
from sim.actions import action_from_dict
from sim.experiment import compare, replication_seeds
from sim.scenario import Scenario


@pytest.fixture(scope="module", autouse=True)
def _pool() -> Iterator[None]:
    yield
    kit.R.close()


def _run(**weekly: list[float]) -> Run:
    return Run(1, {}, {k: np.asarray(v, dtype=float) for k, v in weekly.items()}, 0, 0)


def test_seeds_are_replications_1_to_20_of_base_seed_1() -> None:
    assert tuple(replication_seeds(1, 20)) == kit.SEEDS


def test_a_linear_efficiency_drifts_by_its_slope_over_a_year() -> None:
    # 100 + 0.1 a week: 5.2 a year over a level of about 102.6.
    run = _run(efficiency=[100 + 0.1 * w for w in range(52)])
    level = float(np.mean(100 + 0.1 * np.arange(52)))
    assert M.yearly_drift("efficiency")(run) == pytest.approx(100 * 5.2 / level)


def test_quarter_drift_and_annual_quits() -> None:
    run = _run(engagement=[0.5] * 13 + [0.6] * 26 + [0.45] * 13, quits=[0.5] * 52,
               headcount=[20] * 52)  # fmt: skip
    assert M.quarter_drift("engagement")(run) == pytest.approx(-0.05)
    assert M.annual_quits(run) == pytest.approx(100 * 26 / 20)


def test_a_band_includes_its_ends_and_nan_fails() -> None:
    def record(x: float) -> Record:
        return Record("r", x, math.nan, math.nan, (1.0, 2.0), "", ())

    assert record(1.0).passed and record(2.0).passed
    assert not record(2.01).passed and not record(math.nan).passed


def _scripted(scn: Scenario, plan: P.Plan) -> Scenario:
    """The scenario whose script takes the plan's steps."""
    return scn.with_actions([(s.week, action_from_dict(json.loads(s.action))) for s in plan.steps])


def test_runs_match_compare_on_the_same_seeds() -> None:
    calendar = P.lever("calendar", A.EnableTool(tool="shared_calendar"))
    nothing, runs = kit.R.results("tutorial", [P.NOTHING, calendar], kit.SEEDS[:3])
    scn = load_scenario("tutorial")
    table = compare({"n": scn, "c": _scripted(scn, calendar)}, 3, seed=1)
    assert [r.summary["efficiency"] for r in nothing] == table.values("n", "efficiency")
    assert [r.summary["efficiency"] for r in runs] == table.values("c", "efficiency")


def test_a_refused_step_changes_nothing() -> None:
    # The tutorial's par plan switches on the shared calendar; doing it again is refused.
    scn = load_scenario("tutorial")
    par = P.par(scn)
    assert any(s.kind == "enable_tool" for s in par.steps)
    again = par.plus("again", P.step(0, A.EnableTool(tool="shared_calendar"), must=False))
    base, tried = kit.R.results("tutorial", [par, again], kit.SEEDS[:2])
    assert [r.refused for r in tried] == [1, 1]
    for b, t in zip(base, tried, strict=True):
        assert b.summary == t.summary


def test_hiring_30_percent_of_in_house_headcount() -> None:
    scn = load_scenario("siloed-marketing")
    plan = P.hire_30(scn, P.NOTHING)
    hires = [json.loads(s.action) for s in plan.steps]
    assert sum(h["count"] for h in hires) == 6  # 30% of 20 people
    assert {h["team"] for h in hires} == {"SEO", "Social", "Email", "Content"}
