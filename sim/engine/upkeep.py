"""Upkeep: what links and rituals cost in hours every week, charged as debts before work.

One home for these charges: the weekly charge and the price an action shows
before it is taken both come from `link_hours`.
"""

from __future__ import annotations

from sim.org import Link, Team, Worker
from sim.params import HOURS_PER_WEEK, Params


def link_hours(p: Params, link: Link, worker: Worker, linked_teams: int) -> tuple[float, float]:
    """(meeting hours, coordination hours) a link costs one of its people in a week."""
    kind = link.kind
    if kind == "meeting":
        if link.attendees is not None and worker.uid not in link.attendees:
            return 0.0, 0.0
        return link.per_week * link.hours, link.per_week * p.meeting_switch_hours
    if kind == "guild":
        return (link.per_week * p.guild_hours, 0.0) if worker.skill == link.skill else (0.0, 0.0)
    if kind == "chat":
        return 0.0, p.chat_cost_hours * (linked_teams - 1)
    if kind == "liaison" and worker is link.liaison:
        return 0.0, liaison_hours(p, linked_teams)
    return 0.0, 0.0


def liaison_hours(p: Params, linked_teams: int) -> float:
    """Weekly hours a liaison role between this many teams takes (at most the week)."""
    return min(HOURS_PER_WEEK, p.liaison_hours_per_team * linked_teams)


def charge_people(p: Params, teams: list[Team], tools: int) -> None:
    """What being in this org costs each person this week, besides links.

    Alignment on shared goals (rising as the square of the weight), keeping the
    org's tools up to date, a handover spread over weeks after a move, and a
    teammate's mentoring hours for each new hire while they ramp up.
    """
    for t in teams:
        align = p.alignment_hours * t.shared_weight * t.shared_weight
        upkeep = p.tool_upkeep_hours * tools
        new = sum(1 for w in t.members if w.new)
        for w in t.members:
            w.debt_coord += align + upkeep
            if w.handover_left > 0:
                due = min(w.handover_left, p.handover_hours / p.handover_weeks)
                w.handover_left -= due
                w.debt_coord += due
        if new:
            mentors = [w for w in t.members if not w.new]
            for i in range(new):
                if mentors:
                    mentors[i % len(mentors)].debt_coord += p.mentor_hours


def charge_links(p: Params, links: list[Link], teams: list[Team], now: float) -> None:
    """Meetings, guilds, chat and liaison roles owe hours this week."""
    for link in links:
        if not link.alive(now):
            continue
        covered = [t for t in teams if link.covers(t.idx)]
        if link.kind == "liaison":
            w = link.liaison
            if w is not None and w.present:
                w.debt_coord += link_hours(p, link, w, len(covered))[1]
            continue
        for t in covered:
            for w in t.members:
                meet, coord = link_hours(p, link, w, len(covered))
                w.debt_meet += meet
                w.debt_coord += coord
