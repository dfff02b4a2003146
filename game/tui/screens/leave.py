"""Leaving a game is asked, never done by one key: the dialog says where the game is
saved and how to go on with it, so Escape pressed once too often loses nothing."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.present.printable import printable

Choice = Literal["picker", "quit"]
"""Where the player goes: the scenario picker, or out of silo (None: stays)."""


@dataclass(frozen=True)
class Kept:
    """Where the game on screen is kept, as the dialog tells it."""

    week: int
    weeks: int
    saved: str | None
    """The game's file as the player may see it (None: it could not be saved)."""
    problem: str | None = None
    """Why the last save failed, if it did."""
    loadable: bool = True
    """The player can go on with it with `silo play --load` (not a served table's)."""


def kept_text(kept: Kept) -> Text:
    """The dialog's body: saved where, and how to come back; or plainly not saved."""
    if kept.saved is None or kept.problem is not None:
        why = kept.problem or "The game could not be saved."
        return Text(f"{why}\nThis game is NOT saved: leaving now loses it.", style="bold")
    shown = printable(kept.saved, 400)
    text = Text(f"Your game is saved, week {kept.week} of {kept.weeks}, in\n")
    text.append(shown, style="bold")
    if kept.loadable:
        text.append("\n\nGo on with it later: ")
        text.append(f"silo play --load {shlex.quote(shown)}", style="bold")
        text.append("\n(or l, Load a saved game, on the first screen).")
    return text


class LeaveDialog(ModalScreen[Choice | None]):
    """Stay, leave for the scenarios, or quit silo; dismisses with the choice (None: stay)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "stay", "Stay"),
        Binding("l", "choose('picker')", "Other scenarios", show=False),
        Binding("q", "choose('quit')", "Quit silo", show=False),
    ]

    def __init__(self, kept: Kept, *, quitting: bool = False, can_leave: bool = True) -> None:
        super().__init__()
        self.kept = kept
        self.quitting = quitting
        self.can_leave = can_leave
        """False for a served table, which plays its game to the end."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="leave-dialog"):
            title = "Quit silo?" if self.quitting else "Leave this game?"
            yield Static(title, classes="dialog-title")
            yield Static(kept_text(self.kept), id="leave-where")
            with Horizontal(classes="button-row"):
                yield Button("Stay (esc)", id="stay", variant="primary", compact=True)
                if self.can_leave:
                    yield Button("Other scenarios (l)", id="picker", compact=True)
                yield Button("Quit silo (q)", id="quit", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "stay":
            self.dismiss(None)
        else:
            self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        if choice == "quit":
            self.dismiss("quit")
        elif choice == "picker" and self.can_leave:
            self.dismiss("picker")

    def action_stay(self) -> None:
        self.dismiss(None)
