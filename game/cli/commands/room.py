"""`silo room SESSION`: the facilitator's controls and a look at every table.

Pause the room or let it go on, hold every table at a week (a mid-game debrief)
or lift the hold, and say a message every table sees; then, or without any of
these, one line per table: its name, its week and its games. The tables read
the controls from the session's folder (see `game.present.room_control`), so
this works beside a running `silo serve`, from another terminal.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, whole


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "room",
        help="a served session's tables, and the facilitator's controls",
        description="Show every table of a session (`silo serve`) with its week; pause the "
        "room, hold it at a week, or say a message to every table.",
    )
    parser.add_argument("session", metavar="SESSION-FOLDER", help="the folder `silo serve` named")
    pace = parser.add_mutually_exclusive_group()
    pace.add_argument("--pause", action="store_true", help="no table plays a week until --go")
    pace.add_argument("--go", action="store_true", help="let the tables play again")
    cap = parser.add_mutually_exclusive_group()
    cap.add_argument(
        "--cap", type=whole("--cap", 0, 10_000), metavar="WEEK", help="no table plays past WEEK"
    )
    cap.add_argument("--no-cap", action="store_true", help="lift the week cap")
    debrief = parser.add_mutually_exclusive_group()
    debrief.add_argument(
        "--close-debrief", action="store_true", help="tables wait for the debrief until opened"
    )
    debrief.add_argument("--open-debrief", action="store_true", help="tables may open it")
    parser.add_argument("--say", metavar="TEXT", help="a message every table sees")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from game.present.room import SESSION_FILE, Session, game_files
    from game.present.room_control import read_control, write_control
    from game.present.saves import peek

    folder = Path(args.session)
    if not (folder / SESSION_FILE).is_file():
        return fail(f"{args.session}: not a session's folder (no {SESSION_FILE})")
    control = old = read_control(folder)
    if args.pause or args.go:
        control = replace(control, paused=args.pause)
    if args.cap is not None or args.no_cap:
        control = replace(control, week_cap=args.cap)
    if args.close_debrief or args.open_debrief:
        control = replace(control, debrief=args.open_debrief)
    if args.say is not None:
        if not args.say.strip():
            return fail("--say: give the message")
        control = control.said(args.say)
    if control != old:
        try:
            write_control(folder, control)
        except OSError as exc:
            return fail(f"{folder}: {exc.strerror or exc}", ExitCode.FAILURE)
    state = "paused" if control.paused else "playing"
    cap = f", held at week {control.week_cap}" if control.week_cap is not None else ""
    cap += "" if control.debrief else ", debrief closed"
    session = Session(folder, folder.name, "", None, "", 0, "")
    tables = session.tables()
    print(f"session {folder.name}: {state}{cap}; {len(tables)} tables")
    for key in tables:
        games = game_files(session.table_folder(key))
        info = (peek(games[-1]) or {}) if games else {}
        week = info.get("weeks_played", "-")
        print(f"  {session.display_name(key):24}  week {week:>3}  games {len(games)}")
    return int(ExitCode.OK)
