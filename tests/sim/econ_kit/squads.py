"""Rows of the reorg J-curve: squads formed at week 10 in siloed-marketing, vs doing nothing.

Weekly value is compared week by week on paired seeds. Week n is the n-th
week played; squads formed at boundary 10 first work in week 11.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from sim import actions as A

from . import measures as M
from . import plans as P
from .common import INF, SEEDS, SM, runs
from .record import Record, of_interval
from .runs import Run

SQUADS_10 = P.lever("squads at week 10", A.FormSquads(), week=10)


def _squads(seeds: Sequence[int]) -> tuple[list[Run], list[Run]]:
    nothing, squads = runs(SM, P.NOTHING, SQUADS_10, seeds=seeds)
    return nothing, squads


def _trough(diff: np.ndarray) -> int:
    """The week of weeks 10-16 with the lowest difference."""
    return 10 + int(np.nanargmin(diff[9:16]))


def squads_trough(seeds: Sequence[int] = SEEDS) -> Record:
    """Weekly value's trough in weeks 10-16: 10-30% below doing nothing.

    The week of weeks 10-16 whose mean paired difference of value (as a % of
    doing nothing's mean that week) is lowest; the interval is that week's.
    """
    nothing, squads = _squads(seeds)
    diff, half = M.relative_week_by_week(nothing, squads, "value")
    week = _trough(diff)
    d, h = float(diff[week - 1]), float(half[week - 1])
    note = f"squads at week 10 vs do nothing: weekly value, lowest in week {week}"
    return Record(
        "squads-trough", d, d - h, d + h, (-30.0, -10.0), "% vs do nothing", tuple(seeds), note
    )


def _recovery_week(diff: np.ndarray, after: int) -> float:
    for week in range(after + 1, len(diff) + 1):
        if np.mean(diff[max(0, week - 4) : week]) >= 0:
            return float(week)
    return INF


def squads_recovery_week(seeds: Sequence[int] = SEEDS) -> Record:
    """Weekly value back at doing nothing's by week 26.

    The first week after the trough (`squads_trough`) at which the paired %
    difference of weekly value, averaged over that week and the three before
    it, is at or above zero (`never` if none). No interval.
    """
    nothing, squads = _squads(seeds)
    diff, _ = M.relative_week_by_week(nothing, squads, "value")
    trough = _trough(diff)
    week = _recovery_week(diff, trough)
    note = (
        f"squads at week 10: trough in week {trough}; first week whose 4-week trailing "
        "mean of the paired % difference in weekly value is >= 0"
    )
    return Record(
        "squads-recovery-week", week, math.nan, math.nan, (-INF, 26.0), "week", tuple(seeds), note
    )


def squads_late_gain(seeds: Sequence[int] = SEEDS) -> Record:
    """Value in weeks 30-52: +5% to +20% over doing nothing."""
    nothing, squads = _squads(seeds)
    ci = M.relative(nothing, squads, M.window_mean("value", 30, 52))
    note = "squads at week 10 vs do nothing: value in weeks 30-52"
    return of_interval("squads-late-gain", ci, (5.0, 20.0), "% change", seeds, note)


def squads_payback_week(seeds: Sequence[int] = SEEDS) -> Record:
    """Cumulative value catches up with doing nothing's between weeks 20 and 40.

    The first week after week 10 at which the mean paired difference of
    cumulative value is at or above zero (`never` if none). No interval.
    """
    nothing, squads = _squads(seeds)
    gaps = [
        np.cumsum(s.weekly["value"] - n.weekly["value"])
        for n, s in zip(nothing, squads, strict=True)
    ]
    cum = np.mean(gaps, axis=0)
    ahead = [w for w in range(11, len(cum) + 1) if cum[w - 1] >= 0]
    week = float(ahead[0]) if ahead else INF
    note = (
        "squads at week 10: first week after 10 with cumulative value >= do nothing's; "
        f"cumulative difference at the end {cum[-1]:+.4g}"
    )
    return Record(
        "squads-payback-week", week, math.nan, math.nan, (20.0, 40.0), "week", tuple(seeds), note
    )
