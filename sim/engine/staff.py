"""Staff: people joining, leaving and hired, and how engagement and attrition move between weeks.

Engagement moves toward its target once a week from the week's hours
(MODEL.md 10); quits are drawn per worker and week from the attrition stream
(common random numbers); a vacancy is filled after the hiring delay by a new
person who ramps up (MODEL.md 11).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from sim.engine.clock import Clock
from sim.engine.feed import Feed
from sim.engine.floor import WorkFloor
from sim.engine.orgchart import OrgChart
from sim.metrics import Ledger
from sim.org import N_CATEGORIES, Team, Worker
from sim.params import HOURS_PER_WEEK, Params
from sim.people import quit_probability, update_engagement
from sim.rng import WEEK_KEY, Keyed

_NO_HOURS = (0.0,) * N_CATEGORIES
"""A week's hours before any is booked (each worker's list is reset to it in place)."""


class Staff:
    """Who is in the org week to week: arrivals, departures, hires, engagement."""

    def __init__(
        self,
        p: Params,
        clock: Clock,
        org: OrgChart,
        floor: WorkFloor,
        feed: Feed,
        ledger: Ledger,
        attrition: Keyed,
        refresh: Callable[[], None],
    ) -> None:
        self.p = p
        self.clock = clock
        self.env = clock.env
        self.org = org
        self.floor = floor
        self.feed = feed
        self.ledger = ledger
        self.attrition = attrition
        self.refresh = refresh
        self.pending_hires: list[tuple[int, int, str]] = []  # (week, team idx, skill)
        self.joining: dict[int, int] = {}
        """Teams yet to join the org: team index -> the week it is due."""
        self.wins_since_celebration = 0
        # The lift celebrations give the engagement target: it wears off week by week.
        self.morale = 0.0
        self.last_celebration: int | None = None

    def celebration_lift(self) -> float:
        """What celebrating now would add to the target (negative: a hollow celebration).

        The wins since the last celebration each lift it, up to a cap, and the same
        wins celebrated again soon lift less (habituation).
        """
        p = self.p
        wins = self.wins_since_celebration
        if wins == 0:
            return -p.celebrate_hollow
        gap = math.inf if self.last_celebration is None else self.clock.week - self.last_celebration
        fresh = 1.0 - math.exp(-gap / p.celebrate_recovery_weeks)
        return min(p.celebrate_cap, p.celebrate_per_win * wins) * fresh

    def celebrate(self) -> float:
        """Celebrate together now: the lift, and `celebrate_hours` of everyone's time."""
        lift = self.celebration_lift()
        self.morale += lift
        for w in self.org.present_workers():
            w.debt_meet += self.p.celebrate_hours
        self.wins_since_celebration = 0
        self.last_celebration = self.clock.week
        return lift

    def win(self) -> None:
        """A campaign went live: one more win to celebrate."""
        self.wins_since_celebration += 1

    def join_later(self, team: Team, week: int) -> None:
        """A team (an agency, say) that joins the org at the start of `week`."""
        team.active = False
        for w in team.members:
            w.present = False
        self.joining[team.idx] = week
        self.env.process(self._join(team, week))

    def _join(self, team: Team, week: int) -> Any:
        yield self.env.timeout(self.clock.time_of(week) - self.env.now)
        if team.idx in self.joining:  # not brought in early (`join_now`)
            self.join_now(team)

    def join_now(self, team: Team) -> None:
        """A team that was to join later joins at this moment."""
        del self.joining[team.idx]
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
        if not team.external:
            self.ledger.spend(self.p.recruiting_cost)  # an agency staffs its own seats
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
        # The warm-up settles engagement at its level faster than people would move.
        rate = self.p.engagement_rate
        if self.clock.warming_up:
            rate = max(rate, self.p.warmup_engagement_rate)
        for t in teams:
            update_engagement(self.p, t, loads[t.idx], rate, self.morale)
        self.morale *= self.p.celebrate_decay

    def draw_quits(self, teams: list[Team]) -> list[Worker]:
        # Nobody quits in the warm-up: the scenario's people are its cast at week 0 (a
        # script or a player may name any of them).
        if not self.p.attrition or self.clock.warming_up:
            return []
        week = self.clock.week
        return [
            w
            for t in teams
            for w in t.members
            if self.attrition.uniform(w.uid, week + WEEK_KEY) < quit_probability(self.p, w)
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
                w.hours[:] = _NO_HOURS  # cleared in place, not a new list a week
            t.dup_hours = 0.0
