"""The scenario's objectives, each met or not so far, with its current value."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from game.present.figures import objective_value

if TYPE_CHECKING:
    from sim.objectives import ObjectiveResult
    from sim.scenario import Scenario


def objectives_text(scenario: Scenario, judged: tuple[ObjectiveResult, ...]) -> RenderableType:
    """Each objective beside its mark (met, missed, or not measured yet) and its value."""
    if not scenario.objectives:
        return Text("No objectives: explore freely.", style="dim")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    if not judged:
        for o in scenario.objectives:
            grid.add_row(Text("·", style="dim"), Text(o.text or o.measure))
        return grid
    for r in judged:
        mark = Text("✓", style="bold green") if r.met else Text("✗", style="bold red")
        text = Text(r.text)
        text.append(f"  ({objective_value(r)})", style="dim")
        grid.add_row(mark, text)
    return grid


class ObjectivesPanel(Static):
    """Objectives and how the run stands against them so far."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def show(self, scenario: Scenario, judged: tuple[ObjectiveResult, ...]) -> None:
        # Drawn again only when a mark or a figure changed: the table is the costliest
        # thing to draw on the play screen for what it is.
        shown = (scenario.objectives, judged)
        if shown != self._shown:
            self._shown = shown
            self.update(objectives_text(scenario, judged))
