"""One game in progress: the player's simulation, its do-nothing and par twins, queued decisions.

The session is the only part of the game that touches a live `Simulation`;
screens receive frozen `Turn`s. Every access to a simulation goes through a
lock, because weeks are stepped in a worker thread while the screen stays
live. Player actions are queued and applied right before the next week is
stepped, so `(scenario, seed, [(week, action)])` replays the game exactly:
loading a save and `silo replay` run the very same `advance` as play does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, overload

from game.present.saves import GameRecord
from sim import Simulation
from sim.actions import Action, ActionError
from sim.engine.simulation import VERSION
from sim.objectives import ObjectiveResult, evaluate
from sim.results import FeedEvent, FrozenMap, RunResult, Snapshot
from sim.scenario import Event, Scenario, ScriptStep


def playable(scenario: Scenario) -> Scenario:
    """The scenario as the game plays it: the player decides, so no scripted actions."""
    return scenario.model_copy(update={"script": ()}) if scenario.script else scenario


class Baseline:
    """A run the player's is judged against, under the same seed, stepped ahead as far
    as anyone asks: doing nothing, or (with `script`) the scenario's par plan.

    Its summaries are kept week by week, because objectives during play compare
    the weeks played so far with the same weeks of doing nothing.
    """

    def __init__(self, scenario: Scenario, seed: int, script: tuple[ScriptStep, ...] = ()) -> None:
        self.script = script
        """The plan this run follows (empty: doing nothing)."""
        scn = playable(scenario)
        self._sim = Simulation(scn.with_actions(script) if script else scn, seed)
        self._lock = threading.Lock()
        self._summaries: list[dict[str, float]] = [{}]
        self._feed_lengths: list[int] = [0]
        self._result: RunResult | None = None

    @property
    def weeks(self) -> int:
        return self._sim.weeks

    def ensure(self, week: int) -> None:
        """Step the do-nothing run up to `week` (no further than the horizon)."""
        week = min(week, self._sim.weeks)
        with self._lock:
            while self._sim.week < week:
                self._sim.step(1)
                self._summaries.append(FrozenMap(self._sim.summary()))
            if self._sim.done and self._result is None:
                self._result = self._sim.result()

    def ready(self, week: int) -> bool:
        return len(self._summaries) > min(week, self._sim.weeks)

    def summary_at(self, week: int) -> dict[str, float]:
        self.ensure(week)
        return self._summaries[week]

    def weekly(self, week: int) -> dict[str, list[float]]:
        """The weekly series of the first `week` weeks."""
        self.ensure(week)
        with self._lock:
            return {k: list(v[:week]) for k, v in self._sim.weekly.items()}

    def result_at(self, week: int) -> RunResult:
        """A RunResult of the first `week` weeks (the whole run when week is the horizon)."""
        self.ensure(week)
        with self._lock:
            if self._result is not None and week >= self._sim.weeks:
                return self._result
            full = self._sim.result()
        return _truncate(full, week, self._summaries[week])


def _truncate(result: RunResult, week: int, summary: dict[str, float]) -> RunResult:
    return RunResult(
        scenario=result.scenario,
        seed=result.seed,
        weeks=week,
        version=result.version,
        weekly={k: v[:week] for k, v in result.weekly.items()},
        team_weekly={t: {k: v[:week] for k, v in d.items()} for t, d in result.team_weekly.items()},
        summary=summary,
        events=tuple(e for e in result.events if e.week <= week),
        actions=(),
    )


def par_plan(scenario: Scenario) -> tuple[ScriptStep, ...] | None:
    """The built-in's par plan, None when it has none; a par file that no longer fits
    its scenario is left out (the game goes on without par; the tests catch it)."""
    from scenarios.catalog import par_script
    from sim.scenario import ScenarioError

    try:
        return par_script(scenario.name, scenario)
    except ScenarioError:
        return None


@dataclass(frozen=True)
class Turn:
    """Everything the play screen shows after a week (or at the start)."""

    week: int
    weeks: int
    snapshot: Snapshot
    weekly: dict[str, tuple[float, ...]]
    baseline_weekly: dict[str, tuple[float, ...]]
    summary: dict[str, float]
    objectives: tuple[ObjectiveResult, ...]
    baseline_summary: dict[str, float] = field(default_factory=dict)
    """The do-nothing run's summary over the same weeks."""
    par_weekly: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """The par plan's weekly series (empty when the scenario has no par plan)."""
    par_summary: dict[str, float] = field(default_factory=dict)
    """The par plan's summary over the same weeks (empty without a par plan)."""
    applied: tuple[tuple[int, Action], ...] = ()
    """Player actions taken at the start of this week."""
    refused: tuple[tuple[Action, str], ...] = ()
    """Queued actions the org could no longer take when the week began, with the reason."""

    @property
    def done(self) -> bool:
        return self.week >= self.weeks

    @property
    def met(self) -> int:
        return sum(o.met for o in self.objectives)


@dataclass
class GameSession:
    """A game: scenario, seed, the live simulation and the player's decisions."""

    scenario: Scenario
    seed: int
    builtin: bool = True
    sim: Simulation = field(init=False)
    baseline: Baseline = field(init=False)
    par: Baseline | None = field(init=False)
    """The scenario's par plan under the same seed (None: a scenario without one)."""
    queued: list[Action] = field(default_factory=list)
    history: list[tuple[int, Action]] = field(default_factory=list)
    injected: list[tuple[int, Event]] = field(default_factory=list)
    """Scenario events injected so far (a served session's facilitator), with their week."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    save_file: Path | None = None
    """The game's own save file (None until its first save; see `saves.save_game`)."""

    def __post_init__(self) -> None:
        self.scenario = playable(self.scenario)
        self.sim = Simulation(self.scenario, self.seed)
        self.baseline = Baseline(self.scenario, self.seed)
        script = par_plan(self.scenario) if self.builtin else None
        self.par = Baseline(self.scenario, self.seed, script) if script else None

    def run_ahead(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Step do-nothing and par to the horizon, week by week in turn, until `stop()`.

        Neither depends on the player, so they are computed in a worker while the
        player reads and decides; a week of play then only steps the player's own run.
        """
        ghosts = [g for g in (self.baseline, self.par) if g is not None]
        week = 0
        while not stop() and week <= self.weeks:
            for ghost in ghosts:
                ghost.ensure(week)
            week += 1

    @property
    def week(self) -> int:
        return self.sim.week

    @property
    def weeks(self) -> int:
        return self.sim.weeks

    @property
    def done(self) -> bool:
        return self.sim.done

    def check(self, action: Action) -> None:
        """Raise ActionError with the reason if the org cannot take `action` now."""
        with self.lock:
            if self.sim.done:
                raise ActionError("the scenario is over")
            self.sim.check(action)

    def cost_of(self, action: Action) -> list[str]:
        """The action's costs in plain words (raises ActionError when it is impossible)."""
        with self.lock:
            if self.sim.done:
                raise ActionError("the scenario is over")
            return self.sim.cost_of(action)

    def queue(self, action: Action) -> None:
        """Queue an action for the start of the next week, after checking it."""
        self.check(action)
        with self.lock:
            self.queued.append(action)

    def unqueue(self, index: int = -1) -> Action:
        with self.lock:
            return self.queued.pop(index)

    def inject(self, event: Event) -> str | None:
        """Inject a scenario event at this week boundary (before this week's decisions);
        why not, in words, when this game's org cannot take it (it is then left out)."""
        with self.lock:
            try:
                self.sim.inject(event)
            except ActionError as exc:
                return str(exc)
            self.injected.append((self.sim.week, event))
            return None

    @overload
    def advance(self, *, report: Literal[True] = ...) -> Turn: ...
    @overload
    def advance(self, *, report: Literal[False]) -> None: ...

    def advance(self, *, report: bool = True) -> Turn | None:
        """Apply the queued actions, step one week, and say what happened.

        A queued action that the org can no longer take (an earlier one in the
        queue changed the org) is dropped with its reason, never half-applied.
        """
        with self.lock:
            if self.sim.done:
                raise ActionError("the scenario is over")
            applied: list[tuple[int, Action]] = []
            refused: list[tuple[Action, str]] = []
            for action in self.queued:
                try:
                    self.sim.apply(action)
                except ActionError as exc:
                    refused.append((action, str(exc)))
                else:
                    applied.append((self.sim.week, action))
            self.queued.clear()
            self.history.extend(applied)
            self.sim.step(1)
            if not report:
                return None
            return self._turn(tuple(applied), tuple(refused))

    def turn(self) -> Turn:
        """The current state, without stepping (the first screen, a loaded game)."""
        with self.lock:
            return self._turn()

    def _turn(
        self,
        applied: tuple[tuple[int, Action], ...] = (),
        refused: tuple[tuple[Action, str], ...] = (),
    ) -> Turn:
        week = self.sim.week
        # Objectives read summaries only: a week's turn builds no series arrays.
        summary = self.sim.summary()
        name, seed = self.scenario.name, self.seed
        result = RunResult(name, seed, week, VERSION, {}, {}, summary)
        base_summary = self.baseline.summary_at(week)
        base = RunResult(name, seed, week, VERSION, {}, {}, base_summary)
        judged = tuple(evaluate(self.scenario, result, base)) if week else ()
        par = self.par
        return Turn(
            week=week,
            weeks=self.sim.weeks,
            snapshot=self.sim.snapshot(),
            weekly={k: tuple(v) for k, v in self.sim.weekly.items()},
            baseline_weekly={k: tuple(v) for k, v in self.baseline.weekly(week).items()},
            summary=dict(result.summary),
            objectives=judged,
            baseline_summary=dict(base_summary),
            par_weekly={k: tuple(v) for k, v in par.weekly(week).items()} if par else {},
            par_summary=dict(par.summary_at(week)) if par else {},
            applied=applied,
            refused=refused,
        )

    def result(self) -> RunResult:
        with self.lock:
            return self.sim.result()

    def events(self) -> tuple[FeedEvent, ...]:
        """The feed of every week played so far (a loaded game shows its whole story)."""
        with self.lock:
            return tuple(self.sim.events)

    def record(self) -> GameRecord:
        """The replayable record of this game so far."""
        with self.lock:
            return GameRecord(
                scenario=self.scenario,
                builtin=self.builtin,
                seed=self.seed,
                actions=tuple(self.history),
                weeks_played=self.sim.week,
                queued=tuple(self.queued),
                events=tuple(self.injected),
            )

    @classmethod
    def from_record(
        cls, record: GameRecord, progress: Callable[[int, int], None] | None = None
    ) -> GameSession:
        """Replay a saved game to where it stopped.

        Raises:
            ActionError: a saved action the org refuses on replay (the save and
                this version of silo disagree); the message names week and action.
        """
        session = cls(record.scenario, record.seed, record.builtin)
        by_week: dict[int, list[Action]] = {}
        for week, action in record.actions:
            by_week.setdefault(week, []).append(action)
        events: dict[int, list[Event]] = {}
        for week, event in record.events:
            events.setdefault(week, []).append(event)
        for week in range(record.weeks_played):
            for event in events.get(week, []):
                problem = session.inject(event)
                if problem is not None:
                    raise ActionError(
                        f"the {event.kind} event injected at week {week} is refused on replay: "
                        f"{problem}"
                    )
            for action in by_week.get(week, []):
                try:
                    session.sim.check(action)
                except ActionError as exc:
                    raise ActionError(
                        f"the saved {action.action} at week {week} is refused on replay: {exc}"
                    ) from None
                session.queued.append(action)
            session.advance(report=False)
            if progress is not None:
                progress(week + 1, record.weeks_played)
        for action in record.queued:
            try:
                session.queue(action)
            except ActionError as exc:
                raise ActionError(
                    f"the saved decision queued for week {record.weeks_played} "
                    f"({action.action}) is refused on replay: {exc}"
                ) from None
        return session
