"""Rows of MODEL.md "Degenerate plans": none beats the scenario's par plan on efficiency.

Every rule in every built-in, on paired seeds against the par plan: the mean
paired % change of efficiency below +1%, and for the first five rules
(everything at once, merging every team, celebrating every week, a meeting
four times a week, one liaison for every team) at least 3% below. How each
plan is built is in `plans`.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.plans import DEGENERATE

from . import measures as M
from . import plans as P
from .common import EFFICIENCY, INF, SEEDS, par, runs, scenario
from .record import Record, of_interval

RULES = DEGENERATE
"""Rule -> (plan builder taking (scenario, par plan), whether it must be 3% below par)."""


def against_par(
    name: str, scenario_name: str, plan: P.Plan, far: bool, seeds: Sequence[int]
) -> Record:
    """A plan against the scenario's par plan: mean paired % change of efficiency."""
    par_plan = par(scenario_name)
    par_runs, planned = runs(scenario_name, par_plan, plan, seeds=seeds)
    ci = M.relative(par_runs, planned, EFFICIENCY)
    band = (-INF, -3.0) if far else (-INF, 1.0)
    tried = sum(r.tried for r in planned)
    refused = sum(r.refused for r in planned)
    skipped = f"; {refused} of {tried} tried steps refused (all seeds)" if tried else ""
    note = f"{plan.label} vs {par_plan.label}: efficiency{skipped}"
    return of_interval(f"{name}/{scenario_name}", ci, band, "% vs par", seeds, note)


def degenerate(rule: str, scenario_name: str, seeds: Sequence[int] = SEEDS) -> Record:
    """A degenerate plan (a key of `RULES`) against the scenario's par plan."""
    build, far = RULES[rule]
    scn = scenario(scenario_name)
    plan = build(scn, par(scenario_name))
    return against_par(f"degenerate-{rule}", scenario_name, plan, far, seeds)


def repeat_count(scenario_name: str) -> int:
    """How many actions the par plan takes: one repeat rule each."""
    return len(par(scenario_name).steps)


def degenerate_repeat(index: int, scenario_name: str, seeds: Sequence[int] = SEEDS) -> Record:
    """Par plus its action number `index` (from 1) taken again: below +1% of par."""
    plan = P.repeats(scenario(scenario_name), par(scenario_name))[index - 1]
    return against_par(f"degenerate-repeat-{index}", scenario_name, plan, False, seeds)
