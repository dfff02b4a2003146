"""A session played by seats: one shared seat game on disk, one writer, one reader per seat.

`silo serve SCENARIO --seats` plays one org for the whole room: each browser takes
a team (a seat), and the seats nobody sits in are played by bots. The files, in
the session's folder:
- `seats.json`: the shared game's save (`SeatGame.to_dict`). Only the server
  writes it, atomically, once per round; a server restart replays it exactly.
- `seats-round.json`: the round for the seats' screens (its week, the seats the
  room waits for, and why the room is held, if it is).
- `tables/<seat>/decisions.json`: one seat's decisions for one week, written by
  that seat's process alone; the server reads them.
Each seat's process replays `seats.json` and shows `SeatGame.view(seat)`: what
its team knows, computed by `sim.seats`, never here.

The rule of a round: it ends when every seat whose browser is open has sent its
decisions, and at least one seat has; or when the round's time (`silo room
--timer`) is up while a browser is open; or when the facilitator ends it (`silo
room --next`, the console's `n`). A pause or a week cap holds it in every case. A
seat that sent its decisions and then closed its browser plays what it sent; a
seat without decisions for the round (nobody took it, its browser is closed, or
its time ran out) is played by its bot for that round. So a closed browser never
holds the room back, and its player, back with the same cookie, decides again
from the next round.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.present.room import (
    MAX_TABLE_NAME,
    RoomError,
    Session,
    table_key,
    table_name_problem,
)

if TYPE_CHECKING:
    from sim.seats import Decisions, SeatGame

SAVE = "seats.json"
ROUND = "seats-round.json"
DECISIONS = "decisions.json"
MAX_DECISIONS_BYTES = 256 * 1024


def open_shared(session: Session) -> SeatGame:
    """The session's game: replayed from its save, or started (and saved) when new.

    Raises:
        SeatError, ScenarioError: the save cannot be replayed, or a bot is unknown.
    """
    from game.present.seat_play import load_game, par_steps
    from sim import load_scenario
    from sim.seats import SeatError, SeatGame

    path = session.folder / SAVE
    if path.exists():
        game = load_game(path)
        if game.seed != (session.seed if session.seed is not None else game.scenario.seed):
            raise SeatError(f"{path}: its seed is {game.seed}, not the session's")
        return game
    scenario = load_scenario(session.scenario)
    game = SeatGame(
        scenario, session.seed, {}, bots_play=session.seats,
        par=par_steps(session.scenario, scenario),
    )  # fmt: skip
    save_shared(session.folder, game)
    return game


def save_shared(session_folder: Path, game: SeatGame) -> None:
    from game.present.seat_play import save_game

    save_game(session_folder / SAVE, game)


def take_seat(session: Session, teams: Iterable[str], team: str) -> str:
    """A browser takes `team`'s seat; its key (the seat's folder under tables/).

    Raises:
        RoomError: no such team, or another browser has its seat.
    """
    names = list(teams)
    wanted = " ".join(team.split())
    found = [n for n in names if table_key(n) == table_key(wanted)] if wanted else []
    if not found:
        if not wanted:
            raise RoomError(f"choose your team ({', '.join(names)})")
        raise RoomError(f"there is no team {wanted!r} in this org (teams: {', '.join(names)})")
    seat = found[0]
    taken = set(session.tables())
    if table_key(seat) in taken:
        free = [n for n in names if table_key(n) not in taken]
        left = f"free: {', '.join(free)}" if free else "every seat is taken"
        raise RoomError(f"{seat}'s seat is taken by another browser: choose another team ({left})")
    return session.join(seat)


def seat_name_problem(teams: Iterable[str]) -> str | None:
    """Why a room cannot seat these teams, or None. Each seat has a folder named after its
    team as a table's is (`table_key`: case and spacing do not count), so two teams whose
    names differ only there would share one seat's decisions."""
    seen: dict[str, str] = {}
    for name in teams:
        if table_name_problem(name) is not None:
            return (f"team {name!r} cannot have a seat: a seat's team is named with at most "
                    f"{MAX_TABLE_NAME} letters, digits, spaces, '-' and '_'")  # fmt: skip
        key = table_key(name)
        if key in seen:
            return (f"teams {seen[key]!r} and {name!r} would share one seat (their names differ "
                    "only in case or spacing): rename one to play by seats")  # fmt: skip
        seen[key] = name
    return None


def seat_folder(session_folder: Path, seat: str) -> Path:
    return session_folder / "tables" / table_key(seat)


def write_decisions(session_folder: Path, seat: str, week: int, decisions: Decisions) -> None:
    """A seat's decisions for `week` (written by its own process, read by the server)."""
    from game.present.files import write_atomic

    data = {"week": week, "decisions": decisions.to_dict()}
    write_atomic(seat_folder(session_folder, seat) / DECISIONS, json.dumps(data) + "\n")


def read_decisions(session_folder: Path, seat: str, week: int) -> Decisions | None:
    """The seat's decisions for `week`, or None (none sent, another week's, or unreadable)."""
    from sim.seats import Decisions, SeatError

    path = seat_folder(session_folder, seat) / DECISIONS
    try:
        with path.open("rb") as fh:
            data = json.loads(fh.read(MAX_DECISIONS_BYTES))
        if not isinstance(data, dict) or data.get("week") != week:
            return None
        return Decisions.from_dict(data.get("decisions"), f"{path}")
    except (OSError, ValueError, SeatError):
        return None


def waiting_for(game: SeatGame, connected: Iterable[str], sent: Iterable[str]) -> tuple[str, ...]:
    """Seats with an open browser that have not sent this round's decisions, in seat order."""
    here, done = set(connected), set(sent)
    return tuple(s for s in game.order if s in here and s not in done)


def round_over(game: SeatGame, waiting: tuple[str, ...], sent: Iterable[str], held: str) -> bool:
    """Whether the room plays the round now (see the rule in the module's docstring)."""
    return not game.done and not held and not waiting and any(True for _ in sent)


def play_round(game: SeatGame, sent: dict[str, Decisions], bots: str) -> list[str]:
    """Play the round: seats that sent decisions as humans, the others by their bots. Lines
    for the server's log about decisions the game refused (that seat's bot played it)."""
    from sim.seats import HUMAN, SeatError

    problems = []
    for seat in game.order:
        if seat not in sent:
            game.hand(seat, f"bot:{bots}")
            continue
        game.hand(seat, HUMAN)
        try:
            game.submit(seat, sent[seat])
        except SeatError as exc:
            problems.append(f"{seat}'s decisions refused ({exc}): its bot played the round")
            game.hand(seat, f"bot:{bots}")
    game.advance()
    return problems


def time_up(ends: float | None, now: float, connected: Iterable[str]) -> bool:
    """Whether the round's time is up. A room with nobody in it does not play on by the
    clock: its bots would play the whole game between two visits."""
    return ends is not None and now >= ends and any(True for _ in connected)


@dataclass(frozen=True)
class RoundState:
    """What a seat's screen (and the facilitator's console) shows of the room's round."""

    week: int = 0
    waiting: tuple[str, ...] = ()
    """Seats with an open browser still deciding."""
    held: str = ""
    """Why the room does not play the round now, even when every seat has decided."""
    here: tuple[str, ...] = ()
    """Seats whose browser is open now."""
    ends: float | None = None
    """When the round's time is up (seconds since the epoch; None: no timer, or held)."""
    said: str = ""
    """The facilitator's last word to every seat."""


def write_round(session_folder: Path, state: RoundState) -> None:
    from game.present.files import write_atomic

    data = {"week": state.week, "waiting": list(state.waiting), "held": state.held,
            "here": list(state.here), "ends": state.ends, "said": state.said}  # fmt: skip
    write_atomic(session_folder / ROUND, json.dumps(data) + "\n")


def read_round(session_folder: Path) -> RoundState:
    try:
        data: Any = json.loads((session_folder / ROUND).read_text(encoding="utf-8"))
        ends = data.get("ends")
        return RoundState(
            int(data["week"]),
            tuple(str(s) for s in data["waiting"]),
            str(data.get("held", "")),
            tuple(str(s) for s in data.get("here", ())),
            float(ends) if ends is not None else None,
            str(data.get("said", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return RoundState()


class SeatLink:
    """A seat's process and the shared game: it reads the save and sends its decisions."""

    def __init__(self, session_folder: Path, seat: str) -> None:
        self.folder = session_folder
        self.seat = seat
        self._stamp: int | None = None

    def load(self) -> SeatGame:
        """The shared game as saved (replayed exactly), the seat checked."""
        from game.present.seat_play import load_game
        from sim.seats import SeatError

        path = self.folder / SAVE
        self._stamp = _stamp(path)
        game = load_game(path)
        if self.seat not in game.order:
            raise SeatError(f"no seat {self.seat!r} (seats: {', '.join(game.order)})")
        return game

    def newer(self, week: int) -> SeatGame | None:
        """The shared game if a round has been played since `week`, else None (cheap when
        the save has not changed)."""
        stamp = _stamp(self.folder / SAVE)
        if stamp == self._stamp:
            return None
        game = self.load()
        return game if game.week > week else None

    def send(self, game: SeatGame, decisions: Decisions) -> None:
        """Check the decisions as the server will, then send them for this round.

        Raises:
            SeatError: the game refuses them (nothing is sent).
            OutputError: the seat's folder cannot be written.
        """
        from sim.seats import HUMAN

        game.hand(self.seat, HUMAN)  # this process's own copy: checked as a human's
        game.submit(self.seat, decisions)
        write_decisions(self.folder, self.seat, game.week, decisions)

    def sent(self, week: int) -> bool:
        """Whether this seat has sent its decisions for `week` (before a reload, say)."""
        return read_decisions(self.folder, self.seat, week) is not None

    def round(self) -> RoundState:
        return read_round(self.folder)


def _stamp(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
