"""The game's lists of saves and scenarios survive whatever lies in their folders."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.present.saves import SaveError, list_saves, peek, read_save
from game.tui.screens.load import save_label
from game.tui.screens.picker import option_label, scenario_choices

SAVE_KEYS = ["format", "version", "scenario", "seed", "weeks_played", "actions", "queued",
             "week", "action", "name", "teams", "x"]  # fmt: skip
DEEP = "[" * 100_000 + "]" * 100_000

SAVE_LIKE = {
    "scenario a list": {"format": "silo-save", "scenario": [1], "actions": 5, "seed": "x"},
    "scenario an int": {"format": "silo-save", "scenario": 3, "weeks_played": [1]},
    "scenario data without a name": {"format": "silo-save", "scenario": {"teams": 1}},
    "escape codes": {"format": "silo-save", "scenario": "\x1b[2J\x1b]0;pwned\x07", "seed": 1},
}

RAW = {
    "nested": '{"format": "silo-save", "x": ' + DEEP + "}",
    "a 5,000-digit number": '{"format": "silo-save", "seed": ' + "9" * 5000 + "}",
    "not UTF-8": b'{"format": "\xff"}',
}


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    for i, data in enumerate(SAVE_LIKE.values()):
        (tmp_path / f"like{i}.json").write_text(json.dumps(data))
    for i, raw in enumerate(RAW.values()):
        path = tmp_path / f"raw{i}.json"
        path.write_bytes(raw if isinstance(raw, bytes) else raw.encode())
    os.mkfifo(tmp_path / "fifo.json")  # would block a reader for ever
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "e\x1b[31mvil.json").write_text(json.dumps(SAVE_LIKE["escape codes"]))
    return tmp_path


def test_the_load_list_shows_save_like_files_without_breaking(hostile_folder: Path) -> None:
    listed = list_saves(hostile_folder)
    assert {p.name for p in listed} == {
        "like0.json", "like1.json", "like2.json", "like3.json", "e\x1b[31mvil.json",
    }  # fmt: skip
    for path in listed:
        label = save_label(path).plain
        assert "\x1b" not in label and "\x07" not in label, label
    assert peek(hostile_folder / "like0.json") == {
        "scenario": "?", "seed": None, "weeks_played": None, "actions": 0,
    }  # fmt: skip


def test_the_picker_says_why_a_file_cannot_be_used(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text(f"name = 'x'\nteams = {DEEP}\n")
    (tmp_path / "huge.toml").write_text(f"name = 'x'\nteams = []\nweeks = {'9' * 5000}\n")
    (tmp_path / "big.toml").write_text("#" * 1_000_001)
    (tmp_path / "title.toml").write_text("name = 'x'\nteams = []\ntitle = '\\u001b[2Jboo'\n")
    os.mkfifo(tmp_path / "fifo.toml")
    choices = {c.label: c for c in scenario_choices(tmp_path) if not c.builtin}
    assert sorted(choices) == ["big.toml", "deep.toml", "huge.toml", "title.toml"]
    assert choices["deep.toml"].problem == "nested too deeply"
    assert "4300 digits" in choices["huge.toml"].problem
    assert "1,000,000 bytes" in choices["big.toml"].problem
    assert "\x1b" not in option_label(choices["title.toml"]).plain


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(SAVE_KEYS), children, max_size=5)
    ),
    max_leaves=20,
)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(data=st.dictionaries(st.sampled_from(SAVE_KEYS), JSON_LIKE, max_size=8))
def test_any_save_like_data_is_refused_with_a_reason_or_listed(data: dict[str, Any]) -> None:
    # Generated cases: whatever a JSON file that says it is a save holds.
    data = {**data, "format": "silo-save"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.json"
        path.write_text(json.dumps(data))
        peek(path)  # the Load list: a dict or None, never an exception
        with contextlib.suppress(SaveError):
            read_save(path)
