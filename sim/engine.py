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
from sim.engine_constants import FEED_PER_WEEK
from sim.info import ASSET, HANDOFF, MESSAGE, PLAN, REVIEW, Network
from sim.metrics import Ledger
from sim.org import (
    COORD,
    DUPLICATED,
    FIRST,
    INFO_WAIT,
    MEETINGS,
    REWORK,
    ROUTINE,
    Link,
    Team,
    Worker,
)
from sim.people import productivity, quit_probability, team_overhead, update_engagement
from sim.results import FeedEvent, RunResult, Snapshot
from sim.rng import Streams
from sim.scenario import Scenario
from sim.work import (
    HOURS_PER_WEEK,
    Campaign,
    CampaignDraw,
    InitiativeDraw,
    Task,
    build_campaign_tasks,
    draw_demand,
    hash_name,
    lognormal_efforts,
    topic_names,
)

VERSION = "0.1.0"
EPS = 1e-9
ROUTING_WINDOW = 6


class Simulation:
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

    # ---- building -------------------------------------------------------------------

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
        for spec in self.scenario.links:
            teams = None if "*" in spec.teams else [self.team_named(n).idx for n in spec.teams]
            liaison = by_name.get(spec.liaison) if spec.liaison else None
            self.add_link(spec.kind, teams, spec.per_week, spec.hours, liaison, spec.skill)
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

    # ---- demand -------------------------------------------------------------------

    def _schedule_demand(
        self, draws: list[CampaignDraw], initiatives: list[InitiativeDraw]
    ) -> None:
        scripted: list[CampaignDraw] = []
        templates = self.scenario.demand.templates
        names = [t.name for t in templates]
        for i, ev in enumerate(self.scenario.events):
            at = ev.week * HOURS_PER_WEEK
            if ev.kind == "campaign":
                k = names.index(ev.template or "")
                tpl = templates[k]
                rng_seed = hash_name(f"event {i}")
                efforts = tuple(
                    lognormal_efforts(
                        self._event_rng(rng_seed), [t.effort for t in tpl.tasks], self.p.effort_cv
                    )
                )
                topic = (
                    (-1 - hash_name(ev.topic))
                    if ev.topic
                    else hash_name(f"event {i}") % self.p.topics
                )
                if ev.topic:
                    self.fixed_topics[topic] = ev.topic
                scripted.append(
                    CampaignDraw(10_000_000 + i, at, k, topic, efforts, (), ev.due_weeks, ev.value)
                )
            elif ev.kind == "change_course":
                self._at(at, self._change_course, ev.template, ev.text)
            elif ev.kind == "leave":
                self._at(
                    float(int(ev.week)) * HOURS_PER_WEEK, self._leave_event, ev.worker, ev.text
                )
        for tpl in templates:
            for t in tpl.tasks:
                if t.topic is not None:
                    self.fixed_topics[-1 - hash_name(t.topic)] = t.topic
        self.env.process(
            self._arrivals(sorted(draws + scripted, key=lambda d: (d.time, d.cid)), initiatives)
        )

    def _event_rng(self, key: int) -> Any:
        import numpy as np

        return np.random.Generator(np.random.PCG64([self.seed, key]))

    def _at(self, at: float, fn: Any, *args: Any) -> None:
        ev = self.env.timeout(max(0.0, at - self.env.now))
        ev.callbacks.append(lambda _e: fn(*args))

    def _arrivals(self, campaigns: list[CampaignDraw], initiatives: list[InitiativeDraw]) -> Any:
        env = self.env
        i = j = 0
        while i < len(campaigns) or j < len(initiatives):
            take_c = j >= len(initiatives) or (
                i < len(campaigns) and campaigns[i].time <= initiatives[j].time
            )
            at = campaigns[i].time if take_c else initiatives[j].time
            if at > env.now:
                yield env.timeout(at - env.now)
            if take_c:
                self._campaign_arrives(campaigns[i])
                i += 1
            else:
                self._initiative_arrives(initiatives[j])
                j += 1

    def topic_name(self, topic: int) -> str:
        return self.topic_label[topic] if topic >= 0 else self.fixed_topics.get(topic, "topic")

    def _campaign_arrives(self, d: CampaignDraw) -> None:
        now = self.env.now
        tpl = self.scenario.demand.templates[d.template]
        due = now + (d.due_weeks or tpl.due_weeks or self.p.due_weeks) * HOURS_PER_WEEK
        value = tpl.value if d.value is None else d.value
        c = Campaign(d.cid, tpl, now, due, d.topic, self.topic_name(d.topic), value)
        c.tasks = build_campaign_tasks(c, d.efforts, self._task_uid)
        self._task_uid += len(c.tasks)
        c.owner = self.route(tpl.owner or tpl.tasks[0].skill, None)
        self.ledger.campaign_opened(now)
        self.campaigns.append(c)
        self.open_campaigns.append(c)
        if c.owner is not None:
            c.known[c.owner.idx] = 0
        for task in c.tasks:
            self._place(task, now)
        for at in d.changes:
            self._at(at, self._message_change, c, "")

    def _place(self, task: Task, now: float) -> None:
        """Give a task to a team; ready it if nothing it needs is outstanding."""
        c = task.campaign
        team = self.route(task.skill, c.owner if c is not None else None)
        if team is None:
            task.team = None
            self.unrouted.append(task)
            if len(self.unrouted) == 1 or task.campaign is None:
                self.say("blocked", f"No team covers {task.skill}: {task.label} is stuck.")
            return
        task.team = team
        if c is not None:
            c.known.setdefault(team.idx, 0)
            if task.deps_left or task.pending or task.done:
                return
        self.make_ready(task, now)

    def _initiative_arrives(self, d: InitiativeDraw) -> None:
        now = self.env.now
        skill = self.channels[d.channel]
        task = Task(
            self._task_uid,
            self.topic_name(d.topic),
            skill,
            self.p.own_effort,
            d.topic,
            now,
            None,
            0,
            "initiative",
        )
        self._task_uid += 1
        task.value = self.p.own_value
        self._place(task, now)

    # ---- work ---------------------------------------------------------------------

    def make_ready(self, task: Task, now: float) -> None:
        team = task.team
        assert team is not None
        task.ready_at = now
        if task.campaign is None:
            team.own_queue.append(task)
        else:
            team.queue.append(task)
        if team.idle:
            team.mark_wait(now)
            w = team.idle.pop(0)
            self._book_idle(w, now)
            w.wake.succeed()

    def _book_idle(self, w: Worker, now: float) -> None:
        """Book a worker's idle stretch as routine work (information wait is split off weekly)."""
        start = w.idle_since if w.idle_since is not None else now
        w.idle_since = None
        d = now - start
        if d <= 0:
            return
        team = w.team
        oh = team_overhead(self.p, len(team.members))
        w.hours[ROUTINE] += d * (1 - oh)
        w.hours[COORD] += d * oh
        self.ledger.value_routine += (
            self.p.routine_value_per_hour
            * d
            * (1 - oh)
            * productivity(self.p, w.engagement)
            * w.ramp
        )

    def _pick(self, team: Team, now: float) -> Task | None:
        """The team's highest-priority ready task (ties: the older), taken off its queue."""
        p = self.p
        wt = team.shared_weight
        campaign_kpi = team.kpi == "campaign"
        best = None
        best_p = -1.0
        for task in team.queue:
            c = task.campaign
            urgency = (now - c.arrival) / (c.due - c.arrival)
            if urgency > 1.0:
                urgency = 1.0
            shared = 0.5 * c.value / 100.0 + 0.5 * urgency
            if task.rework:
                shared += p.rework_bonus
            if campaign_kpi:
                local = p.local_score_campaign_kpi
            elif c.owner is team:
                local = p.local_score_owner
            else:
                local = p.local_score_request
            pr = wt * shared + (1 - wt) * local
            if pr > best_p or (pr == best_p and task.ready_at < best.ready_at):
                best, best_p = task, pr
        if team.own_queue:
            local = p.own_local_score_campaign_kpi if campaign_kpi else p.own_local_score
            pr = wt * p.own_shared_score + (1 - wt) * local
            head = team.own_queue[0]
            if best is None or pr > best_p or (pr == best_p and head.ready_at < best.ready_at):
                return team.own_queue.popleft()
        if best is not None:
            team.queue.remove(best)
        return best

    def _work(self, w: Worker) -> Any:
        """A worker's life: pay hour debts, take the best ready task, work a chunk, repeat."""
        env = self.env
        p = self.p
        while w.present:
            now = env.now
            if w.debt_meet > EPS or w.debt_coord > EPS:
                room = self.week_end - now
                if w.debt_meet > EPS:
                    d = min(w.debt_meet, p.chunk_hours, room)
                    w.debt_meet -= d
                    w.hours[MEETINGS] += d
                else:
                    d = min(w.debt_coord, p.chunk_hours, room)
                    w.debt_coord -= d
                    w.hours[COORD] += d
                yield env.timeout(d)
                continue
            team = w.team
            task = self._pick(team, now)
            if task is None:
                team.mark_wait(now)
                w.idle_since = now
                team.idle.append(w)
                w.wake = env.event()
                yield w.wake
                continue
            if not task.started and not self._start(task, team, now):
                continue
            oh = p.overhead_per_member * (len(team.members) - 1)
            if oh > p.overhead_cap:
                oh = p.overhead_cap
            speed = (p.productivity_base + p.productivity_slope * w.engagement) * w.ramp * (1 - oh)
            d = task.remaining / speed if speed > 0 else p.chunk_hours
            if d > p.chunk_hours:
                d = p.chunk_hours
            room = self.week_end - now
            if d > room:
                d = room
            w.hours[task.category] += d * (1 - oh)
            w.hours[COORD] += d * oh
            task.worker = w
            w.task = task
            yield env.timeout(d)
            w.task = None
            if task.worker is not w:
                continue  # taken away by a reorg or a quit: the handover loss stands for this chunk
            task.worker = None
            task.remaining -= d * speed
            if task.remaining <= 1e-6:
                self._complete(task, env.now)
            elif task.team is not None:
                if task.campaign is None:
                    task.team.own_queue.appendleft(task)
                else:
                    task.team.queue.append(task)

    def _start(self, task: Task, team: Team, now: float) -> bool:
        """First start: check what the team knows of equivalent outputs. False: cancelled."""
        task.started = True
        task.started_at = now
        task.origin = team
        task.openness = team.openness(self.p)
        task.category = FIRST
        if task.asset is None:
            return True
        key = (task.asset, task.topic)
        others = self.registry.setdefault(key, [])
        horizon = now - self.p.asset_valid_weeks * HOURS_PER_WEEK
        others[:] = [o for o in others if not o.done or o.done_at >= horizon]
        valid: Task | None = None
        known_asset: Task | None = None
        known_plan: Task | None = None
        for o in others:
            if task.campaign is None and o.origin is not None and o.origin.idx in team.lineage:
                # A channel's own series on a topic is not duplication: only other teams' is.
                continue
            valid = valid or o
            state = self._knows(team, o, now)
            if state == "asset":
                known_asset = known_asset or o
            elif state == "plan":
                known_plan = known_plan or o
        others.append(task)
        if known_asset is not None:
            task.reused = True
            task.remaining = task.effort * self.p.reuse_cost
            return True
        if known_plan is not None and task.campaign is None:
            # Joins the other team's work: its own copy is cancelled.
            others.remove(task)
            self.ledger.joined += 1
            return False
        if valid is not None:
            task.category = DUPLICATED
            task.dup_of = valid.origin
        return True

    def _knows(self, team: Team, o: Task, now: float) -> str | None:
        """What a team knows of an output: 'asset' (it exists), 'plan' (in the works) or None."""
        origin = o.origin
        assert origin is not None
        net = self.net
        plan_known = asset_known = False
        for anc_idx, until in team.lineage.items():
            if anc_idx == origin.idx:
                return "asset" if o.done else "plan"
            anc = self.teams[anc_idx]
            cutoff = min(now, until)
            if o.started_at < anc.born:
                continue
            # A plan fact tells of work in progress; once done, the asset fact is what counts.
            if o.done:
                if not asset_known:
                    at, _ = net.one_try(
                        ASSET << 40 | o.uid, 0, origin, anc, o.done_at, ASSET, o.openness
                    )
                    asset_known = at <= cutoff
            elif not plan_known:
                at, _ = net.one_try(
                    PLAN << 40 | o.uid, 0, origin, anc, o.started_at, PLAN, o.openness
                )
                plan_known = at <= cutoff
        if asset_known:
            return "asset"
        return "plan" if plan_known else None

    def _complete(self, task: Task, now: float) -> None:
        team = task.team
        assert team is not None
        first = not task.done
        task.done = True
        task.done_at = now
        c = task.campaign
        if c is None:
            if task.category == DUPLICATED:
                self.ledger.dup_initiatives += 1
                other = task.dup_of.name if task.dup_of is not None else "another team"
                self.say(
                    "duplicated",
                    f"{team.name} and {other} both worked on '{task.name}': "
                    f"{task.effort:.0f} h duplicated",
                    (team.name, other),
                    task.effort,
                )
            else:
                self.ledger.value_initiatives += task.value
            return
        known = c.known.get(team.idx, 0)
        task.done_version = known
        task.stale = known < c.version
        if task.rework:
            task.rework = False
        if task.category == DUPLICATED and first:
            other = task.dup_of.name if task.dup_of is not None else "another team"
            self.say(
                "duplicated",
                f"{team.name} and {other} both made a {task.asset} on "
                f"'{self.topic_name(task.topic)}': {task.effort:.0f} h duplicated",
                (team.name, other),
                task.effort,
            )
        if first:
            for child in task.children:
                child.deps_left -= 1
                dest = child.team
                if dest is None or dest is team:
                    self._child_progress(child, now)
                    continue
                at, via = self.net.chase(HANDOFF << 40 | c.id, task.idx, team, dest, now, HANDOFF)
                child.pending[task.idx] = at
                self._at(at, self._handoff_arrives, child, task, via)
                self._child_progress(child, now)
        self._maybe_live(c, now)

    def _child_progress(self, child: Task, now: float) -> None:
        if child.deps_left:
            return
        team = child.team
        if child.pending:
            if team is not None and child not in team.waiting:
                team.mark_wait(now)
                team.waiting.append(child)
                team.wait_count += 1
            return
        if team is not None:
            if child in team.waiting:
                team.mark_wait(now)
                team.waiting.remove(child)
                team.wait_count -= 1
            self.make_ready(child, now)

    def _handoff_arrives(self, child: Task, upstream: Task, via: str) -> None:
        if upstream.idx not in child.pending:
            return
        now = self.env.now
        del child.pending[upstream.idx]
        wait = now - upstream.done_at
        self.ledger.handoff(wait)
        c = child.campaign
        if (
            c is not None
            and wait > c.worst_wait[0]
            and upstream.team is not None
            and child.team is not None
        ):
            c.worst_wait = (wait, upstream.team.name, child.team.name, via)
        self._child_progress(child, now)

    def _maybe_live(self, c: Campaign, now: float) -> None:
        if c.live or any(not t.done or t.rework for t in c.tasks):
            return
        if not c.reviewed:
            c.reviewed = True
            teams = [t.team for t in c.tasks if t.team is not None]
            linked = self.net.share_meeting_or_liaison(list(dict.fromkeys(teams)), now)
            catch = self.p.review_catch_linked if linked else self.p.review_catch
            caught = False
            for t in c.tasks:
                unheard = t.stale and t.team is not None and c.known.get(t.team.idx, 0) < c.version
                if (
                    unheard
                    and self.streams.communication.uniform(REVIEW << 40 | c.id, t.idx) < catch
                ):
                    c.known[t.team.idx] = c.version
                    self._rework(t, now)
                    caught = True
            if caught:
                self.say("review", f"Review caught off-message work in {c.label} before launch.")
                return
        c.live = True
        c.live_at = now
        c.outputs = len(c.tasks)
        c.on_message = sum(1 for t in c.tasks if not t.stale)
        consistency = c.on_message / c.outputs
        on_time = now <= c.due + EPS
        value = c.value * (1.0 if on_time else self.p.late_factor) * consistency
        self.open_campaigns.remove(c)
        self.ledger.campaign_live(c, now, value, on_time)
        self.wins_since_celebration += 1
        if not on_time:
            days = (now - c.due) / 8
            why = ""
            if c.worst_wait[0] > 0:
                wait, a, b, via = c.worst_wait
                why = f"; longest handoff {a} to {b} waited {wait / 8:.1f} days ({via})"
            self.say("late", f"{c.label} went live {days:.1f} days late{why}.")
        if c.on_message < c.outputs:
            self.say(
                "off-message",
                f"{c.label} went live with {c.outputs - c.on_message} of "
                f"{c.outputs} outputs on the old message.",
            )

    # ---- messages -------------------------------------------------------------------

    def _message_change(self, c: Campaign, text: str) -> None:
        if c.live:
            return
        now = self.env.now
        c.version += 1
        owner = c.owner
        if owner is not None:
            c.known[owner.idx] = c.version
        if text:
            self.say("change", text.replace("{campaign}", c.label))
        teams = list(
            dict.fromkeys(t.team for t in c.tasks if t.team is not None and t.team is not owner)
        )
        for team in teams:
            if owner is None:
                continue
            at, via = self.net.chase(MESSAGE << 40 | c.id, c.version, owner, team, now, MESSAGE)
            self._at(at, self._message_arrives, c, team.idx, c.version, now, via)

    def _change_course(self, template: str | None, text: str) -> None:
        hits = [c for c in self.open_campaigns if template is None or c.template.name == template]
        for c in hits:
            self._message_change(c, "")
        if text or hits:
            self.say(
                "change",
                text or f"Change of course: {len(hits)} campaigns in flight change message.",
            )

    def _message_arrives(
        self, c: Campaign, team_idx: int, version: int, sent: float, via: str
    ) -> None:
        team = self.resolve(team_idx)
        now = self.env.now
        if c.known.get(team.idx, 0) >= version:
            return
        c.known[team.idx] = version
        self.ledger.fact(now - sent)
        hours = 0.0
        for t in c.tasks:
            if t.team is team and t.done and t.stale and not t.rework:
                self._rework(t, now)
                hours += t.remaining
        if hours > 0 and now - sent > 16:
            self.say(
                "rework",
                f"{team.name} learned of the new message for {c.label} "
                f"{(now - sent) / 8:.1f} days late ({via}): {hours:.0f} h of rework.",
                (team.name,),
                hours,
            )

    def _rework(self, t: Task, now: float) -> None:
        t.rework = True
        t.category = REWORK
        t.remaining = t.effort * self.p.rework_fraction
        self.make_ready(t, now)

    # ---- people events ----------------------------------------------------------------

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

    def remove_worker(self, w: Worker, replace: bool) -> None:
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

    # ---- the week -------------------------------------------------------------------

    def step(self, weeks: int = 1) -> None:
        """Advance whole weeks (never past the horizon)."""
        if weeks < 0 or self.week + weeks > self.weeks:
            raise ValueError(f"cannot step {weeks} weeks from week {self.week} of {self.weeks}")
        for _ in range(weeks):
            self._run_week()

    def _run_week(self) -> None:
        self.week_start = self.week * HOURS_PER_WEEK
        self.week_end = self.week_start + HOURS_PER_WEEK
        self.ledger.start_week()
        self._charge_weekly_hours()
        self.env.run(until=self.week_end)
        self._close_week()
        self.week += 1
        self._arrive_hires()
        self._apply_script(self.week)

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
            self.remove_worker(w, replace=True)
            self.say(
                "quit",
                f"{w.name} quit {w.team.name} (engagement {w.engagement:.2f}).",
                (w.team.name,),
            )
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

    # ---- actions ----------------------------------------------------------------------

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
        reorg.apply(self, action)
        self.actions_log.append((self.week, action))
        self.refresh_routing()

    # ---- reading --------------------------------------------------------------------

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
