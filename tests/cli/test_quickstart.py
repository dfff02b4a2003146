"""The README's test command is what CI runs, and the pins in constraints.txt fit pyproject."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement

from .conftest import REPO


def readme_quickstart_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_the_second_quickstart_command_word_for_word() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    command = readme_quickstart_commands()[1]
    assert command in lines  # the linters and type checks run after it
    assert "-c constraints.txt" in command  # CI tests the pinned versions


def test_every_pin_is_exact_and_inside_pyproject_ranges() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, exact = line.partition("==")
            assert exact, f"constraints.txt: {line!r} is not an exact pin"
            pins[name.lower()] = exact
    wanted = [*project["dependencies"], *(r for reqs in project["optional-dependencies"].values()
                                         for r in reqs)]  # fmt: skip
    for text in wanted:
        requirement = Requirement(text)
        if requirement.name == project["name"]:
            continue  # an extra of silo itself
        name = requirement.name.lower()
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name]), (text, pins[name])
