"""`silo validate FILE`: check a scenario file and say what it holds, or what is wrong."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a scenario file",
        description="Check a scenario file against the schema and its cross-references. "
        "Prints one OK line, or one error line naming the file and the key (exit code 2).",
    )
    parser.add_argument("file", help="a scenario TOML file (or a built-in scenario's name)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.cli.commands.common import load_scenario_arg
    from game.present.printable import printable

    scn = load_scenario_arg(args.file)  # ScenarioError reaches the CLI's one-line handler
    people = sum(t.head_count for t in scn.teams)
    templates = len(scn.demand.templates)
    shown = printable(args.file, 4096)
    print(
        f"OK {shown}: scenario {scn.name!r}, {_count(len(scn.teams), 'team')}, "
        f"{_count(people, 'person', 'people')}, {_count(templates, 'campaign template')}, "
        f"{_count(scn.weeks, 'week')}"
    )
    return 0


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
