"""`silo play` (and `silo` alone): open the game.

The arguments are checked before the screen takes over, so a bad scenario or
save gives one line and exit code 2 in the shell, not a message inside the
game. Textual and the engine are imported inside `handle` only.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, whole
from sim.limits import MAX_SEED

EPILOG = """\
examples:
  silo                              pick a scenario
  silo play siloed-marketing        straight to its briefing
  silo play my-org.toml --seed 7
  silo play --load game.json        continue a saved game
  silo play siloed-marketing --seat SEO --bots selfish
                                    play SEO alone from inside its silo, bots in the rest
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "play",
        help="open the game (the default command)",
        description="Play a scenario in the terminal: restructure the org week by week and "
        "see what changes against doing nothing.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "scenario", nargs="?", help="a built-in scenario or a .toml file (default: pick one)"
    )
    parser.add_argument(
        "--seed", type=whole("--seed", 0, MAX_SEED), help="random seed (default: the scenario's)"
    )
    parser.add_argument("--load", metavar="GAME.json", help="continue a saved game")
    parser.add_argument(
        "--saves",
        metavar="FOLDER",
        help="where games are saved (default: $SILO_SAVE_DIR or ~/.local/share/silo/saves)",
    )
    parser.add_argument(
        "--seat",
        metavar="TEAM",
        help="play one team of the org, seeing only what it knows; bots play the others",
    )
    parser.add_argument(
        "--bots",
        default="cooperative",
        metavar="BEHAVIOUR",
        help="with --seat: how the bots play (cooperative, selfish or par; default cooperative)",
    )
    # A table of `silo serve`: SAVES is the table's own folder (see game.present.room).
    parser.add_argument("--table", action="store_true", help=argparse.SUPPRESS)
    # A table's game started ahead of its table (`silo serve`'s pool): it loads
    # everything, then waits for its table's folder and terminal size on stdin.
    parser.add_argument("--spare", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.seat is not None and args.table:
        return _room_seat(args)
    if args.seat is not None:
        return _solo(args)
    if args.load is not None:
        from game.present.seat_play import is_seat_save

        if is_seat_save(Path(args.load)):
            return _solo_again(args)
    if args.load is not None and args.scenario is not None:
        return fail("give a scenario or --load, not both")
    replayed = None
    if args.load is not None:
        from game.present.saves import SaveError, read_save
        from game.present.serve_lock import served_session

        served = served_session(Path(args.load))
        if served is not None:  # a table's game: its table plays it in the room
            return fail(served_words(args.load, *served))
        from game.present.session import GameSession
        from sim.actions import ActionError

        # A bad save is refused here, in one line: its file, and for an action the
        # org refuses on replay, the week and the reason. The game takes the replay.
        try:
            replayed = GameSession.from_record(read_save(args.load))
        except SaveError as exc:
            return fail(str(exc))
        except ActionError as exc:
            return fail(f"{args.load}: {exc}")
    elif args.scenario is not None:
        from game.cli.commands.common import load_scenario_arg

        load_scenario_arg(args.scenario)  # ScenarioError: one line, exit 2 (the dispatcher)
    if args.table:
        if args.scenario is None or (args.saves is None and not args.spare):
            return fail("--table needs a scenario and --saves (the table's folder)")
        from game.cli.commands.orphan import end_with_server

        end_with_server()
        if args.spare:
            from game.cli.commands.serve_pool import wait_for_table

            args.saves = wait_for_table(args.scenario)
            if args.saves is None:
                return int(ExitCode.OK)  # the server ended the pool
    from game.tui.app import SiloApp

    saves = Path(args.saves) if args.saves else None
    app = SiloApp(
        args.scenario, seed=args.seed, load=args.load, replayed=replayed, saves=saves,
        table=args.table,
    )  # fmt: skip
    app.run()
    if app.last_saved is not None and not args.table:
        # The screen is gone: the shell keeps where the game is and how to go on with it.
        import shlex

        print(f"Your game is saved in {app.last_saved}")
        print(f"Go on with it: silo play --load {shlex.quote(str(app.last_saved))}")
    # Textual ends the app on an error it did not expect (and shows the traceback,
    # which a bug report needs) with a return code of 1: the shell hears it too.
    return int(ExitCode.FAILURE) if app.return_code else int(ExitCode.OK)


def _solo(args: argparse.Namespace) -> int:
    """One seat against bots: checked here, so a bad team or bot is one line in the shell."""
    if args.scenario is None or args.load is not None or args.table:
        return fail("--seat needs a scenario (and neither --load nor --table)")
    from game.present.saves import save_dir
    from game.present.seat_play import new_save, start_solo
    from sim.seats import SeatError

    try:
        game = start_solo(args.scenario, args.seat, args.bots, args.seed)
    except SeatError as exc:
        return fail(f"--seat/--bots: {exc}")
    from game.tui.seat_app import SeatApp

    folder = Path(args.saves) if args.saves else save_dir()
    try:
        saved = new_save(folder, game, args.seat)
    except OSError as exc:  # OutputError too: the folder cannot hold saves
        return fail(f"--saves: {exc}")
    app = SeatApp(game, args.seat, saved)
    app.run()
    return int(ExitCode.FAILURE) if app.return_code else int(ExitCode.OK)


def _solo_again(args: argparse.Namespace) -> int:
    """Continue a seat game from its save (replayed exactly), in its human seat."""
    if args.scenario is not None or args.table:
        return fail("give a scenario or --load, not both")
    from game.present.seat_play import load_game
    from game.present.serve_lock import served_session
    from sim.scenario import ScenarioError
    from sim.seats import SeatError

    served = served_session(Path(args.load))
    if served is not None:  # two writers of one save: the server's rounds would be lost
        return fail(served_words(args.load, *served))
    try:
        game = load_game(Path(args.load))
    except (SeatError, ScenarioError) as exc:
        return fail(f"{args.load}: {exc}")
    if not game.humans:
        return fail(f"{args.load}: no seat in it is played by a human")
    from game.tui.seat_app import SeatApp

    app = SeatApp(game, game.humans[0], Path(args.load))
    app.run()
    return int(ExitCode.FAILURE) if app.return_code else int(ExitCode.OK)


def _room_seat(args: argparse.Namespace) -> int:
    """One seat of a room playing one org (`silo serve --seats`): SAVES is the session's
    folder; the shared game is the server's, this process only reads it and sends its
    seat's decisions (see game.present.seat_room)."""
    if args.saves is None or args.scenario is not None or args.load is not None:
        return fail("--table --seat needs --saves (the session's folder) and nothing else")
    from game.cli.commands.orphan import end_with_server
    from game.present.seat_room import SeatLink
    from sim.scenario import ScenarioError
    from sim.seats import SeatError

    end_with_server()
    link = SeatLink(Path(args.saves), args.seat)
    try:
        game = link.load()
    except (SeatError, ScenarioError) as exc:
        return fail(f"{args.saves}: {exc}")
    from game.tui.seat_app import SeatApp

    app = SeatApp(game, args.seat, room=link)
    app.run()
    return int(ExitCode.FAILURE) if app.return_code else int(ExitCode.OK)


def served_words(save: str, session: Path, pid: int) -> str:
    by = f" (process {pid})" if pid else ""
    return (f"{save}: session {session.name} is being served{by} and its server writes this "
            "save; play it in the room, or stop the server first")  # fmt: skip
