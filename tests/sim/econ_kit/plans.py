"""Plans to compare: a scenario's par plan, single levers and the degenerate plans.

The plan data and the degenerate-plan builders live in `sim.plans` (one
definition, shared with `sim.plan_search.screen`); this module adds where the kit
finds a scenario's par plan.
"""

from __future__ import annotations

from pathlib import Path

from sim.plans import (
    NOTHING,
    TOOLS,
    Plan,
    Step,
    all_tools,
    celebrate_weekly,
    every_week,
    everything,
    first_in_house_worker,
    goals_full,
    hire_30,
    lever,
    liaison_all,
    meetings_4,
    merge_all,
    repeats,
    step,
)
from sim.scenario import Scenario

__all__ = [
    "NOTHING",
    "STRATEGIES",
    "TOOLS",
    "Plan",
    "Step",
    "all_tools",
    "celebrate_weekly",
    "every_week",
    "everything",
    "first_in_house_worker",
    "goals_full",
    "hire_30",
    "lever",
    "liaison_all",
    "meetings_4",
    "merge_all",
    "par",
    "par_path",
    "repeats",
    "step",
]

STRATEGIES = Path(__file__).resolve().parents[3] / "scenarios" / "strategies"


def par_path(name: str) -> Path:
    """The scenario's par plan: strategies/<name>/par.toml if it exists, else good.toml."""
    folder = STRATEGIES / name
    par = folder / "par.toml"
    return par if par.exists() else folder / "good.toml"


def par(scn: Scenario) -> Plan:
    """The scenario's par plan, loaded as `silo run --script` loads a script."""
    from game.cli.commands.run import load_script

    path = par_path(scn.name)
    steps = tuple(step(s.week, a) for s in load_script(str(path), scn) for a in s.do)
    return Plan(f"par ({path.name})", steps)
