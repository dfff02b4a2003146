"""No save path leaves its folder, whatever a scenario or a save calls itself."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from game.present.files import OutputError
from game.present.saves import (
    GameRecord,
    copy_path,
    file_stem,
    game_file_names,
    inside,
    save_game,
)
from sim import load_scenario
from sim.scenario import read_toml

from .conftest import TINY, Silo, assert_one_line_error

STARTED = datetime(2026, 11, 30, 14, 30, 12)
HOSTILE = [
    "x/../../ESCAPED",
    "../ESCAPED",
    "/tmp/ESCAPED",
    "..",
    ".hidden",
    "a\\..\\b",
    "C:ESCAPED",
    "x\x1b[2Jy",
    "tab\there",
    "ok\u202eevil",  # a right-to-left override: a format (control) character
]


def scenario_named(name: str) -> dict[str, object]:
    data = read_toml(TINY)
    data["name"] = name
    return data


def toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a TOML basic string for these


@pytest.mark.parametrize("name", HOSTILE)
def test_validate_refuses_a_name_that_is_a_path(silo: Silo, tmp_path: Path, name: str) -> None:
    text = TINY.read_text().replace('name = "tiny"', f"name = {toml_string(name)}", 1)
    path = tmp_path / "hostile.toml"
    path.write_text(text)
    line = assert_one_line_error(silo("validate", str(path)), str(path), ": name: ")
    assert "\x1b" not in line and "\u202e" not in line


@pytest.mark.parametrize("name", HOSTILE)
def test_a_save_holding_a_hostile_scenario_is_refused(
    silo: Silo, tmp_path: Path, name: str
) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    save = tmp_path / "shared.json"
    record = {"format": "silo-save", "version": 1, "scenario": scenario_named(name)}
    save.write_text(json.dumps({**record, "seed": 1, "weeks_played": 1, "actions": []}))
    proc = silo("play", "--load", str(save), "--saves", str(saves), timeout=30)
    assert_one_line_error(proc, str(save), "scenario", "name")
    assert list(saves.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saves", "shared.json"]


@pytest.mark.parametrize("name", [*HOSTILE, "", "...", "ü" * 200])
def test_save_paths_stay_in_their_folder_even_for_names_the_schema_refuses(
    tmp_path: Path, name: str
) -> None:
    # The second lock: a name that reached the game without the schema.
    folder = tmp_path / "saves"
    folder.mkdir()
    game = inside(folder, next(game_file_names(name, 1, STARTED)))
    for path in (game, copy_path(game, 3)):
        assert path.parent == folder
        assert path.resolve().parent == folder.resolve()
        assert not path.name.startswith(".")
    assert len(file_stem(name)) <= 80


def test_a_save_path_through_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    outside = tmp_path / "elsewhere.json"
    (folder / "tiny-seed1-20261130-143012.json").symlink_to(outside)
    record = GameRecord(load_scenario(str(TINY)), False, 1, (), 0)
    with pytest.raises(OutputError, match="inside"):
        save_game(record, None, folder, game_file_names("tiny", 1, STARTED))
    assert not outside.exists()


@pytest.mark.parametrize("name", ["../cli/tiny", "/etc/passwd", "x/../siloed-marketing"])
def test_a_saved_builtin_name_never_reaches_a_file(silo: Silo, tmp_path: Path, name: str) -> None:
    save = tmp_path / "g.json"
    record = {"format": "silo-save", "version": 1, "scenario": name, "seed": 1}
    save.write_text(json.dumps({**record, "weeks_played": 0, "actions": []}))
    assert_one_line_error(silo("replay", str(save)), str(save), "scenario")


def test_builtin_lookup_refuses_paths() -> None:
    from scenarios.catalog import builtin_path

    assert builtin_path("siloed-marketing") is not None
    for name in ["../builtin/siloed-marketing", "/etc/hosts", "a/b", ".."]:
        assert builtin_path(name) is None
