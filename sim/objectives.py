"""Scoring a run against its scenario's objectives (and the do-nothing baseline).

An objective names a summary measure, a comparison and a target; with
`vs_baseline` the target is a ratio to the same measure in the do-nothing run
under the same seed. The score is the share of objectives met.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.results import RunResult
from sim.scenario import Objective, Scenario


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    """How one objective fared."""

    objective: Objective
    value: float
    """The measure in this run (a ratio to the baseline when the objective says so)."""
    met: bool

    @property
    def text(self) -> str:
        o = self.objective
        return o.text or f"{o.measure} {o.op} {o.target:g}{' x baseline' if o.vs_baseline else ''}"


def evaluate(
    scenario: Scenario, result: RunResult, baseline: RunResult | None = None
) -> list[ObjectiveResult]:
    """Each objective of the scenario, measured on `result`.

    Objectives relative to the baseline are judged unmet when no baseline is given.
    """
    out = []
    for o in scenario.objectives:
        value = result.summary.get(o.measure, math.nan)
        if o.vs_baseline:
            base = baseline.summary.get(o.measure, math.nan) if baseline is not None else math.nan
            value = value / base if base and math.isfinite(base) else math.nan
        met = math.isfinite(value) and (value >= o.target if o.op == ">=" else value <= o.target)
        out.append(ObjectiveResult(o, value, met))
    return out


def score(results: list[ObjectiveResult]) -> float:
    """Share of objectives met (1.0 for a scenario without objectives)."""
    return sum(r.met for r in results) / len(results) if results else 1.0
