"""The help screen: how a turn works and every key, and the glossary (every measure and
every lever with its price) one tab away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TabbedContent, TabPane

from game.present.glossary import levers, measures
from game.present.verbs import VERBS

if TYPE_CHECKING:
    from sim.scenario import Scenario

KEYS = (
    ("space, n", "play one week"),
    ("p", "play on / pause"),
    ("+ / -", "faster / slower"),
    ("e", "run to the end"),
    ("a", "decide: the actions menu"),
    ("u", "take back the last queued decision"),
    ("y", "why? efficiency, engagement and late campaigns opened to their causes"),
    ("s", "the score over so far, the last 4 weeks, this week, with its parts; again: off"),
    ("v", "silo view: the org through one team's eyes; again for the next team, then off"),
    ("ctrl+s", "save a copy of this week (the game saves itself); in a decision: queue it"),
    ("pgdn / pgup", "in a decision: the what-if charts under the form"),
    ("d", "debrief, once the last week is played"),
    ("1 2 3", "org, charts, feed (on narrow screens)"),
    ("tab, enter", "move between teams and open one (or click it)"),
    ("ctrl+p", "command palette: every action by name"),
    ("f2", "light or dark theme"),
    ("escape", "close a dialog; in the game: asks, then leave for the scenarios (it is saved)"),
    ("ctrl+q", "quit (in a game: asks, saying where the game is saved)"),
)
TABS = ("help", "measures", "levers")


def help_text() -> Text:
    text = Text("How to play\n", style="bold")
    text.append(
        "Each turn is one week. Decide what to change (a), see what it costs and what the "
        "next weeks may look like with and without it, and queue it: it takes effect when the "
        "next week starts. The charts draw your run against doing nothing under the same luck "
        "(the same seed), and against par, the best plan a search found for this org, so the "
        "gap between the lines is what your decisions did.\n\n"
        "The score is efficiency: value delivered per 1,000 spent, so far, against doing "
        "nothing. Every lever has a price in hours or money (the Levers tab).\n\n"
    )
    text.append("Keys\n", style="bold")
    for key, what in KEYS:
        text.append(f"  {key:<11}", style="bold")
        text.append(f"{what}\n")
    text.append("\nDecisions (keys on the play screen)\n", style="bold")
    for verb in VERBS:
        text.append(f"  {verb.key:<3}", style="bold")
        text.append(f"{verb.label}: {verb.blurb}\n")
    text.rstrip()
    return text


def _grid() -> Table:
    """Labelled rows whose wrapped lines keep their indent."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=9, no_wrap=True, style="italic")
    grid.add_column(ratio=1)
    return grid


def measures_text() -> RenderableType:
    parts: list[RenderableType] = []
    for e in measures():
        head = Text(e.name, style="bold")
        head.append(f"  [{e.unit}]", style="dim")
        grid = _grid()
        grid.add_row("Means", e.what)
        if e.moved_by:
            grid.add_row("Moved by", e.moved_by)
        parts += [head, grid, Text()]
    return Group(*parts[:-1])


def levers_text(scenario: Scenario | None) -> RenderableType:
    where = f" in {scenario.title or scenario.name}" if scenario is not None else ""
    intro = Text(f"Every lever has a price{where}. ", style="bold")
    intro.append("★ worth trying: the briefing suggests it.", style="dim")
    parts: list[RenderableType] = [intro, Text()]
    for e in levers(scenario):
        head = Text()
        if e.suggested:
            head.append("★ ", style="bold yellow")
        head.append(e.name, style="bold" if e.available else "bold dim")
        if not e.available:
            head.append("  (not in this scenario)", style="dim")
        grid = _grid()
        for label, value in (("Does", e.what), ("Price", e.price), ("Pays", e.pays),
                             ("Limits", e.limits)):  # fmt: skip
            if value:
                grid.add_row(label, Text(value, style="" if e.available else "dim"))
        parts += [head, grid, Text()]
    return Group(*parts[:-1])


class HelpScreen(ModalScreen[None]):
    """Help, then the glossary's measures and levers, one tab each (left and right move)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,question_mark,q", "close", "Close"),
        Binding("left", "tab(-1)", "Previous tab", show=False),
        Binding("right", "tab(1)", "Next tab", show=False),
    ]

    def __init__(self, scenario: Scenario | None = None, tab: str = "help") -> None:
        super().__init__()
        self.scenario = scenario
        self.tab = tab if tab in TABS else "help"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static("Help and glossary", classes="dialog-title")
            with TabbedContent(initial=self.tab, id="help-tabs"):
                with TabPane("Help", id="help"), VerticalScroll():
                    yield Static(help_text(), id="help-text")
                with TabPane("Measures", id="measures"), VerticalScroll():
                    yield Static(measures_text(), id="glossary-measures")
                with TabPane("Levers", id="levers"), VerticalScroll():
                    yield Static(levers_text(self.scenario), id="glossary-levers")
            yield Button("Close", id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self.tab} VerticalScroll", VerticalScroll).focus()

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        at = TABS.index(tabs.active) if tabs.active in TABS else 0
        tabs.active = TABS[(at + step) % len(TABS)]
        self.query_one(f"#{tabs.active} VerticalScroll", VerticalScroll).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
