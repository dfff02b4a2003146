"""Staff: people joining, leaving and hired, and how engagement and attrition move between weeks.

Engagement moves toward its target once a week from the week's hours
(MODEL.md 10); quits are drawn per worker and week from the attrition stream
(common random numbers); a vacancy is filled after the hiring delay by a new
person who ramps up (MODEL.md 11).

Two scripted disruptions live here too. A person on leave is away for whole
weeks and then back where they were, engagement and ramp as they left them;
in-house staff stay on the payroll while away (holiday, sick and most family
leave are paid), so the org loses their hours, not their cost; an agency
bills only the hours its people work. A hiring freeze (a budget cut) stops
recruiting: a position that opens while it lasts starts its hiring delay only
when it lifts, so a vacancy saves its pay and costs its work.
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
        self.away: dict[int, tuple[int, Worker]] = {}  # uid -> (week back, worker) on leave
        self.frozen_until = 0
        """The week a hiring freeze lifts (none on when it is not after this week)."""
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
        """Celebrate together now: the lift, `celebrate_hours` of everyone's time, and its spend."""
        lift = self.celebration_lift()
        self.morale += lift
        present = self.org.present_workers()
        for w in present:
            w.debt_meet += self.p.celebrate_hours
        self.ledger.spend(self.p.celebrate_spend * len(present))
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

    def leave_event(self, name: str | None, text: str, weeks: int | None = None) -> None:
        """A scripted departure: away for `weeks` and then back, or (no weeks) gone for
        good and replaced after the hiring delay."""
        for w in self.org.workers:
            if w.name == name and w.present:
                team = w.team.name
                if weeks is None:
                    self.remove_worker(w, replace=True)
                    self.feed.announce(text or f"{w.name} ({team}) leaves.")
                else:
                    self._go_away(w, weeks)
                    self.feed.announce(
                        text or f"{w.name} ({team}) is on leave for {_weeks(weeks)}."
                    )
                return

    def _go_away(self, w: Worker, weeks: int) -> None:
        w.present = False
        self.floor.take_off(w)
        w.team.members.remove(w)
        # Away from the week's start: the meetings and upkeep charged for it are not theirs.
        w.debt_meet = w.debt_coord = 0.0
        self.away[w.uid] = (self.clock.week + weeks, w)
        self.refresh()

    def _come_back(self, w: Worker) -> None:
        """Back from leave, to the team that now holds theirs (a reorg may have moved it)."""
        w.hours[:] = _NO_HOURS  # what they booked as they left belongs to a week long gone
        team = self.org.resolve(w.team.idx)
        if w.skill not in team.skills:
            team = self.org.route(w.skill, None) or team
        w.team = team
        w.present = True
        w.idle_since = None
        team.members.append(w)
        self.floor.start_worker(w)
        self.feed.announce(f"{w.name} is back from leave ({team.name}).")

    def away_until(self, name: str) -> int | None:
        """The week someone on leave is back (None: they are not on leave)."""
        for back, w in self.away.values():
            if w.name == name:
                return back
        return None

    def pay_absent(self) -> None:
        """This week's pay of in-house people on leave (an agency bills hours worked)."""
        for _, w in self.away.values():
            if not self.org.resolve(w.team.idx).external:
                self.ledger.spend(self.p.hourly_cost * HOURS_PER_WEEK)

    def freeze_hiring(self, weeks: int, text: str) -> None:
        """A budget cut: no recruiting for `weeks` (positions opened meanwhile wait)."""
        self.frozen_until = max(self.frozen_until, self.clock.week + weeks)
        self.feed.announce(
            text
            or f"Budget cut: a hiring freeze for {_weeks(weeks)}. Nobody who leaves is "
            "replaced until it lifts."
        )
        self.clock.at(self.clock.time_of(self.frozen_until), self._thaw)

    def _thaw(self) -> None:
        if self.clock.week == self.frozen_until:
            self.feed.announce("The hiring freeze lifts: open positions are recruited again.")

    @property
    def frozen(self) -> bool:
        """Whether a hiring freeze holds recruiting this week."""
        return self.frozen_until > self.clock.week

    def hire_week(self) -> int:
        """The week a position opened now is filled: the hiring delay, counted from the
        end of a hiring freeze if one is on."""
        return max(self.clock.week, self.frozen_until) + self.p.hire_delay_weeks

    def remove_worker(self, w: Worker, replace: bool, refresh: bool = True) -> None:
        w.present = False
        self.floor.take_off(w)
        w.team.members.remove(w)
        if replace:
            self.pending_hires.append((self.hire_week(), w.team.idx, w.skill))
        if refresh:
            self.refresh()

    def open_positions(self, team: Team, skill: str, count: int) -> None:
        for _ in range(count):
            self.pending_hires.append((self.hire_week(), team.idx, skill))

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
        """At a week boundary: people back from leave, and hires whose delay is over."""
        week = self.clock.week
        back = [w for due, w in self.away.values() if due <= week]
        for w in back:
            del self.away[w.uid]
            self._come_back(w)
        due = [h for h in self.pending_hires if h[0] <= week]
        self.pending_hires = [h for h in self.pending_hires if h[0] > week]
        for _, idx, skill in due:
            team = self.org.resolve(idx)
            if team.active:
                w = self.hire_now(team, skill)
                self.feed.say("hire", f"{w.name} joins {team.name} ({skill}).", (team.name,))
        if due or back:
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
        held = " The hiring freeze holds the vacancy until it lifts." if self.frozen else ""
        for w in quits:
            self.remove_worker(w, replace=True, refresh=False)
            self.feed.say(
                "quit",
                f"{w.name} quit {w.team.name} (engagement {w.engagement:.2f}).{held}",
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


def _weeks(n: int) -> str:
    return "a week" if n == 1 else f"{n} weeks"
