"""`silo scenarios`: list the built-in scenarios, one aligned line each."""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Any

HEADERS = ("name", "title", "difficulty", "weeks", "summary")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="list the built-in scenarios",
        description="List the built-in scenarios: name (what other commands take), "
        "title, difficulty, length in weeks and a one-line summary.",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.present.tables import table
    from scenarios.catalog import entries

    rows = [(e.name, e.title, e.difficulty, str(e.weeks), e.summary) for e in entries()]
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    for line in table(HEADERS, rows, width):
        print(line)
    return 0
