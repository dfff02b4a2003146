"""`silo replay GAME.json`: replay a saved game headless and print its figures.

The replay runs the game's own session code (the same weeks, the same
decisions at the same weeks), so the table is the one the debrief showed.
Never imports Textual: it runs where no terminal exists.
"""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.commands.common import ExitCode, fail


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="replay a saved game headless and print its figures",
        description="Replay a saved game exactly (scenario, seed, decisions) without the game's "
        "screen, and print the figures against the do-nothing run and the objectives.",
    )
    parser.add_argument("save", metavar="GAME.json", help="a save written by the game")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.present.saves import SaveError, read_save

    try:
        record = read_save(args.save)
    except SaveError as exc:
        return fail(str(exc))
    from game.present.session import GameSession
    from sim.actions import ActionError

    try:
        session = GameSession.from_record(record)
    except ActionError as exc:
        return fail(f"{args.save}: {exc}")
    from game.present.printable import printable

    # A save is anyone's file: its scenario's title or a name in it could hold
    # escape codes, which would reach the terminal as they are.
    text = "\n".join(replay_lines(session))
    print(printable(text, len(text), keep="\n"))
    return int(ExitCode.OK)


def replay_lines(session: Any) -> list[str]:
    """The replayed game's identity, decisions, figures and objectives, as printed."""
    from game.present.figures import figure_lines, objective_lines
    from game.present.score import headline, score
    from game.present.verbs import describe

    s = session
    name = s.scenario.name
    lines = [
        f"scenario: {name} ({s.scenario.title})" if s.scenario.title else f"scenario: {name}",
        f"seed: {s.seed}",
        f"weeks played: {s.week} of {s.weeks}",
        f"decisions: {len(s.history)}",
    ]
    lines += [f"  week {w}: {describe(a)}" for w, a in s.history]
    if s.week == 0:
        lines.append("\nno weeks played yet: nothing to measure")
        return lines
    turn = s.turn()
    # The debrief's headline: the one score, against do-nothing and (built-ins) par.
    lines += ["", headline(score(turn.weekly, turn.baseline_weekly, turn.par_weekly))]
    lines.append("")
    lines += figure_lines(s.result(), s.baseline.result_at(s.week), s.scenario.currency)
    if turn.objectives:
        lines.append("")
        lines += objective_lines(list(turn.objectives))
    return lines
