"""The degenerate-plan screen: MODEL.md's degenerate plans against a par plan.

Each plan of `sim.plans.degenerate_plans` runs on the same seeds as the par
plan (common random numbers); a row gives the mean paired % change of
efficiency, its 95% interval and the verdict of MODEL.md "Degenerate plans":
below +1% of par for all, and at least 3% below for the first five.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from sim.executors import ExperimentError
from sim.plans import Plan, degenerate_plans
from sim.scenario import Scenario
from sim.search_result import plan_gain
from sim.stats import Interval

__all__ = ["FAR_BELOW", "NOT_ABOVE", "ScreenRow", "screen"]

FAR_BELOW = -3.0
NOT_ABOVE = 1.0
"""MODEL.md "Degenerate plans": every plan below +1% of par, the first five at -3% or less."""

ProgressCallback = Callable[[int, int], object]


@dataclass(frozen=True)
class ScreenRow:
    """One degenerate plan against the par plan.

    Attributes:
        rule: The rule of MODEL.md ("everything", "merge-all", ..., "repeat-1").
        plan: The degenerate plan.
        difference: Mean paired % change of efficiency against par, with its interval.
        far: Whether the rule asks for at least 3% below par (else below +1%).
        refused: Tried steps the engine refused, over all seeds.
    """

    rule: str
    plan: Plan
    difference: Interval
    far: bool
    refused: int = 0

    @property
    def passed(self) -> bool:
        """Whether the verdict holds: below +1%, and 3% below par for the first five."""
        limit = FAR_BELOW if self.far else NOT_ABOVE
        mean = self.difference.mean
        return not math.isnan(mean) and (mean <= limit if self.far else mean < limit)

    @property
    def verdict(self) -> str:
        return "pass" if self.passed else "FAIL"

    def to_dict(self) -> dict[str, Any]:
        d = self.difference
        return {"rule": self.rule, "plan": self.plan.label, "diff": d.mean, "low": d.low,
                "high": d.high, "n": d.n, "bound": FAR_BELOW if self.far else NOT_ABOVE,
                "verdict": self.verdict, "refused": self.refused}  # fmt: skip


def screen(
    scenario: Scenario,
    par_plan: Plan,
    replications: int = 20,
    *,
    seed: int | None = None,
    weeks: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> list[ScreenRow]:
    """MODEL.md's degenerate plans against `par_plan`, on the same seeds: one row each.

    Seeds are the replications of `seed` (default: the scenario's), as in `compare`.
    """
    from sim.experiment import replication_seeds
    from sim.plan_runs import run_plans

    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 1:
        raise ExperimentError(f"replications must be at least 1, not {replications!r}")
    rules = degenerate_plans(scenario, par_plan)
    seeds = replication_seeds(scenario.seed if seed is None else seed, replications)
    plans = [par_plan, *(p for _, p, _ in rules)]
    runs = run_plans(scenario, plans, seeds, weeks=weeks, executor=executor, progress=progress)
    if any(r.error for r in runs[0]):
        error = next(r.error for r in runs[0] if r.error)
        raise ExperimentError(f"the par plan is refused: {error}")
    par_eff = [r.summary["efficiency"] for r in runs[0]]
    rows = []
    for (rule, plan, far), planned in zip(rules, runs[1:], strict=True):
        eff = [r.summary.get("efficiency", math.nan) for r in planned]
        rows.append(ScreenRow(rule, plan, plan_gain(par_eff, eff), far,
                              sum(r.refused for r in planned)))  # fmt: skip
    return rows
