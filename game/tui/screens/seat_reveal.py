"""The seat's reveal: what its team did not know and when it learned it, beside the
whole org's efficiency against doing nothing and par (computed in a worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.present import seat_play

if TYPE_CHECKING:
    from sim.seats import SeatGame


class SeatRevealScreen(Screen[None]):
    """What the seat could not see while it played."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back to the game"),
        Binding("q", "quit_game", "Quit"),
    ]

    def __init__(self, game: SeatGame, seat: str) -> None:
        super().__init__()
        self.game = game
        self.seat = seat

    def compose(self) -> ComposeResult:
        from sim.seats import reveal

        yield Header()
        with VerticalScroll(classes="seat-panel"):
            yield Static("\n".join(seat_play.reveal_lines(reveal(self.game, self.seat))))
            yield Static("Running doing nothing and par on the same seed...", id="seat-ghosts")
        yield Footer()

    def on_mount(self) -> None:
        self.app.sub_title = f"{self.seat}'s reveal after week {self.game.week}"
        self.compare()

    @work(thread=True, exclusive=True)
    def compare(self) -> None:
        lines = seat_play.ghosts(self.game)
        self.app.call_from_thread(self._show_ghosts, lines)

    def _show_ghosts(self, lines: list[str]) -> None:
        self.query_one("#seat-ghosts", Static).update("\n" + "\n".join(lines))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_quit_game(self) -> None:
        self.app.exit()
