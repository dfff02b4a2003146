"""A room of seats as the facilitator sees it: each seat's player and whether its
decisions are in, for `silo room SESSION` and the console.

Read from the session's files (the save's seats, the round the server wrote, each
seat's folder and decisions) without replaying the game, so a console can look
every second. See `game.present.seat_room` for the files and the rule of a round.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.present.room import table_key
from game.present.seat_room import SAVE, RoundState, read_decisions, read_round

if TYPE_CHECKING:
    from game.present.room_control import Control
    from sim.seats import Decisions

NOBODY = "a bot (nobody took the seat)"


@dataclass(frozen=True)
class SeatRow:
    """One seat of the room, now."""

    seat: str
    player: str
    """Who plays it this round, in words: a player in a browser, or its bot and why."""
    decisions: Decisions | None
    """What it has sent for the room's week (None: nothing yet)."""


def seat_rows(session_folder: Path) -> tuple[RoundState, list[SeatRow]] | None:
    """The room's round and one row per seat in seat order (None: no game saved yet)."""
    try:
        saved = json.loads((session_folder / SAVE).read_text(encoding="utf-8"))
        seats = [str(s) for s in saved["seats"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    state = read_round(session_folder)
    taken = {p.name for p in (session_folder / "tables").glob("*") if p.is_dir()}
    rows = []
    for seat in seats:
        sent = read_decisions(session_folder, seat, state.week)
        if table_key(seat) not in taken:
            player = NOBODY
        elif seat in state.here:
            player = "a player: decisions in" if sent is not None else "a player: deciding"
        elif sent is not None:
            player = "a player, away: plays what it sent"
        else:
            player = "a player, away: its bot plays the week"
        rows.append(SeatRow(seat, player, sent))
    return state, rows


def seat_lines(session_folder: Path, state_words: str) -> list[str]:
    """`silo room` for a room of seats: the round, then each seat's player."""
    seen = seat_rows(session_folder)
    if seen is None:
        return [f"session {session_folder.name}: {state_words}; its seats' game cannot be read"]
    state, rows = seen
    lines = [f"session {session_folder.name}: {state_words}; one org played by seats, "
             f"week {state.week}"]  # fmt: skip
    lines += [f"  {row.seat:24}  {row.player}" for row in rows]
    return lines


def seat_state_words(control: Control) -> str:
    """The facilitator's settings that a room of seats obeys, in words."""
    words = "paused" if control.paused else "playing"
    if control.round_seconds:
        words += f", {control.round_seconds} s a round"
    if control.week_cap is not None:
        words += f", held at week {control.week_cap}"
    return words


def decision_lines(decisions: Decisions | None) -> list[str]:
    """A seat's decisions for the round, for the facilitator's look at the seat."""
    from sim.verbs import title

    if decisions is None:
        return ["  none sent yet"]
    lines = [f"  {title(a)}" for a in decisions.actions]
    lines += [f"  propose: {title(a)}" for a in decisions.proposals]
    lines += [f"  {'accepts' if yes else 'refuses'} proposal {i}" for i, yes in decisions.answers]
    lines += [f"  message to {to}: '{text}'" for to, text in decisions.messages]
    return lines or ["  nothing: the week as it stands"]
