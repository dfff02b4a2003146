"""The referee of rounds in step: the server ends a round when every table at it has
submitted, or when the round's time is up, and the room moves on one week.

It runs in `silo serve`, beside the tables' connections, because only the server
knows which tables are in the room right now: a table whose browser is closed does
not hold the others back (it plays the weeks it missed when it comes back).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from game.present.room_control import Control, read_control, update_control
from game.present.room_status import TableStatus, read_status

TICK_SECONDS = 0.5
"""How often the referee looks at the room (tables write their status as they submit)."""


def round_over(
    control: Control, tables: Mapping[str, TableStatus | None], horizon: int, now: float
) -> bool:
    """Whether the room moves on from `control.round` now, given the connected tables."""
    last = horizon if control.week_cap is None else min(horizon, control.week_cap)
    if not control.lockstep or control.paused or control.round >= last or not tables:
        return False
    left = control.time_left(now)
    if left is not None and left <= 0:
        return True
    return all(
        s is not None and s.week >= control.round and s.ready >= control.round
        for s in tables.values()
    )


async def referee(
    session_folder: Path,
    connected: Callable[[], list[str]],
    horizon: int,
    stop: asyncio.Event,
) -> None:
    """Until `stop`: end each round when it is over (see `round_over`)."""
    tables = session_folder / "tables"
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), TICK_SECONDS)
        keys = connected()
        seen = {key: read_status(tables / key) for key in keys}
        if round_over(read_control(session_folder), seen, horizon, time.time()):
            move_on = functools.partial(_moved_on, tables=seen, horizon=horizon)
            await asyncio.to_thread(update_control, session_folder, move_on)


def _moved_on(control: Control, tables: Mapping[str, TableStatus | None], horizon: int) -> Control:
    # Checked again under the lock: the facilitator may have ended the round just now.
    if round_over(control, tables, horizon, time.time()):
        return control.next_round(horizon, time.time())
    return control
