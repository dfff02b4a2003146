"""The facilitator's console of a room of seats (`silo serve --seats`): one row per seat.

The room plays one org, so the console shows the room's week once and, for each
seat, who plays it (a player's browser, or its bot and why) and whether its
decisions for the round are in; the highlighted seat's decisions beside. The
controls are those a room of seats obeys: end the round now (the seats without
decisions are played by their bots), the round's time, pause and go, hold at a
week, a word to every seat. Rounds in step are how seats always play, the debrief
is each seat's reveal, and the shared game cannot take an injected event (its save
records the seats' decisions only), so those keys are not offered.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.widgets import Static

from game.present import room_actions as act
from game.present.seat_status import decision_lines, seat_rows, seat_state_words
from game.tui.room_console import RoomConsole

if TYPE_CHECKING:
    from game.present.room_control import Control
    from game.present.seat_room import RoundState
    from game.present.seat_status import SeatRow
    from sim.scenario import Scenario

NOT_FOR_SEATS = frozenset({"rounds", "inject", "debrief", "report"})
NO_INJECT = (
    "No event can be injected into a room of seats: the shared game's save holds only the "
    "seats' decisions."
)


class SeatConsole(RoomConsole):
    """Every seat of the one org, live; the controls a room of seats obeys."""

    COLUMNS: ClassVar[tuple[str, ...]] = ("seat", "played by", "decisions", "week")
    UNIT = "seat"

    def __init__(self, folder: Path, scenario: Scenario) -> None:
        super().__init__(folder, scenario)
        self.round: RoundState | None = None
        self.rows: dict[str, SeatRow] = {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in NOT_FOR_SEATS

    @work(thread=True, exclusive=True, group="read")
    def refresh_room(self) -> None:
        from game.present.room_control import read_control

        control = read_control(self.folder)
        seen = seat_rows(self.folder)
        self.call_from_thread(self.show_seats, control, seen)

    def show_seats(self, control: Control, seen: tuple[RoundState, list[SeatRow]] | None) -> None:
        self.control = control
        if seen is None:
            self.query_one("#room-state", Static).update(
                "Room of seats: its game is not saved yet (is silo serve --seats running?)"
            )
            return
        state, rows = seen
        self.round, self.rows = state, {r.seat: r for r in rows}
        words = f"Room of seats: {seat_state_words(control)} · week {state.week} of "
        words += f"{self.scenario.weeks}"
        if state.held:
            words += f" · {state.held}"
        elif state.ends is not None:
            words += f" · {max(0, math.ceil(state.ends - time.time()))} s left in the round"
        here = sum(1 for r in rows if r.player.startswith("a player:"))
        sent = sum(1 for r in rows if r.decisions is not None)
        words += f" · {sent} of {len(rows)} seats in, {here} browsers open"
        if control.message:
            words += f" · said: {control.message}"
        self.query_one("#room-state", Static).update(f"{words}\n{NO_INJECT}")
        week = str(state.week)
        self.fill(
            {
                r.seat: (r.seat, r.player, "in" if r.decisions is not None else "", week)
                for r in rows
            }
        )

    def _show_table(self) -> None:
        """The highlighted seat: who plays it, and what it has sent for the round."""
        key = self.highlighted()
        row = self.rows.get(key or "")
        if row is None:
            return
        lines = [row.seat, row.player, "", "Sent this round:"]
        lines += decision_lines(row.decisions)
        self.query_one("#table-screen", Static).update("\n".join(lines))

    def action_next_round(self) -> None:
        if self.round is None:
            return
        week = self.round.week
        act.end_seat_round(self.folder, week)
        if self.control is not None and (self.control.paused or self.round.held):
            self._done(f"The round at week {week} ends as soon as the room may play on.")
        else:
            self._done(f"The round at week {week} ends now: bots play the seats not in.")
