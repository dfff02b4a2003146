"""A workshop room: N tables joining `silo serve` at once, then a round in step.

Starts a session on a free port (with `--warm W` games started ahead, and waits
until they are all ready, as a facilitator's server is before the room arrives),
joins N tables over the websocket at the same moment (as a room does when the
facilitator says "go"), and reports the time from joining to each table's first
screen (the briefing) and until every table is in; then the room plays in step:
every table submits its week-0 decisions and the server's referee moves the room
on, and the time from the last submission to every table showing week 1 is "a
round for all". Memory is the RSS of each table's game process. The reference is
one table alone, in the same run, without spares.

    python benchmarks/room.py --tables 30 --warm 30
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parents[1]
BRIEFING = b"Four channels, four silos"
TIMEOUT = float(os.environ.get("ROOM_TIMEOUT", "300"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Screen:
    """A table's websocket, read all the time (as a browser does: it answers the server's
    heartbeat), with a way to wait for text to appear."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.seen = b""
        self.changed = asyncio.Condition()
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if isinstance(message.data, bytes):
                async with self.changed:
                    self.seen = self.seen[-4000:] + message.data
                    self.changed.notify_all()

    async def until(self, needle: bytes) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: needle in self.seen), TIMEOUT)
            self.seen = b""


class Room:
    """What the tables share: when to go, and when everyone is in."""

    def __init__(self, count: int, session: Path) -> None:
        self.go = asyncio.Event()
        self.in_step = asyncio.Event()
        self.count = count
        self.ready = 0
        self.all_ready = asyncio.Event()
        self.session = session
        self.submitted: list[float] = []


async def table(url: str, name: str, room: Room) -> tuple[float, float]:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        await room.go.wait()
        start = time.monotonic()
        async with client.post(f"{url}/join", data={"table": name}) as reply:
            assert reply.status == 200, reply.status
        ws_url = url.replace("http", "ws") + "/ws?width=120&height=40"
        async with client.ws_connect(ws_url) as ws:
            screen = Screen(ws)
            await screen.until(BRIEFING)
            first = time.monotonic() - start
            await ws.send_str(json.dumps(["stdin", "\r"]))
            await screen.until(b"Week 0 of 52")
            room.ready += 1
            if room.ready == room.count:
                room.all_ready.set()
            await room.in_step.wait()
            await ws.send_str(json.dumps(["stdin", " "]))  # submit week 0's decisions
            room.submitted.append(time.monotonic())
            await screen.until(b"Week 1 of 52")
            end = time.monotonic()
            screen.task.cancel()
            return first, end


def silo(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "game.cli", *args], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip


async def play_room(url: str, names: list[str], server: psutil.Process, room: Room) -> dict:
    tasks = [asyncio.create_task(table(url, n, room)) for n in names]
    room.go.set()
    started = time.monotonic()
    await room.all_ready.wait()
    all_in = time.monotonic() - started
    await asyncio.to_thread(silo, "room", str(room.session), "--rounds")
    room.in_step.set()
    done = await asyncio.gather(*tasks)
    round_for_all = max(t for _, t in done) - max(room.submitted)
    rss = [p.memory_info().rss / 2**20 for p in server.children(recursive=True)]
    firsts = [f for f, _ in done]
    return {
        "first_median": statistics.median(firsts),
        "first_max": max(firsts),
        "all_in": all_in,
        "round": round_for_all,
        "rss_median": statistics.median(rss) if rss else float("nan"),
        "rss_total": sum(rss),
        "processes": len(rss),
    }


def serve(saves: Path, session: str, warm: int) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "serve", "siloed-marketing", "--host", "127.0.0.1",
         "--port", str(port), "--saves", str(saves), "--session", session, "--tables", "200",
         "--warm", str(warm)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    while not proc.stdout.readline().startswith("silo serve: listening"):
        if proc.poll() is not None:
            sys.exit("the server did not start")
    # The spares are ready when each has loaded and sits waiting on its stdin (no CPU).
    server = psutil.Process(proc.pid)
    while warm:
        spares = server.children()
        if len(spares) >= warm and all(p.cpu_percent(0.5) < 5 for p in spares):
            break
        time.sleep(1)
    return proc, f"http://127.0.0.1:{port}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=30)
    parser.add_argument("--warm", type=int, default=30, help="games started ahead")
    args = parser.parse_args()
    print(time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load average (1, 5, 15 min):",
          " ".join(f"{x:.2f}" for x in os.getloadavg()))  # fmt: skip
    runs = (("one table (reference)", 1, 0), (f"{args.tables} tables, --warm {args.warm}",
            args.tables, args.warm))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        for label, count, warm in runs:
            session = f"bench-{count}"
            proc, url = serve(Path(tmp), session, warm)
            try:
                names = [f"Table {i + 1}" for i in range(count)]
                room = Room(count, Path(tmp) / session)
                try:
                    found = asyncio.run(play_room(url, names, psutil.Process(proc.pid), room))
                except TimeoutError:
                    folder = Path(tmp) / session
                    print("timed out; the room:", (folder / "control.json").read_text())
                    for status in sorted(folder.glob("tables/*/status.json")):
                        print(status.parent.name, status.read_text()[:160])
                    raise
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=30)
            print(
                f"{label}: first screen median {found['first_median']:.1f} s, "
                f"slowest {found['first_max']:.1f} s; every table in {found['all_in']:.1f} s; "
                f"a round for all {found['round']:.2f} s; {found['rss_median']:.0f} MB per "
                f"table ({found['processes']} games, {found['rss_total']:.0f} MB in all)"
            )
        print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
