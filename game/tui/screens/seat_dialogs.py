"""Small dialogs of the seat screen: pick one of a list, or type a line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList


class PickDialog(ModalScreen[int | None]):
    """Pick one option (its index), or escape for none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, options: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="seat-dialog"):
            yield Label(self.title_text, classes="seat-dialog-title")
            yield OptionList(*self.options, id="pick")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(ModalScreen[str | None]):
    """Type one line (enter sends it), or escape for none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, limit: int) -> None:
        super().__init__()
        self.title_text = title
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(classes="seat-dialog"):
            yield Label(self.title_text, classes="seat-dialog-title")
            yield Input(max_length=self.limit, id="text")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
