"""The facilitator's hand on a served session: pause the room, hold it at a week,
keep the debrief for the room's moment, say a word to every table.

`silo room SESSION` writes these in the session's folder; every table's game reads
them before it plays a week or opens its debrief, and about once a second for
messages. A file and not a channel through the web server, so the controls reach
every table however its browser is connected, and survive a server restart as
the games do.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

CONTROL_FILE = "control.json"
MAX_SAY = 300


@dataclass(frozen=True)
class Control:
    """What the facilitator has set for the room."""

    paused: bool = False
    week_cap: int | None = None
    """No table plays past this week until the facilitator lifts it (a mid-game debrief)."""
    debrief: bool = True
    """Tables may open their debrief (the facilitator may keep it for the room's moment)."""
    message: str = ""
    message_id: int = 0
    """Counts the messages said, so each table shows each message once."""

    def hold(self, week: int) -> str | None:
        """Why a table at `week` may not play the next week now, or None."""
        if self.paused:
            return "The facilitator has paused the room: wait for the go."
        if self.week_cap is not None and week >= self.week_cap:
            return f"The room stops at week {self.week_cap} for now: wait for the facilitator."
        return None

    def said(self, text: str) -> Control:
        return replace(self, message=" ".join(text.split())[:MAX_SAY],
                       message_id=self.message_id + 1)  # fmt: skip


def read_control(session_folder: Path) -> Control:
    """The room's controls (none set when the file is missing or unreadable)."""
    try:
        data = json.loads((session_folder / CONTROL_FILE).read_text(encoding="utf-8"))
        cap = data.get("week_cap")
        return Control(
            paused=bool(data.get("paused", False)),
            week_cap=int(cap) if cap is not None else None,
            debrief=bool(data.get("debrief", True)),
            message=str(data.get("message", ""))[:MAX_SAY],
            message_id=int(data.get("message_id", 0)),
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return Control()


def write_control(session_folder: Path, control: Control) -> None:
    from game.present.files import write_atomic

    write_atomic(session_folder / CONTROL_FILE, json.dumps(asdict(control), indent=1) + "\n")
