"""The command line: the `silo` entry point (`game.cli.silo`) and its subcommands.

`main` is kept here too, so `game.cli.main([...])` and `python -m game.cli`
keep working for scripts and tests written before the layers had folders. It
imports `game.cli.silo` only when called: importing it here would make
`python -m game.cli.silo` load the module twice (runpy warns of that).
"""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run `silo` with `argv` (default: the process's arguments); return the exit code."""
    from game.cli.silo import main as silo_main

    return silo_main(argv)
