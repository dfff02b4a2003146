"""Saved games: a small JSON record that replays a game exactly.

A save holds what the game cannot recompute: the scenario (its name when it is
built in, else its full data, so a save outlives the file it was played from),
the seed, the player's actions with the week each was taken, how many weeks
were played, and the decisions queued for the next week. Everything on screen
is recomputed by replaying, so a save never disagrees with the game it records.
Saves are written atomically (a temporary file renamed over the old one): a
game killed mid-write keeps its last save. Each game has a file of its own,
named after its scenario, seed and start time and written from week 0; a new
game's file is created without replacing anything, so no game overwrites another.

Reading refuses anything that is not a save of a format this silo knows, with
one sentence saying what is wrong; the simulation modules load only when a
save is actually read.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.actions import Action
    from sim.scenario import Event, Scenario

FORMAT = "silo-save"
VERSION = 1
MAX_SAVE_BYTES = 5_000_000
OLD_AUTOSAVE_PREFIX = "autosave-"
"""Before each game had its own file, a scenario's last game was `autosave-<scenario>.json`."""
GAME_FILE = re.compile(r".+-seed\d+-\d{8}-\d{6}(-\d+)?\.json")
"""A game's own file (see `game_file_names`); a copy adds `-weekNNN` and does not match."""


class SaveError(ValueError):
    """A file that cannot be loaded as a saved game; the message says which and why."""


@dataclass(frozen=True)
class GameRecord:
    """A complete, replayable record of a game."""

    scenario: Scenario
    builtin: bool
    """Saved by name (a built-in scenario) rather than as full data."""
    seed: int
    actions: tuple[tuple[int, Action], ...]
    """The player's actions, as (week taken, action), in the order taken."""
    weeks_played: int
    queued: tuple[Action, ...] = ()
    """Decisions queued for the next week, not yet taken (a game saved mid-turn)."""
    events: tuple[tuple[int, Event], ...] = ()
    """Scenario events injected during play (a served session's facilitator), as (week
    taken, event); each applies at that week boundary before the player's decisions."""

    def to_dict(self) -> dict[str, Any]:
        return self._data(self.scenario.name if self.builtin else self.scenario.to_toml_dict())

    def _data(self, scenario: Any) -> dict[str, Any]:
        from game.present.version import silo_version

        data = {
            "format": FORMAT,
            "version": VERSION,
            "silo_version": silo_version(),
            "scenario": scenario,
            "seed": self.seed,
            "weeks_played": self.weeks_played,
            "actions": [{"week": w, "action": a.to_dict()} for w, a in self.actions],
            "queued": [a.to_dict() for a in self.queued],
        }
        if self.events:  # only a served session's games have them: other saves unchanged
            data["events"] = [
                {"week": w, "event": e.model_dump(exclude_defaults=True, exclude={"week"})}
                for w, e in self.events
            ]
        return data

    def to_json(self) -> str:
        if self.builtin:
            return json.dumps(self.to_dict(), indent=1) + "\n"
        # A scenario played from a file is most of its save (30 kB at 1,000 people) and
        # the same all game long, saved every week: encoded once, and put where the
        # encoder would have written it. The slot comes after the fixed fields, so the
        # first match is the slot.
        text = json.dumps(self._data(_SLOT), indent=1)
        return text.replace(_SLOT_JSON, _scenario_json(self.scenario), 1) + "\n"


_SLOT = "\x00scenario\x00"
_SLOT_JSON = json.dumps(_SLOT)
_ENCODED: dict[int, tuple[Scenario, str]] = {}
"""Scenarios' JSON by id, each with the scenario it encodes (so the id stays its)."""
_ENCODED_KEPT = 8


def _scenario_json(scenario: Scenario) -> str:
    """The scenario's data as `json.dumps(..., indent=1)` writes it one level deep."""
    kept = _ENCODED.get(id(scenario))
    if kept is not None and kept[0] is scenario:
        return kept[1]
    text = json.dumps(scenario.to_toml_dict(), indent=1).replace("\n", "\n ")
    if len(_ENCODED) >= _ENCODED_KEPT:  # games in one process: a few scenarios at most
        _ENCODED.clear()
    _ENCODED[id(scenario)] = (scenario, text)
    return text


def save_dir() -> Path:
    """Where the game keeps saves: $SILO_SAVE_DIR, else the user's data folder.

    The data folder is the platform's own (platformdirs): on Linux
    $XDG_DATA_HOME/silo/saves (~/.local/share/silo/saves), on macOS
    ~/Library/Application Support/silo/saves, on Windows under %LOCALAPPDATA%.
    """
    env = os.environ.get("SILO_SAVE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("silo", appauthor=False) / "saves"


def game_file_names(scenario_name: str, seed: int, started: datetime) -> Iterator[str]:
    """Names for a new game's own file: its scenario, seed and start time, then -2, -3...
    for a second game started in the same second."""
    base = f"{file_stem(scenario_name)}-seed{seed}-{started:%Y%m%d-%H%M%S}"
    yield f"{base}.json"
    for n in itertools.count(2):
        yield f"{base}-{n}.json"


def is_game_file(path: Path, folder: Path) -> bool:
    """A game's own file in the save folder, which a game loaded from it goes on saving
    to; a copy (ctrl+s) or a file from elsewhere is left as it is."""
    if path.resolve().parent != folder.resolve():
        return False
    return bool(GAME_FILE.fullmatch(path.name)) or path.name.startswith(OLD_AUTOSAVE_PREFIX)


def copy_path(game_file: Path, week: int) -> Path:
    """Where ctrl+s writes: beside the game's own file, named after it and the week."""
    return inside(game_file.parent, f"{game_file.stem}-week{week:03d}.json")


def save_game(record: GameRecord, path: Path | None, folder: Path, names: Iterable[str]) -> Path:
    """Save the game to its own file `path`; at its first save (None) to a new file in
    `folder`, under the first of `names` that no other file has. Returns the file written.

    Raises:
        OSError: the file cannot be written (OutputError says which and why).
    """
    if path is not None:
        write_save(path, record)
        return path
    return create_new(folder, names, record.to_json())


def create_new(folder: Path, names: Iterable[str], text: str) -> Path:
    """Write `text` to a new file in `folder`, under the first of `names` that no other
    file has (never replacing one); returns the file written.

    Raises:
        OSError: the file cannot be written (OutputError says which and why).
    """
    from game.present.files import OutputError, create_atomic

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder for saves")
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        new = inside(folder, name)
        try:
            create_atomic(new, text)
        except FileExistsError:
            continue  # another game's: never replaced
        return new
    raise OutputError(f"{folder}: no free name for a new game's file")


_STEM_LENGTH = 80


def file_stem(name: str) -> str:
    """A scenario name made safe as the start of a file name.

    The schema already refuses names that are paths; this is the second lock,
    for a name that reached the game some other way: anything but letters,
    digits, '-', '_' and '.' becomes '_', and no stem starts with a dot.
    """
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in name)
    safe = safe.replace("..", "_").lstrip(".")[:_STEM_LENGTH]
    return safe or "game"


def inside(folder: Path, file_name: str) -> Path:
    """`folder / file_name`, checked (with links resolved) to stay directly in `folder`.

    Raises:
        OutputError: the path would leave the folder (a file name holding a
            separator, or a link in the folder's place pointing elsewhere).
    """
    from game.present.files import OutputError

    path = folder / file_name
    if path.resolve().parent != folder.resolve():
        raise OutputError(f"{file_name!r}: a save's name must stay inside {folder}")
    return path


def write_save(path: str | Path, record: GameRecord) -> None:
    """Write the save atomically, creating its folder if needed."""
    from game.present.files import write_atomic

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, record.to_json())


def read_save(path: str | Path) -> GameRecord:
    """Read and check a save file (the scenario, every action, the weeks played).

    Raises:
        SaveError: not a readable save of a format this silo knows; the message
            starts with the path.
    """
    source = str(path)
    data = _read_json(Path(path), source)
    try:
        return record_from_dict(data)
    except SaveError as exc:
        raise SaveError(f"{source}: {exc}") from None


def _read_json(p: Path, source: str) -> Any:
    from sim.input_files import UnreadableFile, read_regular

    try:
        raw = read_regular(p, MAX_SAVE_BYTES, "saved game")
    except UnreadableFile as exc:
        raise SaveError(f"{source}: {exc}") from None
    if not raw.strip():
        raise SaveError(f"{source}: file is empty (a game stopped while saving?)")
    try:
        return decode_json(raw)
    except ValueError as exc:
        raise SaveError(f"{source}: not a saved game (corrupt JSON: {exc})") from None


def decode_json(raw: bytes) -> Any:
    """JSON data from bytes; ValueError saying in a few words why not.

    Beside corrupt text, JSON can nest thousands deep (the decoder recurses
    until Python's stack gives out) and hold integers past Python's digit limit.
    """
    from sim.limits import MAX_NUMBER_DIGITS, MAX_TOML_DEPTH
    from sim.scenario import nesting_depth

    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(exc.msg) from None
    except ValueError:  # the one other ValueError: int() past the digit limit
        raise ValueError(f"a number longer than {MAX_NUMBER_DIGITS} digits") from None
    except RecursionError:
        data = None
    if data is None or nesting_depth(data) > MAX_TOML_DEPTH:
        raise ValueError(f"nested more than {MAX_TOML_DEPTH} levels deep")
    return data


def record_from_dict(data: Any) -> GameRecord:
    """Check plain save data and build the record (SaveError without the path).

    The format and version are checked first, by hand, so a save from a newer
    silo says "upgrade" rather than listing keys this silo does not know; the
    rest is the `SaveFile` schema, then what only the scenario can tell.
    """
    from game.present.save_schema import parse
    from sim.scenario import ScenarioError

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError("not a silo saved game (no 'format': 'silo-save')")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        made_by = data.get("silo_version", "a newer silo")
        raise SaveError(
            f"saved by {made_by} in save format {version}; this silo reads format {VERSION} "
            "(upgrade silo to load it)"
        )
    try:
        save = parse(data)
    except ValueError as exc:
        raise SaveError(str(exc)) from None
    try:
        scenario, builtin = _scenario(save.scenario)
    except ScenarioError as exc:
        raise SaveError(f"scenario: {exc}") from None
    played = save.weeks_played
    if played > scenario.weeks:
        raise SaveError(f"weeks_played: {played}, but the scenario lasts {scenario.weeks} weeks")
    last = 0
    for i, taken in enumerate(save.actions):
        if taken.week < last:
            raise SaveError(f"actions[{i}].week: {taken.week} comes before the previous action's")
        if taken.week >= played:
            weeks = f"only {played} weeks were played"
            raise SaveError(f"actions[{i}].week: taken at week {taken.week}, but {weeks}")
        last = taken.week
    if save.queued and played >= scenario.weeks:
        raise SaveError("queued: holds decisions, but every week was played")
    actions = tuple((t.week, t.action) for t in save.actions)
    events = _events(save.events, played)
    return GameRecord(scenario, builtin, save.seed, actions, played, tuple(save.queued), events)


def _events(taken: Any, played: int) -> tuple[tuple[int, Event], ...]:
    from pydantic import ValidationError

    from sim.scenario import Event

    events = []
    last = 0
    for i, item in enumerate(taken):
        if not last <= item.week < played:
            raise SaveError(f"events[{i}].week: {item.week} is out of order or not yet played")
        last = item.week
        try:
            events.append((item.week, Event.model_validate({**item.event, "week": item.week})))
        except ValidationError as exc:
            raise SaveError(f"events[{i}]: {exc.errors()[0]['msg']}") from None
    return tuple(events)


def _scenario(value: str | dict[str, Any]) -> tuple[Scenario, bool]:
    from scenarios.catalog import builtin_path
    from sim.scenario import ScenarioError, load_scenario_file, parse_scenario

    if isinstance(value, str):
        path = builtin_path(value)  # a plain name: the schema refuses paths
        if path is None:
            raise ScenarioError(f"no built-in scenario called {value!r} in this silo")
        return load_scenario_file(path), True
    return parse_scenario(value, "saved scenario"), False


def peek(path: Path) -> dict[str, Any] | None:
    """A save's scenario, seed and weeks played, read cheaply for a list (None: unreadable)."""
    from game.present.printable import printable
    from sim.input_files import UnreadableFile, read_regular

    try:
        data = decode_json(read_regular(path, MAX_SAVE_BYTES, "saved game"))
    except (UnreadableFile, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    # Any JSON may say it is a save: each field is checked for its type here,
    # so a malformed one shows as '?' in the list instead of breaking it.
    scenario = data.get("scenario")
    if isinstance(scenario, dict):
        scenario = scenario.get("name")
    actions = data.get("actions")
    return {
        "scenario": printable(scenario) if isinstance(scenario, str) else "?",
        "seed": _whole(data.get("seed")),
        "weeks_played": _whole(data.get("weeks_played")),
        "actions": len(actions) if isinstance(actions, list) else 0,
    }


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def list_saves(*folders: Path) -> list[Path]:
    """Save files in these folders, newest first (unreadable files left out)."""
    found: list[tuple[float, str, Path]] = []
    for folder in folders:
        try:
            candidates = sorted(folder.glob("*.json"))
        except OSError:
            continue
        for p in candidates:
            if peek(p) is not None:
                found.append((-p.stat().st_mtime, p.name, p))
    return [p for _, _, p in sorted(found)]
