"""Rows of single levers in siloed-marketing, against doing nothing (MODEL.md sizes).

A lever is taken alone at week 0 and compared with doing nothing on the same
seeds; changes are mean paired % changes. Also the engagement-productivity
mechanics check, and the sweep of shared weight.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from sim import actions as A

from . import measures as M
from . import plans as P
from .common import EFFICIENCY, INF, SEEDS, SM, runs, scenario
from .record import Record, of_interval
from .runs import Run

CALENDAR = P.lever("shared calendar", A.EnableTool(tool="shared_calendar"))
WEEKLY = P.lever(
    "weekly 1 h cross-team meeting", A.AddLink(kind="meeting", teams=("*",), per_week=1, hours=1)
)
DAILY = P.lever(
    "daily 1 h cross-team meeting", A.AddLink(kind="meeting", teams=("*",), per_week=5, hours=1)
)
GOALS_07 = P.lever("shared goals 0.7", A.SetGoal(team="*", shared_weight=0.7))
WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))
"""The shared weights of the sweep."""


def goal(weight: float) -> P.Plan:
    """Every team's shared weight set to `weight` at week 0."""
    return P.lever(f"shared goals {weight:.1f}", A.SetGoal(team="*", shared_weight=weight))


def productivity_engagement() -> Record:
    """Mechanics: productivity at engagement 0.75 over that at 0.25, +12% to +25%.

    From `sim.people.productivity(params, engagement)` with siloed-marketing's
    params; if the model drops that function, from the params' linear form
    productivity_base + productivity_slope x engagement. No runs, no seeds.
    """
    p = scenario(SM).params
    try:
        from sim.people import productivity

        high, low = productivity(p, 0.75), productivity(p, 0.25)
        how = "sim.people.productivity"
    except ImportError:
        base = getattr(p, "productivity_base", math.nan)
        slope = getattr(p, "productivity_slope", math.nan)
        high, low = base + 0.75 * slope, base + 0.25 * slope
        how = "productivity_base + productivity_slope x e"
    value = 100.0 * (high / low - 1.0) if low else math.nan
    note = f"{how}: {high:.3f} at 0.75 vs {low:.3f} at 0.25"
    return Record(
        "productivity-engagement", value, math.nan, math.nan, (12.0, 25.0), "% change", (), note
    )


def against_nothing(
    name: str,
    plan: P.Plan,
    measure: M.Measure,
    what: str,
    band: tuple[float, float],
    seeds: Sequence[int],
) -> Record:
    """A plan against doing nothing in siloed-marketing: mean paired % change of `measure`."""
    nothing, planned = runs(SM, P.NOTHING, plan, seeds=seeds)
    ci = M.relative(nothing, planned, measure)
    return of_interval(name, ci, band, "% change", seeds, f"{plan.label} vs do nothing: {what}")


def calendar_duplicated(seeds: Sequence[int] = SEEDS) -> Record:
    """Shared calendar alone: duplicated hours -40% to -70%."""
    duplicated = M.summary("hours_duplicated")
    band = (-70.0, -40.0)
    return against_nothing(
        "calendar-duplicated", CALENDAR, duplicated, "duplicated hours", band, seeds
    )


def calendar_efficiency(seeds: Sequence[int] = SEEDS) -> Record:
    """Shared calendar alone: efficiency +2% to +8%."""
    return against_nothing(
        "calendar-efficiency", CALENDAR, EFFICIENCY, "efficiency", (2.0, 8.0), seeds
    )


def weekly_meeting_efficiency(seeds: Sequence[int] = SEEDS) -> Record:
    """A weekly 1 h cross-team meeting of all teams alone: efficiency +2% to +8%."""
    return against_nothing(
        "weekly-meeting-efficiency", WEEKLY, EFFICIENCY, "efficiency", (2.0, 8.0), seeds
    )


def daily_vs_weekly_meeting(seeds: Sequence[int] = SEEDS) -> Record:
    """A daily 1 h cross-team meeting against a weekly one: efficiency at least 5% worse."""
    weekly, daily = runs(SM, WEEKLY, DAILY, seeds=seeds)
    ci = M.relative(weekly, daily, EFFICIENCY)
    note = "daily 1 h meeting vs weekly 1 h meeting: efficiency"
    return of_interval("daily-vs-weekly-meeting", ci, (-INF, -5.0), "% change", seeds, note)


def daily_meeting_vs_none(seeds: Sequence[int] = SEEDS) -> Record:
    """A daily 1 h cross-team meeting against none: efficiency worse (below 0)."""
    return against_nothing(
        "daily-meeting-vs-none", DAILY, EFFICIENCY, "efficiency", (-INF, 0.0), seeds
    )


def shared_goals_handoff_wait(seeds: Sequence[int] = SEEDS) -> Record:
    """Shared goals (0.7) alone: cross-team handoff wait -20% to -40%.

    The wait per handoff (`handoff_wait_mean`), the measure of stylized fact 1.
    """
    wait = M.summary("handoff_wait_mean")
    what = "handoff wait per handoff"
    return against_nothing("goals-handoff-wait", GOALS_07, wait, what, (-40.0, -20.0), seeds)


def shared_goals_efficiency(seeds: Sequence[int] = SEEDS) -> Record:
    """Shared goals (0.7) alone: efficiency +3% to +10%."""
    return against_nothing(
        "goals-efficiency", GOALS_07, EFFICIENCY, "efficiency", (3.0, 10.0), seeds
    )


def sweep(seeds: Sequence[int]) -> tuple[list[float], list[list[Run]]]:
    """Mean efficiency at each of `WEIGHTS`, and the runs."""
    swept = runs(SM, *(goal(w) for w in WEIGHTS), seeds=seeds)
    means = [float(np.mean([EFFICIENCY(r) for r in rs])) for rs in swept]
    return means, swept


def best_shared_weight(seeds: Sequence[int] = SEEDS) -> Record:
    """The shared weight (every team's, set at week 0) of the best mean efficiency: 0.4-0.8.

    Swept 0, 0.1, ..., 1.0. No interval (an argmax).
    """
    means, _ = sweep(seeds)
    best = WEIGHTS[int(np.argmax(means))]
    curve = ", ".join(f"{w:.1f}: {m:.4g}" for w, m in zip(WEIGHTS, means, strict=True))
    note = f"mean efficiency by weight: {curve}"
    return Record(
        "best-shared-weight",
        best,
        math.nan,
        math.nan,
        (0.4, 0.8),
        "shared_weight",
        tuple(seeds),
        note,
    )


def full_shared_weight_vs_best(seeds: Sequence[int] = SEEDS) -> Record:
    """Shared weight 1.0 against the sweep's best: efficiency at least 2% below.

    The best is chosen on the same seeds (a small bias in its favour).
    """
    means, swept = sweep(seeds)
    i = int(np.argmax(means))
    ci = M.relative(swept[i], swept[-1], EFFICIENCY)
    note = f"shared weight 1.0 vs the best, {WEIGHTS[i]:.1f}: efficiency"
    return of_interval("full-weight-vs-best", ci, (-INF, -2.0), "% change", seeds, note)
