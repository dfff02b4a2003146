"""Frozen views of the live simulation, for the game and notebooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine.messages import LATE_KEPT
from sim.paths import campaign_path
from sim.people import TERMS
from sim.results import (
    HOUR_CATEGORIES,
    CampaignPath,
    FrozenMap,
    LinkView,
    Snapshot,
    TeamView,
    WorkerView,
)

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team, Worker


def _team_view(sim: Simulation, t: Team) -> TeamView:
    members = tuple(
        WorkerView(w.name, w.skill, t.name, w.engagement, w.target, w.ramp, w.new)
        for w in t.members
    )
    n = len(t.members)
    terms = _mean_terms(t.members) if n else dict.fromkeys(TERMS, 0.0)
    last = sim.ledger.team_series.get(t.name)
    waiting = tuple(f"{task.label} (from {_upstream(task)})" for task in t.waiting)
    return TeamView(
        name=t.name,
        skills=tuple(t.skills),
        kpi=t.kpi,
        shared_weight=t.shared_weight,
        external=t.external,
        included=t.included,
        members=members,
        engagement=sum(w.engagement for w in t.members) / n if n else 0.0,
        queue=len(t.queue) + len(t.own_queue),
        queue_hours=t.load(),
        waiting=waiting,
        duplicated_hours=last["duplicated"][-1] if last and last["duplicated"] else 0.0,
        engagement_terms=FrozenMap(terms),
        hours=FrozenMap(
            {
                c: last[f"hours_{c}"][-1] if last and last[f"hours_{c}"] else 0.0
                for c in HOUR_CATEGORIES
            }
        ),
    )


def _mean_terms(members: list[Worker]) -> dict[str, float]:
    """Each engagement term's mean over the members, summed in member order.

    A worker's terms are empty (not yet moved) or every term in TERMS order
    (sim/people.py), so the sums run column by column; a missing term counts 0.
    """
    rows = [w.terms for w in members if w.terms]
    if all(len(r) == len(TERMS) for r in rows):
        # A left fold from 0 as before; an empty worker's 0.0 never changed it.
        sums = [sum(col) for col in zip(*(r.values() for r in rows), strict=True)]
        if not sums:
            sums = [0.0] * len(TERMS)
    else:
        sums = [sum(r.get(k, 0.0) for r in rows) for k in TERMS]
    n = len(members)
    return {k: total / n for k, total in zip(TERMS, sums, strict=True)}


def _upstream(task: object) -> str:
    deps = getattr(task, "deps", [])
    names = [d.team.name for d in deps if d.done and d.team is not None]
    return ", ".join(dict.fromkeys(names)) or "upstream"


LATE_SHOWN = LATE_KEPT
"""Overdue open campaigns and late live ones a snapshot carries (each at most)."""


def late_paths(sim: Simulation) -> tuple[CampaignPath, ...]:
    """The most overdue open campaigns, then the latest to go live late."""
    now = sim.clock.now
    overdue = sorted(
        (c for c in sim.demand.open_campaigns if c.due < now), key=lambda c: (c.due, c.id)
    )
    open_paths = [campaign_path(c, now, sim.clock.origin) for c in overdue[:LATE_SHOWN]]
    return (*open_paths, *reversed(sim.messages.late_paths[-LATE_SHOWN:]))


def link_views(sim: Simulation, team: int | None = None) -> tuple[LinkView, ...]:
    """The live links (only those covering team index `team`, when given)."""
    now = sim.clock.now
    names = {t.idx: t.name for t in sim.org.teams}
    return tuple(
        LinkView(
            kind=lk.kind,
            teams=("*",) if lk.teams is None else tuple(names[i] for i in lk.teams),
            per_week=lk.per_week,
            hours=lk.hours,
            liaison=lk.liaison.name if lk.liaison is not None else None,
            skill=lk.skill,
        )
        for lk in sim.net.links
        if lk.alive(now) and (team is None or lk.covers(team))
    )


def tools_view(sim: Simulation) -> FrozenMap[str, bool]:
    """Which org-wide tools are switched on now."""
    now = sim.clock.now
    return FrozenMap(
        {
            "shared_calendar": sim.net.calendar_since <= now,
            "knowledge_base": sim.net.kb_since <= now,
        }
    )


def snapshot(sim: Simulation) -> Snapshot:
    teams = tuple(_team_view(sim, t) for t in sim.org.live_teams())
    links = link_views(sim)
    last = {k: v[-1] for k, v in sim.ledger.series.items() if v}
    return Snapshot(
        week=sim.week,
        weeks=sim.weeks,
        teams=teams,
        links=links,
        tools=tools_view(sim),
        last_week=FrozenMap(last),
        feed=sim.feed.of_week(sim.week),
        pending_hires=len(sim.staff.pending_hires),
        late=late_paths(sim),
    )
