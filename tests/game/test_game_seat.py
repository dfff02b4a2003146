"""Solo play from one seat: the screen shows the seat's view, queues its decisions, answers
proposals, sends messages, saves every round, and ends on the reveal."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pilot_kit import SIZE, pilot_test, plain

from game.present.seat_play import load_game, new_save, start_solo
from game.tui.screens.seat import SeatScreen
from game.tui.screens.seat_reveal import SeatRevealScreen
from game.tui.seat_app import SeatApp


def _text(screen: SeatScreen, wid: str) -> str:
    return plain(screen.query_one(wid))


@pilot_test
async def test_a_round_from_the_seo_seat(tmp_path: Path) -> None:
    game = start_solo("siloed-marketing", "SEO", "cooperative", 3)
    save = tmp_path / "seats.json"
    app = SeatApp(game, "SEO", save)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SeatScreen)
        team = _text(screen, "#seat-team")
        assert "SEO: 5 people" in team
        assert "Links: email with every team" in team
        assert "Hours last week: no week played yet" in team
        assert "No news has reached your team yet." in _text(screen, "#seat-inbox")
        # Goal up, a chat with Email, a message to Content, the calendar proposed.
        await pilot.press("plus", "c")
        await pilot.pause()
        await pilot.press("down", "enter")  # Social, Email, Content: Email
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # Social, Email, Content: Content
        await pilot.pause()
        await pilot.press(*"brief?", "enter")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "enter")  # the shared calendar
        await pilot.pause()
        queued = _text(screen, "#seat-round")
        assert "Goals for SEO: 30% shared" in queued
        assert "New chat for SEO, Email" in queued
        assert "message to Content: 'brief?'" in queued
        assert "propose: Switched on the shared calendar" in queued
        await pilot.press("n")
        await pilot.pause()
        assert game.week == 1
        assert "wk  1" in _text(screen, "#seat-inbox")
        assert "Applied: New chat for SEO, Email" in _text(screen, "#seat-round")
        # A decision the org cannot take is refused in one line, and nothing is queued.
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.queued == []
        assert [n.message for n in app._notifications] == ["that chat link already exists"]
        saved = json.loads(save.read_text())
        assert saved["rounds"][0]["SEO"]["messages"] == [["Content", "brief?"]]
        # The cooperative bots accepted the calendar: applied in the next round.
        await pilot.press("n")
        await pilot.pause()
        assert "Tools: shared calendar" in _text(screen, "#seat-team")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SeatRevealScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "doing nothing" in plain(app.screen.query_one("#seat-ghosts"))
    again = load_game(save)
    assert again.week == 2 and again.view("SEO") == game.view("SEO")


@pilot_test
async def test_a_proposal_put_to_the_seat_is_answered_with_its_number(tmp_path: Path) -> None:
    # Par bots propose par's re-cut in week 0; the player accepts it with "1".
    game = start_solo("siloed-marketing", "Email", "par", 2)
    app = SeatApp(game, "Email", None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SeatScreen)
        await pilot.press("n")
        await pilot.pause()
        text = _text(screen, "#seat-proposals")
        assert "[1] Goals for every team: 50% shared, from SEO: you refuse" in text
        await pilot.press("1", "2", "3")
        await pilot.pause()
        assert "you refuse" not in _text(screen, "#seat-proposals")
        await pilot.press("n")
        await pilot.pause()
        assert game.view("Email").team.name.startswith("Squad")
        assert "Tools: shared calendar" in _text(screen, "#seat-team")


def test_two_seat_games_leave_two_saves_from_week_0(tmp_path: Path) -> None:
    # Two games of one seat, started in the same second, never share a file.
    first = new_save(tmp_path, start_solo("siloed-marketing", "SEO", "cooperative", 3), "SEO")
    second = new_save(tmp_path, start_solo("siloed-marketing", "SEO", "selfish", 3), "SEO")
    assert first != second
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])
    assert first.name.startswith("seats-siloed-marketing-SEO-seed3-")
    for path in (first, second):
        assert load_game(path).sim.week == 0  # saved before any round is played


@pilot_test
async def test_a_seat_in_a_room_sends_its_decisions_and_waits_for_the_room(
    tmp_path: Path,
) -> None:
    """`silo serve --seats`: `n` sends the decisions (the server plays the round); the
    screen then holds them, and shows the seat's new view once the room's save moves on."""
    from game.present.seat_room import (
        RoundState,
        SeatLink,
        play_round,
        read_decisions,
        save_shared,
        write_round,
    )
    from game.tui.screens.seat import RoomSeatScreen

    room = start_solo("siloed-marketing", "SEO", "cooperative", 3)  # the server's game
    (tmp_path / "tables" / "seo").mkdir(parents=True)
    save_shared(tmp_path, room)
    write_round(tmp_path, RoundState(0, ("SEO", "Email"), ""))
    app = SeatApp(load_game(tmp_path / "seats.json"), "SEO", room=SeatLink(tmp_path, "SEO"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoomSeatScreen)
        assert app.sub_title == "SEO's seat in the room, week 0 of 52"
        await pilot.press("r")  # no reveal while the room plays
        await pilot.press("plus", "n")
        await pilot.pause()
        assert not isinstance(app.screen, SeatRevealScreen)
        sent = read_decisions(tmp_path, "SEO", 0)
        assert sent is not None and sent.actions[0].shared_weight == 0.3
        await pilot.press("plus", "u")  # the decisions are in: nothing changes them now
        await pilot.pause()
        assert [type(a).__name__ for _, a in screen.queued] == ["SetGoal"]
        assert "Waiting for: Email" in _text(screen, "#seat-round")
        assert room.week == 0  # the seat never plays the round itself
        # The server plays the round (Email's browser closed: its bot plays) and saves.
        play_round(room, {"SEO": sent}, "cooperative")
        save_shared(tmp_path, room)
        for _ in range(100):  # the screen looks for the save twice a second
            if app.sub_title.endswith("week 1 of 52"):
                break
            await pilot.pause(0.05)
        assert app.sub_title == "SEO's seat in the room, week 1 of 52"
        assert screen.queued == [] and not screen.sent
        assert "Goal: 30% shared" in _text(screen, "#seat-team")
        assert screen.game.view("SEO") == room.view("SEO")
        # The room's week is said in the round's panel, not in a toast over the notes.
        assert not app._notifications, [n.message for n in app._notifications]
        panel = _text(screen, "#seat-round")
        assert "The room played the week: now week 1 of 52." in panel
        assert panel.index("played the week") < panel.index("Since last round:")
        # The round's time and the facilitator's word, as the server writes them.
        write_round(tmp_path, RoundState(1, ("SEO",), "", ("SEO",), time.time() + 45, "At 11"))
        for _ in range(100):
            if "From the facilitator" in _text(screen, "#seat-round"):
                break
            await pilot.pause(0.05)
        panel = _text(screen, "#seat-round")
        assert "From the facilitator: At 11" in panel
        left = int(panel.split(" s left in this round")[0].rsplit(None, 1)[-1])
        assert 0 < left <= 45
        assert "then a bot plays each seat that has not sent its decisions" in panel
