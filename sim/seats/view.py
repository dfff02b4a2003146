"""A seat's view: a frozen snapshot of the org as one team knows it.

A team knows its own people and numbers, the work it holds, the news that has
reached it (handoffs, changes of message, others' work it came to know of) by
the model's routes, the messages other seats sent it that got through, and the
org-wide figures only from the periodic report the scenario allows
(`seat_report_weeks`). It does not know which of its hours were duplicated or
spent waiting: to the team those were first-time work and routine work. What
it could not see is kept for the reveal (`sim.seats.reveal`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.params import HOURS_PER_DAY, HOURS_PER_WEEK
from sim.results import FrozenMap, LinkView
from sim.seats.records import Note, Proposal, Talk

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.engine.newslog import Heard
    from sim.org import Team


def week_of(sim: Simulation, t: float) -> int:
    """The week (1 = the first played) in which engine time `t` falls; 0 or less: before."""
    return math.floor((t - sim.clock.origin) / HOURS_PER_WEEK) + 1


@dataclass(frozen=True, slots=True)
class NewsItem:
    """News that reached the seat's team."""

    week: int
    """Week it arrived."""
    kind: str
    """'handoff', 'message', 'fact' or 'talk' (a message from another seat)."""
    text: str
    days_late: float
    """Working days between the news arising (or the message leaving) and its arrival."""
    via: str


@dataclass(frozen=True, slots=True)
class OrgReport:
    """The org-wide figures of the last report the seat received."""

    week: int
    """The report's week (it covers the weeks since the one before)."""
    weeks: int
    efficiency: float
    """Value per 1,000 of spend over the weeks it covers."""
    value: float
    engagement: float
    campaigns_done: float
    """Campaigns that went live in the weeks it covers."""
    campaigns_late: float
    """Of those, how many went live late."""


@dataclass(frozen=True, slots=True)
class SeatTeam:
    """The seat's own team as it sees itself."""

    name: str
    headcount: int
    members: tuple[tuple[str, str, float], ...]
    """(name, skill, engagement) of each member."""
    kpi: str
    shared_weight: float
    engagement: float
    queue: int
    """Tasks ready to work on."""
    queue_hours: float
    awaiting: tuple[str, ...]
    """Its campaign tasks still waiting for inputs, as far as it knows ('campaign: task
    needs X from Team'): it cannot tell an input not yet done from one done but unheard."""
    finished: tuple[str, ...]
    """Campaign tasks it finished last week (its own news: known at once, inside it)."""
    hours: FrozenMap[str, float]
    """Hours last week as the team saw them: project work, routine, rework, meetings,
    coordination (duplicated hours look like project work, waiting like routine)."""


@dataclass(frozen=True, slots=True)
class SeatView:
    """Everything one seat may see at the start of a round."""

    seat: str
    """The seat's name (its team's name when the game began)."""
    player: str
    """'human' or 'bot:<behaviour>'."""
    week: int
    weeks: int
    team: SeatTeam
    links: tuple[LinkView, ...]
    """The live links its team is part of."""
    tools: FrozenMap[str, bool]
    """Org-wide tools (everyone sees whether the calendar is on)."""
    teams: tuple[str, ...]
    """The other teams' names (who there is to talk to), not their numbers."""
    inbox: tuple[NewsItem, ...]
    """News and messages that reached the team, oldest first."""
    sent: tuple[Talk, ...]
    """Messages this seat sent (it does not know whether or when they arrived)."""
    proposals: tuple[Proposal, ...]
    """Proposals put to this seat this round, to accept or refuse."""
    notes: tuple[Note, ...]
    """What became of its decisions and of proposals put to it."""
    report: OrgReport | None
    """The latest org-wide report, if the scenario gives seats one and one is out."""


SEEN_HOURS = {
    "project work": ("first_time", "duplicated"),
    "routine": ("routine", "info_wait"),
    "rework": ("rework",),
    "meetings": ("meetings",),
    "coordination": ("coordination",),
}
"""How a team sees its hours: it cannot tell duplicated work or waiting from the rest."""


def seat_team(sim: Simulation, team: Team) -> SeatTeam:
    last = sim.ledger.team_series.get(team.name)

    def hours(cat: str) -> float:
        series = last.get(f"hours_{cat}") if last else None
        if not series or not math.isfinite(series[-1]):
            return 0.0
        return float(series[-1])

    n = len(team.members)
    return SeatTeam(
        name=team.name,
        headcount=n,
        members=tuple((w.name, w.skill, w.engagement) for w in team.members),
        kpi=team.kpi,
        shared_weight=team.shared_weight,
        engagement=sum(w.engagement for w in team.members) / n if n else 0.0,
        queue=len(team.queue) + len(team.own_queue),
        queue_hours=team.load(),
        awaiting=awaiting(sim, team),
        finished=finished(sim, team),
        hours=FrozenMap({k: sum(hours(c) for c in cats) for k, cats in SEEN_HOURS.items()}),
    )


def awaiting(sim: Simulation, team: Team) -> tuple[str, ...]:
    """The team's campaign tasks whose inputs it does not yet know to be done."""
    out = []
    for c in sim.demand.open_campaigns:
        for t in c.tasks:
            if t.team is not team or t.done or not (t.deps_left or t.pending):
                continue
            # Inputs done inside the team count too while a new team's news is slow.
            ups = [d for d in t.deps if d.team is not team or not d.done] or list(t.deps)
            names = ", ".join(
                dict.fromkeys(f"{d.name} from {d.team.name if d.team else '?'}" for d in ups)
            )
            out.append(f"{t.label} needs {names}")
    return tuple(out)


def finished(sim: Simulation, team: Team) -> tuple[str, ...]:
    """The team's campaign tasks finished in the week just played (campaigns in flight)."""
    since = sim.clock.now - HOURS_PER_WEEK
    return tuple(
        t.label
        for c in sim.demand.open_campaigns
        for t in c.tasks
        if t.team is team and t.done and t.first_done >= since
    )


def heard_items(sim: Simulation, heard: list[Heard], names: set[str]) -> list[NewsItem]:
    """The engine's news log entries for a team that went by these names."""
    now = sim.clock.now
    return [
        NewsItem(
            week_of(sim, h.arrived),
            h.kind,
            h.text,
            max(0.0, (h.arrived - h.sent) / HOURS_PER_DAY),
            h.via,
        )
        for h in heard
        if h.team in names and h.arrived <= now
    ]


def talk_items(sim: Simulation, talks: list[Talk], seat: str) -> list[NewsItem]:
    """Messages to `seat` that have arrived by now."""
    now = sim.clock.now
    return [
        NewsItem(
            week_of(sim, m.arrives),
            "talk",
            f"{m.sender}: {m.text}",
            (m.arrives - m.sent) / HOURS_PER_DAY,
            m.via,
        )
        for m in talks
        if m.to == seat and m.arrives <= now
    ]


def org_report(sim: Simulation) -> OrgReport | None:
    """The latest report a seat has (every `seat_report_weeks` weeks), or None."""
    every = sim.p.seat_report_weeks
    week = sim.week
    if every <= 0 or week < every:
        return None
    last = week - week % every
    s = sim.ledger.series
    span = slice(last - every, last)
    value = float(sum(s["value"][span]))
    spend = float(sum(s["spend"][span]))
    engagement = s["engagement"][span]
    return OrgReport(
        week=last,
        weeks=every,
        efficiency=1000.0 * value / spend if spend > 0 else math.nan,
        value=value,
        engagement=sum(engagement) / len(engagement) if engagement else math.nan,
        campaigns_done=float(sum(s["campaigns_done"][span])),
        campaigns_late=float(sum(s["campaigns_late"][span])),
    )
