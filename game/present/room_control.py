"""The facilitator's hand on a served session: rounds in step, pause the room, hold it
at a week, keep the debrief for the room's moment, say a word to every table, and
inject one of the scenario's events into every table at once.

The console and `silo room SESSION` write these in the session's folder; every
table's game reads them before it plays a week or opens its debrief, and about
once a second for messages and for the room's round. A file and not a channel
through the web server, so the controls reach every table however its browser is
connected, and survive a server restart as the games do. Writers take a lock on
the folder, because the server's referee (which ends a round) and the facilitator
may write at the same moment.

Rounds in step: with `lockstep` on, the room is at week `round`; a table at that
week submits its decisions and waits; the round ends (the room moves to the next
week and every table plays it) when every connected table has submitted or the
round's time is up (`game.cli.commands.serve_referee`).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

CONTROL_FILE = "control.json"
LOCK_FILE = "control.lock"
MAX_SAY = 300
MAX_EVENTS = 100
"""Events one session may inject (each one is replayed by every table's save)."""


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
    lockstep: bool = False
    """Rounds in step: no table plays past `round`; the room moves on together."""
    round: int = 0
    """The week the room is at (lock-step): tables play up to it, and no further."""
    round_seconds: int | None = None
    """A round's time limit (None: a round ends only when every table has submitted)."""
    round_started: float = 0.0
    """When the round began (seconds since the epoch; for its timer)."""
    events: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    """Scenario events injected into every table: each a `sim.scenario.Event`'s fields,
    its `week` the boundary at which every table takes it."""
    end_week: int | None = None
    """A room of seats: the week whose round the facilitator has ended by hand (the
    server plays it at once, bots in the seats without decisions)."""

    def hold(self, week: int) -> str | None:
        """Why a table at `week` may not play the next week now, or None."""
        if self.paused:
            return "The facilitator has paused the room: wait for the go."
        if self.week_cap is not None and week >= self.week_cap:
            return f"The room stops at week {self.week_cap} for now: wait for the facilitator."
        if self.lockstep and week >= self.round:
            return "The room plays each week together: your decisions are in; wait for the round."
        return None

    def said(self, text: str) -> Control:
        return replace(self, message=" ".join(text.split())[:MAX_SAY],
                       message_id=self.message_id + 1)  # fmt: skip

    def next_round(self, horizon: int, now: float) -> Control:
        """The room moves on one week (no further than the cap or the horizon)."""
        last = horizon if self.week_cap is None else min(horizon, self.week_cap)
        return replace(self, round=min(self.round + 1, last), round_started=now)

    def time_left(self, now: float) -> float | None:
        """Seconds left in the round (None: no timer)."""
        if self.round_seconds is None:
            return None
        return max(0.0, self.round_started + self.round_seconds - now)

    def injected(self, event: dict[str, Any]) -> Control:
        return replace(self, events=(*self.events, event))


def read_control(session_folder: Path) -> Control:
    """The room's controls (none set when the file is missing or unreadable)."""
    try:
        data = json.loads((session_folder / CONTROL_FILE).read_text(encoding="utf-8"))
        cap = data.get("week_cap")
        seconds = data.get("round_seconds")
        events = data.get("events", [])
        return Control(
            paused=bool(data.get("paused", False)),
            week_cap=int(cap) if cap is not None else None,
            debrief=bool(data.get("debrief", True)),
            message=str(data.get("message", ""))[:MAX_SAY],
            message_id=int(data.get("message_id", 0)),
            lockstep=bool(data.get("lockstep", False)),
            round=int(data.get("round", 0)),
            round_seconds=int(seconds) if seconds is not None else None,
            round_started=float(data.get("round_started", 0.0)),
            events=tuple(dict(e) for e in events[:MAX_EVENTS]),
            end_week=int(end) if (end := data.get("end_week")) is not None else None,
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return Control()


def write_control(session_folder: Path, control: Control) -> None:
    from game.present.files import write_atomic

    data = asdict(control)
    data["events"] = list(control.events)
    write_atomic(session_folder / CONTROL_FILE, json.dumps(data, indent=1) + "\n")


@contextlib.contextmanager
def _locked(session_folder: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: one facilitator, one writer at a time
        yield
        return
    with (session_folder / LOCK_FILE).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update_control(session_folder: Path, change: Callable[[Control], Control]) -> Control:
    """Read, change and write the controls under the folder's lock; the new controls."""
    with _locked(session_folder):
        old = read_control(session_folder)
        new = change(old)
        if new != old:
            write_control(session_folder, new)
        return new


def start_lockstep(control: Control, week: int, seconds: int | None) -> Control:
    """Rounds in step from `week` (the week the room's tables are at)."""
    return replace(control, lockstep=True, round=week, round_seconds=seconds,
                   round_started=time.time())  # fmt: skip
