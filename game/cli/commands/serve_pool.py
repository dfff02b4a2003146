"""Tables' games started before their tables join: a room joining at once waits less.

A game's process spends most of its start importing Python (Textual, the
engine, numpy, pydantic) and reading the scenario. `silo serve` keeps a few
such processes ready (`--warm`): each has done that work and waits on its stdin
for one line naming its table's folder and terminal size. A table that joins
takes a ready one; the pool fills again once joining has quietened down, so the
refills never compete with the tables that are starting; spares start one at a
time, each when the last has loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual_serve.app_service import AppService

QUIET_SECONDS = 3.0
"""The pool refills after this long without a table joining."""
MAX_LINE = 4096
MAX_FAILURES = 3
READY = b"."
"""What a spare writes when it has loaded: the pool starts the next one only then, so
filling it takes one core at most, never the room's two."""


def wait_for_table(scenario: str) -> str | None:
    """In a spare game: load what a game needs, then wait for the table's line; its folder
    (None: the pool closed without a table). Sets the terminal size for the web driver."""
    from game.cli.commands.common import load_scenario_arg
    from game.tui.app import preload

    preload()

    load_scenario_arg(scenario)
    os.write(1, READY)  # read by the pool, before the web driver's first byte
    line = b""
    # Byte by byte: what follows the line is the web driver's, read from the same fd.
    while not line.endswith(b"\n") and len(line) < MAX_LINE:
        byte = os.read(0, 1)
        if not byte:
            return None
        line += byte
    data = json.loads(line)
    os.environ["COLUMNS"], os.environ["ROWS"] = str(data["width"]), str(data["height"])
    return str(data["saves"])


class TablePool:
    """Spare games of one session's scenario, ready for the next tables."""

    def __init__(self, argv: list[str], size: int) -> None:
        self.argv = argv
        self.size = size
        self.spares: list[asyncio.subprocess.Process] = []
        self._joined = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.size:
            self._task = asyncio.ensure_future(self._keep_full())

    async def _keep_full(self) -> None:
        failed = 0
        while True:
            while len(self.spares) < self.size:
                spare = await self._spawn()
                if await self._loaded(spare):
                    self.spares.append(spare)
                    failed = 0
                elif (failed := failed + 1) >= MAX_FAILURES:
                    return  # a game that cannot start: tables start theirs on demand, and say why

            self._joined.clear()
            await self._joined.wait()
            while True:  # wait for the room to quieten down
                self._joined.clear()
                try:
                    await asyncio.wait_for(self._joined.wait(), QUIET_SECONDS)
                except TimeoutError:
                    break

    async def _spawn(self) -> asyncio.subprocess.Process:
        env = AppService._build_environment(SimpleNamespace(debug=False))  # type: ignore[arg-type]
        return await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )

    async def _loaded(self, spare: asyncio.subprocess.Process) -> bool:
        """Wait for the spare to say it has loaded (False: it ended instead)."""
        assert spare.stdout is not None
        try:
            return await spare.stdout.readexactly(len(READY)) == READY
        except asyncio.IncompleteReadError:
            await spare.wait()
            return False

    async def take(self, table_folder: Path, width: int, height: int) -> Any:
        """A ready game for this table, started; None when none is ready."""
        self._joined.set()
        while self.spares:
            spare = self.spares.pop(0)
            if spare.returncode is not None or spare.stdin is None:
                continue
            line = {"saves": str(table_folder), "width": width, "height": height}
            try:
                spare.stdin.write(json.dumps(line).encode() + b"\n")
                await spare.stdin.drain()
            except (ConnectionError, RuntimeError):
                continue
            return spare
        return None

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for spare in self.spares:
            if spare.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    spare.kill()
                await spare.wait()
        self.spares.clear()
