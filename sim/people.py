"""People: engagement moving toward its target, and who quits.

The target and each of its terms are kept on the worker so the game can say
why engagement moves (MODEL.md mechanic 10).
"""

from __future__ import annotations

from sim.org import DUPLICATED, INFO_WAIT, MEETINGS, REWORK, Team, Worker
from sim.params import HOURS_PER_WEEK, Params

TERMS = ("baseline", "goals", "wasted", "overload", "meetings", "waiting", "excluded")


def productivity(p: Params, engagement: float) -> float:
    return p.productivity_base + p.productivity_slope * engagement


def team_overhead(p: Params, size: int) -> float:
    return min(p.overhead_cap, p.overhead_per_member * max(0, size - 1))


def update_engagement(p: Params, team: Team, load: float) -> None:
    """Move each member's engagement a step toward this week's target."""
    excluded = 1.0 if team.external and not team.included else 0.0
    goals = p.goal_weight * (team.shared_weight - 0.5)
    overload = -p.overload_weight * max(0.0, load - p.overload_threshold)
    for w in team.members:
        h = w.hours
        worked = sum(h)
        wasted = (h[DUPLICATED] + h[REWORK]) / worked if worked > 0 else 0.0
        meeting_share = h[MEETINGS] / HOURS_PER_WEEK
        terms = {
            "baseline": w.baseline,
            "goals": goals,
            "wasted": -p.wasted_weight * wasted,
            "overload": overload,
            "meetings": -p.meeting_weight * max(0.0, meeting_share - p.meeting_threshold),
            "waiting": -p.waiting_weight * h[INFO_WAIT] / HOURS_PER_WEEK,
            "excluded": -p.excluded_weight * excluded,
        }
        target = sum(terms.values())
        w.terms = terms
        w.target = target
        e = w.engagement + p.engagement_rate * (target - w.engagement)
        w.engagement = 0.0 if e < 0 else 1.0 if e > 1 else e


def quit_probability(p: Params, worker: Worker) -> float:
    return p.quit_base * (1 + p.quit_disengaged * (1 - worker.engagement))


def shift_engagement(workers: list[Worker], delta: float) -> None:
    """A one-off jump (celebration, reorg shock), kept inside [0, 1]."""
    for w in workers:
        e = w.engagement + delta
        w.engagement = 0.0 if e < 0 else 1.0 if e > 1 else e
