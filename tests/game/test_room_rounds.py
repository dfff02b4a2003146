"""Rounds in step, as the server's referee and the facilitator's controls decide them,
and the room's events in a save: plain data, no server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli.commands.serve_referee import round_over
from game.present import room_actions as act
from game.present.room_control import Control, read_control
from game.present.room_status import TableStatus
from game.present.saves import SaveError, read_save

AT_2 = TableStatus(week=2, weeks=10, ready=-1)
IN_2 = TableStatus(week=2, weeks=10, ready=2)
STEP = Control(lockstep=True, round=2, round_started=100.0)


@pytest.mark.parametrize(
    ("control", "tables", "now", "over"),
    [
        (STEP, {"red": IN_2, "blue": IN_2}, 100.0, True),  # every table in
        (STEP, {"red": IN_2, "blue": AT_2}, 100.0, False),  # Blue still deciding
        (STEP, {"red": IN_2, "blue": None}, 100.0, False),  # Blue not at the round yet
        (STEP, {}, 100.0, False),  # nobody connected: the room does not run on alone
        (Control(round=2), {"red": IN_2}, 100.0, False),  # free play: no rounds
        (Control(lockstep=True, round=2, paused=True), {"red": IN_2}, 100.0, False),
        (Control(lockstep=True, round=2, week_cap=2), {"red": IN_2}, 100.0, False),
        (Control(lockstep=True, round=10), {"red": IN_2}, 100.0, False),  # the last week
        (Control(lockstep=True, round=2, round_seconds=60, round_started=100.0),
         {"red": AT_2}, 160.0, True),  # time is up, whoever has not submitted
        (Control(lockstep=True, round=2, round_seconds=60, round_started=100.0),
         {"red": AT_2}, 159.0, False),
    ],
)  # fmt: skip
def test_a_round_ends_when_every_table_is_in_or_time_is_up(
    control: Control, tables: dict, now: float, over: bool
) -> None:
    assert round_over(control, tables, 10, now) is over


def test_the_facilitator_steps_the_room_and_injects_at_its_week(tmp_path: Path) -> None:
    from game.present.room import open_session
    from game.present.room_status import write_status
    from sim import load_scenario

    session = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30)
    scenario = load_scenario("siloed-marketing")
    for key, week in (("red", 3), ("blue", 2)):
        (session.tables_folder / key).mkdir(parents=True)
        write_status(session.table_folder(key), TableStatus(week=week, weeks=52))
    control = act.rounds_in_step(session.folder, 90)
    assert (control.lockstep, control.round, control.round_seconds) == (True, 3, 90)
    _, week = act.inject(session.folder, scenario, "leave:Ana")
    assert week == 3 and read_control(session.folder).events[0]["worker"] == "Ana"
    with pytest.raises(ValueError, match="no event 'gala'"):
        act.inject(session.folder, scenario, "gala")
    assert act.end_round(session.folder, 52).round == 4
    act.cap(session.folder, 4)
    assert act.end_round(session.folder, 52).round == 4  # held at the cap
    assert act.state_words(read_control(session.folder)) == (
        "playing, in step at week 4 (90 s a round), held at week 4"
    )


def test_a_save_with_an_event_of_a_week_not_played_is_refused(tmp_path: Path) -> None:
    save = {
        "format": "silo-save", "version": 1, "scenario": "siloed-marketing", "seed": 1,
        "weeks_played": 2, "actions": [],
        "events": [{"week": 2, "event": {"kind": "change_course"}}],
    }  # fmt: skip
    path = tmp_path / "game.json"
    path.write_text(json.dumps(save))
    with pytest.raises(SaveError, match=r"events\[0\]\.week"):
        read_save(path)
    save["events"] = [{"week": 1, "event": {"kind": "meteor"}}]
    path.write_text(json.dumps(save))
    with pytest.raises(SaveError, match=r"events\[0\]"):
        read_save(path)
    save["events"] = [{"week": 1, "event": {"kind": "change_course", "text": "New message"}}]
    path.write_text(json.dumps(save))
    assert read_save(path).events[0][1].text == "New message"
