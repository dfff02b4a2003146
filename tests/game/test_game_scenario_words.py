"""Scenarios keep their word on screen: the briefing's lists, and a picker of scenarios
only, the tutorial first."""

from __future__ import annotations

from pathlib import Path

from pilot_kit import TRIAL

from game.present.prose import paragraphs
from game.tui.screens.briefing import briefing_text
from game.tui.screens.picker import scenario_choices
from sim import load_scenario


def test_paragraphs_are_reflowed_and_lists_kept() -> None:
    text = """
First line of a paragraph
that goes on.

The levers:

- Set goals (g): weigh shared goals
  against local KPIs.
- Add a link (l): a chat.
1. Numbered too.
"""
    assert paragraphs(text) == [
        "First line of a paragraph that goes on.",
        "The levers:",
        "• Set goals (g): weigh shared goals against local KPIs.\n"
        "• Add a link (l): a chat.\n"
        "• Numbered too.",
    ]


def test_the_tutorial_briefing_keeps_its_list_of_levers() -> None:
    scenario = load_scenario("tutorial")
    lines = briefing_text(scenario, scenario.seed).plain.splitlines()
    bullets = [line for line in lines if line.startswith("• ")]
    assert bullets[0].startswith("• Set goals (g): weigh shared goals")
    assert any(line.startswith("• Add a link (l):") for line in bullets)


def test_the_picker_lists_scenarios_only_and_the_tutorial_first(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "par.toml").write_text("[[steps]]\nweek = 0\n", encoding="utf-8")
    (tmp_path / "broken.toml").write_text("name = 'x'\nteams = [", encoding="utf-8")
    (tmp_path / TRIAL.name).write_text(TRIAL.read_text(encoding="utf-8"), encoding="utf-8")
    choices = scenario_choices(tmp_path)
    assert choices[0].name == "tutorial"
    files = [c.label for c in choices if not c.builtin]
    # A file that cannot be read may be a scenario mistyped: it stays, with the reason.
    assert files == ["agency-trial.toml", "broken.toml"]
