"""silo's simulation engine: a SimPy model of teams, information and silos.

The public API, for notebooks, the CLI and the game alike::

    from sim import load_scenario, load_script, Simulation, run, compare, sweep, search
    scn = load_scenario("siloed-marketing")   # built-in name or a path
    result = run(scn, seed=1)                  # one run to the horizon
    plan = load_script("good.toml", scn)       # [[script]] steps, checked against scn
    table = compare({"today": scn, "plan": scn.with_actions(plan)}, replications=20)
    table.difference("plan", "efficiency")     # paired on the same seeds, with a 95% CI
    timelines(table)[1].payback.week           # when the plan pays back (sim.timeline)
    grid = sweep(scn, {"teams.*.shared_weight": [0.2, 0.5, 0.8]}, replications=10)
    sim = Simulation(scn, seed=1)              # or step by step
    sim.step(); sim.apply(SetGoal(team="*", shared_weight=0.8)); sim.snapshot()
    best = search(scn, trials=100, replications=10).best   # the par plan found (Optuna)

This package never imports the game, never prints and never reads the clock.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.actions import ActionError, action_from_dict
    from sim.engine import Simulation, run
    from sim.experiment import compare, replicate, sweep, with_overrides
    from sim.experiment_file import load_experiment
    from sim.plan_screen import screen
    from sim.plan_search import search
    from sim.results import RunResult
    from sim.scenario import Scenario, ScenarioError, load_scenario_file, parse_scenario
    from sim.scripts import load_script
    from sim.timeline import timelines

# Names are imported on first use: `silo validate` needs the schema, not the engine.
_EXPORTS = {
    "ActionError": "sim.actions",
    "action_from_dict": "sim.actions",
    "Simulation": "sim.engine",
    "run": "sim.engine",
    "RunResult": "sim.results",
    "Scenario": "sim.scenario",
    "ScenarioError": "sim.scenario",
    "load_scenario_file": "sim.scenario",
    "parse_scenario": "sim.scenario",
    "search": "sim.plan_search",
    "compare": "sim.experiment",
    "replicate": "sim.experiment",
    "sweep": "sim.experiment",
    "with_overrides": "sim.experiment",
    "load_experiment": "sim.experiment_file",
    "load_script": "sim.scripts",
    "timelines": "sim.timeline",
    "screen": "sim.plan_screen",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "ActionError",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "Simulation",
    "action_from_dict",
    "compare",
    "load_experiment",
    "load_scenario",
    "load_scenario_file",
    "load_script",
    "parse_scenario",
    "replicate",
    "run",
    "screen",
    "search",
    "sweep",
    "timelines",
    "with_overrides",
]


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A built-in scenario by name, or a scenario file by path."""
    from scenarios.catalog import builtin_path
    from sim.scenario import ScenarioError, load_scenario_file

    text = str(name_or_path)
    if not text.endswith(".toml") and "/" not in text:
        path = builtin_path(text)
        if path is not None:
            return load_scenario_file(path)
        if not Path(text).exists():
            from scenarios.catalog import entries

            names = ", ".join(e.name for e in entries())
            raise ScenarioError(
                f"no built-in scenario or file by that name (built-ins: {names})", text
            )
    return load_scenario_file(name_or_path)
