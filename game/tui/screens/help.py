"""The help screen: how a turn works and every key."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.present.verbs import VERBS

KEYS = (
    ("space, n", "play one week"),
    ("p", "play on / pause"),
    ("+ / -", "faster / slower"),
    ("e", "run to the end"),
    ("a", "decide: the actions menu"),
    ("u", "take back the last queued decision"),
    ("y", "why? efficiency, engagement and late campaigns opened to their causes"),
    ("v", "silo view: the org through one team's eyes; again for the next team, then off"),
    ("ctrl+s", "save the game (it also saves itself every week)"),
    ("d", "debrief, once the last week is played"),
    ("1 2 3", "org, charts, feed (on narrow screens)"),
    ("tab, enter", "move between teams and open one (or click it)"),
    ("ctrl+p", "command palette: every action by name"),
    ("f2", "light or dark theme"),
    ("escape", "leave the game (it is saved) or close a dialog"),
    ("ctrl+q", "quit"),
)


def help_text() -> Text:
    text = Text("How to play\n", style="bold")
    text.append(
        "Each turn is one week. Decide what to change (a), see what it costs and what the "
        "next weeks may look like with and without it, and queue it: it takes effect when the "
        "next week starts. The charts draw your run against doing nothing under the same luck "
        "(the same seed), so the gap between the lines is what your decisions did.\n\n"
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


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll():
                yield Static(help_text())
            yield Button("Close", id="close", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
