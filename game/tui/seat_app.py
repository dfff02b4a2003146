"""SeatApp: solo play from one seat (`silo play SCENARIO --seat TEAM`), bots in the others.

The app holds the seat game and where it is saved; the seat screen shows the
seat's view and takes its decisions. The game is saved after every round.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from game.tui.screens.seat import SeatScreen

if TYPE_CHECKING:
    from sim.seats import SeatGame


class SeatApp(App[None]):
    """One team of a shared org, played from inside its silo."""

    CSS_PATH = "seat_app.tcss"
    TITLE = "silo"

    def __init__(self, game: SeatGame, seat: str, save_to: Path | None = None) -> None:
        super().__init__()
        self.game = game
        self.seat = seat
        self.save_to = save_to
        """Where the game is saved after each round (None: not saved)."""

    def on_mount(self) -> None:
        self.push_screen(SeatScreen(self.game, self.seat))

    def save_seat_game(self) -> None:
        if self.save_to is None:
            return
        from game.present.files import OutputError
        from game.present.seat_play import save_game

        try:
            save_game(self.save_to, self.game)
        except OutputError as exc:
            self.notify(f"not saved: {exc}", severity="warning")
