"""The scenario's objectives, each met or not so far, with its current value."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from game.figures import objective_value


def objectives_text(scenario: Any, judged: tuple[Any, ...]) -> Text:
    text = Text()
    if not scenario.objectives:
        text.append("No objectives: explore freely.", style="dim")
        return text
    if not judged:
        for o in scenario.objectives:
            text.append("  · ", style="dim")
            text.append(f"{o.text or o.measure}\n")
        text.rstrip()
        return text
    for r in judged:
        mark, style = ("✓", "bold green") if r.met else ("✗", "bold red")
        text.append(f"  {mark} ", style=style)
        text.append(r.text)
        text.append(f"  ({objective_value(r)})\n", style="dim")
    text.rstrip()
    return text


class ObjectivesPanel(Static):
    """Objectives and how the run stands against them so far."""

    def show(self, scenario: Any, judged: tuple[Any, ...]) -> None:
        self.update(objectives_text(scenario, judged))
