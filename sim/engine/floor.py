"""The work floor: queues, workers at work in chunks, duplication checks, completions, handoffs.

Each worker's life is a `Shift` (sim/engine/shift.py); idle ones wait until
woken and their idle stretch is booked as routine work when they wake. A task
is ready for its team only when its inputs are done and the team has heard so
(MODEL.md 7).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from sim.engine.clock import Clock
from sim.engine.constants import EPS
from sim.engine.feed import Feed
from sim.engine.newslog import NewsLog
from sim.engine.orgchart import OrgChart
from sim.engine.shift import Shift
from sim.info import ASSET, BIG_TEAM, FORMING, HANDOFF, PLAN, Network
from sim.metrics import Ledger
from sim.org import (
    COORD,
    DUPLICATED,
    FIRST,
    INFO_WAIT,
    ROUTINE,
    Team,
    Worker,
)
from sim.params import HOURS_PER_WEEK, Params
from sim.people import channel_focus, team_overhead
from sim.work import Campaign, Task


class WorkFloor:
    """Ready queues and the people working them; owns the duplication registry."""

    def __init__(
        self,
        p: Params,
        clock: Clock,
        net: Network,
        org: OrgChart,
        ledger: Ledger,
        feed: Feed,
        topic_name: Callable[[int], str],
    ) -> None:
        self.p = p
        self.clock = clock
        self.env = clock.env
        self.net = net
        self.org = org
        self.ledger = ledger
        self.feed = feed
        self.topic_name = topic_name
        # Set by the coordinator once the messages part exists: a campaign task finished.
        self.on_campaign_progress: Callable[[Campaign, float], None] = lambda c, now: None
        self.registry: dict[tuple[str, int], list[Task]] = {}
        self.unrouted: list[Task] = []
        # Who heard what (seats read it); recording is off unless a seat game asks.
        self.news_log = NewsLog(clock)
        # A team's coordination share depends only on its head count and crafts, and the
        # parameters never change within a run: worked out once per pair, not per chunk.
        self._overheads: dict[tuple[int, int], float] = {}

    def overhead(self, team: Team) -> float:
        """The share of a team's time lost to coordinating itself (`team_overhead`)."""
        key = (len(team.members), len(team.skills))
        oh = self._overheads.get(key)
        if oh is None:
            oh = self._overheads[key] = team_overhead(self.p, key[0], key[1])
        return oh

    def make_ready(self, task: Task, now: float) -> None:
        team = task.team
        assert team is not None
        task.ready_at = now
        if task.first_ready < 0:
            task.first_ready = now
        if task.campaign is None:
            team.own_queue.append(task)
        else:
            team.queue.append(task)
        if team.idle:
            team.mark_wait(now)
            w = team.idle.pop(0)
            self.book_idle(w, now)
            w.wake()

    def book_idle(self, w: Worker, now: float) -> None:
        """Book a worker's idle stretch as routine work (information wait is split off weekly)."""
        start = w.idle_since if w.idle_since is not None else now
        w.idle_since = None
        d = now - start
        if d <= 0:
            return
        team = w.team
        oh = self._overheads.get((len(team.members), len(team.skills)))
        if oh is None:
            oh = self.overhead(team)
        hours = w.hours
        hours[ROUTINE] += d * (1 - oh)
        hours[COORD] += d * oh
        p = self.p
        sw = team.shared_weight
        # productivity() and channel_focus() written out: this runs at every wake-up.
        value = (
            p.routine_value_per_hour
            * d
            * (1 - oh)
            * (p.productivity_base + p.productivity_slope * w.engagement)
            * w.ramp
            * (1.0 - p.channel_focus_loss * sw * sw)
        )
        team.routine_value += value
        self.ledger.value_routine += value

    def pick(self, team: Team, now: float) -> Task | None:
        """The team's highest-priority ready task (ties: the older), taken off its queue."""
        # The hottest loop of a run: parameters are read into locals once per pick.
        if not team.queue and not team.own_queue:
            return None
        p = self.p
        wt = team.shared_weight
        campaign_kpi = team.kpi == "campaign"
        best: Task | None = None
        best_p = -1.0
        if team.queue:
            keep = 1 - wt
            rework_bonus = p.rework_bonus
            if campaign_kpi:
                owner_local = request_local = p.local_score_campaign_kpi
            else:
                owner_local, request_local = p.local_score_owner, p.local_score_request
            for task in team.queue:
                c = task.campaign
                if c is None:  # campaign tasks only; initiatives wait in own_queue
                    continue
                urgency = (now - c.arrival) / c.span
                if urgency > 1.0:
                    urgency = 1.0
                shared = c.value_score + 0.5 * urgency
                if task.rework:
                    shared += rework_bonus
                local = owner_local if c.owner is team else request_local
                pr = wt * shared + keep * local
                if pr > best_p or (
                    pr == best_p and best is not None and task.ready_at < best.ready_at
                ):
                    best, best_p = task, pr
        own = team.own_queue
        if own:
            local = p.own_local_score_campaign_kpi if campaign_kpi else p.own_local_score
            pr = wt * p.own_shared_score + (1 - wt) * local
            if best is None or pr > best_p or (pr == best_p and own[0].ready_at < best.ready_at):
                return own.popleft()
        if best is not None:
            team.queue.remove(best)
        return best

    def start_worker(self, w: Worker) -> None:
        """Put a worker on the floor, from an urgent event now (as a process starts)."""
        shift = Shift(self, w)
        w.wake = shift.wake
        self.clock.start(shift.loop)

    def start_task(self, task: Task, team: Team, now: float) -> bool:
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
                # A channel's own series on a topic is not duplication: only other teams'
                # is, or a big team's whose members do not all know what the others do.
                if self._overlooked(team, o, task):
                    valid = valid or o
                continue
            valid = valid or o
            state = self._knows(team, o, now)
            if state == "asset":
                known_asset = known_asset or o
            elif state == "plan":
                known_plan = known_plan or o
        others.append(task)
        if self.news_log.on and (known_asset is not None or known_plan is not None):
            self._note_known(team, task, known_asset, known_plan)
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

    def _note_known(self, team: Team, task: Task, asset: Task | None, plan: Task | None) -> None:
        """Tell the news log what another team's work spared this team (it learns of the
        other work as it starts its own: that is when the news counts)."""
        topic = self.topic_name(task.topic)
        other = asset if asset is not None else plan
        assert other is not None
        who = other.origin.name if other.origin is not None else "another team"
        if asset is not None and task.campaign is None:
            text = f"{who} had already worked on '{topic}': you built on it"
        elif asset is not None:
            text = f"{who} already made the {task.asset} on '{topic}': you reused it"
        elif task.campaign is None:
            text = f"{who} is already working on '{topic}': you joined them"
        else:
            return  # a plan known for campaign work changes nothing: no news to tell
        self.news_log.record(team.name, "fact", text, self.clock.now, "")

    def _knows(self, team: Team, o: Task, now: float) -> str | None:
        """What a team knows of an output: 'asset' (it exists), 'plan' (in the works) or None."""
        origin = o.origin
        assert origin is not None
        net = self.net
        plan_known = asset_known = False
        for anc_idx, until in team.lineage.items():
            if anc_idx == origin.idx:
                # Made here (or by a team this one came from, while they were one).
                if o.done and o.done_at <= until:
                    return "asset"
                plan_known = plan_known or o.started_at <= until
                continue
            anc = self.org.teams[anc_idx]
            cutoff = min(now, until)
            # A fact sent before this team existed reached it through the teams it came
            # from (their lineage entries); one sent since reaches it directly. (The test
            # was on the start alone, so work begun before a merge and finished after it
            # never reached the merged team.)
            sent = o.done_at if o.done else o.started_at
            if sent < anc.born:
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

    def complete(self, task: Task, now: float) -> None:
        team = task.team
        assert team is not None
        first = not task.done
        task.done = True
        task.done_at = now
        if first:
            task.first_done = now
        c = task.campaign
        if c is None:
            if task.category == DUPLICATED:
                self.ledger.dup_initiatives += 1
                other = task.dup_of.name if task.dup_of is not None else "another team"
                self.feed.say(
                    "duplicated",
                    f"{team.name} and {other} both worked on '{task.name}': "
                    f"{task.effort:.0f} h duplicated",
                    (team.name, other),
                    task.effort,
                )
            else:
                # A reuse earns what it adds (its share of the effort), not a new asset's worth.
                value = task.value * (self.p.reuse_cost if task.reused else 1.0)
                self.ledger.value_initiatives += value * channel_focus(self.p, team.shared_weight)
            return
        known = c.known.get(team.idx, 0)
        task.done_version = known
        task.stale = known < c.version
        if task.rework:
            task.rework = False
        if task.category == DUPLICATED and first:
            other = task.dup_of.name if task.dup_of is not None else "another team"
            self.feed.say(
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
                if dest is None:
                    self._child_progress(child, now)
                    continue
                if dest is team:
                    delay = self._forming_delay(team, c.id, task.idx, now)
                    if delay <= 0:
                        self._child_progress(child, now)
                        continue
                    at, via = now + delay, "a new team's hallway"
                    child.pending[task.idx] = at
                    self.clock.at(at, self.handoff_arrives, child, task, via, at)
                    self._child_progress(child, now)
                    continue
                at, via = self.net.chase(HANDOFF << 40 | c.id, task.idx, team, dest, now, HANDOFF)
                child.pending[task.idx] = at
                self.clock.at(at, self.handoff_arrives, child, task, via, at)
                self._child_progress(child, now)
        self.on_campaign_progress(c, now)

    def _overlooked(self, team: Team, o: Task, task: Task) -> bool:
        """Whether someone in a big team misses a teammate's work on the same topic.

        Up to `overhead_knee` people everyone knows what the others do; past it each
        knows only that share of them (the draw is keyed by the pair of tasks).
        """
        size = len(team.members)
        knee = self.p.overhead_knee
        if size <= knee or o.team is not team:
            return False
        u = self.net.rng.uniform(BIG_TEAM << 40 | o.uid, task.uid & 0x3FFFFF, team.idx)
        return u >= knee / size

    def lone_loss(self, team: Team, now: float) -> float:
        """Speed a lone specialist has lost: none at the re-cut, growing to the full loss
        over `lone_drift_weeks` as their craft drifts from the peers they left."""
        p = self.p
        age = (now - team.born) / HOURS_PER_WEEK
        return p.lone_specialist_loss * min(1.0, age / p.lone_drift_weeks)

    def _forming_delay(self, team: Team, cid: int, idx: int, now: float) -> float:
        """How long news inside a newly formed team takes (0 once it has formed).

        People who have just been put together do not yet know who needs what: a
        handoff inside the team starts at `forming_delay` on average and speeds up
        linearly to instant over `forming_weeks` (the drawn uniform is keyed by the
        handoff, so variants share it).
        """
        p = self.p
        age = (now - team.born) / HOURS_PER_WEEK
        mean = 0.0
        if team.recut and age < p.forming_weeks:
            mean = p.forming_delay * (1.0 - age / p.forming_weeks)
        # Past the knee a team has its own hallway: news inside it takes time too.
        size = len(team.members)
        if size > p.overhead_knee:
            mean += p.big_team_delay * (size - p.overhead_knee) / p.overhead_knee
        if mean <= 0:
            return 0.0
        return -mean * math.log(self.net.rng.uniform(FORMING << 40 | cid, idx, team.idx))

    def _child_progress(self, child: Task, now: float) -> None:
        if child.deps_left:
            return
        team = child.team
        if child.pending:
            if team is not None and child not in team.waiting:
                team.mark_wait(now)
                team.waiting.append(child)
                team.wait_count += 1
                team.wait_cap += child.wait_budget
            return
        if team is not None:
            if child in team.waiting:
                team.mark_wait(now)
                team.waiting.remove(child)
                team.wait_count -= 1
            self.make_ready(child, now)

    def handoff_arrives(self, child: Task, upstream: Task, via: str, at: float) -> None:
        if child.pending.get(upstream.idx) != at:
            return  # known already, or news redrawn since (sim/news.py)
        now = self.env.now
        del child.pending[upstream.idx]
        wait = now - upstream.done_at
        self.ledger.handoff(wait)
        child.heard = (*child.heard, (upstream, wait, via))
        if self.news_log.on and child.team is not None and upstream.team is not child.team:
            up = upstream.team.name if upstream.team is not None else "upstream"
            self.news_log.record(
                child.team.name,
                "handoff",
                f"{up} finished {upstream.label}; your {child.name} can start",
                upstream.done_at,
                via,
            )
        c = child.campaign
        if (
            c is not None
            and wait > c.worst_wait[0]
            and upstream.team is not None
            and child.team is not None
        ):
            c.worst_wait = (wait, upstream.team.name, child.team.name, via)
        self._child_progress(child, now)

    # placing work on teams

    def place(self, task: Task, now: float) -> None:
        """Give a task to a team; ready it if nothing it needs is outstanding."""
        c = task.campaign
        team = self.org.route(task.skill, c.owner if c is not None else None)
        if team is None:
            task.team = None
            self.unrouted.append(task)
            if len(self.unrouted) == 1 or task.campaign is None:
                self.feed.say("blocked", f"No team covers {task.skill}: {task.label} is stuck.")
            return
        task.team = team
        if c is not None:
            c.known.setdefault(team.idx, 0)
            if task.deps_left or task.pending or task.done:
                return
        self.make_ready(task, now)

    def place_unrouted(self) -> None:
        """Try again to place work no team could take (after the org changed)."""
        still = self.unrouted
        self.unrouted = []
        for task in still:
            self.place(task, self.env.now)

    # people arriving and leaving the floor

    def take_off(self, w: Worker) -> None:
        """A worker leaves the floor: their idle time is booked, their task goes back."""
        now = self.env.now
        team = w.team
        if w in team.idle:
            team.mark_wait(now)
            team.idle.remove(w)
            self.book_idle(w, now)
            w.wake()
        if w.task is not None:
            task = w.task
            task.worker = None
            w.task = None
            if task.team is not None:
                self.make_ready(task, now)

    def wake_owers(self, teams: list[Team]) -> None:
        """Idle people who now owe hours (meetings, coordination) get up to pay them."""
        now = self.env.now
        for t in teams:
            if not t.idle:
                continue
            owing = [w for w in t.idle if w.debt_meet > EPS or w.debt_coord > EPS]
            if owing:
                t.mark_wait(now)
                for w in owing:
                    t.idle.remove(w)
                    self.book_idle(w, now)
                    w.wake()

    # the week's end

    def close_hours(self, teams: list[Team], now: float) -> None:
        """Book the week's idle time and split information wait off routine hours."""
        for t in teams:
            t.mark_wait(now)
            for w in t.idle:
                self.book_idle(w, now)
                w.idle_since = now
            routine = sum(w.hours[ROUTINE] for w in t.members)
            # Idle time counts as waiting for news no longer than the waiting work
            # would have taken; those hours earn no routine value.
            waited = min(t.wait_integral, t.wait_cap)
            if waited > 0 and t.wait_cap > 0:
                used = waited / t.wait_cap
                for task in t.waiting:
                    task.wait_budget -= task.wait_budget * used
            if routine > 0 and waited > 0:
                share = min(1.0, waited / routine)
                for w in t.members:
                    moved = w.hours[ROUTINE] * share
                    w.hours[ROUTINE] -= moved
                    w.hours[INFO_WAIT] += moved
                self.ledger.value_routine -= t.routine_value * share
            t.wait_integral = 0.0
            t.routine_value = 0.0
            t.wait_cap = sum(task.wait_budget for task in t.waiting)

    def prune_registry(self, week_end: float) -> None:
        """Forget finished outputs too old to be anyone's equivalent (see `start_task`).

        A start prunes its own key already, by the same rule and a later horizon,
        so this changes no result: it only lets a long run's old outputs go. An
        output of a campaign not yet live stays: rework may still finish it anew.
        """
        horizon = week_end - self.p.asset_valid_weeks * HOURS_PER_WEEK
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


def cross_team_handoffs(c: Campaign) -> Iterator[tuple[Task, Task]]:
    """(downstream task, upstream task) for every cross-team handoff of `c` not yet known."""
    by_idx = {t.idx: t for t in c.tasks}
    for child in c.tasks:
        for up_idx in list(child.pending):
            up = by_idx.get(up_idx)
            if up is None or up.team is None or child.team is None or up.team is child.team:
                continue
            yield child, up
