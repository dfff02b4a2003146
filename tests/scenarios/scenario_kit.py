"""Helpers of the scenario tests: strategies as scenarios, paired replications."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.cli.commands.run import load_script
from sim import load_scenario, run
from sim.actions import action_from_dict
from sim.results import RunResult
from sim.scenario import Scenario
from sim.stats import Interval, paired_difference

STRATEGIES = Path(__file__).resolve().parents[2] / "scenarios" / "strategies"
SEEDS = range(20)
"""Paired replications of a statistical test (MODEL.md asks for at least 20)."""


def with_strategy(name: str, strategy: str) -> Scenario:
    """The built-in scenario `name` playing scenarios/strategies/<name>/<strategy>.toml."""
    scn = load_scenario(name)
    return scn.with_actions(load_script(str(STRATEGIES / name / f"{strategy}.toml"), scn))


def with_steps(scn: Scenario, *steps: tuple[int, dict[str, Any]]) -> Scenario:
    """The scenario with extra (week, action table) steps, as a script file gives them."""
    return scn.with_actions([(week, action_from_dict(action)) for week, action in steps])


def runs(scn: Scenario, seeds: range = SEEDS) -> list[RunResult]:
    return [run(scn, seed=seed) for seed in seeds]


def summary(key: str) -> Callable[[RunResult], float]:
    return lambda r: r.summary[key]


def paired(
    base: list[RunResult], variant: list[RunResult], measure: Callable[[RunResult], float]
) -> Interval:
    """Mean of variant - base over paired seeds, with its 95% interval."""
    return paired_difference([measure(r) for r in base], [measure(r) for r in variant])
