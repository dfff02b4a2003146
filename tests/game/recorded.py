"""A recorded game: the snapshot tests draw fixed weekly data, not a live simulation.

`tests/game/fixtures/recorded-game.json` holds every week of one game of the
trial scenario (the turns the play screen shows, the final results, an action's
cost and a what-if preview), recorded once from the real model. The snapshot
tests replace `GameSession` by `RecordedSession`, which serves those turns, so
a change in the model's numbers does not rewrite the SVGs: they change only
when the screens do, or when the recording is made again on purpose:

    PYTHONPATH=. python tests/game/recorded.py

(A plain module beside the tests, like pilot_kit.)
"""

from __future__ import annotations

import dataclasses
import json
import math
import threading
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pilot_kit import FIXTURES, TRIAL

from game.present.saves import GameRecord
from game.present.session import Turn
from game.present.whatif import Preview
from sim.actions import action_from_dict
from sim.results import RunResult
from sim.scenario import Scenario

RECORDING = FIXTURES / "recorded-game.json"
PLAN: dict[int, list[dict[str, Any]]] = {0: [{"action": "enable_tool", "tool": "shared_calendar"}]}
"""The recorded player's decisions by week: the snapshot tests queue the same."""
DIALOG_WEEK = 2
DIALOG_ACTION: dict[str, Any] = {"action": "set_goal", "team": "*", "shared_weight": 0.8}
"""The action whose cost and what-if preview the dialog snapshot shows (the form's default)."""


# Plain data out of frozen dataclasses, and back by their type hints.


def encode(value: Any) -> Any:
    if hasattr(value, "to_dict") and not dataclasses.is_dataclass(value):
        return value.to_dict()  # an action
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [encode(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else repr(float(value))
    if isinstance(value, np.integer):
        return int(value)
    return value


def decode(hint: Any, data: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return decode(args[0], data)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        if isinstance(data, dict) and "action" in data:
            return action_from_dict(data)  # sim's union of actions, told apart by 'action'
        return decode(next(a for a in args if a is not type(None)), data)
    if hint is float:
        return float(data)
    if hint is Any or hint is object:
        return data
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], d) for d in data)
        return tuple(decode(a, d) for a, d in zip(args, data, strict=True))
    if origin is dict:
        return {k: decode(args[1], v) for k, v in data.items()}
    if hint is np.ndarray:
        return np.array([float(x) for x in data], dtype=float)
    if isinstance(hint, type) and hasattr(hint, "model_validate"):
        return hint.model_validate(data)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint, localns={"np": np})  # sim.results hints np lazily
        fields = {f.name for f in dataclasses.fields(hint) if f.init}
        return hint(**{k: decode(hints[k], v) for k, v in data.items() if k in fields})
    return data


def _results(data: dict[str, Any]) -> RunResult:
    return decode(RunResult, data)


# The stand-in for GameSession.


class _Baseline:
    def __init__(self, result: RunResult) -> None:
        self._result = result

    def ready(self, week: int) -> bool:
        return True

    def result_at(self, week: int) -> RunResult:
        return self._result


class RecordedSession:
    """GameSession's face for the screens, serving the recorded turns week by week.

    Queued decisions become the history as in a game, but what the weeks show
    is the recording's: the snapshot tests queue what the recording did.
    """

    def __init__(self, scenario: Scenario, seed: int, builtin: bool = True) -> None:
        recording = json.loads(RECORDING.read_text(encoding="utf-8"))
        self.scenario = scenario.model_copy(update={"script": ()})
        self.seed = seed
        self.builtin = builtin
        self.queued: list[Any] = []
        self.history: list[tuple[int, Any]] = []
        self.lock = threading.RLock()
        self.save_file: Path | None = None
        self._turns = [decode(Turn, t) for t in recording["turns"]]
        self._result = _results(recording["result"])
        self.baseline = _Baseline(_results(recording["baseline"]))
        self.par = None  # the trial scenario is no built-in: no par plan
        self._costs: list[str] = recording["dialog_costs"]
        self._week = 0

    @property
    def week(self) -> int:
        return self._week

    @property
    def weeks(self) -> int:
        return len(self._turns) - 1

    @property
    def done(self) -> bool:
        return self._week >= self.weeks

    def run_ahead(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Nothing to compute: the do-nothing run was recorded."""

    def check(self, action: Any) -> None:
        """Every decision is possible in a recording."""

    def cost_of(self, action: Any) -> list[str]:
        return list(self._costs)

    def queue(self, action: Any) -> None:
        self.queued.append(action)

    def unqueue(self, index: int = -1) -> Any:
        return self.queued.pop(index)

    def advance(self, *, report: bool = True) -> Turn | None:
        self.history.extend((self._week, a) for a in self.queued)
        self.queued.clear()
        self._week += 1
        return self.turn() if report else None

    def turn(self) -> Turn:
        return self._turns[self._week]

    def result(self) -> RunResult:
        return self._result

    def events(self) -> tuple[Any, ...]:
        return tuple(e for e in self._result.events if e.week <= self._week)

    def record(self) -> GameRecord:
        return GameRecord(
            self.scenario, self.builtin, self.seed, tuple(self.history), self._week,
            tuple(self.queued),
        )  # fmt: skip


def recorded_preview() -> Preview:
    """The what-if preview of DIALOG_ACTION at DIALOG_WEEK, as recorded."""
    recording = json.loads(RECORDING.read_text(encoding="utf-8"))
    return decode(Preview, recording["preview"])


# Making the recording (run by hand, never by the tests).


def record(path: Path = RECORDING) -> None:
    from game.present.session import GameSession
    from game.present.whatif import preview, replications_for
    from sim import load_scenario

    scenario = load_scenario(str(TRIAL))
    session = GameSession(scenario, scenario.seed, builtin=False)
    turns = [session.turn()]
    costs: list[str] = []
    shown: Preview | None = None
    while not session.done:
        if session.week == DIALOG_WEEK:
            action = action_from_dict(DIALOG_ACTION)
            costs = session.cost_of(action)
            shown = preview(
                session.scenario,
                session.seed,
                list(session.history),
                session.week,
                list(session.queued),
                action,
                replications=replications_for(session.scenario),
            )
        for data in PLAN.get(session.week, []):
            session.queue(action_from_dict(data))
        turns.append(session.advance())
    recording = {
        "scenario": str(TRIAL.relative_to(FIXTURES)),
        "turns": [encode(t) for t in turns],
        "result": encode(session.result()),
        "baseline": encode(session.baseline.result_at(session.week)),
        "dialog_costs": costs,
        "preview": encode(shown),
    }
    path.write_text(json.dumps(recording, indent=1, allow_nan=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    record()
    print(f"wrote {RECORDING}")
