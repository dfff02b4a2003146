"""The Simulation: builds the SimPy world and advances it week by week.

Workers are long-lived SimPy processes working in chunks; facts are arrival
times; meetings and other weekly costs are hour debts paid before work; the
weekly bookkeeping (engagement, attrition, records) runs between weeks in
plain Python. `step(26)` is 26 calls of `step(1)`, so chunking a run never
changes it.
"""

from __future__ import annotations

from typing import Any

import simpy

from sim import reorg
from sim.actions import ActionError
from sim.consistency import ConsistencyMixin
from sim.demand import DemandMixin
from sim.info import LINK_BASE, Network
from sim.metrics import Ledger
from sim.news import NewsMixin
from sim.org import (
    Link,
    Team,
    Worker,
)
from sim.results import CampaignPath, FeedEvent, RunResult, Snapshot
from sim.rng import Streams
from sim.scenario import Scenario
from sim.week import WeekMixin
from sim.work import (
    HOURS_PER_WEEK,
    Campaign,
    Task,
    draw_demand,
    topic_names,
)
from sim.working import WorkMixin

VERSION = "0.1.0"
ROUTING_WINDOW = 4


class Simulation(DemandMixin, WorkMixin, ConsistencyMixin, NewsMixin, WeekMixin):
    """One run of a scenario: step it, act on it, read it."""

    def __init__(self, scenario: Scenario, seed: int | None = None) -> None:
        self.scenario = scenario
        self.seed = scenario.seed if seed is None else int(seed)
        self.p = scenario.params
        self.weeks = scenario.weeks
        self.week = 0
        self.env = simpy.Environment()
        self.streams = Streams(self.seed)
        self.net = Network(self.p, self.streams.communication)
        self.teams: list[Team] = []  # every team ever, by idx
        self.workers: list[Worker] = []  # every worker ever, by uid
        self.successor: dict[int, int] = {}
        self.campaigns: list[Campaign] = []
        self.open_campaigns: list[Campaign] = []
        self.late_paths: list[CampaignPath] = []  # late campaigns as they went live
        self.unrouted: list[Task] = []
        self.registry: dict[tuple[str, int], list[Task]] = {}
        self.pending_hires: list[tuple[int, int, str]] = []  # (week, team idx, skill)
        self.actions_log: list[tuple[int, Any]] = []
        self.feed: list[FeedEvent] = []
        self._said: dict[int, int] = {}
        self.wins_since_celebration = 0
        self.week_start = 0.0
        self.week_end = HOURS_PER_WEEK
        self.ledger = Ledger(self)
        self._uid = 0
        self._task_uid = 0
        self.topic_label = topic_names(self.p.topics, scenario.topics)
        self.fixed_topics: dict[int, str] = {}
        # The campaign mix: relative weights of the templates, a lever in some scenarios.
        self.mix = [t.weight for t in scenario.demand.templates]
        self._build_org()
        self.channels = list(scenario.demand.channels or self._all_skills())
        draws, initiatives = draw_demand(
            scenario, self.streams.arrivals, self.streams.efforts_seq, self.channels
        )
        self._schedule_demand(draws, initiatives)
        self._script: dict[int, list[Any]] = {}
        for step in scenario.script:
            self._script.setdefault(step.week, []).extend(step.do)
        self._apply_script(0)

    def _all_skills(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.scenario.teams:
            for s in t.skills:
                seen[s] = None
        return list(seen)

    def new_worker(self, name: str, skill: str, team: Team, mean: float | None = None) -> Worker:
        uid = self._uid
        self._uid += 1
        mean = self.p.baseline_engagement if mean is None else mean
        u = self.streams.engagement.uniform(uid)
        baseline = min(1.0, max(0.0, mean + self.p.baseline_spread * (2 * u - 1)))
        w = Worker(uid, name, skill, team, baseline)
        self.workers.append(w)
        return w

    def new_team(
        self, name: str, skills: list[str], kpi: str, sw: float, external: bool, included: bool
    ) -> Team:
        team = Team(len(self.teams), name, skills, kpi, sw, external, included, self.env.now)
        self.teams.append(team)
        return team

    def _build_org(self) -> None:
        for spec in self.scenario.teams:
            team = self.new_team(
                spec.name,
                list(spec.skills),
                spec.kpi,
                spec.shared_weight,
                spec.external,
                spec.included,
            )
            names = list(spec.members) or [f"{spec.name} {i + 1}" for i in range(spec.size)]
            for name in names:
                skill = spec.member_skills.get(name, spec.skills[0])
                team.members.append(self.new_worker(name, skill, team, spec.engagement))
            if spec.joins_week > 0:
                team.active = False
                for w in team.members:
                    w.present = False
                self.env.process(self._join_later(team, spec.joins_week))
        by_name = {w.name: w for w in self.workers}
        for ls in self.scenario.links:
            idxs = None if "*" in ls.teams else [self.team_named(n).idx for n in ls.teams]
            liaison = by_name.get(ls.liaison) if ls.liaison else None
            self.add_link(ls.kind, idxs, ls.per_week, ls.hours, liaison, ls.skill)
        if self.scenario.tools.shared_calendar:
            self.net.calendar_since = 0.0
        if self.scenario.tools.knowledge_base:
            self.net.kb_since = 0.0
        self.refresh_routing()
        for w in self.workers:
            if w.present:
                self.env.process(self._work(w))

    def add_link(
        self,
        kind: str,
        teams: list[int] | None,
        per_week: float,
        hours: float | None,
        liaison: Worker | None,
        skill: str | None,
    ) -> Link:
        link = Link(
            len(self.net.links),
            kind,
            teams,
            per_week,
            hours or self.p.meeting_hours,
            liaison,
            skill,
            self.env.now,
        )
        self.net.links.append(link)
        return link

    def team_named(self, name: str) -> Team:
        for t in self.teams:
            if t.name == name and t.idx not in self.successor:
                return t
        raise KeyError(name)

    def live_teams(self) -> list[Team]:
        """Teams that exist now (joined and not merged away), in creation order."""
        return [t for t in self.teams if t.active and t.idx not in self.successor]

    def resolve(self, idx: int) -> Team:
        while idx in self.successor:
            idx = self.successor[idx]
        return self.teams[idx]

    def refresh_routing(self) -> None:
        """Recompute which teams cover which skill (after any change to the org)."""
        self.net.invalidate(self.env.now)
        self.skill_teams: dict[str, list[Team]] = {}
        self._rr: dict[str, int] = {}
        self.net.skills_of = {}
        for t in self.live_teams():
            for s in t.skills:
                self.skill_teams.setdefault(s, []).append(t)
            self.net.skills_of[t.idx] = {w.skill for w in t.members if w.present}
        for lst in self.skill_teams.values():
            lst.sort(key=lambda t: (t.external, t.idx))
        still = self.unrouted
        self.unrouted = []
        for task in still:
            self._place(task, self.env.now)

    def route(self, skill: str, prefer: Team | None) -> Team | None:
        """The team a task of this skill goes to: the owner if it can, else the least loaded."""
        if prefer is not None and skill in prefer.skills and prefer.active and prefer.members:
            return prefer
        cands = self.skill_teams.get(skill)
        if not cands:
            return None
        # Candidates are sorted in-house first, so an agency is chosen only when no
        # in-house team with people covers the skill. Large orgs look at a rotating
        # window of candidates (nobody compares a hundred teams' queues), which keeps
        # the cost of routing independent of org size.
        if len(cands) > ROUTING_WINDOW:
            start = self._rr.get(skill, 0)
            self._rr[skill] = (start + 1) % len(cands)
            cands = (cands + cands)[start : start + ROUTING_WINDOW]
        best, best_load = None, 0.0
        for t in cands:
            n = len(t.members)
            if not n:
                continue
            if best is not None and t.external and not best.external:
                break
            load = (len(t.queue) + len(t.own_queue)) / n
            if best is None or load < best_load:
                best, best_load = t, load
        return best

    def check(self, action: Any) -> None:
        """Raise ActionError if the org cannot take this action now."""
        reorg.check(self, action)

    def cost_of(self, action: Any) -> list[str]:
        """What the action will cost, in plain words, before it is taken."""
        reorg.check(self, action)
        return reorg.cost(self, action)

    def apply(self, action: Any, scripted: bool = False) -> None:
        """Take an action at this week boundary (checked first; nothing changes on error)."""
        if self.done:
            raise ActionError("the scenario is over")
        reorg.check(self, action)
        links_before = len(self.net.links)
        openness = {t.idx: t.openness(self.p) for t in self.teams}
        reorg.apply(self, action)
        self.actions_log.append((self.week, action))
        self.refresh_routing()
        opened = frozenset(LINK_BASE + lk.idx for lk in self.net.links[links_before:])
        self.news_after_change(opened, openness)

    @property
    def weekly(self) -> dict[str, list[float]]:
        return self.ledger.series

    def snapshot(self) -> Snapshot:
        from sim.views import snapshot

        return snapshot(self)

    def result(self) -> RunResult:
        return self.ledger.result(VERSION)


def run(
    scenario: Scenario,
    seed: int | None = None,
    weeks: int | None = None,
    actions: list[tuple[int, Any]] | tuple[tuple[int, Any], ...] = (),
) -> RunResult:
    """Run a scenario (its script plus `actions`) to the horizon, or for `weeks` weeks."""
    if actions:
        scenario = scenario.with_actions(list(actions))
    sim = Simulation(scenario, seed)
    sim.step(sim.weeks if weeks is None else min(weeks, sim.weeks))
    return sim.result()
