"""SeatApp: play from one seat, alone against bots (`silo play SCENARIO --seat TEAM`) or as
one seat of a room (`silo serve --seats`).

The app holds the seat game and where it is saved; the seat screen shows the
seat's view and takes its decisions. Alone, the game is saved after every round;
in a room, the server holds the game and saves it, and `room` sends this seat's
decisions and brings the rounds the room played.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from game.tui.screens.seat import RoomSeatScreen, SeatScreen

if TYPE_CHECKING:
    from game.present.seat_room import SeatLink
    from sim.seats import SeatGame


class SeatApp(App[None]):
    """One team of a shared org, played from inside its silo."""

    CSS_PATH = "seat_app.tcss"
    TITLE = "silo"

    def __init__(
        self, game: SeatGame, seat: str, save_to: Path | None = None, room: SeatLink | None = None
    ) -> None:
        super().__init__()
        self.game = game
        self.seat = seat
        self.save_to = save_to
        """Where the game is saved after each round (None: not saved)."""
        self.room = room
        """The room's shared game, when this seat is one of a room's (None: alone)."""

    def on_mount(self) -> None:
        screen = SeatScreen if self.room is None else RoomSeatScreen
        self.push_screen(screen(self.game, self.seat, self.room))

    def save_seat_game(self) -> None:
        if self.save_to is None:
            return
        from game.present.files import OutputError
        from game.present.seat_play import save_game

        try:
            save_game(self.save_to, self.game)
        except OutputError as exc:
            self.notify(f"not saved: {exc}", severity="warning")
