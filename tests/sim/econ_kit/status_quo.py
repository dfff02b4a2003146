"""Rows of E1 and calibration: doing nothing stands still, at believable levels.

Stationarity and calibration apply to every built-in but the tutorial; the
levels of engagement and quits are sizes of siloed-marketing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from . import measures as M
from . import plans as P
from .common import SEEDS, SM, runs
from .record import Record, of_interval


def stationary_engagement(scenario: str = SM, seeds: Sequence[int] = SEEDS) -> Record:
    """Doing nothing: mean engagement of the last quarter minus the first, within 0.03.

    Weeks 40-52 against weeks 1-13 of a 52-week run (a quarter of the horizon).
    """
    (nothing,) = runs(scenario, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.quarter_drift("engagement"))
    note = "do nothing: last-quarter minus first-quarter mean engagement"
    return of_interval(
        f"stationary-engagement/{scenario}", ci, (-0.03, 0.03), "engagement", seeds, note
    )


def stationary_efficiency(scenario: str = SM, seeds: Sequence[int] = SEEDS) -> Record:
    """Doing nothing: a year's drift of efficiency under 3% of its level (no trend).

    The slope of a least-squares line through 4-week means of weekly
    efficiency, times 52 weeks, over the mean of the 4-week means.
    """
    (nothing,) = runs(scenario, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.yearly_drift("efficiency"))
    note = (
        "do nothing: LSQ slope of 4-week mean efficiency x 52 / level; passes when the "
        "95% interval meets the band (no trend the runs can detect)"
    )
    record = of_interval(
        f"stationary-efficiency/{scenario}", ci, (-3.0, 3.0), "%/year", seeds, note
    )
    return dataclasses.replace(record, consistent=True)


def calibration_first_time(scenario: str, seeds: Sequence[int] = SEEDS) -> Record:
    """Doing nothing: first-time work (campaigns and initiatives), 35-55% of paid hours."""
    (nothing,) = runs(scenario, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.summary("first_time_share"), 100.0)
    name = f"calibration-first-time/{scenario}"
    return of_interval(
        name, ci, (35.0, 55.0), "% of paid h", seeds, "do nothing: summary first_time_share"
    )


def calibration_duplicated(scenario: str, seeds: Sequence[int] = SEEDS) -> Record:
    """Doing nothing: duplicated work, 8-15% of paid hours."""
    (nothing,) = runs(scenario, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.summary("duplicated_share"), 100.0)
    name = f"calibration-duplicated/{scenario}"
    return of_interval(
        name, ci, (8.0, 15.0), "% of paid h", seeds, "do nothing: summary duplicated_share"
    )


def do_nothing_engagement(seeds: Sequence[int] = SEEDS) -> Record:
    """Siloed-marketing, doing nothing: mean engagement 0.40-0.55 (a siloed org in surveys)."""
    (nothing,) = runs(SM, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.run_mean("engagement"))
    note = "do nothing: mean of weekly engagement"
    return of_interval("dn-engagement-level", ci, (0.40, 0.55), "engagement", seeds, note)


def do_nothing_quits(seeds: Sequence[int] = SEEDS) -> Record:
    """Siloed-marketing, doing nothing: quits a year, 12-20% of headcount."""
    (nothing,) = runs(SM, P.NOTHING, seeds=seeds)
    ci = M.level(nothing, M.annual_quits)
    note = "do nothing: quits / mean headcount, a year"
    return of_interval("dn-annual-quits", ci, (12.0, 20.0), "% of headcount", seeds, note)
