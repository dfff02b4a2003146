"""A workshop room: N tables joining `silo serve` at once, then one week each.

Starts a session on a free port, joins N tables over the websocket at the same
moment (as a room does when the facilitator says "go"), and reports the time
from joining to each table's first screen (the briefing), the time for every
table to play one week, and each table's memory (RSS of its game process).
The reference is one table alone, in the same run.

    python benchmarks/room.py --tables 30
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def read_until(ws: aiohttp.ClientWebSocketResponse, needle: bytes) -> None:
    seen = b""
    while needle not in seen:
        message = await ws.receive(timeout=300)
        if isinstance(message.data, bytes):
            seen = seen[-200:] + message.data
        elif message.type != aiohttp.WSMsgType.TEXT:
            raise RuntimeError(f"the table's websocket closed: {message}")


async def table(url: str, name: str, go: asyncio.Event) -> tuple[float, float]:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        await go.wait()
        start = time.monotonic()
        async with client.post(f"{url}/join", data={"table": name}) as reply:
            assert reply.status == 200, reply.status
        ws_url = url.replace("http", "ws") + "/ws?width=120&height=40"
        async with client.ws_connect(ws_url) as ws:
            await read_until(ws, BRIEFING)
            first = time.monotonic() - start
            await ws.send_str(json.dumps(["stdin", "\r"]))
            await read_until(ws, b"Week 0 of 52")
            week_start = time.monotonic()
            await ws.send_str(json.dumps(["stdin", " "]))
            await read_until(ws, b"Week 1 of 52")
            return first, time.monotonic() - week_start


async def room(url: str, names: list[str], server: psutil.Process) -> dict[str, float]:
    go = asyncio.Event()
    tasks = [asyncio.create_task(table(url, n, go)) for n in names]
    go.set()
    started = time.monotonic()
    done = await asyncio.gather(*tasks)
    everyone = time.monotonic() - started
    rss = [p.memory_info().rss / 2**20 for p in server.children(recursive=True)]
    firsts = [f for f, _ in done]
    return {
        "first_median": statistics.median(firsts),
        "first_max": max(firsts),
        "week_median": statistics.median(w for _, w in done),
        "all_in": everyone,
        "rss_median": statistics.median(rss) if rss else float("nan"),
    }


def serve(saves: Path, session: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "serve", "siloed-marketing", "--host", "127.0.0.1",
         "--port", str(port), "--saves", str(saves), "--session", session, "--tables", "200"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    while not proc.stdout.readline().startswith("silo serve: listening"):
        if proc.poll() is not None:
            sys.exit("the server did not start")
    return proc, f"http://127.0.0.1:{port}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tables", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for label, count in (("one table (reference)", 1), (f"{args.tables} tables", args.tables)):
            proc, url = serve(Path(tmp), f"bench-{count}")
            try:
                names = [f"Table {i + 1}" for i in range(count)]
                found = asyncio.run(room(url, names, psutil.Process(proc.pid)))
            finally:
                proc.send_signal(signal.SIGINT)
                proc.wait(timeout=30)
            print(
                f"{label}: first screen median {found['first_median']:.1f} s, "
                f"slowest {found['first_max']:.1f} s; one week median "
                f"{found['week_median']:.2f} s; all in and a week played "
                f"{found['all_in']:.1f} s; {found['rss_median']:.0f} MB per table"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
