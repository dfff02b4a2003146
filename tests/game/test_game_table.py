"""A served table (`silo play --table`): the session's scenario and seed only, one file
per game in the table's own folder, and back in its own game after a reload."""

from __future__ import annotations

import json
from pathlib import Path

from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test, settle, to_the_debrief

from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.play import PlayScreen


@pilot_test
async def test_a_table_keeps_to_the_session_and_every_game_is_a_new_file(
    make_app, tmp_path: Path
) -> None:
    from game.present.room_control import Control, write_control

    session = tmp_path / "wed"
    saves = session / "tables" / "red"
    app = make_app(str(TRIAL), seed=7, table=True, saves=saves)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert not app.screen.query("#back")
        await pilot.press("escape")  # no picker with every scenario behind the briefing
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        play = await open_trial(pilot)
        first = saves / "game-001.json"
        assert json.loads(first.read_text())["weeks_played"] == 0  # saved from week 0
        await pilot.press("escape")  # a table does not leave its game for a new one
        await settle(pilot)
        assert app.screen is play
        await next_week(pilot, 2)
        assert json.loads(first.read_text())["weeks_played"] == 2
        assert json.loads(first.read_text())["seed"] == 7

        write_control(session, Control(debrief=False))
        await pilot.press("e")
        for _ in range(80):
            await settle(pilot)
            if play.session.done:
                break
        await pilot.press("d")
        await settle(pilot)
        assert app.screen is play  # the facilitator keeps the debrief for the room's moment
        write_control(session, Control(debrief=True))
        await to_the_debrief(pilot, play)
        finished = first.read_text()
        await pilot.press("n")  # a new game: the same scenario and seed, in a new file
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen) and app.screen.seed == 7
        await open_trial(pilot)
        await next_week(pilot, 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
    assert first.read_text() == finished  # the finished game is kept as it was
    assert json.loads((saves / "game-002.json").read_text())["weeks_played"] == 1
    assert (saves / "game-002-week001.json").exists()
    assert any("A copy of week 1 is in game-002-week001.json" in m for m in shown)
    assert not any(str(saves) in m for m in shown)  # no server folder shown to a table

    app = make_app(str(TRIAL), seed=7, table=True, saves=saves)  # reloaded: its last game again
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.week == 1
        assert app.screen.session.save_file == saves / "game-002.json"


@pilot_test
async def test_a_table_waits_for_the_facilitator_and_hears_the_room(tmp_path: Path) -> None:
    from pilot_kit import FIXTURES

    from game.present.room_control import Control, write_control
    from game.tui.app import SiloApp

    session = tmp_path / "wed"
    table = session / "tables" / "red"
    table.mkdir(parents=True)
    write_control(session, Control(paused=True).said("Welcome"))
    app = SiloApp(str(TRIAL), table=True, saves=table, folder=FIXTURES, previews=False)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 1)
        assert play.session.week == 0  # paused
        write_control(session, Control(week_cap=1, message_id=1).said("Debrief at week 1"))
        await next_week(pilot, 2)
        assert play.session.week == 1  # held at the cap
        app.check_room()
        shown = [(n.title, n.message) for n in app._notifications]
    assert ("Wait", "The facilitator has paused the room: wait for the go.") in shown
    assert ("Wait", "The room stops at week 1 for now: wait for the facilitator.") in shown
    assert ("From the facilitator", "Debrief at week 1") in shown
    # A table new to the room hears the last word said before it joined, once.
    assert [m for _, m in shown].count("Welcome") == 1


@pilot_test
async def test_a_table_in_step_submits_waits_and_takes_the_rooms_event(tmp_path: Path) -> None:
    """Lock-step: space and `e` only submit; the table plays when the room moves on, taking
    the facilitator's event at that boundary; its save replays the event exactly."""
    import numpy as np
    from pilot_kit import FIXTURES

    from game.present.room_control import Control, update_control, write_control
    from game.present.room_status import read_status
    from game.present.saves import read_save
    from game.present.session import GameSession
    from game.tui.app import SiloApp
    from game.tui.widgets.game_status import GameStatus

    session = tmp_path / "wed"
    table = session / "tables" / "red"
    table.mkdir(parents=True)
    write_control(session, Control(lockstep=True, round=0))
    app = SiloApp(str(TRIAL), table=True, saves=table, folder=FIXTURES, previews=False)
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("e")  # the whole year? no: the table's decisions are in, it waits
        await settle(pilot)
        assert play.session.week == 0
        status = read_status(table)
        assert status is not None and status.submitted and status.week == 0
        assert play.query_one(GameStatus).waiting  # "decisions in: waiting for the room"
        rush = {"kind": "campaign", "template": "launch", "due_weeks": 1.0, "text": "Rush!"}
        update_control(session, lambda c: c.injected({**rush, "week": 0}).next_round(10, 0.0))
        app._room_tick()  # what the table's timer does once a second
        await settle(pilot)
        assert play.session.week == 1  # one week: the room's round, no further
        assert not play.query_one(GameStatus).waiting
        status = read_status(table)
        assert status is not None and status.week == 1 and not status.submitted
        assert status.efficiency is not None and status.screen[0] == "Week 1 of 10"
        assert any("Rush!" in note for note in status.events)
        await next_week(pilot, 1)
        assert play.session.week == 1 and read_status(table).submitted  # type: ignore[union-attr]
        played = play.session.result().weekly
    record = read_save(table / "game-001.json")
    assert [(w, e.kind, e.template) for w, e in record.events] == [(0, "campaign", "launch")]
    again = GameSession.from_record(record).result().weekly
    assert all(np.array_equal(again[k], v, equal_nan=True) for k, v in played.items())
