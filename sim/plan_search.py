"""Search for the best plan over a scenario's levers: the scenario's par plan.

`search` asks Optuna's TPE sampler (seeded) for plans from the scenario's
plan space (`sim.plan_space`), a batch at a time, and tells it each plan's
gain: the mean paired change of efficiency against doing nothing, in %, over
the same replications' seeds (common random numbers take the shared noise
out of every comparison). The batch size is fixed, not the number of
workers, so the sampler sees the same history on any executor and the same
seed gives the same best plan. Selection uses one set of seeds; the top
plans are then measured again on fresh seeds, which no choice was made on,
and the report says how much the best plan's gain shrank there (the
winner's curse: the best of many noisy scores is partly luck).

What a search returns is in `sim.search_result`; the degenerate-plan screen
is `sim.plan_screen`.

Optuna is an optional extra (`pip install 'silo[search]'`); it is imported
only when a search runs. The module is not called `sim.search`: importing a
submodule sets it as an attribute of `sim`, which would then shadow the
function `from sim import search` is meant to give.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sim.experiment import ExperimentError, replication_seed, replication_seeds
from sim.plan_runs import PlanRun, run_plans
from sim.plan_screen import ScreenRow, screen
from sim.plan_space import MAX_ACTIONS, plan_space
from sim.plans import NOTHING, Plan
from sim.scenario import Scenario
from sim.search_result import Candidate, Measured, SearchResult, plan_gain, spend_of
from sim.stats import paired_difference

__all__ = ["Candidate", "ScreenRow", "SearchResult", "plan_gain", "screen", "search"]

BATCH = 8
"""Plans asked of the sampler before any is told: a fixed number (not the worker
count), so the sampler's history, and so the best plan, is the same on any executor."""
TOP = 5
"""Plans re-measured on fresh seeds."""
FRESH_INDEX = 1_000_003
"""Fresh seeds are the replications of base `replication_seed(seed, FRESH_INDEX)`:
a stream unrelated to the selection seeds (replications 0..N-1 of `seed`)."""
PENALTY = -1000.0
"""The score told for a plan over budget, refused, or without a gain: below any real gain (%)."""

ProgressCallback = Callable[[int, int], object]


@dataclass
class _Scores:
    """Plans run so far, by key: their measures, or why they were left out."""

    measured: dict[str, tuple[Plan, Measured]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)
    over: set[str] = field(default_factory=set)

    def value(self, key: str) -> float:
        if key in self.refused or key in self.over:
            return PENALTY
        gain = self.measured[key][1].efficiency.mean
        # A gain that is not a number (no efficiency in any run) would make Optuna fail the trial.
        return gain if math.isfinite(gain) else PENALTY

    def ranked(self, top: int) -> list[tuple[Plan, Measured]]:
        fine = [(k, pm) for k, pm in self.measured.items()
                if k not in self.over and math.isfinite(pm[1].efficiency.mean)]  # fmt: skip
        # Ties (the same gain) go to the plan with fewer steps, then its key, so
        # the order never depends on when a plan was asked.
        fine.sort(key=lambda kp: (-kp[1][1].efficiency.mean, len(kp[1][0].steps), kp[0]))
        return [pm for _, pm in fine[:top]]


def _measure(scenario: Scenario, base: Sequence[Any], planned: Sequence[Any]) -> Measured:
    eff = plan_gain([r.summary["efficiency"] for r in base],
                    [r.summary["efficiency"] for r in planned])  # fmt: skip
    eng = paired_difference([r.summary["engagement_mean"] for r in base],
                            [r.summary["engagement_mean"] for r in planned])  # fmt: skip
    spend = paired_difference([spend_of(dict(r.summary), scenario) for r in base],
                              [spend_of(dict(r.summary), scenario) for r in planned])  # fmt: skip
    return Measured(eff, eng, spend)


def _run_batch(
    scenario: Scenario,
    plans: list[Plan],
    replications: int,
    seed: int,
    executor: Executor | None,
    progress: Callable[[int], object],
) -> list[list[PlanRun] | None]:
    """Runs of each plan on the replications of `seed`; None for a plan refused at any seed.

    Plans go through `run_plans` rather than `compare`: `compare` stops at the
    first refusal, so one plan the engine refuses (a worker who quit before
    being moved, a celebration with no wins) would cost its whole batch again.
    The seeds are `compare`'s, so a plan's runs pair with doing nothing's.
    """
    if not plans:
        return []
    seeds = replication_seeds(seed, replications)
    runs = run_plans(scenario, plans, seeds, executor=executor,
                     progress=lambda done, _total: progress(done))  # fmt: skip
    return [None if any(r.error for r in rs) else rs for rs in runs]


def search(
    scenario: Scenario,
    trials: int = 100,
    replications: int = 10,
    *,
    levers: Sequence[str] | None = None,
    budget: float | None = None,
    max_actions: int = MAX_ACTIONS,
    seed: int | None = None,
    weeks: int | None = None,
    top: int = TOP,
    batch: int = BATCH,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
    on_batch: Callable[[SearchResult], object] | None = None,
) -> SearchResult:
    """The best plans over the scenario's levers, chosen on one set of seeds, checked on fresh ones.

    Args:
        scenario: The scenario (with `weeks` set to the horizon wanted).
        trials: Plans to ask the sampler for.
        replications: Runs per plan, on the same seeds as doing nothing.
        levers: Levers to search over (default: the scenario's).
        budget: Cap on a plan's mean extra spend over doing nothing.
        max_actions: Levers a plan may use at most.
        seed: Seed of the sampler and of the replications (default: the scenario's).
        weeks: Horizon (default: the scenario's); plans act only before it.
        top: Plans to report, re-measured on fresh seeds.
        batch: Plans asked before any is told (fixed, for the same result anywhere).
        executor: Where runs go (default: a process per core, or this process).
        progress: Called as `progress(done, total)` in runs.
        on_batch: Called with the result so far after each batch (selection seeds
            only), so a caller that is interrupted keeps the best so far.

    Raises:
        ExperimentError: a count out of range, a budget below zero, Optuna missing.
        PlanSpaceError: an unknown lever, or a scenario without levers.
    """
    if isinstance(trials, bool) or not isinstance(trials, int) or trials < 1:
        raise ExperimentError(f"trials must be a whole number of at least 1, not {trials!r}")
    if budget is not None and not budget >= 0:
        raise ExperimentError(f"the budget cannot be below zero (got {budget:g})")
    if batch < 1 or top < 1:
        raise ExperimentError("batch and top must be at least 1")
    if weeks is not None and weeks != scenario.weeks:
        from sim.experiment import with_overrides

        # The horizon is the scenario's own, so a plan's weeks and the written script fit it.
        scenario = with_overrides(scenario, {"weeks": weeks})
    space = plan_space(scenario, tuple(levers) if levers else None, max_actions)
    optuna = _optuna()
    if executor is None:
        from sim.executors import cpu_count, open_executor

        # One pool for the whole search: a pool per batch would cost more than the runs.
        with open_executor("process" if cpu_count() > 1 else "serial") as own:
            return search(scenario, trials, replications, levers=levers, budget=budget,
                          max_actions=max_actions, seed=seed, top=top, batch=batch,
                          executor=own, progress=progress, on_batch=on_batch)  # fmt: skip
    base_seed = scenario.seed if seed is None else seed
    fresh_base = replication_seed(base_seed, FRESH_INDEX)
    total = replications * (1 + trials + top + 1)
    done = [0]

    def advance(n: int) -> None:
        if progress is not None:
            progress(min(done[0] + n, total), total)

    def settle(n: int) -> None:
        done[0] += n
        advance(0)

    (nothing,) = _run_batch(scenario, [NOTHING], replications, base_seed, executor, advance)
    settle(replications)
    if nothing is None:
        raise ExperimentError(f"{scenario.name}'s own script is refused by the engine")
    result = SearchResult(
        scenario=scenario.name, seed=base_seed, replications=replications,
        selection_seeds=tuple(r.seed for r in nothing),
        fresh_seeds=(), levers=space.levers, budget=budget,
        trials=0, plans_run=0, refused=0, over_budget=0,
    )  # fmt: skip
    scores = _Scores()
    with _quiet(optuna):
        sampler = optuna.samplers.TPESampler(seed=base_seed, multivariate=True, group=True,
                                             constant_liar=True)  # fmt: skip
        study = optuna.create_study(direction="maximize", sampler=sampler)
        told = 0
        while told < trials:
            asked = [study.ask() for _ in range(min(batch, trials - told))]
            plans = [space.suggest(t) for t in asked]
            new = list({p.key: p for p in plans if p.key not in scores.measured
                        and p.key not in scores.refused}.values())  # fmt: skip
            runs = _run_batch(scenario, new, replications, base_seed, executor, advance)
            for plan, planned in zip(new, runs, strict=True):
                if planned is None:
                    scores.refused.add(plan.key)
                    continue
                measured = _measure(scenario, nothing, planned)
                scores.measured[plan.key] = (plan, measured)
                if budget is not None and measured.spend.mean > budget:
                    scores.over.add(plan.key)
            settle(replications * len(asked))
            for trial, plan in zip(asked, plans, strict=True):
                study.tell(trial, scores.value(plan.key))
            told += len(asked)
            result = _snapshot(result, scores, told, top)
            if on_batch is not None:
                on_batch(result)
    result = _fresh(scenario, result, replications, fresh_base, executor, advance, settle)
    if progress is not None:  # fewer top plans than asked for finish the bar early
        progress(total, total)
    return result


def _snapshot(result: SearchResult, scores: _Scores, told: int, top: int) -> SearchResult:
    ranked = scores.ranked(top)
    return replace(
        result,
        trials=told,
        plans_run=len(scores.measured) + len(scores.refused),
        refused=len(scores.refused),
        over_budget=len(scores.over),
        top=tuple(Candidate(i + 1, p, m) for i, (p, m) in enumerate(ranked)),
    )


def _fresh(
    scenario: Scenario,
    result: SearchResult,
    replications: int,
    fresh_base: int,
    executor: Executor | None,
    advance: Callable[[int], object],
    settle: Callable[[int], object],
) -> SearchResult:
    """The result with its top plans measured on fresh seeds (refusals there: no fresh score)."""
    plans = [NOTHING, *(c.plan for c in result.top)]
    runs = _run_batch(scenario, plans, replications, fresh_base, executor, advance)
    settle(replications * len(plans))
    nothing = runs[0]
    if nothing is None:  # the scenario's own script refused: nothing to compare with
        return result
    top = tuple(replace(c, fresh=None if r is None else _measure(scenario, nothing, r))
                for c, r in zip(result.top, runs[1:], strict=True))  # fmt: skip
    return replace(result, top=top, fresh_seeds=tuple(x.seed for x in nothing))


def _optuna() -> Any:
    try:
        import optuna
    except ImportError:
        raise ExperimentError("a search needs Optuna: pip install 'silo[search]'") from None
    return optuna


@contextmanager
def _quiet(optuna: Any) -> Iterator[None]:
    """Optuna's log (a line per trial on stderr) and its experimental warnings, off for the block.

    `sim` never prints; the log level is put back afterwards, as the caller had it.
    """
    import warnings

    level = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            yield
    finally:
        optuna.logging.set_verbosity(level)
