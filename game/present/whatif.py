"""What-if previews: the next weeks with and without a decision, over a few replications.

A live simulation cannot be copied (SimPy processes are generators), so each
branch is rebuilt by replay: a fresh `Simulation` under the replication's seed
takes the game's logged actions at their weeks up to now, then the branches
part: one takes the queued actions only, the other the queued actions and the
candidate. Replication 0 uses the game's own seed, so its "without" line is
the game's actual future if nothing else changes. Runs are pure functions of
their inputs, safe to compute in a worker thread; `cancelled` is polled
between weeks so a closed dialog stops its preview promptly.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sim import Simulation
from sim.actions import Action, ActionError
from sim.scenario import Scenario

PREVIEW_WEEKS = 8
REPLICATIONS = 3
BIG_ORG = 200
"""Head count above which one run each way is made: a big org's weeks are slow to
replay, and its averages over many people vary less between seeds anyway."""


def replications_for(scenario: Scenario) -> int:
    people = sum(t.head_count for t in scenario.teams)
    return 1 if people > BIG_ORG else REPLICATIONS


MEASURES = ("efficiency", "spend", "engagement", "hours_duplicated", "value")
# Replication seeds beyond the first are spaced far from the game's seed.
SEED_STRIDE = 1_000_003


class Cancelled(Exception):
    """The preview was no longer wanted."""


@dataclass(frozen=True)
class Preview:
    """Weekly values of each measure, per replication, in both branches."""

    start_week: int
    """The week the branches part (the current week); values are for the weeks after."""
    weeks: int
    without: dict[str, tuple[tuple[float, ...], ...]]
    with_: dict[str, tuple[tuple[float, ...], ...]]

    def mean(self, branch: str, measure: str) -> list[float]:
        runs = (self.with_ if branch == "with" else self.without)[measure]
        return [_mean([r[i] for r in runs]) for i in range(self.weeks)]

    def band(self, branch: str, measure: str) -> tuple[list[float], list[float]]:
        """Lowest and highest replication each week."""
        runs = (self.with_ if branch == "with" else self.without)[measure]
        columns = [[r[i] for r in runs if math.isfinite(r[i])] for i in range(self.weeks)]
        return (
            [min(c) if c else math.nan for c in columns],
            [max(c) if c else math.nan for c in columns],
        )

    def overall(self, branch: str, measure: str) -> float:
        """The measure's mean over the preview weeks and replications; efficiency as the
        score defines it (value x 1,000 / spend over the weeks, not a mean of weekly
        ratios), so the preview's figure is the dashboard's over the same weeks."""
        if measure == "efficiency" and "value" in self.with_ and "spend" in self.with_:
            runs = self.with_ if branch == "with" else self.without
            value = math.fsum(v for r in runs["value"] for v in r if math.isfinite(v))
            spend = math.fsum(v for r in runs["spend"] for v in r if math.isfinite(v))
            return 1000.0 * value / spend if spend > 0 else math.nan
        return _mean(self.mean(branch, measure))


def _mean(xs: Sequence[float]) -> float:
    finite = [x for x in xs if math.isfinite(x)]
    return math.fsum(finite) / len(finite) if finite else math.nan


def preview(
    scenario: Scenario,
    seed: int,
    history: Sequence[tuple[int, Action]],
    now: int,
    queued: Sequence[Action],
    candidate: Action,
    *,
    weeks: int = PREVIEW_WEEKS,
    replications: int = REPLICATIONS,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[float], None] | None = None,
) -> Preview:
    """Run both branches `replications` times from week `now` for up to `weeks` weeks.

    Raises:
        Cancelled: `cancelled()` turned true.
        ActionError: the candidate is impossible in some replication (it was
            checked against the game's own run, which replication 0 repeats).
    """
    weeks = max(0, min(weeks, scenario.weeks - now))
    without: dict[str, list[tuple[float, ...]]] = {m: [] for m in MEASURES}
    with_: dict[str, list[tuple[float, ...]]] = {m: [] for m in MEASURES}
    total = 2 * replications * (now + weeks) or 1
    done = 0

    def tick() -> None:
        nonlocal done
        if cancelled():
            raise Cancelled
        done += 1
        if progress is not None:
            progress(done / total)

    for rep in range(replications):
        seed_i = (seed + rep * SEED_STRIDE) % 2**63
        runs: dict[str, dict[str, tuple[float, ...]]] = {}
        branches: tuple[tuple[str, tuple[Action, ...]], ...] = (
            ("without", ()),
            ("with", (candidate,)),
        )
        for branch, extra in branches:
            sim = _replayed(scenario, seed_i, history, now, tick)
            for action in queued:
                # One the org refuses is refused in the game too, at the week's start.
                with contextlib.suppress(ActionError):
                    sim.apply(action)
            try:
                for action in extra:
                    sim.apply(action)
            except ActionError:
                if rep == 0:
                    raise
                break  # another seed's org cannot take it (someone quit): skip this replication
            for _ in range(weeks):
                sim.step(1)
                tick()
            runs[branch] = {m: tuple(sim.weekly[m][now:]) for m in MEASURES}
        if len(runs) == 2:
            for m in MEASURES:
                without[m].append(runs["without"][m])
                with_[m].append(runs["with"][m])
    return Preview(
        now,
        weeks,
        {m: tuple(v) for m, v in without.items()},
        {m: tuple(v) for m, v in with_.items()},
    )


def _replayed(
    scenario: Scenario,
    seed: int,
    history: Sequence[tuple[int, Action]],
    now: int,
    tick: Callable[[], None],
) -> Simulation:
    """A simulation brought to week `now` with the game's decisions, as in the game."""
    sim = Simulation(scenario, seed)
    by_week: dict[int, list[Action]] = {}
    for week, action in history:
        by_week.setdefault(week, []).append(action)
    for week in range(now):
        for action in by_week.get(week, []):
            # Another seed's org may not allow what the game's did (someone quit).
            with contextlib.suppress(ActionError):
                sim.apply(action)
        sim.step(1)
        tick()
    return sim
