"""What a plan search found: plans' paired measures against doing nothing, and the result.

Plain frozen data with `to_records()` and `to_json()`, built by `sim.plan_search`
and read by the CLI, notebooks and reports. Also the two measures every
comparison of plans here uses: a run's spend and the paired % gain.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sim.plans import Plan
from sim.scenario import Scenario
from sim.stats import Interval, mean_ci

__all__ = ["Candidate", "Measured", "SearchResult", "plan_gain", "spend_of"]


def spend_of(summary: dict[str, float], scenario: Scenario) -> float:
    """A run's spend: `summary["spend"]` when the model keeps a ledger.

    TODO(economics): drop the fallback once every run reports `spend` (MODEL.md E2).
    Until then spend is the tools' cost plus paid hours at `params.hourly_cost`
    (1 a hour when the scenario has no such parameter).
    """
    if "spend" in summary:
        return float(summary["spend"])
    rate = float(getattr(scenario.params, "hourly_cost", 1.0))
    return float(summary.get("tool_cost", 0.0)) + rate * float(summary.get("hours_paid", 0.0))


def plan_gain(base: Sequence[float], planned: Sequence[float]) -> Interval:
    """Mean of the paired % changes 100 x (planned / base - 1), seed by seed, with its interval."""
    changes = [100.0 * (p / b - 1.0) if b else math.nan
               for b, p in zip(base, planned, strict=True)]  # fmt: skip
    return mean_ci(changes)


@dataclass(frozen=True)
class Measured:
    """A plan against doing nothing on one set of seeds (paired, 95% intervals).

    Attributes:
        efficiency: Mean paired % change of efficiency.
        engagement: Mean paired difference of mean engagement.
        spend: Mean paired difference of spend (the plan's extra spend).
    """

    efficiency: Interval
    engagement: Interval
    spend: Interval

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k).to_dict() for k in ("efficiency", "engagement", "spend")}


@dataclass(frozen=True)
class Candidate:
    """A plan the search kept, with its scores.

    Attributes:
        rank: 1 for the best, by gain on the selection seeds.
        plan: The plan (its steps are all musts: a script).
        selection: Measured on the seeds the search chose on.
        fresh: Measured on fresh seeds (None when the search was stopped first).
    """

    rank: int
    plan: Plan
    selection: Measured
    fresh: Measured | None = None

    @property
    def gain(self) -> float:
        """Efficiency gain on the selection seeds, in %."""
        return self.selection.efficiency.mean

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "plan": self.plan.describe(),
            "steps": self.plan.to_records(),
            "selection": self.selection.to_dict(),
            "fresh": None if self.fresh is None else self.fresh.to_dict(),
        }


@dataclass(frozen=True)
class SearchResult:
    """What a search found.

    Attributes:
        scenario: The scenario's name.
        seed: The search's seed (sampler and replications).
        replications: Runs per plan.
        selection_seeds: Seeds the plans were chosen on.
        fresh_seeds: Seeds the top plans were measured on afterwards.
        levers: Levers searched over.
        budget: Cap on a plan's mean extra spend (None: no cap).
        trials: Trials told to the sampler.
        plans_run: Distinct plans run (a plan asked twice runs once).
        refused: Plans the engine refused at some seed.
        over_budget: Plans whose extra spend passed the budget.
        top: The best plans, best first.
        interrupted: Whether the search stopped before its last trial.
    """

    scenario: str
    seed: int
    replications: int
    selection_seeds: tuple[int, ...]
    fresh_seeds: tuple[int, ...]
    levers: tuple[str, ...]
    budget: float | None
    trials: int
    plans_run: int
    refused: int
    over_budget: int
    top: tuple[Candidate, ...] = ()
    interrupted: bool = False

    @property
    def best(self) -> Candidate | None:
        """The best plan found (None when no plan beat the budget and the engine)."""
        return self.top[0] if self.top else None

    @property
    def shrinkage(self) -> float:
        """How much the best plan's gain shrank on fresh seeds, in % points (NaN if unmeasured)."""
        best = self.best
        if best is None or best.fresh is None:
            return math.nan
        return best.gain - best.fresh.efficiency.mean

    def to_records(self) -> list[dict[str, Any]]:
        """One flat row per top plan: rank, plan, and each measure's mean and interval."""
        rows = []
        for c in self.top:
            row: dict[str, Any] = {"rank": c.rank, "plan": c.plan.describe()}
            for where, m in (("selection", c.selection), ("fresh", c.fresh)):
                for name in ("efficiency", "engagement", "spend"):
                    ci = (
                        getattr(m, name)
                        if m is not None
                        else Interval(math.nan, math.nan, math.nan, 0)
                    )
                    row[f"{where}_{name}"] = ci.mean
                    row[f"{where}_{name}_low"] = ci.low
                    row[f"{where}_{name}_high"] = ci.high
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        shrink = self.shrinkage
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "replications": self.replications,
            "selection_seeds": list(self.selection_seeds),
            "fresh_seeds": list(self.fresh_seeds),
            "levers": list(self.levers),
            "budget": self.budget,
            "trials": self.trials,
            "plans_run": self.plans_run,
            "refused": self.refused,
            "over_budget": self.over_budget,
            "interrupted": self.interrupted,
            "shrinkage": None if math.isnan(shrink) else shrink,
            "top": [c.to_dict() for c in self.top],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, allow_nan=False)
