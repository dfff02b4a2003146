"""A served table's bottom screen: what shows between games instead of the picker.

A table of a session plays the session's scenario only, so it never sees the
picker (every scenario) or the Load screen (other files): while its game opens
it sees this sign, and every game it leaves brings it back here first.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class TableScreen(Screen[None]):
    """The table's sign while its game opens."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Opening your table's game…", id="table-sign")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "your table"
