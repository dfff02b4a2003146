"""The built-in scenarios: list them and find one by name.

Scenario files ship inside this package (`scenarios/builtin/*.toml`), so an
installed silo loads them by name from any folder.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

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
