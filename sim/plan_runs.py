"""Running plans whose steps may be refused, on the project's executors.

`sim.experiment` runs scenarios, whose scripts must be accepted at every
step. A plan may also hold steps that are only tried (celebrate every week:
refused in a week without wins), which needs a `Simulation` stepped week by
week. This module runs such plans at given seeds on any executor, as plain
data in and out, so the results are the same whoever runs them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from sim.executors import SerialExecutor, cancel_queued, wait_for_some, worker_count
from sim.experiment import person_weeks, runs_per_task
from sim.plans import Plan
from sim.scenario import Scenario

ProgressCallback = Callable[[int, int], object]


@dataclass(frozen=True)
class PlanRun:
    """What is kept of one run of a plan.

    Attributes:
        seed: The run's seed.
        summary: `RunResult.summary` (empty when a must step was refused).
        tried: Steps that were tried rather than required.
        refused: Of those, how many the engine refused (and were skipped).
        error: Why a must step was refused ("" when the run went through).
    """

    seed: int
    summary: dict[str, float]
    tried: int = 0
    refused: int = 0
    error: str = ""


def run_plan(scenario: Scenario, plan: Plan, seed: int, weeks: int | None = None) -> PlanRun:
    """One run of `plan` at `seed`: musts through the script, tried steps at their week."""
    from sim.actions import ActionError
    from sim.engine import Simulation, run

    tries: dict[int, list[Any]] = {}
    for s in plan.steps:
        if not s.must:
            tries.setdefault(s.week, []).append(s.to_action())
    refused = 0
    try:
        scripted = plan.applied_to(scenario)
        if not tries:
            result = run(scripted, seed=seed, weeks=weeks)
        else:
            sim = Simulation(scripted, seed=seed)
            horizon = sim.weeks if weeks is None else min(weeks, sim.weeks)
            for week in range(horizon):
                for action in tries.get(week, []):
                    try:
                        sim.apply(action)
                    except ActionError:
                        refused += 1
                sim.step(1)
            result = sim.result()
    except ActionError as exc:
        return PlanRun(seed, {}, error=str(exc))
    tried = sum(len(v) for v in tries.values())
    return PlanRun(seed, {k: float(v) for k, v in result.summary.items()}, tried, refused)


def plan_task(task: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one task on a worker: a plan at each of its seeds, as plain data.

    A task is `{"scenario": dict, "steps": [[week, action JSON, must], ...],
    "seeds": [int, ...], "weeks": int | None}`.
    """
    from sim.plans import Step
    from sim.scenario import parse_scenario

    scenario = parse_scenario(task["scenario"], "task")
    plan = Plan("task", tuple(Step(w, a, m) for w, a, m in task["steps"]))
    return [run_plan(scenario, plan, seed, task["weeks"]).__dict__ for seed in task["seeds"]]


def run_plans(
    scenario: Scenario,
    plans: Sequence[Plan],
    seeds: Sequence[int],
    *,
    weeks: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> list[list[PlanRun]]:
    """Every plan at every seed (run i of every plan has seed i), per plan in seed order.

    A plan refused at a seed gives a run with its `error`, not an exception: one
    refused plan costs only its own runs. Tasks hold about half a second of
    runs (as in `sim.experiment`), fewer when there is little work per worker;
    with no executor they run in this process.
    """
    executor = SerialExecutor() if executor is None else executor
    workers = worker_count(executor)
    data = scenario.model_dump(mode="json")
    total = len(plans) * len(seeds)
    chunk = max(1, min(runs_per_task(person_weeks(scenario, weeks)),
                       math.ceil(total / (2 * workers))))  # fmt: skip
    tasks: list[tuple[int, int, dict[str, Any]]] = []
    for p, plan in enumerate(plans):
        steps = [[s.week, s.action, s.must] for s in plan.steps]
        for start in range(0, len(seeds), chunk):
            part = list(seeds[start : start + chunk])
            tasks.append((p, start, {"scenario": data, "steps": steps, "seeds": part,
                                     "weeks": weeks}))  # fmt: skip
    out: list[list[PlanRun | None]] = [[None] * len(seeds) for _ in plans]
    # In process, submit one task at a time so progress shows as each finishes.
    window = 1 if isinstance(executor, SerialExecutor) else len(tasks)
    pending: dict[Future[list[dict[str, Any]]], int] = {}
    submitted = done = 0
    try:
        while submitted < len(tasks) or pending:
            while submitted < len(tasks) and len(pending) < window:
                pending[executor.submit(plan_task, tasks[submitted][2])] = submitted
                submitted += 1
            finished = wait_for_some(pending)
            for future in sorted(finished, key=pending.__getitem__):
                p, start, _ = tasks[pending.pop(future)]
                for offset, row in enumerate(future.result()):
                    out[p][start + offset] = PlanRun(**row)
                    done += 1
                    if progress is not None:
                        progress(done, total)
    except BaseException:
        cancel_queued(pending)
        raise
    return [[r for r in runs if r is not None] for runs in out]
