"""`silo serve`'s facilitator console in a browser (/console): only the facilitator's code
opens it, never the tables' join code, and it runs the same console as `silo room --console`."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import aiohttp
import psutil
import pytest

from game.present.room import RoomError, open_session

from .test_serve import CODE, Room, _client, _join, _read_until, room  # noqa: F401

CONSOLE_TITLE = "silo · facilitator".encode()


def _facilitator_code(served: Room) -> str:
    line = next(s for s in served.said if "/console" in s and "facilitator's code" in s)
    match = re.search(r"facilitator's code (\w+)", line)
    assert match is not None, line
    return match.group(1)


async def _open(client: aiohttp.ClientSession, url: str, code: str) -> tuple[int, str]:
    async with client.post(f"{url}/console", data={"code": code}) as reply:
        return reply.status, await reply.text()


def test_only_the_facilitators_code_opens_the_console(room: Room) -> None:  # noqa: F811
    code = _facilitator_code(room)
    assert f"{room.url}/console" in "".join(room.said)
    kept = json.loads((room.saves / "wed" / "session.json").read_text())
    assert kept["console_code"] == code != CODE  # kept in the session's folder for a restart
    ws_url = room.url.replace("http", "ws") + "/console/ws?width=140&height=36"

    async def knock() -> tuple[dict[str, int], bytes, list[str]]:
        seen: dict[str, int] = {}
        async with _client() as table:
            assert await _join(table, room.url, "Red Team") == 200
            status, page = await _open(table, room.url, CODE)
            assert "That is not the facilitator" in page
            seen["join code"] = status
            try:  # a table's cookie is no console's
                async with table.ws_connect(ws_url):
                    seen["table's cookie"] = 101
            except aiohttp.WSServerHandshakeError as exc:
                seen["table's cookie"] = exc.status
        async with _client() as stranger:
            seen["wrong code"], _ = await _open(stranger, room.url, "NOTIT9")
            headers = {"Origin": "http://evil.example"}
            async with stranger.post(
                f"{room.url}/console", data={"code": code}, headers=headers
            ) as reply:
                seen["foreign origin"] = reply.status
        async with _client() as facilitator:
            status, page = await _open(facilitator, room.url, code)
            assert status == 200 and f"ws://127.0.0.1:{room.port}/console/ws" in page
            try:
                async with facilitator.ws_connect(ws_url, origin="http://evil.example"):
                    seen["foreign origin, with the cookie"] = 101
            except aiohttp.WSServerHandshakeError as exc:
                seen["foreign origin, with the cookie"] = exc.status
            async with facilitator.ws_connect(ws_url) as ws:
                screen = await _read_until(ws, b"Red Team")
                children = room.tables()
                commands = [" ".join(p.cmdline()) for p in children]
                await asyncio.to_thread(room.stop)  # Ctrl+C, the console still open
                _gone, alive = await asyncio.to_thread(psutil.wait_procs, children, 10)
                assert not alive, [p.cmdline() for p in alive]  # the console ended with it
        return seen, screen, commands

    seen, screen, commands = asyncio.run(knock())
    assert seen == {
        "join code": 403,
        "table's cookie": 403,
        "wrong code": 403,
        "foreign origin": 403,
        "foreign origin, with the cookie": 403,
    }
    assert CONSOLE_TITLE in screen and b"Red Team" in screen  # the session's table, live
    consoles = [c for c in commands if " room " in c and c.endswith("--console")]
    assert len(consoles) == 1 and str(room.saves / "wed") in consoles[0]


def test_the_facilitators_code_is_kept_and_never_the_join_code(tmp_path: Path) -> None:
    first = open_session(tmp_path, "wed", "siloed-marketing", None, "ROOM42", 30)
    assert first.console_code and first.console_code != first.code
    again = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30)
    assert again.console_code == first.console_code  # a restart keeps it
    assert again.console_ticket() == first.console_ticket()
    chosen = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30, False, "BOSS7")
    assert chosen.console_code == "BOSS7" and not chosen.console_of(first.console_ticket())
    assert chosen.console_code_ok("boss7") and not chosen.console_code_ok("ROOM42")
    assert not chosen.console_of(chosen.ticket("red"))  # no table's cookie opens it
    with pytest.raises(RoomError, match="differ from the tables' join code"):
        open_session(tmp_path, "wed", "siloed-marketing", None, "ROOM42", 30, False, "ROOM42")
