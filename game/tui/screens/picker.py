"""The scenario picker: built-in scenarios and the `.toml` files in the current folder.

Entries are read with `tomllib` alone (no validation, no engine) so the first
screen is up fast; a scenario is validated when it is picked, and a file that
cannot be used says why.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from game.present.printable import printable
from game.present.prose import paragraphs
from game.tui.silo_app import silo_app

PREVIEW_PARAGRAPHS = 3
MAX_PREVIEW_BYTES = 1_000_000


@dataclass(frozen=True)
class Choice:
    """A scenario the player can pick."""

    name: str
    """A built-in's name or a file's path (what `sim.load_scenario` takes)."""
    label: str
    """A built-in's name or a file's name, as the list shows it."""
    title: str
    summary: str
    difficulty: str
    weeks: int
    briefing: str
    builtin: bool
    problem: str = ""
    """Why the file cannot be used, when it cannot."""


NOT_A_SCENARIO = "not a scenario file"


def scenario_choices(folder: Path) -> list[Choice]:
    """Built-ins first (the tutorial, then in name order), then the folder's scenario files.

    A TOML file that reads well but is no scenario (a pyproject.toml, a par plan) is left
    out; one that cannot be read stays, with the reason, as it may be a scenario mistyped.
    """
    from scenarios.catalog import entries

    builtins = [_from_file(e.path, e.name, builtin=True) for e in entries()]
    out = sorted(builtins, key=lambda c: c.difficulty != "tutorial" and c.name != "tutorial")
    try:
        files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        files = []
    found = [_from_file(p, str(p), builtin=False) for p in files]
    out += [c for c in found if c.problem != NOT_A_SCENARIO]
    return out


def _from_file(path: Path, name: str, builtin: bool) -> Choice:
    from sim.input_files import read_regular

    label = printable(path.name) if not builtin else name
    try:
        data = tomllib.loads(read_regular(path, MAX_PREVIEW_BYTES, "scenario file").decode())
    except RecursionError:  # tomllib recurses once per level of nesting
        return Choice(name, label, label, "", "?", 0, "", builtin, problem="nested too deeply")
    except ValueError as exc:  # unreadable, too large, not UTF-8, not TOML, a huge number
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Choice(name, label, label, "", "?", 0, "", builtin, problem=reason)
    if "teams" not in data or "name" not in data:
        return Choice(name, label, label, "", "?", 0, "", builtin, problem=NOT_A_SCENARIO)

    def text(key: str, default: str = "") -> str:
        value = data.get(key, default)
        # Shown as typed, so no escape code in a title reaches the terminal.
        if not isinstance(value, str):
            return default
        return printable(value.strip(), len(value), keep="\n")  # whole, paragraphs kept

    weeks = data.get("weeks", 26)
    return Choice(
        name=name,
        label=label,
        title=text("title") or text("name", label),
        summary=text("summary"),
        difficulty=text("difficulty", "medium"),
        weeks=weeks if isinstance(weeks, int) else 0,
        briefing=text("briefing"),
        builtin=builtin,
    )


def option_label(c: Choice) -> Text:
    label = Text(c.title, style="bold")
    where = "" if c.builtin else f"  ({c.label})"
    if c.problem:
        label.append(f"{where}  cannot use: {c.problem}", style="red")
        return label
    label.append(f"\n{c.difficulty} · {c.weeks} weeks{where}", style="dim")
    return label


def preview_text(c: Choice) -> Text:
    text = Text(c.title + "\n", style="bold")
    source = "built-in scenario" if c.builtin else f"file {c.label} in this folder"
    text.append(f"{c.difficulty} · {c.weeks} weeks · {source}\n\n", style="dim")
    if c.problem:
        text.append(f"This file cannot be played: {c.problem}\n", style="red")
        return text
    if c.summary:
        text.append(c.summary + "\n\n", style="italic")
    # Paragraphs are reflowed (the file's line breaks fit no particular width), lists kept.
    story = paragraphs(c.briefing)
    text.append("\n\n".join(story[:PREVIEW_PARAGRAPHS]))
    if len(story) > PREVIEW_PARAGRAPHS:
        text.append("\n\n… (the whole story is in the briefing)", style="dim")
    return text


class PickerScreen(Screen[None]):
    """Pick a scenario (or a saved game) to play."""

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "play", "Play", priority=False),
        Binding("l", "load", "Load a saved game"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, folder: Path, saves: Path) -> None:
        super().__init__()
        self.folder = folder
        self.saves = saves
        self.choices = scenario_choices(folder)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="picker"):
            with Vertical(id="picker-list-pane"):
                yield Static("Choose a scenario", classes="pane-title")
                yield OptionList(
                    *(Option(option_label(c), id=str(i)) for i, c in enumerate(self.choices)),
                    id="picker-list",
                )
            with VerticalScroll(id="picker-preview-pane"):
                yield Static(id="picker-preview")
        with Horizontal(classes="button-row"):
            yield Button("Play", variant="primary", id="play", compact=True)
            yield Button("Load a saved game", id="load", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "choose a scenario"
        options = self.query_one("#picker-list", OptionList)
        if self.choices:
            options.highlighted = 0
            self._preview(0)
        else:
            self.query_one("#picker-preview", Static).update("No scenarios found.")
        options.focus()

    @property
    def current(self) -> Choice | None:
        index = self.query_one("#picker-list", OptionList).highlighted
        return self.choices[index] if index is not None and self.choices else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._preview(event.option_index)
        self.action_play()

    def _preview(self, index: int) -> None:
        self.query_one("#picker-preview", Static).update(preview_text(self.choices[index]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "play":
            self.action_play()
        elif event.button.id == "load":
            self.action_load()

    def action_play(self) -> None:
        choice = self.current
        if choice is None:
            return
        if choice.problem:
            self.notify(f"{choice.label}: {choice.problem}", title="Cannot use", severity="error")
            return
        app = silo_app(self)
        app.open_scenario(choice.name, builtin=choice.builtin)

    def action_load(self) -> None:
        from game.tui.screens.load import LoadScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                app = silo_app(self)
                app.load_game(path)

        self.app.push_screen(LoadScreen(self.saves, self.folder), chosen)
