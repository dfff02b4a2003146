"""`silo serve`: the game in web browsers, for a workshop room (textual-serve).

Every browser that opens the page gets its own game, a `silo play` process of
its own, so tables do not share a simulation. Each table's game autosaves under
a name of its own (see `game.present.saves.autosave_path`), so after the session
`silo report` can rank them all. Serving to the room means listening on the
network (`--host 0.0.0.0`); the page then has to tell browsers an address they
can reach, which is this machine's address on the local network unless
`--public-url` says otherwise.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import sys
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, whole
from sim.limits import MAX_SEED

SERVED_ENV = "SILO_SERVED"
"""Set for the games a server starts: each then autosaves under its own name."""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the game to web browsers (a workshop room)",
        description="Serve the game to web browsers: every browser gets its own game of the "
        "scenario (or the picker). Games autosave each under its own name in the save folder, "
        "ready for `silo report`. Needs textual-serve: pip install 'silo-sim[serve]'.",
    )
    parser.add_argument("scenario", nargs="?", help="a built-in scenario or a .toml file")
    parser.add_argument(
        "--seed",
        type=whole("--seed", 0, MAX_SEED),
        help="random seed for every table (default: the scenario's)",
    )
    parser.add_argument(
        "--host",
        default="localhost",
        help="address to listen on (default: localhost; 0.0.0.0 for the whole room)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use (default: http://HOST:PORT, with this machine's "
        "network address when HOST is 0.0.0.0)",
    )
    parser.add_argument(
        "--saves",
        metavar="FOLDER",
        help="where the tables' games are saved (default: $SILO_SAVE_DIR or "
        "~/.local/share/silo/saves)",
    )
    parser.set_defaults(handler=handle)


def play_command(scenario: str | None, seed: int | None, saves: str | None) -> str:
    """The shell command each browser's game runs (this Python, this silo)."""
    words = [sys.executable, "-m", "game.cli", "play"]
    if scenario is not None:
        words.append(scenario)
    if seed is not None:
        words += ["--seed", str(seed)]
    if saves is not None:
        words += ["--saves", saves]
    return " ".join(shlex.quote(w) for w in words)


def network_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def port_problem(host: str, port: int) -> str | None:
    """Why the server cannot listen there, or None."""
    if not 1 <= port <= 65535:
        return f"--port must be from 1 to 65535, not {port}"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((host, port))
    except OSError as exc:
        return f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another --port)"
    return None


def handle(args: argparse.Namespace) -> int:
    scenario = args.scenario
    name = "*"
    if scenario is not None:
        from game.cli.commands.common import load_scenario_arg

        # A bad scenario: one line, exit 2 (the dispatcher).
        name = load_scenario_arg(scenario).name
        if Path(scenario).exists():
            scenario = str(Path(scenario).resolve())  # the games may start elsewhere
    saves = str(Path(args.saves).resolve()) if args.saves else None
    if saves is not None and not Path(saves).is_dir():
        return fail(f"--saves {args.saves}: no such folder")
    problem = port_problem(args.host, args.port)
    if problem is not None:
        return fail(problem)
    try:
        from textual_serve.server import Server
    except ImportError:
        return fail("silo serve needs textual-serve: pip install 'silo-sim[serve]'")

    public = args.public_url
    if public is None:
        shown = network_address() if args.host in ("0.0.0.0", "") else args.host
        public = f"http://{shown}:{args.port}"
    os.environ[SERVED_ENV] = "1"  # inherited by every game the server starts
    server = announcing(Server)(
        play_command(scenario, args.seed, saves),
        host=args.host,
        port=args.port,
        title="silo",
        public_url=public,
    )
    from game.present.saves import save_dir

    folder = Path(saves) if saves is not None else save_dir()
    tables = f"autosave-{name}-table-*.json"
    print(f"silo serve: open {public} in each table's browser; Ctrl+C stops the server.")
    print(f"Each table's game saves to {folder}; afterwards, one page for the room:")
    print(f"  silo report {shlex.quote(str(folder))}/{tables} --out room.html", flush=True)
    server.serve()
    return int(ExitCode.OK)


LISTENING = "silo serve: listening"
"""Printed once the server accepts connections: scripts and tests wait for it."""


def announcing(server_class: Any) -> Any:
    """textual-serve's Server, saying when it listens (its own `serve` stays silent then).

    The same steps as `Server.serve` (textual-serve 1.1), with aiohttp's
    after-listening message replaced by ours instead of by nothing.
    """

    class AnnouncingServer(server_class):  # type: ignore[misc,valid-type]
        def serve(self, debug: bool = False) -> None:
            import asyncio
            import signal

            from aiohttp import web

            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:  # Windows: Ctrl-C as KeyboardInterrupt instead
                pass
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda _message: print(f"{LISTENING} on {self.host}:{self.port}", flush=True),
            )

    return AnnouncingServer
