"""A workshop played as a facilitator runs it: three named tables over the websocket,
rounds in step ended by the room and by the facilitator, an event for every table,
a server restart, each table back at its own week, the room's report."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp

from .conftest import TINY, Silo
from .test_serve import Room, _free_port, _join, _read_until

TABLES = ("Red", "Blue", "Green")
WS = "/ws?width=120&height=40"


def _saved(session: Path, key: str) -> dict:
    return json.loads((session / "tables" / key / "game-001.json").read_text())


def test_a_session_played_in_step_restarted_and_debriefed(silo: Silo, tmp_path: Path) -> None:
    port = _free_port()
    room = Room(tmp_path, port, scenario=str(TINY))
    session = tmp_path / "wed"
    ws_url = room.url.replace("http", "ws") + WS
    facilitator = str(session)
    round_one = asyncio.Event()
    round_two_called = asyncio.Event()
    red_in = asyncio.Event()
    held = asyncio.Event()

    async def facilitate() -> None:
        # Round 1 ends by itself (every table submitted); round 2 from the console's API:
        # a rush campaign for everyone, then the round ended by hand.
        await round_one.wait()
        for args in (("--inject", "campaign:post"), ("--next",)):
            proc = await asyncio.to_thread(silo, "room", facilitator, *args)
            assert proc.returncode == 0, proc.stderr
        round_two_called.set()
        # Red has submitted round 3; the room is held at week 2 (a mid-game debrief),
        # so the tables leaving one by one cannot end the round with Red's alone.
        await red_in.wait()
        proc = await asyncio.to_thread(silo, "room", facilitator, "--cap", "2")
        assert proc.returncode == 0, proc.stderr
        held.set()

    done: list[asyncio.Event] = [asyncio.Event() for _ in TABLES]

    async def table(i: int, name: str) -> bytes:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            assert await _join(client, room.url, name) == 200
            async with client.ws_connect(ws_url) as ws:
                assert b"4 weeks" in await _read_until(ws, b"4 weeks")
                await ws.send_str(json.dumps(["stdin", "\r"]))
                await _read_until(ws, b"Week 0 of 4")
                await ws.send_str(json.dumps(["stdin", " "]))  # submit round 1
                assert b"Week 1 of 4" in await _read_until(ws, b"Week 1 of 4")
                done[i].set()
                if all(d.is_set() for d in done):
                    round_one.set()
                await round_two_called.wait()
                seen = await _read_until(ws, b"Week 2 of 4")
                if i == 0:  # the whole game? Red submits, and waits for the others
                    await ws.send_str(json.dumps(["stdin", "e"]))
                    seen += await _read_until(ws, b"are in")
                    red_in.set()
                await held.wait()
            jar.save(tmp_path / f"{name}.cookies")
        return seen

    async def everyone() -> list[bytes]:
        found = await asyncio.gather(facilitate(), *(table(i, n) for i, n in enumerate(TABLES)))
        return found[1:]

    try:
        assert silo("room", facilitator, "--rounds").returncode == 0
        screens = asyncio.run(everyone())
        assert all(b"Week 2 of 4" in s for s in screens)
        for key in ("red", "blue", "green"):
            saved = _saved(session, key)
            assert saved["weeks_played"] == 2  # `e` did not run past the room
            assert [(e["week"], e["event"]["template"]) for e in saved["events"]] == [(1, "post")]
        room.stop()
        room = Room(tmp_path, port, scenario=str(TINY))

        async def come_back(name: str) -> bytes:
            jar = aiohttp.CookieJar(unsafe=True)
            jar.load(tmp_path / f"{name}.cookies")
            async with (
                aiohttp.ClientSession(cookie_jar=jar) as client,
                client.ws_connect(ws_url) as ws,
            ):
                return await _read_until(ws, b"Week 2 of 4")

        async def all_back() -> list[bytes]:
            return await asyncio.gather(*(come_back(n) for n in TABLES))

        assert all(b"Week 2 of 4" in s for s in asyncio.run(all_back()))
        listed = silo("room", facilitator, "--free", "--no-cap")
        assert listed.stdout.startswith("session wed: playing; 3 tables"), listed.stdout
        assert all(" week   2 " in line for line in listed.stdout.splitlines()[1:]), listed.stdout

        async def finish(name: str) -> bytes:
            jar = aiohttp.CookieJar(unsafe=True)
            jar.load(tmp_path / f"{name}.cookies")
            async with (
                aiohttp.ClientSession(cookie_jar=jar) as client,
                client.ws_connect(ws_url) as ws,
            ):
                await _read_until(ws, b"Week 2 of 4")
                await ws.send_str(json.dumps(["stdin", "e"]))
                return await _read_until(ws, b"Week 4 of 4")

        async def all_finish() -> list[bytes]:
            return await asyncio.gather(*(finish(n) for n in TABLES))

        assert all(b"Week 4 of 4" in s for s in asyncio.run(all_finish()))
    finally:
        room.stop()
    out = tmp_path / "room.html"
    proc = silo("report", facilitator, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}: 3 tables of tiny" in proc.stdout
    page = out.read_text()
    assert all(name in page for name in TABLES)
