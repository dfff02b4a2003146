"""scenarios/README.md on experiments: its key reference is the schema's, its example runs."""

from __future__ import annotations

import re
from pathlib import Path

from scenarios import make_reference
from sim.experiment_file import load_experiment

README = Path(make_reference.__file__).with_name("README.md")
EXAMPLES = README.parent / "examples"


def test_the_experiment_key_reference_is_generated_from_the_schema() -> None:
    text = README.read_text(encoding="utf-8")
    between = text.split(make_reference.EXPERIMENT_START, 1)[1]
    between = between.split(make_reference.EXPERIMENT_END, 1)[0]
    expected = make_reference.reference(make_reference.experiment_sections())
    assert between.strip() == expected.strip(), (
        "scenarios/README.md is out of date: run python -m scenarios.make_reference"
    )


def test_the_readme_example_is_a_valid_experiment(tmp_path: Path) -> None:
    section = README.read_text(encoding="utf-8").split("## Experiments", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S)
    assert example is not None
    org = EXAMPLES / "six-teams-org.toml"
    file = tmp_path / "example.toml"
    file.write_text(example.group(1).replace('"six-teams-org.toml"', f'"{org}"'))
    plan = load_experiment(file)
    assert plan.labels == ("today", "three squads", "calendar from the start")
    assert plan.scenarios[1].script[0].week == 4
    assert plan.scenarios[2].tools.shared_calendar
    assert plan.folder == tmp_path / "six-teams-results"


def test_the_six_team_example_builds_every_option() -> None:
    plan = load_experiment(EXAMPLES / "six-teams.toml")
    heads = {t.name: t.head_count for t in plan.scenarios[0].teams}
    assert heads == {"Brand": 8, "Performance": 6, "Social": 4, "Content": 7, "Web": 5,
                     "PR agency": 3}  # fmt: skip
    assert [len(s.script) for s in plan.scenarios] == [0, 1, 1, 1]


def test_the_action_reference_covers_every_verb_and_is_current() -> None:
    from sim.actions import ACTION_KINDS

    text = README.read_text(encoding="utf-8")
    between = text.split(make_reference.ACTIONS_START, 1)[1]
    between = between.split(make_reference.ACTIONS_END, 1)[0]
    assert between.strip() == make_reference.action_reference().strip(), (
        "scenarios/README.md is out of date: run python -m scenarios.make_reference"
    )
    assert set(make_reference.ACTION_NOTES) == set(ACTION_KINDS)  # a new verb needs its words
    for kind in ACTION_KINDS:
        assert f"### {kind}\n" in between
    assert "`week = 2` means its actions are taken after week 2" in between
    assert "|  |" not in between  # every field says what it is
