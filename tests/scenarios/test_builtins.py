"""Every built-in scenario loads, lists well, and its strategies are actions its org can take."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.commands.run import load_script
from scenarios.catalog import builtin_path, entries
from sim import Simulation, load_scenario

STRATEGIES = Path(__file__).resolve().parents[2] / "scenarios" / "strategies"
NAMES = [e.name for e in entries()]


def test_the_six_scenarios_of_the_articles_are_built_in() -> None:
    assert sorted(NAMES) == sorted(
        [
            "integration-poll",
            "new-agency",
            "siloed-marketing",
            "social-out-of-silo",
            "social-strategy",
            "tutorial",
        ]
    )


@pytest.mark.parametrize("name", NAMES)
def test_catalog_entry_is_complete(name: str) -> None:
    entry = next(e for e in entries() if e.name == name)
    scn = load_scenario(name)
    assert entry.title and entry.summary and entry.weeks == scn.weeks
    assert entry.difficulty in ("tutorial", "easy", "medium", "hard")
    assert builtin_path(name) == entry.path
    assert len(scn.briefing.split()) > 60, "a briefing tells a story"
    assert scn.objectives and scn.lessons and scn.levers


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("strategy", ["good", "bad"])
def test_strategies_are_actions_the_org_can_take(name: str, strategy: str) -> None:
    scn = load_scenario(name)
    steps = load_script(str(STRATEGIES / name / f"{strategy}.toml"), scn)
    sim = Simulation(scn.with_actions(steps), seed=scn.seed)
    sim.step(sim.weeks)  # a script action the org cannot take raises ActionError
    taken = [a for _, a in sim.actions_log]
    assert len(taken) == sum(len(s.do) for s in steps)
