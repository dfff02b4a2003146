"""Staff: people joining, leaving and hired, and how engagement and attrition move between weeks.

Engagement moves toward its target once a week from the week's hours
(MODEL.md 10); quits are drawn per worker and week from the attrition stream
(common random numbers); a vacancy is filled after the hiring delay by a new
person who ramps up (MODEL.md 11).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.engine.clock import Clock
from sim.engine.feed import Feed
from sim.engine.floor import WorkFloor
from sim.engine.orgchart import OrgChart
from sim.org import Team, Worker
from sim.params import HOURS_PER_WEEK, Params
from sim.people import quit_probability, update_engagement
from sim.rng import Keyed


class Staff:
    """Who is in the org week to week: arrivals, departures, hires, engagement."""

    def __init__(
        self,
        p: Params,
        clock: Clock,
        org: OrgChart,
        floor: WorkFloor,
        feed: Feed,
        attrition: Keyed,
        refresh: Callable[[], None],
    ) -> None:
        self.p = p
        self.clock = clock
        self.env = clock.env
        self.org = org
        self.floor = floor
        self.feed = feed
        self.attrition = attrition
        self.refresh = refresh
        self.pending_hires: list[tuple[int, int, str]] = []  # (week, team idx, skill)
        self.wins_since_celebration = 0

    def win(self) -> None:
        """A campaign went live: one more win to celebrate."""
        self.wins_since_celebration += 1

    def join_later(self, team: Team, week: int) -> None:
        """A team (an agency, say) that joins the org at the start of `week`."""
        team.active = False
        for w in team.members:
            w.present = False
        self.env.process(self._join(team, week))

    def _join(self, team: Team, week: int) -> Any:
        yield self.env.timeout(week * HOURS_PER_WEEK - self.env.now)
        team.active = True
        team.born = self.env.now
        for w in team.members:
            w.present = True
            self.floor.start_worker(w)
        self.refresh()
        self.feed.say(
            "join",
            f"{team.name} joins the org"
            + (" (left out of planning)." if team.external and not team.included else "."),
        )

    def leave_event(self, name: str | None, text: str) -> None:
        """A scripted departure (a key person leaves), replaced after the hiring delay."""
        for w in self.org.workers:
            if w.name == name and w.present:
                self.remove_worker(w, replace=True)
                self.feed.say("quit", text or f"{w.name} ({w.team.name}) leaves.")
                return

    def remove_worker(self, w: Worker, replace: bool, refresh: bool = True) -> None:
        w.present = False
        self.floor.take_off(w)
        w.team.members.remove(w)
        if replace:
            self.pending_hires.append(
                (self.clock.week + self.p.hire_delay_weeks, w.team.idx, w.skill)
            )
        if refresh:
            self.refresh()

    def open_positions(self, team: Team, skill: str, count: int) -> None:
        for _ in range(count):
            self.pending_hires.append((self.clock.week + self.p.hire_delay_weeks, team.idx, skill))

    def hire_now(self, team: Team, skill: str) -> Worker:
        w = self.org.new_worker(f"{team.name} hire {self.org.next_uid}", skill, team)
        w.new = True
        w.ramp = self.p.hire_ramp
        w.ramp_step = (1 - w.ramp) / self.p.ramp_weeks
        team.members.append(w)
        self.floor.start_worker(w)
        return w

    def arrive_hires(self) -> None:
        week = self.clock.week
        due = [h for h in self.pending_hires if h[0] <= week]
        self.pending_hires = [h for h in self.pending_hires if h[0] > week]
        for _, idx, skill in due:
            team = self.org.resolve(idx)
            if team.active:
                w = self.hire_now(team, skill)
                self.feed.say("hire", f"{w.name} joins {team.name} ({skill}).", (team.name,))
        if due:
            self.refresh()

    def move_engagement(self, teams: list[Team]) -> None:
        """Each member's engagement takes a step toward this week's target."""
        loads = {
            t.idx: t.load() / (HOURS_PER_WEEK * len(t.members)) if t.members else 0.0 for t in teams
        }
        for t in teams:
            update_engagement(self.p, t, loads[t.idx])

    def draw_quits(self, teams: list[Team]) -> list[Worker]:
        if not self.p.attrition:
            return []
        week = self.clock.week
        return [
            w
            for t in teams
            for w in t.members
            if self.attrition.uniform(w.uid, week) < quit_probability(self.p, w)
        ]

    def let_go(self, quits: list[Worker]) -> None:
        for w in quits:
            self.remove_worker(w, replace=True, refresh=False)
            self.feed.say(
                "quit",
                f"{w.name} quit {w.team.name} (engagement {w.engagement:.2f}).",
                (w.team.name,),
            )
        if quits:
            self.refresh()

    def new_week(self, teams: list[Team]) -> None:
        """Ramps climb and this week's hours are cleared."""
        for t in teams:
            for w in t.members:
                if w.ramp < 1.0:
                    w.ramp = min(1.0, w.ramp + w.ramp_step)
                    if w.ramp >= 1.0:
                        w.new = False
                w.hours = [0.0] * len(w.hours)
            t.dup_hours = 0.0
