"""A workshop session on disk: its folder, its tables, their games, and who may join.

`silo serve` runs one session: a scenario and seed for the whole room, a join
code, a cap on tables, and a folder of its own named after the session. Each
table is a subfolder holding that table's games only; a served game sees only
its own table's folder, so no table can open another's games. Each game a table
starts is a new numbered file, never overwritten by another game.

A table's browser proves which table it is with a cookie signed by the
session's secret, kept in the session file: after a server restart the same
cookie still opens the same table's game. Nothing here imports Textual or the
web server, so the report and the tests use it as plain data.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

SESSION_FILE = "session.json"
TABLES = "tables"
FORMAT = "silo-session"
MAX_TABLE_NAME = 24
TABLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _-]*")
SESSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud in a room
CODE_LENGTH = 6
GAME_FILE = re.compile(r"game-(\d{3})\.json")


class RoomError(ValueError):
    """A session or table that cannot be opened; the message says why, in one line."""


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def table_name_problem(name: str) -> str | None:
    """Why `name` cannot be a table's name, or None."""
    if not name.strip():
        return "give your table a name"
    if len(name) > MAX_TABLE_NAME:
        return f"a table's name is at most {MAX_TABLE_NAME} characters"
    if not TABLE_NAME.fullmatch(name):
        return "a table's name is letters, digits, spaces, '-' and '_', starting with a letter"
    return None


def table_key(name: str) -> str:
    """The table's folder name: one table per name, whatever its case and spacing."""
    return "-".join(name.lower().split())


@dataclass(frozen=True)
class Session:
    """One workshop session: what every table plays, and where it all is kept."""

    folder: Path
    name: str
    scenario: str
    seed: int | None
    code: str
    """The join code ('' when none is asked: a server on this machine only)."""
    cap: int
    secret: str
    console_code: str = ""
    """The facilitator's code: it opens the console in a browser, never a table."""
    seats: str = ""
    """Played by seats of one shared org: how its empty seats' bots play ('' : by tables,
    each its own game). See `game.present.seat_room`."""

    @property
    def tables_folder(self) -> Path:
        return self.folder / TABLES

    def table_folder(self, key: str) -> Path:
        return self.tables_folder / key

    def tables(self) -> list[str]:
        """The keys of the tables that have joined, in order of name."""
        if not self.tables_folder.is_dir():
            return []
        return sorted(p.name for p in self.tables_folder.iterdir() if p.is_dir())

    def display_name(self, key: str) -> str:
        """The name the table typed (its key when the note is missing)."""
        try:
            data = json.loads((self.table_folder(key) / "table.json").read_text())
            return str(data["name"])
        except (OSError, ValueError, KeyError, TypeError):
            return key

    def join(self, name: str) -> str:
        """Add a new table; its key.

        Raises:
            RoomError: a bad name, a name already taken, or the room is full.
        """
        problem = table_name_problem(name)
        if problem is not None:
            raise RoomError(problem)
        key = table_key(name)
        if key in self.tables():
            raise RoomError(f"a table named {name!r} has joined already: choose another name")
        if len(self.tables()) >= self.cap:
            raise RoomError(f"the room is full ({self.cap} tables): ask the facilitator")
        folder = self.table_folder(key)
        folder.mkdir(parents=True)
        (folder / "table.json").write_text(json.dumps({"name": " ".join(name.split())}) + "\n")
        return key

    def ticket(self, key: str) -> str:
        """The cookie value that lets a browser back into table `key`."""
        mac = hmac.new(self.secret.encode(), key.encode(), hashlib.sha256).hexdigest()
        return f"{key}.{mac}"

    def table_of(self, ticket: str | None) -> str | None:
        """The table a cookie opens, or None (forged, of another session, or no such table)."""
        if not ticket or "." not in ticket:
            return None
        key = ticket.rsplit(".", 1)[0]
        if not hmac.compare_digest(self.ticket(key), ticket) or key not in self.tables():
            return None
        return key

    def code_ok(self, code: str) -> bool:
        return not self.code or hmac.compare_digest(code.strip().upper(), self.code)

    def console_code_ok(self, code: str) -> bool:
        """Only the facilitator's code opens the console (a table's join code never does)."""
        given = code.strip().upper()
        # Bytes: compare_digest refuses a str with non-ASCII letters (a browser may send any).
        return bool(self.console_code) and hmac.compare_digest(
            given.encode(), self.console_code.encode()
        )

    def console_ticket(self) -> str:
        """The cookie value that lets a browser back into the console; a new code voids it.
        Its message cannot be a table's key ('/' is never in one), so no table's cookie
        opens the console."""
        message = f"console/{self.console_code}".encode()
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    def console_of(self, ticket: str | None) -> bool:
        """Whether a cookie opens the console."""
        given = str(ticket or "").encode()
        return bool(given) and hmac.compare_digest(self.console_ticket().encode(), given)

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if k != "folder"}
        return json.dumps({"format": FORMAT, **data}, indent=1) + "\n"


def open_session(
    root: Path,
    name: str,
    scenario: str,
    seed: int | None,
    code: str | None,
    cap: int,
    need_code: bool = False,
    console_code: str | None = None,
    seats: str = "",
) -> Session:
    """Start session `name` under `root`, or continue it (a server restarted).

    A session continued keeps its secret (so the tables' cookies still work) and
    its code unless `code` gives a new one; it must play the same scenario and seed.
    With `need_code`, a session without a code gets one made up (and keeps it).
    The facilitator's code is `console_code`, else the one kept, else one made up; it
    is never the join code. `seats` (the bots' behaviour) makes it a session played by
    seats; a session keeps the way it is played.

    Raises:
        RoomError: a bad session name, or a session of that name playing something else.
    """
    if not SESSION_NAME.fullmatch(name) or ".." in name:
        raise RoomError(
            f"--session {name!r}: a session's name is letters, digits, '-', '_' and '.' "
            "(at most 64), starting with a letter or digit"
        )
    folder = root / name
    path = folder / SESSION_FILE
    if path.exists():
        try:
            data = json.loads(path.read_text())
            old = Session(folder, name, str(data["scenario"]), data["seed"],
                          str(data["code"]), int(data["cap"]), str(data["secret"]),
                          str(data.get("console_code", "")),
                          str(data.get("seats", "")))  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RoomError(f"{path}: not a silo session file ({exc})") from None
        if (old.scenario, old.seed) != (scenario, seed):
            raise RoomError(
                f"session {name!r} plays {old.scenario} with seed {old.seed}: "
                "choose another --session for another game"
            )
        if old.seats != seats:
            played = f"by seats, its bots {old.seats}" if old.seats else "by tables"
            raise RoomError(
                f"session {name!r} is played {played}: continue it the same way, or choose "
                "another --session"
            )
        session = Session(folder, name, scenario, seed, code if code is not None else old.code,
                          cap, old.secret, console_code or old.console_code, seats)  # fmt: skip
    else:
        session = Session(folder, name, scenario, seed, code or "", cap, secrets.token_hex(32),
                          console_code or "", seats)  # fmt: skip
    if need_code and not session.code:
        session = replace(session, code=new_code())
    if console_code and session.console_code == session.code:
        raise RoomError("the facilitator's code must differ from the tables' join code")
    while not session.console_code or session.console_code == session.code:
        session = replace(session, console_code=new_code())
    folder.mkdir(parents=True, exist_ok=True)
    from game.present.files import write_atomic

    write_atomic(path, session.to_json())
    return session


def game_files(folder: Path) -> list[Path]:
    """A table's games, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if GAME_FILE.fullmatch(p.name))


def new_game_names(folder: Path) -> Iterator[str]:
    """Names for a table's new game, from the number after its last game's (the first
    name no file has is taken: see `saves.save_game`)."""
    games = game_files(folder)
    match = GAME_FILE.fullmatch(games[-1].name) if games else None
    first = int(match.group(1)) + 1 if match else 1
    for number in range(first, 1000):  # three digits, as GAME_FILE reads them
        yield f"game-{number:03d}.json"


def finished_games(folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """The room's debrief: each table's last finished game, as (table name, file), and a
    line for each table left out (no finished game yet), so every row is at the same week.

    Raises:
        RoomError: `folder` is not a session's folder.
    """
    from game.present.saves import SaveError, read_save

    if not (folder / SESSION_FILE).is_file():
        raise RoomError(f"{folder}: not a session's folder (no {SESSION_FILE}); give saves instead")
    session = Session(folder, folder.name, "", None, "", 0, "")
    chosen: list[tuple[str, Path]] = []
    left_out: list[str] = []
    for key in session.tables():
        name = session.display_name(key)
        weeks_played = -1
        for path in reversed(game_files(session.table_folder(key))):
            try:
                record = read_save(path)
            except SaveError:
                continue
            if record.weeks_played >= record.scenario.weeks:
                chosen.append((name, path))
                break
            weeks_played = max(weeks_played, record.weeks_played)
        else:
            left_out.append(f"{name} (week {weeks_played})" if weeks_played >= 0 else name)
    return chosen, left_out
