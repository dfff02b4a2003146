"""The debrief's reveal: the player against par week by week, and what a search of the
player's own game says (the costliest decision, the missed lever that would have helped).

Both searches replay the player's game on the game's own seed (common random
numbers: the same arrivals, efforts and quits), changing one thing, so any
difference is that one thing's doing. They are pure functions of their inputs,
run in a worker, and poll `cancelled` between weeks so a closed debrief stops them.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.present.numbers import gain, signed_percent
from game.present.verbs import describe
from sim import Simulation
from sim.actions import Action, ActionError
from sim.scenario import Scenario, ScriptStep

MAX_MISSED_RUNS = 40
"""Runs spent looking for a missed lever (each a replay of the weeks played)."""


class Cancelled(Exception):
    """The debrief closed before the search finished."""


def cumulative(values: Sequence[float]) -> list[float]:
    """Running totals (a week with no figure adds nothing)."""
    out, total = [], 0.0
    for v in values:
        total += float(v) if math.isfinite(float(v)) else 0.0
        out.append(total)
    return out


def by_week(steps: Sequence[tuple[int, Action]]) -> dict[int, list[Action]]:
    out: dict[int, list[Action]] = {}
    for week, action in steps:
        out.setdefault(week, []).append(action)
    return out


def script_steps(script: Sequence[ScriptStep]) -> list[tuple[int, Action]]:
    """A par plan's script as (week, action) pairs, in order."""
    return [(s.week, a) for s in script for a in s.do]


def side_by_side(
    history: Sequence[tuple[int, Action]], par: Sequence[tuple[int, Action]]
) -> list[tuple[str, str, str]]:
    """(week, your decisions, par's decisions), one row per week either acted in; the
    decisions of one week one to a line, "-" where a side did nothing that week."""
    yours, pars = by_week(history), by_week(par)
    rows = []
    for week in sorted(set(yours) | set(pars)):
        rows.append(
            (
                str(week),
                "\n".join(describe(a) for a in yours.get(week, [])) or "-",
                "\n".join(describe(a) for a in pars.get(week, [])) or "-",
            )
        )
    return rows


def replay_efficiency(
    scenario: Scenario,
    seed: int,
    steps: Sequence[tuple[int, Action]],
    weeks: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> float:
    """Efficiency over `weeks` weeks of the scenario taking `steps` (a refused step is
    skipped, as the game refuses a queued decision the org can no longer take)."""
    sim = Simulation(scenario, seed)
    plan = by_week(steps)
    for week in range(min(weeks, sim.weeks)):
        if cancelled():
            raise Cancelled
        for action in plan.get(week, []):
            with contextlib.suppress(ActionError):
                sim.apply(action)
        sim.step(1)
    return float(sim.result().summary.get("efficiency", math.nan))


@dataclass(frozen=True)
class Finding:
    """One decision (taken or missed) and what efficiency would have been."""

    week: int
    action: Action
    efficiency: float
    """Efficiency of the game with this change, same seed."""
    actual: float
    """Efficiency of the game as played."""

    @property
    def change(self) -> float:
        """The change's effect on efficiency, as a ratio minus one."""
        return gain(self.efficiency, self.actual)


def costliest(
    scenario: Scenario,
    seed: int,
    history: Sequence[tuple[int, Action]],
    weeks: int,
    actual: float,
    cancelled: Callable[[], bool] = lambda: False,
) -> Finding | None:
    """The decision whose absence would have raised efficiency most (None: no decisions).

    Its `efficiency` is the game without it; a finding whose change is not above
    zero means every decision paid.
    """
    best: Finding | None = None
    for i, (week, action) in enumerate(history):
        without = [s for j, s in enumerate(history) if j != i]
        eff = replay_efficiency(scenario, seed, without, weeks, cancelled)
        found = Finding(week, action, eff, actual)
        if best is None or _better(found, best):
            best = found
    return best


def missed_lever(
    scenario: Scenario,
    seed: int,
    history: Sequence[tuple[int, Action]],
    weeks: int,
    actual: float,
    cancelled: Callable[[], bool] = lambda: False,
) -> Finding | None:
    """The lever the player never used that, added at week 0, would have raised
    efficiency most (its best setting among the search's; None: nothing left to try)."""
    from sim.plan_space import PlanSpaceError, plan_space

    used = {a.action for _, a in history}
    try:
        space = plan_space(scenario, weeks=(0,))
    except PlanSpaceError:
        return None
    # One setting of each lever first, then the second of each, and so on, so a
    # capped search still tries every unused lever.
    per_lever = [
        [m for m in space.moves[lever] if len(m.actions) == 1]
        for lever in space.levers
        if lever not in used
    ]
    tries = [m for row in itertools.zip_longest(*per_lever) for m in row if m is not None]
    best: Finding | None = None
    for move in tries[:MAX_MISSED_RUNS]:
        offset, action = move.actions[0]
        eff = replay_efficiency(scenario, seed, [(offset, action), *history], weeks, cancelled)
        found = Finding(offset, action, eff, actual)
        if best is None or _better(found, best):
            best = found
    return best


def _better(a: Finding, b: Finding) -> bool:
    ca, cb = a.change, b.change
    return math.isfinite(ca) and (not math.isfinite(cb) or ca > cb)


def _lower(text: str) -> str:
    """A sentence-initial description made to follow other words ("Merged" -> "merged"),
    leaving a leading name or acronym ("SEO ...") as it is."""
    head = text.split(" ", 1)[0]
    return text if head.isupper() or not text else text[0].lower() + text[1:]


def _change(ratio: float) -> str:
    """A what-if's change, with a decimal when it is under a percent ("+0.4%", not "0%")."""
    return signed_percent(ratio, 1 if abs(ratio) < 0.0095 else 0)


def costliest_text(found: Finding | None) -> str:
    if found is None:
        return "You took no decisions, so none cost you anything."
    what = f"{_lower(describe(found.action))} in week {found.week}"
    if abs(found.change) <= 0.0005:
        return (
            f"Every decision paid or broke even: the least useful, {what}, made no "
            "difference you could measure."
        )
    if not found.change > 0.0005:
        return (
            f"Every decision paid: even the least useful, {what}, was worth "
            f"{_change(-found.change)} efficiency."
        )
    return (
        f"Your costliest decision was {what}: leaving it out gives {_change(found.change)} "
        "efficiency on the same weeks."
    )


def missed_text(found: Finding | None) -> str:
    if found is None:
        return "You used every lever this scenario offers."
    what = _lower(describe(found.action))
    if not found.change > 0.0005:
        return (
            "No lever you left unused would have helped on its own: the best, "
            f"{what} from week 0, gives {_change(found.change)}."
        )
    return (
        f"The missed lever that would have helped most: {what} from week 0, "
        f"{_change(found.change)} efficiency on top of your plan."
    )
