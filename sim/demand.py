"""Demand reaching the org: scheduled arrivals, scripted events, placing tasks on teams."""

from __future__ import annotations

from typing import Any

from sim.state import SimState
from sim.work import (
    HOURS_PER_WEEK,
    Campaign,
    CampaignDraw,
    InitiativeDraw,
    Task,
    build_campaign_tasks,
    hash_name,
    lognormal_efforts,
    pick_template,
)


class DemandMixin(SimState):
    """Part of `Simulation` (see sim/engine.py)."""

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
                per_template = tuple(efforts if j == k else () for j in range(len(templates)))
                scripted.append(
                    CampaignDraw(
                        10_000_000 + i, at, k, 0.0, topic, per_template, (), ev.due_weeks, ev.value
                    )
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
        k = d.template if d.template >= 0 else pick_template(self.mix, d.pick)
        tpl = self.scenario.demand.templates[k]
        window = (d.due_weeks or tpl.due_weeks or self.p.due_weeks) * HOURS_PER_WEEK
        due = now + window
        value = tpl.value if d.value is None else d.value
        c = Campaign(d.cid, tpl, now, due, d.topic, self.topic_name(d.topic), value)
        c.tasks = build_campaign_tasks(c, d.efforts[k], self._task_uid)
        self._task_uid += len(c.tasks)
        c.owner = self.route(tpl.owner or tpl.tasks[0].skill, None)
        self.ledger.campaign_opened(now)
        self.campaigns.append(c)
        self.open_campaigns.append(c)
        if c.owner is not None:
            c.known[c.owner.idx] = 0
        for task in c.tasks:
            self._place(task, now)
        change_window = self.p.message_change_window * window
        for frac in d.changes:
            self._at(now + frac * change_window, self._message_change, c, "")

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
