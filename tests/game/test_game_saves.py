"""Saved games: what is written, what is refused, and that a save replays the game."""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pytest
from pilot_kit import (
    SIZE,
    TRIAL,
    game_files,
    next_week,
    open_trial,
    pilot_test,
    plain,
    quit_game,
    settle,
    the_game_file,
)
from textual.widgets import Static

from game.present.saves import (
    SaveError,
    game_file_names,
    list_saves,
    read_save,
    save_game,
    write_save,
)
from game.present.session import GameSession
from sim import load_scenario
from sim.actions import EnableTool, MoveWorker, SetGoal


def played(scenario_arg: str = "siloed-marketing", weeks: int = 4) -> GameSession:
    scenario = load_scenario(scenario_arg)
    session = GameSession(scenario, 5, builtin=not scenario_arg.endswith(".toml"))
    session.queue(SetGoal(team="*", shared_weight=0.8))
    session.advance(report=False)
    session.queue(EnableTool(tool="shared_calendar"))
    for _ in range(weeks - 1):
        session.advance(report=False)
    return session


def test_a_save_is_small_json_naming_a_builtin_scenario(tmp_path: Path) -> None:
    path = tmp_path / "game.json"
    write_save(path, played().record())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "silo-save" and data["version"] == 1
    assert data["scenario"] == "siloed-marketing"
    assert data["seed"] == 5 and data["weeks_played"] == 4
    assert data["actions"] == [
        {
            "week": 0,
            "action": {"action": "set_goal", "team": "*", "shared_weight": 0.8, "kpi": None},
        },
        {"week": 1, "action": {"action": "enable_tool", "tool": "shared_calendar"}},
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]  # no temporary file left


def test_loading_a_save_continues_the_same_game(tmp_path: Path) -> None:
    session = played(weeks=4)
    write_save(tmp_path / "g.json", session.record())
    loaded = GameSession.from_record(read_save(tmp_path / "g.json"))
    assert loaded.week == 4
    assert loaded.history == session.history
    for s in (session, loaded):
        s.queue(MoveWorker(worker="Farah", to_team="Content"))
        s.advance(report=False)
    assert loaded.result().summary == session.result().summary
    assert loaded.result().to_dict()["weekly"] == session.result().to_dict()["weekly"]


def test_decisions_queued_for_next_week_are_saved_and_taken_after_loading(
    tmp_path: Path,
) -> None:
    session = played(weeks=3)
    move = MoveWorker(worker="Farah", to_team="Content")
    session.queue(move)
    write_save(tmp_path / "g.json", session.record())
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["queued"] == [move.to_dict()]
    loaded = GameSession.from_record(read_save(tmp_path / "g.json"))
    assert loaded.queued == [move]
    for s in (session, loaded):
        s.advance(report=False)
    assert loaded.history == session.history
    assert loaded.history[-1] == (3, move)
    assert loaded.result().summary == session.result().summary


def test_a_save_from_before_queued_decisions_loads_with_none(tmp_path: Path) -> None:
    path = _save(tmp_path, good())
    assert read_save(path).queued == ()


def test_a_scenario_from_a_file_is_saved_whole(tmp_path: Path) -> None:
    copy = tmp_path / "mine.toml"
    copy.write_text(TRIAL.read_text(encoding="utf-8"), encoding="utf-8")
    session = played(str(copy), weeks=3)
    write_save(tmp_path / "g.json", session.record())
    copy.unlink()  # the save outlives the file it was played from
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert data["scenario"]["name"] == "agency-trial"
    loaded = GameSession.from_record(read_save(tmp_path / "g.json"))
    assert loaded.result().summary == session.result().summary


def test_a_scenario_from_a_file_is_written_as_its_record_encodes(tmp_path: Path) -> None:
    # Its data is encoded once a game and reused by each week's save: the text is what
    # encoding the whole record gives, save after save, a decision queued or not.
    copy = tmp_path / "mine.toml"
    copy.write_text(TRIAL.read_text(encoding="utf-8"), encoding="utf-8")
    session = played(str(copy), weeks=2)
    for week in range(3):
        if week == 1:
            session.queue(SetGoal(team="*", shared_weight=0.5))
        record = session.record()
        assert record.to_json() == json.dumps(record.to_dict(), indent=1) + "\n"
        session.advance(report=False)


def test_saving_again_replaces_the_save_whole(tmp_path: Path) -> None:
    session = played(weeks=2)
    path = tmp_path / "autosave.json"
    write_save(path, session.record())
    session.advance(report=False)
    write_save(path, session.record())
    assert read_save(path).weeks_played == 3
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]


def _save(tmp_path: Path, data: object, raw: str | None = None) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(raw if raw is not None else json.dumps(data), encoding="utf-8")
    return path


def good() -> dict:
    return {
        "format": "silo-save",
        "version": 1,
        "scenario": "siloed-marketing",
        "seed": 1,
        "weeks_played": 3,
        "actions": [{"week": 1, "action": {"action": "celebrate"}}],
    }


@pytest.mark.parametrize(
    ("change", "raw", "message"),
    [
        (None, '{"format": "silo-save", "version": ', "not a saved game (corrupt JSON"),
        (None, "", "file is empty"),
        ({"format": "something-else"}, None, "not a silo saved game"),
        ({"version": 2, "silo_version": "9.0"}, None, "saved by 9.0 in save format 2"),
        ({"seed": "one"}, None, "seed: Input should be a valid integer"),
        ({"seed": True}, None, "seed: Input should be a valid integer"),
        ({"extra": 1}, None, "extra: Extra inputs are not permitted"),
        ({"scenario": "no-such-scenario"}, None, "no built-in scenario called"),
        ({"scenario": {"name": "x"}}, None, "scenario: saved scenario: teams: Field required"),
        ({"weeks_played": 53}, None, "weeks_played: 53, but the scenario lasts 52 weeks"),
        ({"weeks_played": -1}, None, "weeks_played: Input should be greater than or equal to 0"),
        ({"actions": [{"week": 3, "action": {"action": "celebrate"}}]}, None, "only 3"),
        ({"actions": [{"week": 0, "action": {"action": "fly"}}]}, None, "actions[0].action: "),
        (
            {"actions": [{"week": 0, "action": {"action": "set_goal", "shared_weight": "x"}}]},
            None,
            "actions[0].action.shared_weight: Input should be a valid number",
        ),
        ({"actions": [{"week": 0}]}, None, "actions[0].action: Field required"),
        ({"actions": [{"week": "1", "action": {"action": "celebrate"}}]}, None, "actions[0].week"),
        ({"queued": {"action": "celebrate"}}, None, "queued: Input should be a valid list"),
        ({"queued": [{"action": "fly"}]}, None, "queued[0]: Input tag 'fly'"),
        ({"queued": ["celebrate"]}, None, "queued[0]: Input should be a valid dictionary"),
        (
            {"weeks_played": 52, "queued": [{"action": "celebrate"}]},
            None,
            "every week was played",
        ),
    ],
)
def test_a_bad_save_is_refused_with_a_reason(
    tmp_path: Path, change: dict | None, raw: str | None, message: str
) -> None:
    data = good()
    if change:
        data.update(change)
    path = _save(tmp_path, data, raw)
    with pytest.raises(SaveError) as err:
        read_save(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_the_load_list_holds_saves_only(tmp_path: Path) -> None:
    write_save(tmp_path / "a.json", played(weeks=1).record())
    (tmp_path / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert [p.name for p in list_saves(tmp_path, tmp_path / "missing")] == ["a.json"]


@pytest.mark.parametrize(
    "name", ["../../tmp/evil", "/etc/silo/evil", "tutorial.toml", "..", "C:\\games\\x"]
)
def test_a_saved_builtin_name_is_never_a_path(tmp_path: Path, name: str) -> None:
    # builtin_path(name) joins the name to the catalog folder: a path would
    # open any TOML file on the disk as if it were one of silo's scenarios.
    evil = tmp_path / "evil.toml"
    evil.write_text('name = "evil"\n[[teams]]\nname = "A"\nskills = ["seo"]\n', "utf-8")
    path = _save(tmp_path, {**good(), "scenario": name})
    with pytest.raises(SaveError) as err:
        read_save(path)
    assert f"scenario: {name!r} is not a built-in scenario's name" in str(err.value)
    assert "\n" not in str(err.value)


def test_a_bad_save_is_one_error_line_and_exit_2_on_the_command_line(tmp_path: Path) -> None:
    import subprocess

    path = _save(tmp_path, {**good(), "scenario": str(tmp_path / "evil")})
    proc = subprocess.run(
        [sys.executable, "-m", "game.cli", "replay", str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}: scenario: ")


def test_a_save_has_a_json_schema() -> None:
    from game.present.save_schema import json_schema

    schema = json_schema()
    assert set(schema["required"]) >= {"format", "version", "scenario", "seed", "actions"}
    assert schema["additionalProperties"] is False
    assert "week" in schema["$defs"]["TakenAction"]["properties"]
    assert "description" in schema["properties"]["seed"]
    json.dumps(schema)  # plain JSON, ready for an editor


def test_silo_schema_save_prints_the_save_schema() -> None:
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "game.cli", "schema", "--save"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "SaveFile"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is the Linux data folder")
def test_saves_go_to_the_platform_data_folder_unless_told(monkeypatch, tmp_path: Path) -> None:
    from game.present.saves import save_dir

    monkeypatch.delenv("SILO_SAVE_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert save_dir() == tmp_path / "data" / "silo" / "saves"  # as before platformdirs
    monkeypatch.setenv("SILO_SAVE_DIR", str(tmp_path / "mine"))
    assert save_dir() == tmp_path / "mine"


# Never lose work: a file per game, written from week 0, and leaving is asked.

STARTED = datetime(2026, 11, 30, 14, 30, 12)


def test_a_new_game_never_replaces_another_games_file(tmp_path: Path) -> None:
    first = played(weeks=2).record()
    second = played(weeks=1).record()
    a = save_game(first, None, tmp_path, game_file_names("siloed-marketing", 5, STARTED))
    b = save_game(second, None, tmp_path, game_file_names("siloed-marketing", 5, STARTED))
    assert a.name == "siloed-marketing-seed5-20261130-143012.json"
    assert b.name == "siloed-marketing-seed5-20261130-143012-2.json"  # the same second
    assert read_save(a).weeks_played == 2 and read_save(b).weeks_played == 1
    assert save_game(first, b, tmp_path, ()) == b  # a game goes on in its own file
    assert read_save(b).weeks_played == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([a.name, b.name])


def test_a_new_file_is_written_whole_where_hard_links_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from game.present.files import create_atomic

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    create_atomic(tmp_path / "a.json", "whole\n")
    with pytest.raises(FileExistsError):
        create_atomic(tmp_path / "a.json", "other\n")
    assert (tmp_path / "a.json").read_text() == "whole\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]  # no temporary file left


@pilot_test
async def test_a_game_is_saved_at_week_0_in_a_file_named_for_it(make_app, saves: Path) -> None:
    app = make_app(str(TRIAL), seed=11)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        game = the_game_file(saves)  # before any week is played
        assert play.session.save_file == game
        record = read_save(game)
        assert record.weeks_played == 0 and record.actions == () and record.seed == 11
        assert re.fullmatch(r"agency-trial-seed11-\d{8}-\d{6}\.json", game.name), game.name


@pilot_test
async def test_two_games_of_one_scenario_leave_two_saves(make_app, saves: Path) -> None:
    from game.tui.screens.picker import PickerScreen

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        await next_week(pilot, 1)
        await pilot.press("escape", "l")  # leave for the scenarios, asked first
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        app.open_scenario(str(TRIAL))  # the same scenario and seed again
        play = await open_trial(pilot)
        await next_week(pilot, 2)
        second = play.session.save_file
        await quit_game(pilot)
    games = game_files(saves)
    assert len(games) == 2 and second in games
    assert sorted(read_save(g).weeks_played for g in games) == [1, 2]


@pilot_test
async def test_escape_on_the_play_screen_asks_and_names_the_save(make_app, saves: Path) -> None:
    from game.tui.screens.leave import LeaveDialog
    from game.tui.screens.play import PlayScreen

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 1)
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LeaveDialog)
        where = plain(dialog.query_one("#leave-where", Static))
        game = the_game_file(saves)
        assert "week 1 of 10" in where and str(game) in where
        assert f"silo play --load {game}" in where
        await pilot.press("escape")  # Escape again: back in the game, not out of it
        await pilot.pause()
        assert app.screen is play and isinstance(play, PlayScreen)
        await pilot.press("escape", "enter")  # Stay has the focus: Enter stays too
        await pilot.pause()
        assert app.screen is play
        await pilot.press("ctrl+q")  # quitting asks as well
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        assert plain(app.screen.query_one(".dialog-title", Static)) == "Quit silo?"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play
        await next_week(pilot, 1)  # the game goes on where it was
        assert play.session.week == 2 and read_save(game).weeks_played == 2


@pilot_test
async def test_a_loaded_game_shows_every_week_of_its_feed(make_app, saves: Path) -> None:
    from game.tui.widgets.event_feed import EventFeed

    app = make_app("siloed-marketing")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        play.session.queue(SetGoal(team="*", shared_weight=0.8))
        await next_week(pilot, 4)
        before = [e for e in play.query_one(EventFeed).entries if e[0]]  # not the notes
        await quit_game(pilot)
    game = the_game_file(saves)

    app = make_app(load=game)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        play = app.screen
        assert play.session.week == 4 and play.session.save_file == game
        after = [e for e in play.query_one(EventFeed).entries if e[0]]
    assert {e[0] for e in after} == {"W1", "W2", "W3", "W4"}
    assert after == before  # every week's events, as they were shown when played
    decision = [e for e in after if e[2] == "bold"]
    assert decision and decision[0][0] == "W1"  # the decision taken before week 1
    assert game_files(saves) == [game]  # loaded from its own file, it goes on there


@pilot_test
async def test_a_game_that_cannot_be_saved_says_so_before_leaving(make_app, tmp_path) -> None:
    from game.tui.screens.leave import LeaveDialog

    blocked = tmp_path / "saves-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    app = make_app(str(TRIAL), saves=blocked)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        warned = [n.message for n in app._notifications]
        assert any("could not be saved" in m and "not a folder" in m for m in warned), warned
        await next_week(pilot, 1)
        # The week's own autosave fails too (after the week is shown): said again.
        again = [n.message for n in app._notifications if "could not be saved" in n.message]
        assert play.turn.week == 1 and len(again) == 2, again
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        where = plain(app.screen.query_one("#leave-where", Static))
        assert "not a folder" in where and "NOT saved" in where
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play
    assert blocked.read_text(encoding="utf-8") == "not a folder"
