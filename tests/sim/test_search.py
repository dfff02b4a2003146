"""The plan search and the degenerate screen: determinism, the plan space, budget, fresh seeds.

Tiny on purpose (the tutorial's three weeks, a few trials, two or three
replications): these test the machinery, not which plan is best, which the
model's economics decide.
"""

from __future__ import annotations

import json
import math
import tomllib

import numpy as np
import pytest

from sim import actions as A
from sim import load_scenario, screen, search
from sim.executors import ExperimentError, SerialExecutor, open_executor, process_pool
from sim.experiment import with_overrides
from sim.plan_space import PlanSpaceError, plan_space
from sim.plans import DEGENERATE, Plan, lever, script_toml, step

pytest.importorskip("optuna")


@pytest.fixture(scope="module")
def tutorial():  # type: ignore[no-untyped-def]
    return load_scenario("tutorial")


@pytest.fixture(scope="module")
def short_sm():  # type: ignore[no-untyped-def]
    """siloed-marketing cut to 9 weeks: a week grid of 0, 4 and 8, and every lever."""
    return with_overrides(load_scenario("siloed-marketing"), {"weeks": 9})


def tiny_search(scn, **kw):  # type: ignore[no-untyped-def]
    options = {"trials": 6, "replications": 2, "batch": 3, "top": 3, "seed": 7,
               "executor": SerialExecutor()}  # fmt: skip
    options.update(kw)
    return search(scn, **options)


class RandomTrial:
    """Stands in for an Optuna trial: uniform choices from a seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.params: dict[str, object] = {}

    def suggest_categorical(self, name: str, choices: tuple[object, ...]) -> object:
        value = choices[int(self.rng.integers(len(choices)))]
        self.params[name] = value
        return value


def test_same_seed_gives_the_same_best_plan(tutorial) -> None:  # type: ignore[no-untyped-def]
    # 14 trials: past TPE's 10 random start-up trials, so the model-based choices count too.
    first = tiny_search(tutorial, trials=14)
    again = tiny_search(tutorial, trials=14)
    assert first.best is not None
    assert first.best.plan == again.best.plan
    assert first.to_json() == again.to_json()


def test_the_executor_does_not_change_the_result(tutorial) -> None:  # type: ignore[no-untyped-def]
    serial = tiny_search(tutorial)
    pool = process_pool(2)
    try:
        pooled = tiny_search(tutorial, executor=pool)
    finally:
        pool.shutdown()
    assert pooled.to_json() == serial.to_json()


def test_a_dask_cluster_gives_the_same_result(tutorial) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    serial = tiny_search(tutorial)
    with open_executor("dask", workers=2, processes=True) as executor:
        remote = tiny_search(tutorial, executor=executor)
    assert remote.to_json() == serial.to_json()


def test_fresh_seeds_report_the_top_plans_and_the_shrinkage(tutorial) -> None:  # type: ignore[no-untyped-def]
    result = tiny_search(tutorial)
    assert len(result.fresh_seeds) == result.replications == 2
    assert not set(result.fresh_seeds) & set(result.selection_seeds)
    assert result.top and all(c.fresh is not None for c in result.top)
    best = result.best
    assert best is not None and best.fresh is not None
    assert result.shrinkage == pytest.approx(best.gain - best.fresh.efficiency.mean)
    gains = [c.gain for c in result.top]
    assert gains == sorted(gains, reverse=True)
    assert [c.rank for c in result.top] == list(range(1, len(result.top) + 1))
    records = result.to_records()
    assert {"rank", "plan", "selection_efficiency", "fresh_efficiency_low"} <= set(records[0])
    assert json.loads(result.to_json())["trials"] == 6


def test_plans_use_only_the_levers_asked_for(short_sm) -> None:  # type: ignore[no-untyped-def]
    space = plan_space(short_sm, ["set_goal", "celebrate"])
    assert space.levers == ("set_goal", "celebrate")
    assert space.weeks == (0, 4, 8)
    for seed in range(200):
        plan = space.suggest(RandomTrial(seed))
        assert {s.kind for s in plan.steps} <= {"set_goal", "celebrate"}
        assert all(0 <= s.week < short_sm.weeks for s in plan.steps)
        assert len({s.action for s in plan.steps if s.kind == "set_goal"}) <= space.max_actions


def test_weeks_cut_the_horizon_and_the_plans(short_sm) -> None:  # type: ignore[no-untyped-def]
    result = tiny_search(short_sm, weeks=5)
    assert all(s.week < 5 for c in result.top for s in c.plan.steps)


def test_a_searched_plan_keeps_to_its_levers(tutorial) -> None:  # type: ignore[no-untyped-def]
    result = tiny_search(tutorial, levers=["enable_tool"])
    assert result.levers == ("enable_tool",)
    for c in result.top:
        assert {s.kind for s in c.plan.steps} <= {"enable_tool"}


def test_the_budget_caps_the_extra_spend(tutorial) -> None:  # type: ignore[no-untyped-def]
    free = tiny_search(tutorial, budget=0.0, trials=9)
    assert all(c.selection.spend.mean <= 0.0 for c in free.top)
    open_ended = tiny_search(tutorial, trials=9)
    assert free.over_budget >= 1
    assert open_ended.over_budget == 0


def test_plans_are_made_consistent(short_sm) -> None:  # type: ignore[no-untyped-def]
    space = plan_space(short_sm)
    squads = space.moves["form_squads"][0]
    merge = space.moves["merge_teams"][0]
    tool = space.moves["enable_tool"][0]
    plan = space.plan_of([(0, 0, squads), (4, 1, merge), (0, 2, tool), (8, 3, tool)])
    kinds = [s.kind for s in plan.steps]
    assert kinds == ["form_squads", "enable_tool"]  # no merge after squads, one tool once
    assert "merge" not in plan.label


def test_a_reorg_that_squads_undo_is_left_out(short_sm) -> None:  # type: ignore[no-untyped-def]
    space = plan_space(short_sm)
    squads = space.moves["form_squads"][0]
    merge = space.moves["merge_teams"][0]
    plan = space.plan_of([(0, 0, merge), (4, 1, squads)])
    assert [s.kind for s in plan.steps] == ["form_squads"]
    assert "merge" not in plan.label


def test_bad_requests_are_refused_by_name(tutorial) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanSpaceError, match="unknown lever 'teleport'"):
        tiny_search(tutorial, levers=["teleport"])
    with pytest.raises(PlanSpaceError, match="not one of tutorial's levers"):
        tiny_search(tutorial, levers=["merge_teams"])
    with pytest.raises(PlanSpaceError, match="lists no levers"):
        tiny_search(with_overrides(tutorial, {"levers": []}))
    with pytest.raises(ExperimentError, match="trials"):
        tiny_search(tutorial, trials=0)
    with pytest.raises(ExperimentError, match="below zero"):
        tiny_search(tutorial, budget=-1.0)


def test_a_plan_written_as_a_script_reads_back_the_same(short_sm) -> None:  # type: ignore[no-untyped-def]
    plan = Plan("p", (
        step(0, A.SetGoal(team="*", shared_weight=0.7, kpi="campaign")),
        step(0, A.AddLink(kind="meeting", per_week=0.5, hours=1)),
        step(4, A.SetMix(weights={"launch": 2.0})),
    ))  # fmt: skip
    data = tomllib.loads(script_toml(plan, "a comment\non two lines"))
    scripted = with_overrides(short_sm, {"script": data["script"]})
    back = [(s.week, a) for s in scripted.script for a in s.do]
    assert back == [(s.week, s.to_action()) for s in plan.steps]


def test_screen_gives_a_row_per_degenerate_plan(tutorial) -> None:  # type: ignore[no-untyped-def]
    par = lever("par", A.SetGoal(team="*", shared_weight=0.8),
                A.EnableTool(tool="shared_calendar"))  # fmt: skip
    rows = screen(tutorial, par, 2, executor=SerialExecutor())
    assert [r.rule for r in rows] == [*DEGENERATE, "repeat-1", "repeat-2"]
    assert [r.far for r in rows[:5]] == [True] * 5
    for r in rows:
        assert r.verdict in ("pass", "FAIL")
        assert r.difference.n == 2 or math.isnan(r.difference.mean)
        assert r.passed == (r.difference.mean <= -3.0 if r.far else r.difference.mean < 1.0)
