"""Saved games: a small JSON record that replays a game exactly.

A save holds what the game cannot recompute: the scenario (its name when it is
built in, else its full data, so a save outlives the file it was played from),
the seed, the player's actions with the week each was taken, how many weeks
were played, and the decisions queued for the next week. Everything on screen
is recomputed by replaying, so a save never disagrees with the game it records.
Saves are written atomically (a temporary file renamed over the old one): a
game killed mid-write keeps its last save.

Reading refuses anything that is not a save of a format this silo knows, with
one sentence saying what is wrong; the simulation modules load only when a
save is actually read.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.scenario import Scenario

FORMAT = "silo-save"
VERSION = 1
MAX_SAVE_BYTES = 5_000_000
AUTOSAVE_PREFIX = "autosave-"


class SaveError(ValueError):
    """A file that cannot be loaded as a saved game; the message says which and why."""


@dataclass(frozen=True)
class GameRecord:
    """A complete, replayable record of a game."""

    scenario: Scenario
    builtin: bool
    """Saved by name (a built-in scenario) rather than as full data."""
    seed: int
    actions: tuple[tuple[int, Any], ...]
    """The player's actions, as (week taken, action), in the order taken."""
    weeks_played: int
    queued: tuple[Any, ...] = ()
    """Decisions queued for the next week, not yet taken (a game saved mid-turn)."""

    def to_dict(self) -> dict[str, Any]:
        from game.present.version import silo_version

        scenario: Any = self.scenario.name if self.builtin else self.scenario.to_toml_dict()
        return {
            "format": FORMAT,
            "version": VERSION,
            "silo_version": silo_version(),
            "scenario": scenario,
            "seed": self.seed,
            "weeks_played": self.weeks_played,
            "actions": [{"week": w, "action": a.to_dict()} for w, a in self.actions],
            "queued": [a.to_dict() for a in self.queued],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1) + "\n"


def save_dir() -> Path:
    """Where the game keeps saves: $SILO_SAVE_DIR, else the user's data folder."""
    env = os.environ.get("SILO_SAVE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "silo" / "saves"


def autosave_path(folder: Path, scenario_name: str) -> Path:
    """The game's autosave; a game started by `silo serve` adds its table's own tag."""
    return folder / f"{AUTOSAVE_PREFIX}{scenario_name}{table_tag()}.json"


def table_tag() -> str:
    """'' in a terminal; under `silo serve`, '-table-<start time>-<process>' (unique per table).

    Every browser's game is a process of its own that saves into the same folder:
    without a tag, the tables would overwrite each other's autosave.
    """
    if not os.environ.get("SILO_SERVED"):
        return ""
    return f"-table-{_STARTED}-{os.getpid()}"


_STARTED = time.strftime("%H%M%S")


def save_path(folder: Path, scenario_name: str, week: int) -> Path:
    return folder / f"{scenario_name}-week{week:03d}.json"


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
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise SaveError(f"{source}: is a folder, not a saved game") from None
    except OSError as exc:
        raise SaveError(f"{source}: cannot read: {exc.strerror}") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"{source}: larger than {MAX_SAVE_BYTES} bytes, not a saved game")
    if not raw.strip():
        raise SaveError(f"{source}: file is empty (a game stopped while saving?)")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8 text"
        raise SaveError(f"{source}: not a saved game (corrupt JSON: {reason})") from None


def record_from_dict(data: Any) -> GameRecord:
    """Check plain save data and build the record (SaveError without the path)."""
    from sim.actions import ActionError, action_from_dict
    from sim.scenario import ScenarioError

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError("not a silo saved game (no 'format': 'silo-save')")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("save format version is missing or not a whole number")
    if version > VERSION:
        made_by = data.get("silo_version", "a newer silo")
        raise SaveError(
            f"saved by {made_by} in save format {version}; this silo reads format {VERSION} "
            "(upgrade silo to load it)"
        )
    for key in ("scenario", "seed", "weeks_played", "actions"):
        if key not in data:
            raise SaveError(f"'{key}' is missing")
    seed = _whole(data["seed"], "seed", 0, 2**63 - 1)
    try:
        scenario, builtin = _scenario(data["scenario"])
    except ScenarioError as exc:
        raise SaveError(f"scenario: {exc}") from None
    weeks_played = _whole(data["weeks_played"], "weeks_played", 0, scenario.weeks)
    if not isinstance(data["actions"], list):
        raise SaveError("'actions' is not a list")
    actions = []
    last = 0
    for i, item in enumerate(data["actions"]):
        where = f"actions[{i}]"
        if not isinstance(item, dict) or set(item) != {"week", "action"}:
            raise SaveError(f"{where}: expected {{week, action}}")
        week = _whole(item["week"], f"{where}.week", 0, weeks_played)
        if week < last:
            raise SaveError(f"{where}: week {week} comes before the previous action's")
        if week >= weeks_played:
            played = f"only {weeks_played} weeks were played"
            raise SaveError(f"{where}: taken at week {week}, but {played}")
        last = week
        if not isinstance(item["action"], dict):
            raise SaveError(f"{where}.action: not a table of fields")
        try:
            actions.append((week, action_from_dict(item["action"])))
        except ActionError as exc:
            raise SaveError(f"{where}: {exc}") from None
    queued = _queued(data.get("queued", []), weeks_played, scenario.weeks)
    return GameRecord(scenario, builtin, seed, tuple(actions), weeks_played, queued)


def _queued(value: Any, weeks_played: int, weeks: int) -> tuple[Any, ...]:
    """Decisions waiting for the next week (optional: saves before it have none)."""
    from sim.actions import ActionError, action_from_dict

    if not isinstance(value, list):
        raise SaveError("'queued' is not a list")
    if value and weeks_played >= weeks:
        raise SaveError("'queued' holds decisions, but every week was played")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise SaveError(f"queued[{i}]: not a table of fields")
        try:
            out.append(action_from_dict(item))
        except ActionError as exc:
            raise SaveError(f"queued[{i}]: {exc}") from None
    return tuple(out)


def _whole(value: Any, name: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SaveError(f"'{name}' is not a whole number")
    if not low <= value <= high:
        raise SaveError(f"'{name}' is {value}, outside {low} to {high}")
    return value


def _scenario(value: Any) -> tuple[Scenario, bool]:
    from scenarios.catalog import builtin_path
    from sim.scenario import ScenarioError, load_scenario_file, parse_scenario

    if isinstance(value, str):
        path = builtin_path(value)
        if path is None:
            raise ScenarioError(f"no built-in scenario called {value!r} in this silo")
        return load_scenario_file(path), True
    if isinstance(value, dict):
        return parse_scenario(value, "saved scenario"), False
    raise SaveError("'scenario' is neither a built-in name nor scenario data")


def peek(path: Path) -> dict[str, Any] | None:
    """A save's scenario, seed and weeks played, read cheaply for a list (None: unreadable)."""
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    scenario = data.get("scenario")
    name = scenario if isinstance(scenario, str) else (scenario or {}).get("name", "?")
    return {
        "scenario": name,
        "seed": data.get("seed"),
        "weeks_played": data.get("weeks_played"),
        "actions": len(data.get("actions") or []),
    }


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
