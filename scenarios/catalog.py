"""The built-in scenarios: list them and find one by name.

Scenario files ship inside this package (`scenarios/builtin/*.toml`), so an
installed silo loads them by name from any folder; so do their par plans
(`scenarios/strategies/<name>/par.toml`, the benchmark the game and the report show).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.scenario import Scenario, ScriptStep

BUILTIN_DIR = Path(__file__).parent / "builtin"


@dataclass(frozen=True)
class Entry:
    """One line of the catalog, read without validating the whole file."""

    name: str
    path: Path
    title: str
    summary: str
    difficulty: str
    weeks: int


def builtin_paths() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.toml"))


def builtin_path(name: str) -> Path | None:
    """The file of a built-in scenario, or None when there is none by that name.

    A name holding a path ("../x", "/tmp/x") is no built-in's: joined to the
    folder it would reach any .toml on the disk, and a save would open it.
    """
    path = BUILTIN_DIR / f"{name}.toml"
    if path.parent != BUILTIN_DIR or path.resolve().parent != BUILTIN_DIR.resolve():
        return None
    return path if path.is_file() else None


def entries() -> list[Entry]:
    """Every built-in scenario, in name order."""
    out = []
    for path in builtin_paths():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out.append(
            Entry(
                name=data["name"],
                path=path,
                title=data.get("title", data["name"]),
                summary=data.get("summary", ""),
                difficulty=data.get("difficulty", "medium"),
                weeks=int(data.get("weeks", 26)),
            )
        )
    return out


STRATEGIES_DIR = Path(__file__).parent / "strategies"


def par_path(name: str) -> Path | None:
    """The par plan file of a built-in scenario (`strategies/<name>/par.toml`), or None."""
    if builtin_path(name) is None:
        return None
    path = STRATEGIES_DIR / name / "par.toml"
    return path if path.is_file() else None


def par_script(name: str, scenario: Scenario) -> tuple[ScriptStep, ...] | None:
    """The par plan of built-in `name` as script steps validated against `scenario`.

    None when the scenario has no par plan (a user's own file, the tutorial before
    one is found), so callers show no par rather than an error.

    Raises:
        ScenarioError: the par file exists but does not fit the scenario (a broken
            checkout, or a scenario edited without its par plan): a bug to report,
            not something a player did.
    """
    from sim.scenario import read_toml
    from sim.scripts import script_steps

    path = par_path(name)
    if path is None:
        return None
    # Validated as the script of this very scenario, as `silo run --script` does.
    return script_steps(read_toml(path, "par plan").get("script"), scenario, str(path))
