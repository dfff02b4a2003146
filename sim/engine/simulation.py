"""The Simulation: a thin coordinator that owns the clock and advances the parts week by week.

Workers are long-lived SimPy processes working in chunks; facts are arrival
times; meetings and other weekly costs are hour debts paid before work; the
weekly bookkeeping (engagement, attrition, records) runs between weeks in
plain Python. `step(26)` is 26 calls of `step(1)`, so chunking a run never
changes it.
"""

from __future__ import annotations

from array import array
from typing import Any

from sim.actions import ActionError
from sim.engine.clock import Clock
from sim.engine.collector import no_collection
from sim.engine.constants import PRUNE_EVERY_WEEKS
from sim.engine.demand import Demand, Topics
from sim.engine.feed import Feed
from sim.engine.floor import WorkFloor
from sim.engine.messages import Messages
from sim.engine.news import NewsInFlight
from sim.engine.newslog import Heard
from sim.engine.orgchart import OrgChart
from sim.engine.staff import Staff
from sim.engine.upkeep import charge_links, charge_people
from sim.info import LINK_BASE, Network
from sim.metrics import Ledger, silo_index
from sim.org import Team, Worker
from sim.results import FeedEvent, RunResult, Snapshot
from sim.rng import Streams
from sim.scenario import Event, Scenario
from sim.work import Campaign

VERSION = "0.1.0"
SKIPPED = "skipped"
"""The feed kind of a scripted action skipped in a replication."""


class Simulation:
    """One run of a scenario: step it, act on it, read it."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        *,
        skip_impossible: bool = False,
        keep_campaigns: bool = False,
    ) -> None:
        self.scenario = scenario
        # Replications of an experiment: a scripted action this run's org cannot take
        # (its person quit) is skipped and told, rather than ending the whole experiment.
        self.skip_impossible = skip_impossible
        self.seed = scenario.seed if seed is None else int(seed)
        self.p = p = scenario.params
        self.clock = clock = Clock(scenario.weeks, p.warmup_weeks)
        self.streams = streams = Streams(self.seed)
        self.net = net = Network(p, streams.communication, clock.origin)
        self.feed = Feed(clock)
        self.ledger = Ledger()
        self.org = OrgChart(p, clock, net, streams.engagement)
        self.topics = Topics(scenario)
        self.floor = WorkFloor(p, clock, net, self.org, self.ledger, self.feed, self.topics.name)
        self.staff = Staff(
            p,
            clock,
            self.org,
            self.floor,
            self.feed,
            self.ledger,
            streams.attrition,
            self.refresh_routing,
        )
        channels = list(scenario.demand.channels or _all_skills(scenario))
        self.demand = Demand(
            scenario,
            self.seed,
            clock,
            self.org,
            self.floor,
            self.ledger,
            channels,
            self.topics,
            streams.week_streams,
            keep_campaigns,
        )
        self.messages = Messages(
            p,
            clock,
            net,
            self.org,
            self.floor,
            self.demand,
            self.ledger,
            self.feed,
            streams.communication,
            self.staff.win,
        )
        self.news = NewsInFlight(p, clock, net, self.org, self.demand, self.floor, self.messages)
        self.floor.on_campaign_progress = self.messages.maybe_live
        self.demand.on_message_change = self.messages.message_change
        self.demand.on_change_course = self.messages.change_course
        self.demand.on_leave = self.staff.leave_event
        self.demand.on_freeze = self.staff.freeze_hiring
        self.demand.on_announce = self.feed.announce
        self.actions_log: list[tuple[int, Any]] = []
        self.injected: list[tuple[int, Event]] = []
        """Events injected during the run (`inject`), with the week of each."""
        self._script: dict[int, list[Any]] = {}
        for step in scenario.script:
            self._script.setdefault(step.week, []).extend(step.do)
        self._build_org()
        self.demand.schedule()
        self._warm_up()

    def _warm_up(self) -> None:
        """Play the starting org to its steady state before week 0 (MODEL.md, Economics E1).

        Nothing of it is recorded or shown; week 0's scripted actions apply as it ends.
        """
        if self.clock.warmup == 0:
            self._apply_script(0)
            return
        with no_collection():
            while self.clock.week < 0:
                self._play_week()
        self.ledger.reset_run(self.clock.origin)

    def _build_org(self) -> None:
        org = self.org
        for spec in self.scenario.teams:
            team = org.new_team(
                spec.name,
                list(spec.skills),
                spec.kpi,
                spec.shared_weight,
                spec.external,
                spec.included,
            )
            names = spec.member_names
            for name in names:
                skill = spec.member_skills.get(name, spec.skills[0])
                team.members.append(org.new_worker(name, skill, team, spec.engagement))
            if spec.joins_week > 0:
                self.staff.join_later(team, spec.joins_week)
        by_name = {w.name: w for w in org.workers}
        for ls in self.scenario.links:
            idxs = None if "*" in ls.teams else [org.team_named(n).idx for n in ls.teams]
            liaison = by_name.get(ls.liaison) if ls.liaison else None
            org.add_link(ls.kind, idxs, ls.per_week, ls.hours, liaison, ls.skill, ls.attendees)
        if self.scenario.tools.shared_calendar:
            self.net.calendar_since = 0.0
        if self.scenario.tools.knowledge_base:
            self.net.kb_since = 0.0
        self.refresh_routing()
        for w in org.workers:
            if w.present:
                self.floor.start_worker(w)

    # the org changed

    def refresh_routing(self) -> None:
        """Recompute which teams cover which skill, and place work that had no team."""
        self.org.refresh()
        self.floor.place_unrouted()

    # time

    def step(self, weeks: int = 1) -> None:
        """Advance whole weeks (never past the horizon)."""
        if weeks < 0 or self.week + weeks > self.weeks:
            raise ValueError(f"cannot step {weeks} weeks from week {self.week} of {self.weeks}")
        # The collector is off while the weeks play and back at the end (sim/engine/collector.py).
        with no_collection():
            for _ in range(weeks):
                self._play_week()

    def _play_week(self) -> None:
        clock = self.clock
        clock.begin_week()
        self.ledger.start_week()
        teams = self.org.live_teams()
        net = self.net
        charge_links(self.p, net.links, teams, clock.now)
        charge_people(self.p, teams, self._tools_on(clock.now))
        self.floor.wake_owers(teams)
        clock.run_until(clock.week_end)
        if net.adoption_steps_at(clock.week_end):
            # Routes cached this week are stale from its last instant on: for the week's
            # close and for decisions made between weeks as much as for the next week.
            net.invalidate(clock.week_end)
        self._close_week()
        if clock.week % PRUNE_EVERY_WEEKS == PRUNE_EVERY_WEEKS - 1:
            self.floor.prune_registry(clock.week_end)
        clock.week += 1
        self.staff.arrive_hires()
        self._apply_script(clock.week)

    def _close_week(self) -> None:
        """Book the week's hours, move engagement, draw quits, record, then people go."""
        now = self.clock.week_end
        teams = self.org.live_teams()
        self.floor.close_hours(teams, now)
        self.staff.move_engagement(teams)
        quits = self.staff.draw_quits(teams)
        tools = self._tools_on(now)
        net = self.net
        if self.clock.warming_up:
            self.ledger.start_week()  # the warm-up is not recorded
            self.ledger.forget_spend()
        else:
            self.staff.pay_absent()
            silo = silo_index(self.scenario.demand.templates, self.org.route, net, now)
            overdue = sum(1 for c in self.demand.open_campaigns if c.due < now)
            by_team: dict[int, int] = {}
            for w in quits:
                by_team[w.team.idx] = by_team.get(w.team.idx, 0) + 1
            self.ledger.end_week(teams, len(quits), now, silo, tools, self.p, overdue, by_team)
        self.staff.let_go(quits)
        self.staff.new_week(teams)

    def _tools_on(self, now: float) -> int:
        return int(self.net.calendar_since <= now) + int(self.net.kb_since <= now)

    def _apply_script(self, week: int) -> None:
        for action in self._script.pop(week, []):
            try:
                self.apply(action, scripted=True)
            except ActionError as exc:
                if not self.skip_impossible:
                    raise ActionError(f"script at week {week}: {exc}") from None
                self._skipped(week, action, exc)

    def _skipped(self, week: int, action: Any, exc: ActionError) -> None:
        """A skipped scripted action, as a feed event that no weekly cap drops."""
        from sim.results import FeedEvent
        from sim.verbs import title

        text = f"script at week {week}: {title(action)}: skipped, {exc}"
        self.feed.events.append(FeedEvent(max(self.week + 1, 1), SKIPPED, text))

    @property
    def week(self) -> int:
        """Weeks played so far."""
        return self.clock.week

    @property
    def weeks(self) -> int:
        """The horizon, in weeks."""
        return self.clock.weeks

    @property
    def done(self) -> bool:
        return self.clock.done

    # actions

    def check(self, action: Any) -> None:
        """Raise ActionError if the org cannot take this action now."""
        from sim.verbs import handler_for

        handler_for(action).check(self, action)

    def cost_of(self, action: Any) -> list[str]:
        """What the action will cost, in plain words, before it is taken."""
        from sim.verbs import handler_for

        handler = handler_for(action)
        handler.check(self, action)
        return handler.price(self, action)

    def apply(self, action: Any, scripted: bool = False) -> None:
        """Take an action at this week boundary (checked first; nothing changes on error)."""
        from sim.verbs import handler_for

        if self.done:
            raise ActionError("the scenario is over")
        handler = handler_for(action)
        handler.check(self, action)
        links_before = len(self.net.links)
        openness = {t.idx: t.openness(self.p) for t in self.org.teams}
        sentence = handler.describe(self, action)
        handler.apply(self, action)
        self.feed.say("action", sentence)
        self.actions_log.append((self.week, action))
        self.refresh_routing()
        opened = frozenset(LINK_BASE + lk.idx for lk in self.net.links[links_before:])
        self.news.after_change(opened, openness)

    def inject(self, event: Event) -> None:
        """A scenario event (a campaign, a change of course, a person leaving, a hiring
        freeze, a team joining) at this week boundary, as though the scenario had scheduled it for
        this week; its `week` is not read. Checked first: nothing changes on error.
        A run given the same events at the same weeks is the same run (see `injected`).

        Raises:
            ActionError: the event does not fit this org now (the message says why).
        """
        if self.done:
            raise ActionError("the scenario is over")
        if self.clock.warming_up:
            raise ActionError("an event is injected from week 0 on")
        self._check_event(event)
        if event.kind == "join":
            team = self.team_named(event.team or "")
            self.staff.join_now(team)
            self.feed.announce(event.text)
            self.refresh_routing()
        else:
            self.demand.inject(event, len(self.injected))
        self.injected.append((self.week, event))

    def _check_event(self, event: Event) -> None:
        templates = [t.name for t in self.scenario.demand.templates]
        if event.kind == "campaign" and event.template not in templates:
            raise ActionError(f"no campaign kind called {event.template!r}")
        if event.kind == "change_course" and event.template not in (None, *templates):
            raise ActionError(f"no campaign kind called {event.template!r}")
        if event.kind == "leave" and not any(
            w.name == event.worker and w.present for w in self.org.workers
        ):
            raise ActionError(f"nobody called {event.worker!r} works here now")
        if event.kind == "join":
            team = next((t for t in self.teams if t.name == event.team), None)
            if team is None or team.idx not in self.staff.joining:
                raise ActionError(f"{event.team!r} is not a team waiting to join")

    # reading

    @property
    def teams(self) -> list[Team]:
        """Every team ever (merged-away and not yet joined included), by index."""
        return self.org.teams

    @property
    def workers(self) -> list[Worker]:
        """Every person ever (those who left included), by uid."""
        return self.org.workers

    def live_teams(self) -> list[Team]:
        return self.org.live_teams()

    def team_named(self, name: str) -> Team:
        return self.org.team_named(name)

    @property
    def campaigns(self) -> list[Campaign]:
        """Every campaign so far, in arrival order: kept only with `keep_campaigns=True`.

        Otherwise a campaign leaves the engine once it is live and its results are
        booked (see `open_campaigns` for those in flight), so memory does not grow
        with simulated time.
        """
        if not self.demand.keep_campaigns:
            raise AttributeError(
                "Simulation.campaigns needs Simulation(..., keep_campaigns=True); "
                "open_campaigns holds the campaigns in flight"
            )
        return self.demand.campaigns

    @property
    def open_campaigns(self) -> list[Campaign]:
        return self.demand.open_campaigns

    @property
    def events(self) -> list[FeedEvent]:
        """The feed so far."""
        return self.feed.events

    def keep_news(self) -> None:
        """Record from now on the news that reaches each team (`heard`), for seats."""
        self.floor.news_log.on = True

    @property
    def heard(self) -> list[Heard]:
        """The news that reached each team since `keep_news()`, in order of arrival."""
        return self.floor.news_log.heard

    @property
    def wins_since_celebration(self) -> int:
        return self.staff.wins_since_celebration

    @property
    def weekly(self) -> dict[str, array[float]]:
        """The weekly series so far (compact arrays; index, slice or iterate them)."""
        return self.ledger.series

    def snapshot(self) -> Snapshot:
        from sim.views import snapshot

        return snapshot(self)

    def summary(self) -> dict[str, float]:
        """The run's summary so far: `result().summary` without building the series."""
        return self.ledger.summary()

    def result(self) -> RunResult:
        return self.ledger.result(
            VERSION,
            self.scenario.name,
            self.seed,
            tuple(self.feed.events),
            tuple((w, a.to_dict()) for w, a in self.actions_log),
        )


def _all_skills(scenario: Scenario) -> list[str]:
    seen: dict[str, None] = {}
    for t in scenario.teams:
        for s in t.skills:
            seen[s] = None
    return list(seen)


def run(
    scenario: Scenario,
    seed: int | None = None,
    weeks: int | None = None,
    actions: list[tuple[int, Any]] | tuple[tuple[int, Any], ...] = (),
    *,
    skip_impossible: bool = False,
) -> RunResult:
    """Run a scenario (its script plus `actions`) to the horizon, or for `weeks` weeks.

    With `skip_impossible`, a scripted action the org cannot take is skipped and
    told as a feed event of kind "skipped" instead of raising ActionError.
    """
    if actions:
        scenario = scenario.with_actions(list(actions))
    sim = Simulation(scenario, seed, skip_impossible=skip_impossible)
    sim.step(sim.weeks if weeks is None else min(weeks, sim.weeks))
    return sim.result()
