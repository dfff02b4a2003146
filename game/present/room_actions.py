"""What a facilitator does to a room, shared by the console and `silo room SESSION`:
each is one locked change of the session's controls (`game.present.room_control`).

The room's week is the furthest week any table has reached (in lock-step, the
round): rounds in step start there, and an injected event is given that week, so
every table takes it at the same boundary (a table behind takes it when it gets
there; a table caught mid-step takes it at its next boundary, and its save says so).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.present.room import Session
from game.present.room_control import (
    MAX_EVENTS,
    Control,
    start_lockstep,
    update_control,
)
from game.present.room_status import TableStatus, read_status

if TYPE_CHECKING:
    from sim.scenario import Scenario


def statuses(folder: Path) -> dict[str, TableStatus | None]:
    """Every table of the session by key, with its last status (None: not played yet)."""
    session = Session(folder, folder.name, "", None, "", 0, "")
    return {key: read_status(session.table_folder(key)) for key in session.tables()}


def room_week(folder: Path, control: Control) -> int:
    """The furthest week a table has reached (at least the round, in lock-step)."""
    weeks = [s.week for s in statuses(folder).values() if s is not None]
    return max([*weeks, control.round if control.lockstep else 0])


def rounds_in_step(folder: Path, seconds: int | None) -> Control:
    return update_control(folder, lambda c: start_lockstep(c, room_week(folder, c), seconds))


def free_play(folder: Path) -> Control:
    return update_control(folder, lambda c: replace(c, lockstep=False))


def set_timer(folder: Path, seconds: int | None) -> Control:
    return update_control(
        folder, lambda c: replace(c, round_seconds=seconds, round_started=time.time())
    )


def end_round(folder: Path, horizon: int) -> Control:
    """The room moves on now, whoever has not submitted (the facilitator's call)."""
    return update_control(folder, lambda c: c.next_round(horizon, time.time()) if c.lockstep else c)


def end_seat_round(folder: Path, week: int) -> Control:
    """A room of seats plays the round of `week` now: seats without decisions for it are
    played by their bots (the server's referee plays it; a pause or a cap holds it still)."""
    return update_control(folder, lambda c: replace(c, end_week=week))


def pause(folder: Path, paused: bool) -> Control:
    # Going on restarts the round's timer: a pause does not eat the tables' time.
    return update_control(folder, lambda c: replace(c, paused=paused, round_started=time.time()))


def cap(folder: Path, week: int | None) -> Control:
    return update_control(folder, lambda c: replace(c, week_cap=week))


def debrief(folder: Path, open_: bool) -> Control:
    return update_control(folder, lambda c: replace(c, debrief=open_))


def say(folder: Path, text: str) -> Control:
    return update_control(folder, lambda c: c.said(text))


def inject(folder: Path, scenario: Scenario, key: str) -> tuple[Control, int]:
    """Give every table the scenario event named `key` (see `event_choices`) at the
    room's week; the controls and that week.

    Raises:
        ValueError: no such event, or the session has injected all it may.
    """
    from game.present.room_events import event_choices, find_choice

    data = find_choice(scenario, key)
    if data is None:
        keys = ", ".join(label.split()[0] for label, _ in event_choices(scenario))
        raise ValueError(f"no event {key!r} in {scenario.name}; choose one of: {keys}")
    at: list[int] = []

    def add(control: Control) -> Control:
        if len(control.events) >= MAX_EVENTS:
            raise ValueError(f"a session injects at most {MAX_EVENTS} events")
        at.append(room_week(folder, control))
        return control.injected({**data, "week": at[-1]})

    return update_control(folder, add), at[-1]


def state_words(control: Control) -> str:
    words = "paused" if control.paused else "playing"
    if control.lockstep:
        words += f", in step at week {control.round}"
        if control.round_seconds:
            words += f" ({control.round_seconds} s a round)"
    if control.week_cap is not None:
        words += f", held at week {control.week_cap}"
    return words + ("" if control.debrief else ", debrief closed")
