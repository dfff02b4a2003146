"""`silo room SESSION`: the facilitator's controls and a look at every table.

Rounds in step (with a timer, or ended by hand), pause the room or let it go on,
hold every table at a week (a mid-game debrief) or lift the hold, say a message
every table sees, inject one of the scenario's events into every table at once;
then, or without any of these, one line per table: its name, its week, whether
its decisions are in, its efficiency against do-nothing and par, its engagement
and its last decision. `--console` opens the same as a live screen. The tables
read the controls from the session's folder (see `game.present.room_control`),
so this works beside a running `silo serve`, from another terminal.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import ExitCode, fail, whole

if TYPE_CHECKING:
    from game.present.room_status import TableStatus
    from sim.scenario import Scenario


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "room",
        help="a served session's tables, and the facilitator's controls",
        description="Show every table of a session (`silo serve`) with its week and score; "
        "play rounds in step, pause the room, hold it at a week, say a message to every "
        "table or inject one of the scenario's events; --console for a live screen.",
    )
    parser.add_argument("session", metavar="SESSION-FOLDER", help="the folder `silo serve` named")
    parser.add_argument(
        "--console", action="store_true", help="the facilitator's console: every table, live"
    )
    rounds = parser.add_mutually_exclusive_group()
    rounds.add_argument(
        "--rounds", action="store_true", help="rounds in step: the room plays each week together"
    )
    rounds.add_argument("--free", action="store_true", help="each table at its own pace again")
    rounds.add_argument(
        "--next",
        action="store_true",
        help="end the round now: every table plays the week (seats: bots play the seats not in)",
    )
    parser.add_argument(
        "--timer",
        type=whole("--timer", 0, 24 * 3600),
        metavar="SECONDS",
        help="a round ends after SECONDS even if a table has not submitted (seats: their "
        "bots play it) (0: no timer)",
    )
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
    parser.add_argument(
        "--inject",
        metavar="EVENT",
        help="one of the scenario's events for every table at the room's week "
        "(--events lists them)",
    )
    parser.add_argument(
        "--events", action="store_true", help="list the events --inject can give the room"
    )
    parser.set_defaults(handler=handle)


def session_scenario(folder: Path) -> Scenario:
    """The scenario the session plays (ScenarioError: its file is gone or broken)."""
    from game.cli.commands.common import load_scenario_arg
    from game.present.room import SESSION_FILE

    data = json.loads((folder / SESSION_FILE).read_text(encoding="utf-8"))
    return load_scenario_arg(str(data["scenario"]))


def handle(args: argparse.Namespace) -> int:
    from game.present import room_actions as act
    from game.present.room import SESSION_FILE

    folder = Path(args.session)
    if not (folder / SESSION_FILE).is_file():
        return fail(f"{args.session}: not a session's folder (no {SESSION_FILE})")
    if args.say is not None and not args.say.strip():
        return fail("--say: give the message")
    try:
        scenario = session_scenario(folder)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return fail(f"{folder / SESSION_FILE}: cannot read the session's scenario ({exc})")
    from game.present.seat_room import SAVE

    seats = (folder / SAVE).exists()
    if seats and (problem := not_for_seats(args)) is not None:
        return fail(problem)
    if args.console:
        from game.cli.commands.orphan import end_with_server
        from game.tui.room_console import console_for

        end_with_server()  # served in a browser by `silo serve`: it ends with the server

        console_for(folder, scenario).run()
        return int(ExitCode.OK)
    if args.events:
        from game.present.room_events import event_choices

        for label, _ in event_choices(scenario):
            print(label)
        return int(ExitCode.OK)
    seconds = (args.timer or None) if args.timer is not None else None
    try:
        if args.rounds:
            act.rounds_in_step(folder, seconds)
        elif args.timer is not None:
            act.set_timer(folder, seconds)
        if args.free:
            act.free_play(folder)
        if args.pause or args.go:
            act.pause(folder, args.pause)
        if args.cap is not None or args.no_cap:
            act.cap(folder, args.cap)
        if args.close_debrief or args.open_debrief:
            act.debrief(folder, args.open_debrief)
        if args.say is not None:
            act.say(folder, args.say)
        if args.inject is not None:
            _, week = act.inject(folder, scenario, args.inject)
            print(f"every table takes {args.inject} as week {week} ends")
        if args.next and seats:
            from game.present.seat_room import read_round

            act.end_seat_round(folder, read_round(folder).week)
        elif args.next:
            act.end_round(folder, scenario.weeks)
    except ValueError as exc:
        return fail(f"--inject: {exc}")
    except OSError as exc:
        return fail(f"{folder}: {exc.strerror or exc}", ExitCode.FAILURE)
    for line in room_lines(folder):
        print(line)
    return int(ExitCode.OK)


def not_for_seats(args: argparse.Namespace) -> str | None:
    """Why an option of a room of tables does not apply to a room of seats, or None."""
    why = {
        "rounds": "a room of seats always plays each week together",
        "free": "a room of seats always plays each week together",
        "inject": "the shared game of seats cannot take an injected event (its save holds "
        "only the seats' decisions)",
        "events": "the shared game of seats cannot take an injected event",
        "close_debrief": "a seat's debrief is its reveal, at the end of the game",
        "open_debrief": "a seat's debrief is its reveal, at the end of the game",
    }
    for name, reason in why.items():
        if getattr(args, name) not in (None, False):
            return f"--{name.replace('_', '-')} goes with a room of tables: {reason}"
    return None


def room_lines(folder: Path) -> list[str]:
    """The room in lines: its state, then one line per table."""
    from game.present.room import Session
    from game.present.room_actions import state_words, statuses
    from game.present.room_control import read_control
    from game.present.seat_room import SAVE
    from game.present.seat_status import seat_lines, seat_state_words

    control = read_control(folder)
    if (folder / SAVE).exists():
        return seat_lines(folder, seat_state_words(control))
    seen = statuses(folder)
    session = Session(folder, folder.name, "", None, "", 0, "")
    lines = [f"session {folder.name}: {state_words(control)}; {len(seen)} tables"]
    for key, status in seen.items():
        lines.append("  " + table_line(session.display_name(key), status))
    return lines


def table_line(name: str, status: TableStatus | None) -> str:
    if status is None:
        return f"{name:24}  week   -"
    ready = "in " if status.submitted else "   "

    def fig(x: float | None) -> str:
        return f"{x:7.2f}" if x is not None else "      -"

    last = status.decisions[-1] if status.decisions else ""
    return (
        f"{name:24}  week {status.week:>3} {ready} eff {fig(status.efficiency)}  do-nothing "
        f"{fig(status.do_nothing)}  par {fig(status.par)}  engagement {fig(status.engagement)}"
        f"  {last}"
    ).rstrip()
