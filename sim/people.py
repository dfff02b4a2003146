"""People: engagement moving toward its target, productivity, and who quits.

The target and each of its terms are kept on the worker so the game can say
why engagement moves (MODEL.md mechanic 10, with the prices of Economics E3).
"""

from __future__ import annotations

import math

from sim.org import DUPLICATED, INFO_WAIT, MEETINGS, REWORK, Team, Worker
from sim.params import HOURS_PER_WEEK, Params

TERMS = (
    "baseline",
    "goals",
    "ownership",
    "wasted",
    "overload",
    "meetings",
    "waiting",
    "excluded",
    "isolated",
    "celebration",
)


def productivity(p: Params, engagement: float) -> float:
    return p.productivity_base + p.productivity_slope * engagement


def team_overhead(p: Params, size: int, crafts: int = 1) -> float:
    """Share of a team's time lost to coordinating itself.

    Linear in the people beyond the first, then faster past `overhead_knee`
    people: communication paths grow as n(n-1)/2, so one giant team is no free
    lunch. Each craft beyond the first adds its share too: people of different
    crafts explain their work, tools and deadlines to each other. The cap only
    keeps the share below 1.
    """
    n = max(0, size - 1)
    big = max(0, size - p.overhead_knee)
    mixed = p.overhead_per_craft * max(0, crafts - 1)
    return min(
        p.overhead_cap, p.overhead_per_member * n + p.overhead_superlinear * big * big + mixed
    )


def channel_focus(p: Params, shared_weight: float) -> float:
    """Share of a channel's own value kept when its team weighs shared goals this much."""
    return 1.0 - p.channel_focus_loss * shared_weight * shared_weight


def goals_term(p: Params, shared_weight: float) -> float:
    """What shared goals add to the target: purpose, rising with the weight."""
    return p.goal_weight * (shared_weight - 0.5)


def ownership_term(p: Params, shared_weight: float) -> float:
    """Past a point nobody owns a channel's results: a cost that grows with the excess."""
    excess = max(0.0, shared_weight - p.ownership_blur_from)
    return -p.ownership_blur_weight * excess * excess


def meetings_term(p: Params, meeting_hours: float) -> float:
    """Meeting fatigue: smooth in all of a person's meeting hours (each hour costs more)."""
    share = meeting_hours / HOURS_PER_WEEK
    return -p.meeting_weight * share * share


def overload_term(p: Params, load: float) -> float:
    """Too much ready work weighs on people, up to a point (nobody works past the week)."""
    return -p.overload_weight * min(p.overload_cap, max(0.0, load - p.overload_threshold))


def update_engagement(p: Params, team: Team, load: float, rate: float, morale: float) -> None:
    """Move each member's engagement a step toward this week's target."""
    excluded = 1.0 if team.external and not team.included else 0.0
    goals = goals_term(p, team.shared_weight)
    ownership = ownership_term(p, team.shared_weight)
    overload = overload_term(p, load)
    excluded_term = -p.excluded_weight * excluded
    for w in team.members:
        h = w.hours
        worked = sum(h)
        wasted = (h[DUPLICATED] + h[REWORK]) / worked if worked > 0 else 0.0
        # The worker's own dict, refilled in TERMS order (the order the target sums
        # them in): one dict per worker for the run, not one per worker per week.
        terms = w.terms
        terms["baseline"] = w.baseline
        terms["goals"] = goals
        terms["ownership"] = ownership
        terms["wasted"] = -p.wasted_weight * wasted
        terms["overload"] = overload
        terms["meetings"] = meetings_term(p, h[MEETINGS])
        terms["waiting"] = -p.waiting_weight * h[INFO_WAIT] / HOURS_PER_WEEK
        terms["excluded"] = excluded_term
        terms["isolated"] = -p.isolated_weight if w.isolated else 0.0
        terms["celebration"] = morale
        target = sum(terms.values())
        w.target = target
        e = w.engagement + rate * (target - w.engagement)
        w.engagement = 0.0 if e < 0 else 1.0 if e > 1 else e


def quit_probability(p: Params, worker: Worker) -> float:
    """Weekly chance of quitting: a hazard that rises steeply as engagement falls."""
    return min(1.0, p.quit_base * math.exp(p.quit_slope * (1.0 - worker.engagement)))


def shift_engagement(workers: list[Worker], delta: float) -> None:
    """A one-off jump (reorg shock), kept inside [0, 1]."""
    for w in workers:
        e = w.engagement + delta
        w.engagement = 0.0 if e < 0 else 1.0 if e > 1 else e
