"""`silo serve`: a real session server; tables join and play over its websocket as browsers do."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from game.cli.commands.serve_room import LISTENING

from .conftest import CHECKOUT_ENV, REPO, TINY, Silo, assert_one_line_error

BRIEFING_TITLE = b"Four channels, four silos"
CODE = "ROOM42"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Room:
    """A `silo serve` process of session "wed" saving under `saves`."""

    def __init__(
        self, saves: Path, port: int, *extra: str, scenario: str = "siloed-marketing"
    ) -> None:
        self.saves, self.port = saves, port
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game.cli", "serve", scenario, "--host", "127.0.0.1",
             "--port", str(port), "--saves", str(saves), "--session", "wed", "--code", CODE,
             *extra],
            cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        # No polling: the server says when it listens, after its three lines for people.
        assert self.proc.stdout is not None
        self.said: list[str] = []
        while not (self.said and self.said[-1].startswith(LISTENING)):
            line = self.proc.stdout.readline()
            if not line:  # it ended instead
                pytest.fail(f"the server did not start: {self.said} {self.proc.communicate()}")
            self.said.append(line)

    def tables(self) -> list[psutil.Process]:
        return psutil.Process(self.proc.pid).children(recursive=True)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def room(tmp_path: Path):
    saves = tmp_path / "saves"
    saves.mkdir()
    started = Room(saves, _free_port())
    yield started
    started.stop()


def _client():
    import aiohttp

    # unsafe: keep cookies of an IP address (127.0.0.1), as browsers do
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def _join(client, url: str, table: str, code: str = CODE) -> int:
    async with client.post(f"{url}/join", data={"table": table, "code": code}) as reply:
        return reply.status


async def _read_until(ws, needle: bytes, seconds: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while needle not in seen and time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
        except TimeoutError:
            break
        if isinstance(message.data, bytes):
            seen += message.data
        elif isinstance(message.data, str):
            seen += message.data.encode()
        else:
            break  # closed
    return seen


async def _play(client, url: str, weeks: int, start: bytes = BRIEFING_TITLE) -> bytes:
    """Open the table's game, start it from the briefing if asked, play `weeks` weeks."""
    ws_url = url.replace("http", "ws") + "/ws?width=120&height=40"
    async with client.ws_connect(ws_url) as ws:
        seen = await _read_until(ws, start)
        assert start in seen, seen[-400:]
        if start == BRIEFING_TITLE:
            await ws.send_str(json.dumps(["stdin", "\r"]))
            seen = await _read_until(ws, b"Week 0 of 52")
        for week in range(weeks):
            await ws.send_str(json.dumps(["stdin", " "]))
            seen = await _read_until(ws, f"Week {week + 1} of 52".encode())
        return seen


def _weeks(room: Room, table: str) -> int:
    path = room.saves / "wed" / "tables" / table / "game-001.json"
    return int(json.loads(path.read_text())["weeks_played"])


def test_the_page_asks_for_the_code_and_a_name(room: Room) -> None:
    import urllib.request

    assert room.said[0].startswith(f"silo serve: session wed: open {room.url} ")
    assert f"join code {CODE}" in room.said[0]
    assert f"silo report {room.saves / 'wed'} " in room.said[2]
    with urllib.request.urlopen(f"{room.url}/", timeout=10) as page:
        body = page.read().decode()
    assert 'name="table"' in body and 'name="code"' in body

    async def joined() -> str:
        async with (
            _client() as table,
            table.post(f"{room.url}/join", data={"table": "Red", "code": CODE}) as reply,
        ):
            return await reply.text()  # the game's page, after the redirect

    game_page = asyncio.run(joined())
    assert f'"ws://127.0.0.1:{room.port}/ws"' in game_page  # named if it cannot be reached
    assert "--public-url" in game_page

    async def by_another_name() -> None:
        async with _client() as table:
            await _join(table, room.url, "Blue")
            headers = {"Host": f"silo.example:{room.port}"}
            async with table.get(f"{room.url}/", headers=headers) as reply:
                assert reply.status == 200

    asyncio.run(by_another_name())  # the facilitator hears the address is not the public one
    assert room.proc.stdout is not None
    line = ""
    while "--public-url" not in line:
        line = room.proc.stdout.readline()
        assert line, "the server ended"
    assert f"a browser opened http://silo.example:{room.port}" in line


def test_tables_play_their_own_games_and_come_back_after_a_restart(room: Room) -> None:
    async def first_visit() -> None:
        async with _client() as red, _client() as blue:
            assert await _join(red, room.url, "Red Team") == 200  # after the redirect
            assert await _join(blue, room.url, "Blue") == 200
            await _play(red, room.url, 2)
            await _play(blue, room.url, 1)
            jar = {"red": red.cookie_jar, "blue": blue.cookie_jar}
            for name, cookies in jar.items():
                cookies.save(room.saves / f"{name}.cookies")

    asyncio.run(first_visit())
    assert (_weeks(room, "red-team"), _weeks(room, "blue")) == (2, 1)
    room.stop()  # then again at once, on the same port: address reuse
    again = Room(room.saves, room.port)
    try:

        async def come_back() -> tuple[bytes, bytes]:
            import aiohttp

            screens = []
            for name in ("red", "blue"):
                jar = aiohttp.CookieJar(unsafe=True)
                jar.load(room.saves / f"{name}.cookies")
                async with aiohttp.ClientSession(cookie_jar=jar) as table:
                    screens.append(await _play(table, room.url, 0, start=b" of 52"))
            return screens[0], screens[1]

        red_screen, blue_screen = asyncio.run(come_back())
        assert b"Week 2 of 52" in red_screen and b"Week 1 of 52" in blue_screen
    finally:
        again.stop()


def test_strangers_are_refused(room: Room) -> None:
    import aiohttp

    async def knock() -> dict[str, int]:
        seen = {}
        ws_url = room.url.replace("http", "ws") + "/ws"
        async with _client() as stranger:
            seen["wrong code"] = await _join(stranger, room.url, "Green", code="NOPE")
            for label, headers in (("no table", {}), ("forged", {"Cookie": "silo-wed=red.0"})):
                try:
                    async with stranger.ws_connect(ws_url, headers=headers):
                        seen[label] = 101
                except aiohttp.WSServerHandshakeError as exc:
                    seen[label] = exc.status
            assert await _join(stranger, room.url, "Red") == 200
            seen["name taken"] = await _join(stranger, room.url, "red")
            try:
                async with stranger.ws_connect(ws_url, origin="http://evil.example"):
                    seen["foreign origin"] = 101
            except aiohttp.WSServerHandshakeError as exc:
                seen["foreign origin"] = exc.status
        return seen

    seen = asyncio.run(knock())
    assert seen == {
        "wrong code": 403, "no table": 403, "forged": 403, "name taken": 409,
        "foreign origin": 403,
    }  # fmt: skip
    assert [p.name for p in (room.saves / "wed" / "tables").iterdir()] == ["red"]


def test_another_table_cannot_open_a_game_with_its_own_cookie(room: Room) -> None:
    """A cookie names its table and is signed: one table's cannot be turned into another's."""
    from game.present.room import open_session

    session = open_session(room.saves, "wed", "siloed-marketing", None, None, 30)
    red = session.ticket("red")
    assert session.table_of(red) is None  # no such table yet
    (session.tables_folder / "red").mkdir(parents=True)
    (session.tables_folder / "blue").mkdir()
    assert session.table_of(red) == "red"
    assert session.table_of("blue" + red[3:]) is None


def test_the_room_has_a_cap(tmp_path: Path) -> None:
    room = Room(tmp_path, _free_port(), "--tables", "1")
    try:

        async def fill() -> tuple[int, int]:
            async with _client() as one, _client() as two:
                return await _join(one, room.url, "One"), await _join(two, room.url, "Two")

        assert asyncio.run(fill()) == (200, 409)
    finally:
        room.stop()


@pytest.mark.parametrize("warm", ["0", "2"])
def test_ctrl_c_ends_every_table_saved(tmp_path: Path, warm: str) -> None:
    """With games started on demand (--warm 0) and from the pool of spares: a huge
    terminal is capped, and Ctrl+C ends every game (spares too), saved."""
    room = Room(tmp_path, _free_port(), "--warm", warm)

    async def sit() -> None:
        async with _client() as table:
            await _join(table, room.url, "Red")
            await _play(table, room.url, 1)
            ws_url = room.url.replace("http", "ws") + "/ws?width=99999&height=99999"
            async with table.ws_connect(ws_url) as ws:  # a huge terminal: capped
                await _read_until(ws, b"Week 1 of 52")
                games = room.tables()
                assert games
                # A spare hears its size on stdin, after the same cap (handle_websocket).
                if warm == "0":
                    size = games[-1].environ()
                    assert (size["COLUMNS"], size["ROWS"]) == ("240", "80")
                room.proc.send_signal(signal.SIGINT)
                room.proc.wait(timeout=15)
                psutil.wait_procs(games, timeout=15)
                assert not any(g.is_running() for g in games)

    try:
        asyncio.run(sit())
    finally:
        room.stop()
    _, err = room.proc.communicate()
    assert "Traceback" not in err
    assert _weeks(room, "red") == 1


def test_a_killed_server_leaves_no_table_running(room: Room) -> None:
    async def sit() -> list[psutil.Process]:
        async with _client() as table:
            await _join(table, room.url, "Red")
            ws_url = room.url.replace("http", "ws") + "/ws?width=100&height=30"
            async with table.ws_connect(ws_url) as ws:
                await _read_until(ws, BRIEFING_TITLE)
                games = room.tables()
                room.proc.kill()
                return games

    games = asyncio.run(sit())
    assert games
    _, alive = psutil.wait_procs(games, timeout=20)
    assert not alive


def test_one_server_per_session_and_no_other_writer(room: Room, silo: Silo) -> None:
    """While a session is served, neither a second server nor `silo play --load` of a
    table's game may write it; a killed server leaves the session free."""
    game = room.saves / "wed" / "tables" / "red" / "game-001.json"
    served = f"session wed is being served (process {room.proc.pid})"
    assert_one_line_error(silo("play", "--load", str(game)), str(game), served)
    second = silo("serve", "siloed-marketing", "--saves", str(room.saves), "--session", "wed",
                  "--code", CODE, "--port", str(_free_port()))  # fmt: skip
    assert_one_line_error(
        second, f"session 'wed' is being served already (process {room.proc.pid})"
    )
    room.proc.kill()
    room.proc.wait()
    Room(room.saves, _free_port()).stop()  # the lock ended with the killed server


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["siloed-marketing", "--port", "0"], ["--port", "1 to 65535"]),
        (["no-such-scenario"], ["no-such-scenario"]),
        (["siloed-marketing", "--saves", "no/such/folder"], ["no/such/folder", "no such folder"]),
        (["siloed-marketing", "--public-url", "localhost:8000"], ["--public-url", "http://"]),
        (["siloed-marketing", "--public-url", "http://x:8000/game"], ["--public-url", "no path"]),
        (["siloed-marketing", "--session", "../x"], ["--session", "letters"]),
        (["siloed-marketing", "--code", "a b"], ["--code", "letters and digits"]),
    ],
)
def test_bad_arguments_are_refused(silo: Silo, args: list[str], fragments: list[str]) -> None:
    assert_one_line_error(silo("serve", *args), *fragments)


def test_a_port_in_use_is_refused(silo: Silo) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert_one_line_error(
            silo("serve", "siloed-marketing", "--host", "127.0.0.1", "--port", str(port)),
            f"127.0.0.1:{port}",
            "choose another --port",
        )


def test_a_session_of_that_name_playing_another_game_is_refused(silo: Silo, tmp_path: Path) -> None:
    from game.present.room import open_session

    open_session(tmp_path, "wed", "siloed-marketing", 1, None, 30)
    assert_one_line_error(
        silo("serve", "siloed-marketing", "--saves", str(tmp_path), "--session", "wed"),
        "session 'wed' plays siloed-marketing with seed 1", "another --session",
    )  # fmt: skip


def test_sizes_and_origins() -> None:
    from game.cli.commands.serve_room import HEIGHT, WIDTH, clamp, origin_of

    assert clamp("99999", WIDTH, 80) == WIDTH[1] and clamp("x", HEIGHT, 24) == 24
    assert origin_of("http://Localhost:8000/") == origin_of("ws://localhost:8000/ws")
    assert origin_of("https://room.example") == "https://room.example:443"


def test_the_facilitator_sees_every_table_and_sets_the_pace(silo: Silo, tmp_path: Path) -> None:
    from game.present.room import open_session
    from game.present.room_control import read_control

    session = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30)
    session.join("Red Team")
    session.join("Blue")
    folder = str(session.folder)
    proc = silo("room", folder, "--pause", "--cap", "8", "--say", "Stop at week 8, please",
                "--close-debrief")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "session wed: paused, held at week 8, debrief closed; 2 tables"
    assert lines[1].split() == ["Blue", "week", "-"]
    control = read_control(session.folder)
    assert (control.paused, control.week_cap, control.message_id) == (True, 8, 1)
    proc = silo("room", folder, "--go", "--no-cap", "--open-debrief")
    assert proc.stdout.startswith("session wed: playing; 2 tables")
    assert read_control(session.folder).message == "Stop at week 8, please"  # said once
    assert_one_line_error(silo("room", str(tmp_path)), "not a session")


def test_serving_beyond_this_machine_makes_up_a_join_code(tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "serve", "siloed-marketing", "--host", "0.0.0.0",
         "--port", str(port), "--saves", str(tmp_path), "--session", "wed"],
        cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
    code = first.rstrip(".\n").rsplit("join code ", 1)[1]
    assert len(code) == 6 and code.isalnum(), first
    assert json.loads((tmp_path / "wed" / "session.json").read_text())["code"] == code
    from game.present.room import open_session

    again = open_session(tmp_path, "wed", "siloed-marketing", None, None, 30, need_code=True)
    assert again.code == code  # a restarted server keeps the room's code


def test_a_room_held_at_a_week_restarted_and_debriefed(silo: Silo, tmp_path: Path) -> None:
    """Three tables of a 4-week game: held at week 2 by the facilitator, the server
    restarted, each table back at week 2, let go to the end, one report row each."""
    import aiohttp

    port, tables = _free_port(), ("Red", "Blue", "Green")
    room = Room(tmp_path, port, scenario=str(TINY))
    session = str(tmp_path / "wed")
    ws_url = room.url.replace("http", "ws") + "/ws?width=120&height=40"
    assert silo("room", session, "--cap", "2").returncode == 0

    async def run_on(name: str, start: bytes, until: bytes) -> bytes:
        jar = aiohttp.CookieJar(unsafe=True)
        if (tmp_path / f"{name}.cookies").exists():
            jar.load(tmp_path / f"{name}.cookies")
        async with aiohttp.ClientSession(cookie_jar=jar) as table:
            if start == b"4 weeks":
                assert await _join(table, room.url, name) == 200
            async with table.ws_connect(ws_url) as ws:
                assert start in await _read_until(ws, start)
                if start == b"4 weeks":
                    await ws.send_str(json.dumps(["stdin", "\r"]))
                    await _read_until(ws, b"Week 0 of 4")
                await ws.send_str(json.dumps(["stdin", "e"]))  # run to the end: held
                seen = await _read_until(ws, until)
            jar.save(tmp_path / f"{name}.cookies")
        return seen

    async def everyone(start: bytes, until: bytes) -> list[bytes]:
        return await asyncio.gather(*(run_on(n, start, until) for n in tables))

    try:
        assert all(b"Week 2 of 4" in s for s in asyncio.run(everyone(b"4 weeks", b"Week 2 of 4")))
        room.stop()
        room = Room(tmp_path, port, scenario=str(TINY))
        assert silo("room", session, "--no-cap").returncode == 0
        # Each table is back at its week 2 (never past the cap), then plays to the end.
        assert all(
            b"Week 4 of 4" in s for s in asyncio.run(everyone(b"Week 2 of 4", b"Week 4 of 4"))
        )
    finally:
        room.stop()
    out = tmp_path / "room.html"
    proc = silo("report", session, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}: 3 tables of tiny" in proc.stdout
