"""The week: people joining and leaving, weekly hour debts, and the bookkeeping between weeks."""

from __future__ import annotations

from typing import Any

from sim.actions import ActionError
from sim.collector import fewer_full_collections
from sim.engine_constants import EPS, FEED_PER_WEEK, PRUNE_EVERY_WEEKS
from sim.org import (
    INFO_WAIT,
    ROUTINE,
    Team,
    Worker,
)
from sim.people import quit_probability, update_engagement
from sim.results import FeedEvent
from sim.state import SimState
from sim.work import (
    HOURS_PER_WEEK,
)


class WeekMixin(SimState):
    """Part of `Simulation` (see sim/engine.py)."""

    def _join_later(self, team: Team, week: int) -> Any:
        yield self.env.timeout(week * HOURS_PER_WEEK - self.env.now)
        team.active = True
        team.born = self.env.now
        for w in team.members:
            w.present = True
            self.env.process(self._work(w))
        self.refresh_routing()
        self.say(
            "join",
            f"{team.name} joins the org"
            + (" (left out of planning)." if team.external and not team.included else "."),
        )

    def _leave_event(self, name: str | None, text: str) -> None:
        for w in self.workers:
            if w.name == name and w.present:
                self.remove_worker(w, replace=True)
                self.say("quit", text or f"{w.name} ({w.team.name}) leaves.")
                return

    def remove_worker(self, w: Worker, replace: bool, refresh: bool = True) -> None:
        now = self.env.now
        team = w.team
        w.present = False
        if w in team.idle:
            team.mark_wait(now)
            team.idle.remove(w)
            self._book_idle(w, now)
            w.wake.succeed()
        if w.task is not None:
            task = w.task
            task.worker = None
            w.task = None
            if task.team is not None:
                self.make_ready(task, now)
        team.members.remove(w)
        if replace:
            self.pending_hires.append((self.week + self.p.hire_delay_weeks, team.idx, w.skill))
        if refresh:
            self.refresh_routing()

    def hire_now(self, team: Team, skill: str) -> Worker:
        w = self.new_worker(f"{team.name} hire {self._uid}", skill, team)
        w.new = True
        w.ramp = self.p.hire_ramp
        w.ramp_step = (1 - w.ramp) / self.p.ramp_weeks
        team.members.append(w)
        self.env.process(self._work(w))
        return w

    def say(self, kind: str, text: str, teams: tuple[str, ...] = (), hours: float = 0.0) -> None:
        """Tell the event feed in plain words (boundary events count toward the coming week)."""
        week = self.week + 1
        said = self._said.get(week, 0)
        if said < FEED_PER_WEEK:
            self.feed.append(FeedEvent(week, kind, text, teams, hours))
        self._said[week] = said + 1

    def step(self, weeks: int = 1) -> None:
        """Advance whole weeks (never past the horizon)."""
        if weeks < 0 or self.week + weeks > self.weeks:
            raise ValueError(f"cannot step {weeks} weeks from week {self.week} of {self.weeks}")
        with fewer_full_collections():
            for _ in range(weeks):
                self._run_week()

    def _run_week(self) -> None:
        self.week_start = self.week * HOURS_PER_WEEK
        self.week_end = self.week_start + HOURS_PER_WEEK
        self.ledger.start_week()
        self._charge_weekly_hours()
        self.env.run(until=self.week_end)
        self._close_week()
        if self.week % PRUNE_EVERY_WEEKS == PRUNE_EVERY_WEEKS - 1:
            self._prune_registry()
        self.week += 1
        self._arrive_hires()
        self._apply_script(self.week)

    def _prune_registry(self) -> None:
        """Forget finished outputs too old to be anyone's equivalent (see WorkMixin._start).

        A start prunes its own key already, by the same rule and a later horizon,
        so this changes no result: it only lets a long run's old outputs go. An
        output of a campaign not yet live stays: rework may still finish it anew.
        """
        horizon = self.week_end - self.p.asset_valid_weeks * HOURS_PER_WEEK
        registry = self.registry
        for key, others in list(registry.items()):
            kept = [
                o
                for o in others
                if not o.done
                or o.done_at >= horizon
                or (o.campaign is not None and not o.campaign.live)
            ]
            if kept:
                others[:] = kept
            else:
                del registry[key]

    def _charge_weekly_hours(self) -> None:
        """Meetings, guilds, chat and liaison roles owe hours every week; idle owers get up."""
        p = self.p
        teams = self.live_teams()
        for link in self.net.links:
            if not link.alive(self.env.now):
                continue
            covered = [t for t in teams if link.covers(t.idx)]
            if link.kind == "meeting":
                for t in covered:
                    for w in t.members:
                        w.debt_meet += link.per_week * link.hours
            elif link.kind == "guild":
                for t in covered:
                    for w in t.members:
                        if w.skill == link.skill:
                            w.debt_meet += link.per_week * p.guild_hours
            elif link.kind == "chat":
                others = len(covered) - 1
                for t in covered:
                    for w in t.members:
                        w.debt_coord += p.chat_cost_hours * others
            elif link.kind == "liaison" and link.liaison is not None and link.liaison.present:
                link.liaison.debt_coord += p.liaison_share * HOURS_PER_WEEK
        now = self.env.now
        for t in teams:
            if not t.idle:
                continue
            owing = [w for w in t.idle if w.debt_meet > EPS or w.debt_coord > EPS]
            if owing:
                t.mark_wait(now)
                for w in owing:
                    t.idle.remove(w)
                    self._book_idle(w, now)
                    w.wake.succeed()

    def _close_week(self) -> None:
        """Book the week's idle time, split off information wait, record, then people move."""
        now = self.week_end
        p = self.p
        teams = self.live_teams()
        for t in teams:
            t.mark_wait(now)
            for w in t.idle:
                self._book_idle(w, now)
                w.idle_since = now
            routine = sum(w.hours[ROUTINE] for w in t.members)
            if routine > 0 and t.wait_integral > 0:
                share = min(1.0, t.wait_integral / routine)
                for w in t.members:
                    moved = w.hours[ROUTINE] * share
                    w.hours[ROUTINE] -= moved
                    w.hours[INFO_WAIT] += moved
            t.wait_integral = 0.0
        loads = {
            t.idx: t.load() / (HOURS_PER_WEEK * len(t.members)) if t.members else 0.0 for t in teams
        }
        for t in teams:
            update_engagement(p, t, loads[t.idx])
        quits: list[Worker] = []
        if p.attrition:
            for t in teams:
                for w in t.members:
                    if self.streams.attrition.uniform(w.uid, self.week) < quit_probability(p, w):
                        quits.append(w)
        self.ledger.end_week(teams, len(quits))
        for w in quits:
            self.remove_worker(w, replace=True, refresh=False)
            self.say(
                "quit",
                f"{w.name} quit {w.team.name} (engagement {w.engagement:.2f}).",
                (w.team.name,),
            )
        if quits:
            self.refresh_routing()
        for t in teams:
            for w in t.members:
                if w.ramp < 1.0:
                    w.ramp = min(1.0, w.ramp + w.ramp_step)
                    if w.ramp >= 1.0:
                        w.new = False
                w.hours = [0.0] * len(w.hours)
            t.dup_hours = 0.0

    def _arrive_hires(self) -> None:
        due = [h for h in self.pending_hires if h[0] <= self.week]
        self.pending_hires = [h for h in self.pending_hires if h[0] > self.week]
        for _, idx, skill in due:
            team = self.resolve(idx)
            if team.active:
                w = self.hire_now(team, skill)
                self.say("hire", f"{w.name} joins {team.name} ({skill}).", (team.name,))
        if due:
            self.refresh_routing()

    def _apply_script(self, week: int) -> None:
        for action in self._script.pop(week, []):
            try:
                self.apply(action, scripted=True)
            except ActionError as exc:
                raise ActionError(f"script at week {week}: {exc}") from None

    @property
    def done(self) -> bool:
        return self.week >= self.weeks
