"""A served table's link to its room: the facilitator's controls in, the table's status out.

The app of a served table owns one `TableRoom` (see `game.present.room_control`
and `game.present.room_status` for the files). It remembers what this table has
already heard (messages) and taken (the room's injected events), and what it has
submitted for the round; nothing here touches a screen.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.present.room_control import Control, read_control

if TYPE_CHECKING:
    from game.present.session import GameSession, Turn


class TableRoom:
    """One table's view of its session's folder."""

    def __init__(self, table_folder: Path, returning: bool = True) -> None:
        self.folder = table_folder
        self.session_folder = table_folder.parent.parent
        """The session's folder (a table's own is SESSION/tables/TABLE)."""
        # An old message is not news to a table coming back; a table new to the room
        # hears the last one said (the facilitator's welcome, say).
        self.seen_message = read_control(self.session_folder).message_id - (not returning)
        self.events_seen = 0
        """How many of the room's events the game on screen has taken or passed."""
        self.ready = -1
        """The week whose decisions this table has submitted (lock-step)."""
        self.notes: tuple[str, ...] = ()
        self._telling = threading.Lock()
        self._told_week = 0

    def control(self) -> Control:
        return read_control(self.session_folder)

    def news(self, control: Control) -> str | None:
        """The facilitator's message, once."""
        if control.message_id > self.seen_message:
            self.seen_message = control.message_id
            return control.message
        return None

    def start_game(self, session: GameSession) -> None:
        """A game opens at its week: the room's events of earlier weeks are in its save."""
        control = self.control()
        self.events_seen = sum(1 for e in control.events if _week(e) < session.week)
        self.ready = -1
        self._told_week = 0

    def in_round(self, control: Control, week: int) -> bool:
        """The table waits for the room's round (not for a pause or a cap)."""
        return (
            control.hold(week) is not None
            and control.lockstep
            and not control.paused
            and (control.week_cap is None or week < control.week_cap)
        )

    def events_due(self, week: int) -> list[dict[str, Any]]:
        """The room's events this game takes as it plays from `week` (each once)."""
        events = self.control().events
        due = []
        while self.events_seen < len(events) and _week(events[self.events_seen]) <= week:
            due.append(events[self.events_seen])
            self.events_seen += 1
        return due

    def tell(self, session: GameSession, turn: Turn | None) -> None:
        """Write the table's status for the console (in a worker: it computes the score).

        Workers may tell at once (a week just played, decisions submitted): one at a
        time, `ready` read under the lock, and never a turn older than one told, so a
        slow worker cannot overwrite a submission the referee is waiting for.
        """
        from game.present.room_status import status_of, write_status

        with self._telling:
            week = turn.week if turn is not None else session.week
            if week < self._told_week:
                return
            self._told_week = week
            # On a full disk the console shows the last status it read; the game goes on.
            with contextlib.suppress(OSError):
                write_status(self.folder, status_of(session, turn, self.ready, self.notes))


def _week(event: dict[str, Any]) -> int:
    try:
        return int(event.get("week", 0))
    except (TypeError, ValueError):
        return 0
