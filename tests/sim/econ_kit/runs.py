"""Running plans: in worker processes, each (scenario, plan, seed) once per process.

Runs go to the project's process pool (`sim.executors.process_pool`, one
worker per core), started on first need and kept for the life of the process,
so a table of many rows pays for it once. A plan whose steps are all musts
runs as `sim.run(scenario.with_actions(...), seed)`; a plan with steps that
may be refused steps a `Simulation` week by week and tries them at their
boundary (its musts still go through the script, exactly as in `run`).
"""

from __future__ import annotations

import atexit
import json
import os
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from sim.executors import ProcessPool, cpu_count, process_pool, stop
from sim.scenario import Scenario

from .plans import Plan

IN_PROCESS_BELOW = 6
"""Fewer missing runs than this run in this process (a pool's start costs more)."""
STALL_SECONDS = 600.0
"""No run finishing for this long means a worker died (its task is lost): stop, loudly."""


@dataclass(frozen=True)
class Run:
    """What the kit keeps of one run.

    Attributes:
        seed: The run's seed.
        summary: `RunResult.summary`.
        weekly: `RunResult.weekly`, each a float array of length weeks.
        tried: Steps that were tried rather than required.
        refused: Of those, how many the engine refused (and were skipped).
    """

    seed: int
    summary: dict[str, float]
    weekly: dict[str, np.ndarray]
    tried: int
    refused: int


TRY_PARAMS = "SILO_KIT_SET"
"""Environment variable of `PARAM=VALUE;...` overrides, so pool workers see them too."""


def try_params(settings: Sequence[str]) -> None:
    """Run every scenario of this process and its workers with these [params] values."""
    os.environ[TRY_PARAMS] = ";".join(settings)
    scenario.cache_clear()


@lru_cache(maxsize=32)
def scenario(name: str) -> Scenario:
    """The built-in (or scenario file) by name, loaded once per process."""
    from sim import load_scenario
    from sim.experiment import with_overrides

    scn = load_scenario(name)
    tried = [s.split("=", 1) for s in os.environ.get(TRY_PARAMS, "").split(";") if s]
    if tried:
        scn = with_overrides(scn, {f"params.{k.strip()}": float(v) for k, v in tried})
    return scn


def run_task(task: dict[str, Any]) -> dict[str, Any]:
    """Run one plan at one seed (in a worker); the result as plain data.

    A task is `{"scenario": name or path, "steps": [[week, action JSON, must], ...],
    "seed": int}`.
    """
    from sim import Simulation, run
    from sim.actions import ActionError, action_from_dict

    scn = scenario(task["scenario"])
    steps = [(w, action_from_dict(json.loads(a)), must) for w, a, must in task["steps"]]
    musts = [(w, a) for w, a, must in steps if must]
    tries: dict[int, list[Any]] = {}
    for w, a, must in steps:
        if not must:
            tries.setdefault(w, []).append(a)
    scripted = scn.with_actions(musts) if musts else scn
    refused = 0
    if not tries:
        result = run(scripted, seed=task["seed"])
    else:
        sim = Simulation(scripted, seed=task["seed"])
        for week in range(sim.weeks):
            for action in tries.get(week, []):
                try:
                    sim.apply(action)
                except ActionError:
                    refused += 1
            sim.step(1)
        result = sim.result()
    return {
        "seed": task["seed"],
        "summary": {k: float(v) for k, v in result.summary.items()},
        "weekly": {k: np.asarray(v, dtype=float).tolist() for k, v in result.weekly.items()},
        "tried": sum(len(v) for v in tries.values()),
        "refused": refused,
    }


def _from_data(data: dict[str, Any]) -> Run:
    weekly = {k: np.asarray(v, dtype=float) for k, v in data["weekly"].items()}
    return Run(data["seed"], data["summary"], weekly, data["tried"], data["refused"])


_CACHE: dict[tuple[str, str, int], Run] = {}
_POOL: list[ProcessPool] = []


def _pool() -> ProcessPool:
    if not _POOL:
        _POOL.append(process_pool(cpu_count()))
    return _POOL[0]


def close() -> None:
    """Shut the worker pool down (it starts again if more runs are asked for)."""
    while _POOL:
        _POOL.pop().shutdown(wait=True)


atexit.register(close)


def results(name: str, plans: Sequence[Plan], seeds: Sequence[int]) -> list[list[Run]]:
    """Runs of every plan in scenario `name` at every seed, per plan in seed order.

    Run i of every plan has seed i (paired by position).

    Runs already made in this process are not made again.
    """
    wanted = [(p.key, p.steps, s) for p in plans for s in seeds]
    missing: dict[tuple[str, str, int], dict[str, Any]] = {}
    for key, steps, seed in wanted:
        if (name, key, seed) not in _CACHE:
            task_steps = [[st.week, st.action, st.must] for st in steps]
            missing[(name, key, seed)] = {
                "scenario": name,
                "steps": task_steps,
                "seed": seed,
            }
    if len(missing) < IN_PROCESS_BELOW or cpu_count() == 1:
        for where, task in missing.items():
            _CACHE[where] = _from_data(run_task(task))
    elif missing:
        pool = _pool()
        try:
            futures = {pool.submit(run_task, task): where for where, task in missing.items()}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, STALL_SECONDS, return_when=FIRST_COMPLETED)
                if not done:
                    raise RuntimeError(f"no run finished in {STALL_SECONDS:.0f} s: a worker died?")
                for future in done:
                    _CACHE[futures[future]] = _from_data(future.result())
        except BaseException:
            stop(pool)
            _POOL.clear()
            raise
    return [[_CACHE[(name, p.key, s)] for s in seeds] for p in plans]
