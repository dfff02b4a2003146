"""Rows of the par plan in siloed-marketing: its gain, engagement and quits, and its levers.

The par plan is scenarios/strategies/siloed-marketing/par.toml if it exists,
else good.toml.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from . import measures as M
from . import plans as P
from .common import EFFICIENCY, INF, SEEDS, SM, par, runs
from .levers import CALENDAR, GOALS_07, WEEKLY
from .record import Record, of_interval
from .squads import SQUADS_10


def par_quits(seeds: Sequence[int] = SEEDS) -> Record:
    """The par plan: quits a year, 6-12% of headcount."""
    plan = par(SM)
    (planned,) = runs(SM, plan, seeds=seeds)
    ci = M.level(planned, M.annual_quits)
    note = f"{plan.label}: quits / mean headcount, a year"
    return of_interval("par-annual-quits", ci, (6.0, 12.0), "% of headcount", seeds, note)


def par_late_efficiency(seeds: Sequence[int] = SEEDS) -> Record:
    """The par plan: efficiency in weeks 27-52, +12% to +25% over doing nothing."""
    plan = par(SM)
    nothing, planned = runs(SM, P.NOTHING, plan, seeds=seeds)
    ci = M.relative(nothing, planned, M.window_efficiency(27, 52))
    note = f"{plan.label} vs do nothing: efficiency in weeks 27-52"
    return of_interval("par-late-efficiency", ci, (12.0, 25.0), "% change", seeds, note)


def par_engagement(seeds: Sequence[int] = SEEDS) -> Record:
    """The par plan: mean engagement over the run, +0.10 to +0.25 over doing nothing."""
    plan = par(SM)
    nothing, planned = runs(SM, P.NOTHING, plan, seeds=seeds)
    ci = M.paired(nothing, planned, M.run_mean("engagement"))
    note = f"{plan.label} vs do nothing: mean weekly engagement"
    return of_interval("par-engagement", ci, (0.10, 0.25), "engagement", seeds, note)


def single_levers(scenario: str = SM) -> list[P.Plan]:
    """Each of par's levers alone (all its actions of one verb: six chat channels are one
    lever), then the table's single levers not among them."""
    by_verb: dict[str, list[P.Step]] = {}
    for s in par(scenario).steps:
        by_verb.setdefault(s.kind, []).append(s)
    plans = [P.Plan(f"par's {verb} alone", tuple(steps)) for verb, steps in by_verb.items()]
    seen = {p.key for p in plans}
    plans += [p for p in (CALENDAR, WEEKLY, GOALS_07, SQUADS_10) if p.key not in seen]
    return plans


def one_lever_share(seeds: Sequence[int] = SEEDS) -> Record:
    """Any one lever alone: at most 60% of the par plan's efficiency gain over doing nothing.

    The largest ratio over `single_levers` of the lever's mean paired % gain
    to par's. No interval (a ratio of means, maximised).
    """
    plan = par(SM)
    levers = single_levers(SM)
    nothing, planned, *alone = runs(SM, P.NOTHING, plan, *levers, seeds=seeds)
    par_gain = M.relative(nothing, planned, EFFICIENCY).mean
    gains = [M.relative(nothing, rs, EFFICIENCY).mean for rs in alone]
    shares = [100.0 * g / par_gain if par_gain > 0 else math.nan for g in gains]
    share = math.nan if all(math.isnan(s) for s in shares) else float(np.nanmax(shares))
    listed = "; ".join(f"{p.label} {g:+.3g}%" for p, g in zip(levers, gains, strict=True))
    note = f"{plan.label} gains {par_gain:+.3g}%; {listed}"
    return Record(
        "one-lever-share",
        share,
        math.nan,
        math.nan,
        (-INF, 60.0),
        "% of par's gain",
        tuple(seeds),
        note,
    )
