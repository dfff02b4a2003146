"""The facilitator's hand on a room of seats (`silo serve --seats`), and the session's one
writer.

SEO's browser is open and never sends: the facilitator says a word (SEO's screen shows
it), ends a round by hand and then gives rounds a time; each time the room plays the
week with SEO's bot in its seat, and SEO's screen shows the time left. Meanwhile
neither a second server of the session nor `silo play --load` of its save may write
the game the server writes.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from game.present.seat_play import par_steps
from game.present.seat_room import SAVE
from sim import load_scenario
from sim.seats import SeatGame

from .conftest import TINY, assert_one_line_error, run_silo
from .test_serve import Room, _free_port
from .test_serve_seats import WS, Screen, _client, take

SEED = 3


def bots_only(rounds: int) -> SeatGame:
    """The game the room plays when no seat ever sends: every seat its cooperative bot."""
    scenario = load_scenario("siloed-marketing")
    game = SeatGame(scenario, SEED, {}, par=par_steps("siloed-marketing", scenario))
    for _ in range(rounds):
        game.advance()
    return game


def test_the_facilitator_steers_a_room_of_seats_and_one_server_writes_it(
    tmp_path: Path,
) -> None:
    room = Room(tmp_path, _free_port(), "--seats", "--seed", str(SEED))
    folder = tmp_path / "wed"
    silo = run_silo
    assert f"silo room {folder} --console" in room.said[2]
    seen: dict[str, str] = {}

    async def facilitate() -> None:
        async with _client() as client:
            assert (await take(client, room.url, "SEO"))[0] == 200
            async with client.ws_connect(room.url.replace("http", "ws") + WS) as ws:
                s = Screen(ws)
                await s.until("SEO's seat in the room, week 0 of 52")
                listed = (await asyncio.to_thread(silo, "room", str(folder))).stdout
                seen["listed"] = listed
                s.mark = len(s.text)
                await asyncio.to_thread(silo, "room", str(folder), "--say", "Back at 11")
                await s.until("From the facilitator: Back at 11")
                s.mark = len(s.text)
                await asyncio.to_thread(silo, "room", str(folder), "--next")
                await s.until("week 1 of 52")
                await s.until("The room played the week: now week 1 of 52.")
                # Two writers of one game: refused while the server runs.
                seen["load"] = await asyncio.to_thread(silo, "play", "--load", str(folder / SAVE))
                seen["serve"] = await asyncio.to_thread(
                    silo, "serve", "siloed-marketing", "--seats", "--seed", str(SEED),
                    "--saves", str(tmp_path), "--session", "wed", "--port", str(_free_port()),
                )  # fmt: skip
                s.mark = len(s.text)
                await asyncio.to_thread(silo, "room", str(folder), "--timer", "3")
                await s.until(" s left in this round: then a bot plays each seat")
                await s.until("week 2 of 52")  # nobody sent: the time ran out

    try:
        asyncio.run(asyncio.wait_for(facilitate(), 90))
    finally:
        room.stop()
    assert "SEO                       a player: deciding" in seen["listed"]
    assert_one_line_error(
        seen["load"], f"{folder / SAVE}: session wed is being served (process {room.proc.pid})"
    )
    assert_one_line_error(
        seen["serve"], f"session 'wed' is being served already (process {room.proc.pid})"
    )
    saved = json.loads((folder / SAVE).read_text())
    played = len(saved["rounds"])
    assert played >= 2  # a third round may have run out before the server stopped
    assert saved["rounds"] == bots_only(played).to_dict()["rounds"]  # SEO's bot in each
    # The server gone, its save is the player's again: no refusal about a server.
    again = run_silo("room", str(folder))
    assert again.returncode == 0 and "a player, away: its bot plays the week" in again.stdout


def test_what_a_room_of_seats_cannot_do_is_one_line_each(tmp_path: Path) -> None:
    from game.present.room import open_session
    from game.present.seat_room import open_shared

    session = open_session(tmp_path, "wed", "siloed-marketing", SEED, None, 30, seats="selfish")
    open_shared(session)
    folder = str(session.folder)
    assert_one_line_error(
        run_silo("room", folder, "--inject", "x"),
        "--inject goes with a room of tables: the shared game of seats cannot take an",
    )
    assert_one_line_error(
        run_silo("room", folder, "--rounds"),
        "--rounds goes with a room of tables: a room of seats always plays each week",
    )
    # Two teams whose names differ only in case would share one seat's folder.
    twins = tmp_path / "twins.toml"
    twins.write_text(TINY.read_text(encoding="utf-8").replace('name = "Content"', 'name = "seo"'))
    refused = run_silo(
        "serve", str(twins), "--seats", "--saves", str(tmp_path), "--port", str(_free_port())
    )
    assert_one_line_error(refused, "teams 'SEO' and 'seo' would share one seat")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twins.toml", "wed"]  # no session
