"""The facilitator's console: every table live, the highlighted table's screen, and the
room's controls as keys (each one change of the session's controls)."""

from __future__ import annotations

from pathlib import Path

from pilot_kit import pilot_test, plain, settle

from game.present.room_control import read_control
from game.present.room_status import TableStatus, write_status


@pilot_test
async def test_the_console_shows_every_table_and_steers_the_room(tmp_path: Path) -> None:
    from textual.widgets import DataTable, Static

    from game.present.room import open_session
    from game.present.room_events import event_choices
    from game.tui.room_console import RoomConsole
    from sim import load_scenario

    session = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30)
    for name, week, ready in (("Red Team", 2, 2), ("Blue", 2, -1)):
        key = session.join(name)
        shown = ("Week 2 of 52", "Efficiency so far: you +4%, par +9% vs do-nothing")
        status = TableStatus(week, 52, ready, ("wk 1: weekly meeting",), (), 9.1, 8.8, 9.5, 0.41,
                             shown)  # fmt: skip
        write_status(session.table_folder(key), status)
    app = RoomConsole(session.folder, load_scenario("siloed-marketing"))
    async with app.run_test(size=(150, 34)) as pilot:
        await settle(pilot)
        grid = app.query_one(DataTable)
        rows = [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]
        assert rows[0][:4] == ["Blue", "2/52", "", "9.10"]
        assert rows[1][:3] == ["Red Team", "2/52", "in"] and rows[1][7] == "wk 1: weekly meeting"
        assert "Efficiency so far: you +4%" in plain(app.query_one("#table-screen", Static))
        await pilot.press("r")  # rounds in step, from the room's week
        await settle(pilot)
        assert (read_control(session.folder).lockstep, read_control(session.folder).round) == (
            True, 2,
        )  # fmt: skip
        assert "1 of 2 tables in" in plain(app.query_one("#room-state", Static))
        await pilot.press("i", "enter")  # the first of the scenario's events
        await settle(pilot)
        first = event_choices(load_scenario("siloed-marketing"))[0][1]
        assert read_control(session.folder).events[0] == {**first, "week": 2}
        await pilot.press("n", "p")  # end the round by hand; pause the room
        await settle(pilot)
        control = read_control(session.folder)
        assert (control.round, control.paused) == (3, True)
        await pilot.press("m", *"Back at 11", "enter")
        await settle(pilot)
        assert read_control(session.folder).message == "Back at 11"


@pilot_test
async def test_the_console_of_a_room_of_seats_shows_a_row_per_seat_and_its_controls(
    tmp_path: Path,
) -> None:
    """`silo serve --seats`: one org, so a row per seat (who plays it, whether its decisions
    are in, the room's week); the keys a room of seats obeys, and no event injection."""
    import time

    from textual.widgets import DataTable, Static

    from game.present.room import open_session
    from game.present.seat_room import RoundState, open_shared, write_decisions, write_round
    from game.tui.room_console import console_for
    from game.tui.seat_console import SeatConsole
    from sim import load_scenario
    from sim.actions import AddLink
    from sim.seats import Decisions

    session = open_session(tmp_path, "wed", "siloed-marketing", 3, None, 30, seats="selfish")
    open_shared(session)  # the server's game, saved at week 0
    for team in ("SEO", "Email", "Content"):
        session.join(team)
    # SEO has sent; Email's browser is open and deciding; Content's browser is closed.
    write_round(session.folder, RoundState(0, ("Email",), "", ("SEO", "Email"),
                                           time.time() + 40, ""))  # fmt: skip
    write_decisions(session.folder, "SEO", 0,
                    Decisions(actions=(AddLink(kind="chat", teams=("SEO", "Email")),)))  # fmt: skip
    app = console_for(session.folder, load_scenario("siloed-marketing"))
    assert isinstance(app, SeatConsole)
    async with app.run_test(size=(150, 34)) as pilot:
        await settle(pilot)
        grid = app.query_one(DataTable)
        rows = [[str(c) for c in grid.get_row_at(i)] for i in range(grid.row_count)]
        assert rows == [
            ["SEO", "a player: decisions in", "in", "0"],
            ["Social", "a bot (nobody took the seat)", "", "0"],
            ["Email", "a player: deciding", "", "0"],
            ["Content", "a player, away: its bot plays the week", "", "0"],
        ]
        state = plain(app.query_one("#room-state", Static))
        assert "week 0 of 52" in state and "1 of 4 seats in, 2 browsers open" in state
        assert " s left in the round" in state
        assert "No event can be injected into a room of seats" in state
        assert "New chat for SEO, Email" in plain(app.query_one("#table-screen", Static))
        await pilot.press("r", "i", "o")  # rounds, inject, debrief: not a seats' room's keys
        await settle(pilot)
        assert read_control(session.folder) == type(read_control(session.folder))()
        await pilot.press("n", "p")  # end the round now (the server plays it); pause
        await settle(pilot)
        control = read_control(session.folder)
        assert (control.end_week, control.paused) == (0, True)
        await pilot.press("t", *"90", "enter", "c", *"6", "enter")
        await pilot.press("m", *"Back at 11", "enter")
        await settle(pilot)
        control = read_control(session.folder)
        assert (control.round_seconds, control.week_cap, control.message) == (90, 6, "Back at 11")
        assert "said: Back at 11" in plain(app.query_one("#room-state", Static))
