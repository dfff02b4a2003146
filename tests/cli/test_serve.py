"""`silo serve`: a real server, a game played over its websocket as a browser would."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli.commands.serve import LISTENING

from .conftest import CHECKOUT_ENV, REPO, Silo, assert_one_line_error

BRIEFING_TITLE = b"Four channels, four silos"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):
    """`silo serve siloed-marketing` on a free port, saving into tmp_path; stopped with Ctrl+C."""
    port = _free_port()
    saves = tmp_path / "saves"
    saves.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "serve", "siloed-marketing", "--host", "127.0.0.1",
         "--port", str(port), "--saves", str(saves)],
        cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # No polling: the server says when it listens, after its three lines for people.
    assert proc.stdout is not None
    said: list[str] = []
    while not (said and said[-1].startswith(LISTENING)):
        line = proc.stdout.readline()
        if not line:  # it ended instead
            pytest.fail(f"the server did not start: {said} {proc.communicate()}")
        said.append(line)
    yield port, saves, proc, said
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _read_until(ws, needle: bytes, seconds: float) -> bytes:
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
    return seen


def test_the_page_points_browsers_at_the_game(server) -> None:
    import urllib.request

    port, saves, _, said = server
    assert said[0].startswith(f"silo serve: open http://127.0.0.1:{port} ")
    assert f"silo report {saves}/autosave-siloed-marketing-table-*.json" in said[2]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
        body = page.read().decode()
    assert f"ws://127.0.0.1:{port}/ws" in body


def test_a_browser_gets_its_own_game_that_autosaves_under_its_table(server) -> None:
    import aiohttp

    port, saves, _, _ = server

    async def play() -> tuple[bytes, bytes]:
        url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
            briefing = await _read_until(ws, BRIEFING_TITLE, 60)
            await ws.send_str(json.dumps(["stdin", "\r"]))  # start: the play screen
            play_screen = await _read_until(ws, b"Week 0 of 52", 60)
            await ws.send_str(json.dumps(["stdin", " "]))  # play one week
            await _read_until(ws, b"Week 1 of 52", 60)
            return briefing, play_screen

    briefing, play_screen = asyncio.run(play())
    assert BRIEFING_TITLE in briefing
    assert b"Week 0 of 52" in play_screen
    # The autosave is written before the week's result reaches the screen: once
    # "Week 1 of 52" is shown, the file is there.
    (autosave,) = saves.glob("*.json")
    assert autosave.name.startswith("autosave-siloed-marketing-table-")
    assert json.loads(autosave.read_text())["weeks_played"] == 1


def test_ctrl_c_stops_the_server(server) -> None:
    _, _, proc, _ = server
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=15)
    _, err = proc.communicate()
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--port", "0"], ["--port", "1 to 65535"]),
        (["no-such-scenario"], ["no-such-scenario"]),
        (["--saves", "no/such/folder"], ["no/such/folder", "no such folder"]),
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
            silo("serve", "--host", "127.0.0.1", "--port", str(port)),
            f"127.0.0.1:{port}",
            "choose another --port",
        )


def test_each_served_game_names_its_own_autosave(monkeypatch) -> None:
    from game.present.saves import autosave_path

    monkeypatch.delenv("SILO_SERVED", raising=False)
    assert autosave_path(Path("s"), "tiny").name == "autosave-tiny.json"
    monkeypatch.setenv("SILO_SERVED", "1")
    served = autosave_path(Path("s"), "tiny").name
    assert served.startswith("autosave-tiny-table-") and served.endswith(f"-{os.getpid()}.json")
