"""Demand reaching the org: scheduled arrivals, scripted events, campaigns in flight.

Demand is drawn a week at a time from streams keyed by the week
(`sim.work.draw_week`), so every policy variant faces the same work and a run's
first weeks do not depend on its horizon; this part releases it on time, builds
each campaign's tasks and places them on the floor.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappush
from typing import Any

import numpy as np
from simpy.events import NORMAL

from sim.engine.clock import Clock
from sim.engine.floor import WorkFloor
from sim.engine.orgchart import OrgChart
from sim.metrics import Ledger
from sim.params import HOURS_PER_WEEK
from sim.scenario import Event, Scenario
from sim.work import (
    Campaign,
    CampaignDraw,
    InitiativeDraw,
    Task,
    build_campaign_tasks,
    draw_week,
    hash_name,
    lognormal_efforts,
    pick_template,
    topic_names,
)

SCRIPTED_CID = 10_000_000
"""Campaign ids of scripted arrivals start here (drawn ones count from 0)."""


class Topics:
    """Readable names of topics: the pool's, and the fixed topics of events and templates."""

    def __init__(self, scenario: Scenario) -> None:
        self.label = topic_names(scenario.params.topics, scenario.topics)
        self.fixed: dict[int, str] = {}

    def name(self, topic: int) -> str:
        return self.label[topic] if topic >= 0 else self.fixed.get(topic, "topic")


class Demand:
    """Campaigns and initiatives: their arrival, and the campaigns still in flight."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        clock: Clock,
        org: OrgChart,
        floor: WorkFloor,
        ledger: Ledger,
        channels: list[str],
        topics: Topics,
        week_streams: Callable[[int], tuple[np.random.Generator, np.random.Generator]],
        keep_campaigns: bool = False,
    ) -> None:
        self.scenario = scenario
        self.p = scenario.params
        self.seed = seed
        self.clock = clock
        self.env = clock.env
        self.org = org
        self.floor = floor
        self.ledger = ledger
        self.channels = channels
        # Every campaign ever, only when asked (tests, notebooks): a campaign's results
        # are booked as it goes live, so a run keeps only those in flight and its memory
        # stays flat however long it runs.
        self.keep_campaigns = keep_campaigns
        self.campaigns: list[Campaign] = []
        self.open_campaigns: list[Campaign] = []
        # The campaign mix: relative weights of the templates, a lever in some scenarios.
        self.mix = [t.weight for t in scenario.demand.templates]
        self.topics = topics
        self.week_streams = week_streams
        self._task_uid = 0
        # Set by the coordinator: what scripted events and message changes call.
        self.on_message_change: Callable[[Campaign, str], None] = lambda c, text: None
        self.on_change_course: Callable[[str | None, str], None] = lambda tpl, text: None
        self.on_leave: Callable[[str | None, str, int | None], None] = lambda n, t, w: None
        self.on_freeze: Callable[[int, str], None] = lambda weeks, text: None
        self.on_announce: Callable[[str], None] = lambda text: None

    def close(self, c: Campaign) -> None:
        """A campaign went live: it is no longer in flight."""
        self.open_campaigns.remove(c)

    def release(self, c: Campaign) -> None:
        """A live campaign whose results are booked leaves the engine.

        Its tasks point at one another and at it (a cycle only the collector
        frees, and its full passes are rare and cost the whole heap), so the
        links a live campaign no longer uses are cut and reference counting frees
        it at once. What may still hold a task (the duplication registry, news
        in flight) reads only its own fields. Kept whole with `keep_campaigns`.
        """
        if self.keep_campaigns:
            return
        for t in c.tasks:
            t.deps = t.children = ()
            t.heard = ()
        c.tasks = []

    def schedule(self) -> None:
        """Schedule the week-by-week demand and the scenario's scripted events."""
        scripted: list[CampaignDraw] = []
        templates = self.scenario.demand.templates
        at_ = self.clock.at
        for i, ev in enumerate(self.scenario.events):
            at = self.clock.time_of(ev.week)
            if ev.kind == "campaign":
                scripted.append(self._scripted_draw(ev, SCRIPTED_CID + i, f"event {i}", at))
                if ev.text:
                    at_(at, self._announce, ev.text)
            elif ev.kind == "change_course":
                at_(at, self._change_course, ev.template, ev.text)
            # People come and go, and budgets change, at a week's start.
            elif ev.kind == "leave":
                at_(self.clock.time_of(int(ev.week)), self._leave, ev.worker, ev.text, ev.weeks)
            elif ev.kind == "hiring_freeze" and ev.weeks is not None:
                at_(self.clock.time_of(int(ev.week)), self._freeze, ev.weeks, ev.text)
        for tpl in templates:
            for t in tpl.tasks:
                if t.topic is not None:
                    self.topics.fixed[-1 - hash_name(t.topic)] = t.topic
        self._scripted = sorted(scripted, key=lambda d: (d.time, d.cid))
        self._release()

    def _scripted_draw(self, ev: Event, cid: int, key: str, at: float) -> CampaignDraw:
        """A scripted campaign's arrival: its efforts and topic drawn from a stream of its own
        (keyed by `key`), so no other draw of the run moves."""
        templates = self.scenario.demand.templates
        k = [t.name for t in templates].index(ev.template or "")
        efforts = tuple(
            lognormal_efforts(
                self._event_rng(hash_name(key)), [t.effort for t in templates[k].tasks],
                self.p.effort_cv,
            )
        )  # fmt: skip
        topic = (-1 - hash_name(ev.topic)) if ev.topic else hash_name(key) % self.p.topics
        if ev.topic:
            self.topics.fixed[topic] = ev.topic
        per_template = tuple(efforts if j == k else () for j in range(len(templates)))
        return CampaignDraw(cid, at, k, 0.0, topic, per_template, (), ev.due_weeks, ev.value)

    def inject(self, ev: Event, number: int) -> None:
        """Scenario event `ev` at the start of this week, the `number`th injected into the run
        (0 first): as if the scenario had scheduled it for this week."""
        at = self.clock.time_of(self.clock.week)
        if ev.kind == "campaign":
            cid = SCRIPTED_CID + len(self.scenario.events) + number
            draw = self._scripted_draw(ev, cid, f"injected {number}", at)
            # The week's arrivals are released once its first hour begins: in time.
            self._scripted = sorted([*self._scripted, draw], key=lambda d: (d.time, d.cid))
            if ev.text:
                self.clock.at(at, self._announce, ev.text)
        elif ev.kind == "change_course":
            self.clock.at(at, self._change_course, ev.template, ev.text)
        elif ev.kind == "leave":
            self.clock.at(at, self._leave, ev.worker, ev.text, ev.weeks)
        elif ev.kind == "hiring_freeze" and ev.weeks is not None:
            self.clock.at(at, self._freeze, ev.weeks, ev.text)

    def _change_course(self, template: str | None, text: str) -> None:
        self.on_change_course(template, text)

    def _leave(self, name: str | None, text: str, weeks: int | None) -> None:
        self.on_leave(name, text, weeks)

    def _freeze(self, weeks: int, text: str) -> None:
        self.on_freeze(weeks, text)

    def _announce(self, text: str) -> None:
        self.on_announce(text)

    def _event_rng(self, key: int) -> np.random.Generator:
        return np.random.Generator(np.random.PCG64([self.seed, key]))

    def _release(self) -> None:
        """Each week, from the warm-up's first: draw its demand, then release it on time.

        Like the workers, this is callbacks on one reused SimPy event rather than a
        generator process, with the events, times and order the process made: at
        each arrival, SimPy's `Environment.schedule` written out (pinned to SimPy 4.x),
        the delay measured from now as a `Timeout`'s is. A wake-up goes on from
        where the process resumed after its `yield`, without looking at the clock
        again (`now + (at - now)` can miss `at` by a rounding).
        """
        env = self.env
        clock = self.clock
        queue, eid = env._queue, env._eid
        tick = clock.reusable_event()
        week = -clock.warmup
        campaigns: list[CampaignDraw] = []
        initiatives: list[InitiativeDraw] = []
        i = j = 0
        drawn = False  # this week's demand is drawn and being released
        woken = False  # resumed by `tick`: the time waited for has come

        def wait(at: float) -> None:
            nonlocal woken
            now = env._now
            tick.callbacks = again
            heappush(queue, (now + (at - now), NORMAL, next(eid), tick))
            woken = True

        def run(_: object = None) -> None:
            nonlocal week, campaigns, initiatives, i, j, drawn, woken
            while True:
                if not drawn:
                    start = clock.time_of(week)
                    if not woken and start > env._now:
                        wait(start)
                        return
                    woken = False
                    campaigns, initiatives = self._week_demand(week, start)
                    i = j = 0
                    drawn = True
                while i < len(campaigns) or j < len(initiatives):
                    take_c = j >= len(initiatives) or (
                        i < len(campaigns) and campaigns[i].time <= initiatives[j].time
                    )
                    at = campaigns[i].time if take_c else initiatives[j].time
                    if not woken and at > env._now:
                        wait(at)
                        return
                    woken = False
                    if take_c:
                        i += 1
                        self._campaign_arrives(campaigns[i - 1])
                    else:
                        j += 1
                        self._initiative_arrives(initiatives[j - 1])
                week += 1
                drawn = False

        again: list[Callable[[Any], None]] = [run]
        clock.start(run)

    def _week_demand(
        self, week: int, start: float
    ) -> tuple[list[CampaignDraw], list[InitiativeDraw]]:
        """Week `week`'s campaigns (drawn and scripted, in time order) and initiatives."""
        arrivals, efforts = self.week_streams(week)
        drawn, initiatives = draw_week(self.scenario, arrivals, efforts, week, start, self.channels)
        end = start + HOURS_PER_WEEK
        scripted = [d for d in self._scripted if start <= d.time < end]
        return sorted(drawn + scripted, key=lambda d: (d.time, d.cid)), initiatives

    def _campaign_arrives(self, d: CampaignDraw) -> None:
        now = self.env.now
        k = d.template if d.template >= 0 else pick_template(self.mix, d.pick)
        tpl = self.scenario.demand.templates[k]
        if self.clock.warming_up and any(t.skill not in self.org.skill_teams for t in tpl.tasks):
            # Before week 0 the org plans only what it can staff: work for a team that
            # joins later (a new agency) starts arriving from week 0, as the story tells.
            return
        window = (d.due_weeks or tpl.due_weeks or self.p.due_weeks) * HOURS_PER_WEEK
        due = now + window
        value = tpl.value if d.value is None else d.value
        c = Campaign(d.cid, tpl, now, due, d.topic, self.topics.name(d.topic), value)
        c.tasks = build_campaign_tasks(c, d.efforts[k], self._task_uid)
        self._task_uid += len(c.tasks)
        c.owner = self.org.route(tpl.owner or tpl.tasks[0].skill, None)
        self.ledger.campaign_opened(now)
        if self.keep_campaigns:
            self.campaigns.append(c)
        self.open_campaigns.append(c)
        if c.owner is not None:
            c.known[c.owner.idx] = 0
        for task in c.tasks:
            self.floor.place(task, now)
        change_window = self.p.message_change_window * window
        for frac in d.changes:
            self.clock.at(now + frac * change_window, self.on_message_change, c, "")

    def _initiative_arrives(self, d: InitiativeDraw) -> None:
        now = self.env.now
        skill = self.channels[d.channel]
        task = Task(
            self._task_uid,
            self.topics.name(d.topic),
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
        self.floor.place(task, now)
