"""`silo serve`: a workshop session, the game in the room's web browsers (textual-serve).

A session plays one scenario with one seed for every table. It has a name and a
folder of its own (under the save folder), a join code when the server listens
beyond this machine, and a cap on tables. A browser joins with the code and its
table's name; every table then plays its own game, a `silo play --table`
process saving only into the table's folder (see `game.present.room`), and a
table that reloads or comes back after a restart continues its own game.
Serving to the room means listening on the network (`--host 0.0.0.0`); the page
then has to tell browsers an address they can reach, which is this machine's
address on the local network unless `--public-url` says otherwise.
"""

from __future__ import annotations

import argparse
import shlex
import socket
import sys
import time
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, whole
from sim.limits import MAX_SEED

DEFAULT_TABLES = 30
DEFAULT_WARM = 4
MAX_TABLES = 200
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


EPILOG = """\
examples:
  silo serve siloed-marketing --host 0.0.0.0
                        every table plays its own game; a table joins with a name
  silo serve siloed-marketing --host 0.0.0.0 --seats --bots selfish
                        the room plays one org: each browser takes a team; selfish bots
                        play the teams nobody takes
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the game to web browsers (a workshop room)",
        description="Run a workshop session: tables join from their browsers with the join "
        "code and a table name, and each plays its own game of the scenario, saved in the "
        "session's folder, ready for `silo report`. With --seats the room plays one org "
        "instead, a team per browser. Needs textual-serve: pip install 'silo-sim[serve]'.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", help="a built-in scenario or a .toml file")
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
        help="the folder that holds the session's folder (default: $SILO_SAVE_DIR or "
        "~/.local/share/silo/saves)",
    )
    parser.add_argument(
        "--session",
        metavar="NAME",
        help="the session's name, also its folder's; the same name again continues it "
        "(default: SCENARIO-YYYY-MM-DD)",
    )
    parser.add_argument(
        "--code",
        metavar="CODE",
        help="the join code tables type (default: none on localhost; made up for --host)",
    )
    parser.add_argument(
        "--console-code",
        metavar="CODE",
        help="the facilitator's code, for the console in a browser at /console (default: "
        "the session's, made up at its start; never the join code)",
    )
    parser.add_argument(
        "--tables",
        type=whole("--tables", 1, MAX_TABLES),
        default=DEFAULT_TABLES,
        help=f"most tables that may join (default: {DEFAULT_TABLES})",
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="the facilitator's console in this terminal, beside the server (q stops both); "
        "with --seats, a row per seat",
    )
    parser.add_argument(
        "--rounds",
        action="store_true",
        help="play each week together: the room moves on when every table has submitted "
        "(see silo room)",
    )
    parser.add_argument(
        "--seats",
        action="store_true",
        help="play ONE org together: each browser takes a team (a seat) and sees only what "
        "its team knows; the room plays a week when every seat whose browser is open has sent "
        "its decisions (a closed one's bot plays for it); "
        "teams nobody takes are played by bots",
    )
    parser.add_argument(
        "--bots",
        default="cooperative",
        metavar="BEHAVIOUR",
        help="with --seats: how the bots in empty seats play (cooperative, selfish or par; "
        "default cooperative)",
    )
    parser.add_argument(
        "--warm",
        type=whole("--warm", 0, MAX_TABLES),
        help="tables' games started ahead, so a room joining at once waits less "
        f"(default: {DEFAULT_WARM}, at most --tables; about 80 MB each)",
    )
    parser.set_defaults(handler=handle)


def spare_command(scenario: str, seed: int | None) -> list[str]:
    """The command of a game started ahead of its table (its folder comes on stdin)."""
    words = [sys.executable, "-m", "game.cli", "play", scenario, "--table", "--spare"]
    return [*words, "--seed", str(seed)] if seed is not None else words


def play_command(scenario: str, seed: int | None, table_folder: Path) -> list[str]:
    """The command of one table's game (this Python, this silo), saving in its folder."""
    words = [sys.executable, "-m", "game.cli", "play", scenario, "--table"]
    if seed is not None:
        words += ["--seed", str(seed)]
    return [*words, "--saves", str(table_folder)]


def public_url_problem(url: str) -> str | None:
    """Why browsers could not use `url` as the server's address, or None."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError as exc:
        return f"--public-url {url}: {exc}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--public-url {url}: give the address browsers use, as http://HOST:PORT"
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return f"--public-url {url}: give the server's address only (no path), as http://HOST:PORT"
    return None


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
            # As the server will: a port its last run just closed is free at once.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
    except OSError as exc:
        return f"cannot listen on {host}:{port}: {exc.strerror or exc} (choose another --port)"
    return None


def handle(args: argparse.Namespace) -> int:
    from game.cli.commands.common import load_scenario_arg
    from game.present.room import RoomError, open_session
    from game.present.saves import file_stem, save_dir

    scenario = args.scenario
    # A bad scenario: one line, exit 2 (the dispatcher).
    loaded = load_scenario_arg(scenario)
    name = loaded.name
    if Path(scenario).exists():
        scenario = str(Path(scenario).resolve())  # the games may start elsewhere
    root = Path(args.saves).resolve() if args.saves else save_dir()
    if args.saves is not None and not root.is_dir():
        return fail(f"--saves {args.saves}: no such folder")
    problem = port_problem(args.host, args.port)
    if problem is None and args.public_url is not None:
        problem = public_url_problem(args.public_url)
    if problem is not None:
        return fail(problem)
    try:
        import game.cli.commands.serve_room  # noqa: F401  (textual-serve is there)
    except ImportError:
        return fail("silo serve needs textual-serve: pip install 'silo-sim[serve]'")

    code = args.code
    if code is not None:
        code = code.strip().upper()
        if not code.isalnum() or len(code) > 32:
            return fail(f"--code {args.code}: a join code is letters and digits (at most 32)")
    console_code = args.console_code
    if console_code is not None:
        console_code = console_code.strip().upper()
        if not (console_code.isascii() and console_code.isalnum()) or len(console_code) > 32:
            return fail(
                f"--console-code {args.console_code}: a code is letters and digits (at most 32)"
            )
    if args.seats:
        from sim.seats.bots import BEHAVIOURS

        if args.bots not in BEHAVIOURS:
            return fail(f"--bots {args.bots}: no such bot (choose {', '.join(BEHAVIOURS)})")
        from game.present.seat_room import seat_name_problem

        problem = seat_name_problem(t.name for t in loaded.teams)
        if problem is not None:
            return fail(f"{args.scenario}: {problem}")
    elif args.bots != "cooperative":
        return fail("--bots goes with --seats (bots play the seats nobody takes)")
    session_name = args.session or f"{file_stem(name)}-{time.strftime('%Y-%m-%d')}"
    from game.present import serve_lock

    # One server per session: a second would write the same games and the same save.
    if (root / session_name / "session.json").is_file():
        running = serve_lock.server_of(root / session_name)
        if running is not None:
            return fail(already_served(session_name, running))
    try:
        # Beyond this machine the room's network may reach the server: no code, no table.
        need_code = args.host not in LOCAL_HOSTS
        session = open_session(
            root, session_name, scenario, args.seed, code, args.tables, need_code, console_code,
            args.bots if args.seats else "",
        )  # fmt: skip
    except RoomError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{root / session_name}: {exc.strerror or exc}")
    try:
        lock = serve_lock.hold(session.folder)  # held until this process ends
    except BlockingIOError:
        return fail(already_served(session_name, serve_lock.server_of(session.folder) or 0))
    except OSError as exc:
        return fail(f"{session.folder / serve_lock.LOCK}: {exc.strerror or exc}")

    public = args.public_url.rstrip("/") if args.public_url else None
    if public is None:
        shown = network_address() if args.host in ("0.0.0.0", "") else args.host
        public = f"http://{shown}:{args.port}"
    try:
        if args.seats:
            return serve_seats(session, public, args)
        return serve_tables(session, public, args, scenario, loaded)
    finally:
        if lock is not None:
            lock.close()


def already_served(session: str, pid: int) -> str:
    by = f" (process {pid})" if pid else ""
    return (f"session {session!r} is being served already{by}: one server per session; "
            "stop that one, or choose another --session")  # fmt: skip


def serve_tables(
    session: Any, public: str, args: argparse.Namespace, scenario: str, loaded: Any
) -> int:
    """Every table plays its own game of the scenario (see the module's docstring)."""
    from game.cli.commands.serve_room import SessionServer

    if args.rounds:
        from game.present.room_actions import rounds_in_step

        rounds_in_step(session.folder, None)
    server = SessionServer(
        session,
        lambda key: play_command(scenario, args.seed, session.table_folder(key)),
        loaded.weeks,
        spare_command(scenario, args.seed),
        min(args.tables, DEFAULT_WARM if args.warm is None else args.warm),
        host=args.host,
        port=args.port,
        title="silo",
        public_url=public,
    )
    code_words = f", join code {session.code}" if session.code else ""
    print(f"silo serve: session {session.name}: open {public} at each table{code_words}.")
    print(f"Tables' games save in {session.folder}; Ctrl+C stops the server, every game saved.")
    print(f"Afterwards, one page for the room: silo report {shlex.quote(str(session.folder))} "
          "--out room.html")  # fmt: skip
    print(f"The facilitator's console: silo room {shlex.quote(str(session.folder))} --console",
          flush=True)  # fmt: skip
    print(f"In a browser: {public}/console with the facilitator's code {session.console_code} "
          "(for you only: it is not the join code).", flush=True)  # fmt: skip
    if args.console:
        return serve_with_console(server, session.folder, loaded)
    server.serve()
    return int(ExitCode.OK)


def serve_seats(session: Any, public: str, args: argparse.Namespace) -> int:
    """The room plays one org: the server holds the shared seat game (see serve_seats)."""
    from game.cli.commands.serve_seats import SeatServer
    from game.present.seat_room import SAVE, open_shared
    from sim.scenario import ScenarioError
    from sim.seats import SeatError

    try:
        game = open_shared(session)
    except (SeatError, ScenarioError) as exc:
        return fail(f"{session.folder / SAVE}: {exc}")
    except OSError as exc:
        return fail(f"{session.folder}: {exc.strerror or exc}")
    server = SeatServer(
        session, game, host=args.host, port=args.port, title="silo", public_url=public
    )
    code_words = f", join code {session.code}" if session.code else ""
    teams = ", ".join(game.order)
    print(f"silo serve: session {session.name}: open {public}: each player takes a team "
          f"({teams}){code_words}.")  # fmt: skip
    print(f"One org for the room, at week {game.week} of {game.sim.weeks}; the teams nobody "
          f"takes are played by {session.seats} bots. Saved in {session.folder / SAVE}; "
          "Ctrl+C stops the server.", flush=True)  # fmt: skip
    print(f"The facilitator's console: silo room {shlex.quote(str(session.folder))} --console; "
          f"in a browser: {public}/console with the facilitator's code {session.console_code} "
          "(for you only: it is not the join code).", flush=True)  # fmt: skip
    if args.console:
        return serve_with_console(server, session.folder, game.scenario)
    server.serve()
    return int(ExitCode.OK)


def serve_with_console(server: Any, folder: Path, scenario: Any) -> int:
    """The server in a thread, the facilitator's console in this terminal; quitting the
    console stops the server (every table saved)."""
    import threading

    from game.tui.room_console import console_for

    thread = threading.Thread(
        target=server.serve, kwargs={"beside_console": True}, name="silo-serve", daemon=True
    )
    thread.start()
    try:
        console_for(folder, scenario).run()
    finally:
        server.stop()
        thread.join(timeout=10)
    print(f"silo serve: stopped; the server's lines are in {folder / 'serve.log'}")
    return int(ExitCode.OK)
