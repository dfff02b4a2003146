"""The actions menu: every restructure verb, the scenario's suggested levers first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.present.verbs import VERBS, Verb


def ordered_verbs(levers: Sequence[str]) -> list[tuple[Verb, bool]]:
    """Verbs with whether the scenario suggests them; suggested ones first."""
    suggested = [v for v in VERBS if v.action in levers]
    rest = [v for v in VERBS if v.action not in levers]
    return [(v, True) for v in suggested] + [(v, False) for v in rest]


def verb_label(verb: Verb, suggested: bool) -> Text:
    text = Text(f"{verb.key}  ", style="bold")
    text.append(verb.label, style="bold" if suggested else "")
    if suggested:
        text.append("  ★ worth trying here", style="italic")
    text.append(f"\n   {verb.blurb}", style="dim")
    return text


class ActionMenu(ModalScreen[str | None]):
    """Pick a verb; dismisses with its action name (None: cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, levers: Sequence[str]) -> None:
        super().__init__()
        self.verbs = ordered_verbs(levers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="action-menu"):
            yield Static("Decide: what will you change?", classes="dialog-title")
            yield OptionList(
                *(Option(verb_label(v, s), id=v.action) for v, s in self.verbs), id="verb-list"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        for verb, _ in self.verbs:
            if event.character == verb.key:
                event.stop()
                self.dismiss(verb.action)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)
