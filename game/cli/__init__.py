"""The command line: the `silo` entry point (`game.cli.silo`) and its subcommands.

`main` is re-exported so `game.cli.main([...])` and `python -m game.cli` keep
working for scripts and tests written before the layers had folders.
"""

from game.cli.silo import main

__all__ = ["main"]
