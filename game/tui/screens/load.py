"""Pick a saved game: the autosaves and saves in the save folder and the current folder."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.present.printable import printable
from game.present.saves import list_saves, peek


def save_label(path: Path) -> Text:
    info = peek(path) or {}
    text = Text(printable(path.name), style="bold")
    text.append(
        f"\n{info.get('scenario')} · seed {info.get('seed')} · week {info.get('weeks_played')}"
        f" · {info.get('actions')} decisions · {printable(str(path.parent), 200)}",
        style="dim",
    )
    return text


class LoadScreen(ModalScreen[Path | None]):
    """A list of saved games; dismisses with the chosen path (None: cancelled)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, saves: Path, folder: Path) -> None:
        super().__init__()
        folders = [saves] if saves.resolve() == folder.resolve() else [saves, folder]
        self.paths = list_saves(*folders)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Load a saved game", classes="dialog-title")
            if self.paths:
                yield OptionList(
                    *(Option(save_label(p), id=str(i)) for i, p in enumerate(self.paths)),
                    id="save-list",
                )
            else:
                yield Static("No saved games yet: games save themselves every week.", id="no-saves")
            yield Button("Cancel", id="cancel", compact=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.paths[event.option_index])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
