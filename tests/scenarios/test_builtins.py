"""Every built-in scenario loads, lists well, and its strategies are actions its org can take."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_kit import STRATEGIES

from game.cli.commands.run import load_script
from scenarios import make_reference
from scenarios.catalog import builtin_path, entries
from sim import Simulation, load_scenario

README = Path(make_reference.__file__).with_name("README.md")
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


def test_social_strategy_starts_at_the_surveyed_integration() -> None:
    # CMOs rated social's tie to marketing strategy 3.9 on a 1-7 scale; the
    # scale maps linearly onto the social team's shared weight (README).
    social = next(t for t in load_scenario("social-strategy").teams if t.name == "Social")
    assert social.shared_weight == round((3.9 - 1) / (7 - 1), 2)
    assert f"{social.shared_weight}" in README.read_text(encoding="utf-8")


def test_integration_poll_starts_at_the_polled_share() -> None:
    # always 41.61%, sometimes 44.3%, never 4.7%, counted 1, 0.5 and 0 over
    # those who run both kinds of marketing.
    share = (41.61 * 1 + 44.3 * 0.5 + 4.7 * 0) / (41.61 + 44.3 + 4.7)
    templates = {t.name: t.weight for t in load_scenario("integration-poll").demand.templates}
    assert templates["integrated"] / sum(templates.values()) == pytest.approx(share, abs=0.005)
    assert f"{share:.2f}" in README.read_text(encoding="utf-8")


def test_key_reference_in_the_readme_is_the_schemas_own() -> None:
    text = README.read_text(encoding="utf-8")
    between = text.split(make_reference.START, 1)[1].split(make_reference.END, 1)[0]
    assert between.strip() == make_reference.reference().strip(), (
        "scenarios/README.md is out of date: run python -m scenarios.make_reference"
    )
