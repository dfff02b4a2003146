"""The org chart: every team and person ever, who succeeded whom, and which team gets what.

Teams and workers are kept for the whole run (merged-away teams and people who
left included) because facts, lineage and reports refer to them by index.
"""

from __future__ import annotations

from sim.engine.clock import Clock
from sim.info import Network
from sim.org import Link, Team, Worker
from sim.params import Params
from sim.rng import Keyed

ROUTING_WINDOW = 4
"""Candidate teams a task's routing compares (nobody compares a hundred queues)."""


class OrgChart:
    """Teams, people and links, and routing of work to teams."""

    def __init__(self, p: Params, clock: Clock, net: Network, baselines: Keyed) -> None:
        self.p = p
        self.clock = clock
        self.net = net
        self._baselines = baselines
        self.teams: list[Team] = []  # every team ever, by idx
        self.workers: list[Worker] = []  # every worker ever, by uid
        self.successor: dict[int, int] = {}
        self.skill_teams: dict[str, list[Team]] = {}
        self._rr: dict[str, int] = {}
        self._uid = 0

    @property
    def next_uid(self) -> int:
        return self._uid

    def new_worker(self, name: str, skill: str, team: Team, mean: float | None = None) -> Worker:
        """A person with a baseline engagement drawn for their uid (common random numbers)."""
        uid = self._uid
        self._uid += 1
        mean = self.p.baseline_engagement if mean is None else mean
        u = self._baselines.uniform(uid)
        baseline = min(1.0, max(0.0, mean + self.p.baseline_spread * (2 * u - 1)))
        w = Worker(uid, name, skill, team, baseline)
        self.workers.append(w)
        return w

    def new_team(
        self,
        name: str,
        skills: list[str],
        kpi: str,
        sw: float,
        external: bool,
        included: bool,
        *,
        recut: bool = False,
    ) -> Team:
        team = Team(len(self.teams), name, skills, kpi, sw, external, included, self.clock.now)
        team.recut = recut
        self.teams.append(team)
        return team

    def add_link(
        self,
        kind: str,
        teams: list[int] | None,
        per_week: float,
        hours: float | None,
        liaison: Worker | None,
        skill: str | None,
        attendees: tuple[str, ...] = (),
    ) -> Link:
        link = Link(
            len(self.net.links),
            kind,
            teams,
            per_week,
            hours or self.p.meeting_hours,
            liaison,
            skill,
            self.clock.now,
        )
        if attendees:
            link.attendees = self.attendee_uids(attendees, teams)
        self.net.links.append(link)
        return link

    def attendee_uids(self, names: tuple[str, ...], teams: list[int] | None) -> frozenset[int]:
        """The people a meeting's attendees name: named people, and "leads", the first
        present member of each linked team (as the team stands when the meeting is set up)."""
        from sim.scenario import LEADS

        uids = set()
        for name in names:
            if name == LEADS:
                for t in self.live_teams():
                    if (teams is None or t.idx in teams) and t.members:
                        uids.add(t.members[0].uid)
                continue
            for w in self.workers:
                if w.name == name and w.present:
                    uids.add(w.uid)
        return frozenset(uids)

    def team_named(self, name: str) -> Team:
        for t in self.teams:
            if t.name == name and t.idx not in self.successor:
                return t
        raise KeyError(name)

    def live_teams(self) -> list[Team]:
        """Teams that exist now (joined and not merged away), in creation order."""
        return [t for t in self.teams if t.active and t.idx not in self.successor]

    def present_workers(self) -> list[Worker]:
        return [w for t in self.live_teams() for w in t.members]

    def resolve(self, idx: int) -> Team:
        """The team that holds what team `idx` was (itself, or the team it merged into)."""
        while idx in self.successor:
            idx = self.successor[idx]
        return self.teams[idx]

    def refresh(self) -> None:
        """Recompute which teams cover which skill (after any change to the org)."""
        self.skill_teams = {}
        self._rr = {}
        self.net.skills_of = {}
        self.net.sizes = {}
        for t in self.live_teams():
            self.net.sizes[t.idx] = len(t.members)
            for s in t.skills:
                self.skill_teams.setdefault(s, []).append(t)
            self.net.skills_of[t.idx] = {w.skill for w in t.members if w.present}
        for lst in self.skill_teams.values():
            lst.sort(key=lambda t: (t.external, t.idx))
        # Cached routes go only if what they are made of changed (not on every hire or quit).
        self.net.org_changed(self.clock.now)
        self._mark_isolated()

    def _mark_isolated(self) -> None:
        """Who works without a peer of their skill: alone in the team and in no guild of it."""
        now = self.clock.now
        guilds = [lk for lk in self.net.links if lk.kind == "guild" and lk.alive(now)]
        for t in self.live_teams():
            count: dict[str, int] = {}
            for w in t.members:
                count[w.skill] = count.get(w.skill, 0) + 1
            guilded = {lk.skill for lk in guilds if lk.covers(t.idx)}
            # Only a team cut by a reorg: a one-person function the org has long had
            # works with its peers elsewhere; someone split off from theirs loses them.
            reorganised = t.recut
            for w in t.members:
                w.isolated = reorganised and count[w.skill] == 1 and w.skill not in guilded

    def route(self, skill: str, prefer: Team | None) -> Team | None:
        """The team a task of this skill goes to: the owner if it can, else the least loaded."""
        if prefer is not None and skill in prefer.skills and prefer.active and prefer.members:
            return prefer
        cands = self.skill_teams.get(skill)
        if not cands:
            return None
        # Candidates are sorted in-house first, so an agency is chosen only when no
        # in-house team with people covers the skill. Large orgs look at a rotating
        # window of candidates, which keeps routing's cost independent of org size.
        n_cands = len(cands)
        if n_cands > ROUTING_WINDOW:
            start = self._rr.get(skill, 0)
            self._rr[skill] = (start + 1) % n_cands
            # Only the window is sliced out (wrapping round): a copy of every
            # candidate on every call made routing grow with the org.
            end = start + ROUTING_WINDOW
            window = cands[start:end] if end <= n_cands else cands[start:] + cands[: end - n_cands]
        else:
            window = cands
        best, best_load = None, 0.0
        for t in window:
            n = len(t.members)
            if not n:
                continue
            if best is not None and t.external and not best.external:
                break
            load = (len(t.queue) + len(t.own_queue)) / n
            if best is None or load < best_load:
                best, best_load = t, load
        return best
