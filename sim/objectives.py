"""Scoring a run against its scenario's objectives (and the do-nothing baseline).

An objective names a summary measure, a comparison and a target; with
`vs_baseline` the target is a ratio to the same measure in the do-nothing run
under the same seed. The score is the share of objectives met.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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


@dataclass(frozen=True, slots=True)
class ObjectiveCount:
    """How often one objective was met over a variant's replications."""

    text: str
    met: int
    runs: int

    def __str__(self) -> str:
        return f"met in {self.met} of {self.runs} runs"


def objectives_met(
    scenario: Scenario, runs: Sequence[RunResult], baselines: Sequence[RunResult]
) -> list[ObjectiveCount]:
    """Each objective of the scenario: in how many of `runs` it was met.

    Run i is judged against baseline run i (the same seed), so an objective
    relative to doing nothing compares like with like.
    """
    if len(runs) != len(baselines):
        raise ValueError(f"runs and baselines differ in number: {len(runs)} and {len(baselines)}")
    per_run = [evaluate(scenario, r, b) for r, b in zip(runs, baselines, strict=True)]
    return [
        ObjectiveCount(
            text=per_run[0][k].text if per_run else "",
            met=sum(results[k].met for results in per_run),
            runs=len(per_run),
        )
        for k in range(len(scenario.objectives))
    ]
