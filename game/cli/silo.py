"""The `silo` command: parse the command line and hand over to a subcommand.

Each subcommand is a module in `game.cli.commands` that builds its own parser
(`add_parser`) and does the work (`handle`). This module only imports those
light modules, so `silo --help` never loads numpy, SimPy or Textual. It is also
the one place where errors become messages: a bad scenario, action, argument or
file gives one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from game.cli.commands.common import ExitCode, OutputError, fail, one_line
from game.cli.commands.interrupts import (
    catch_interrupts,
    catch_terminate,
    exit_interrupted,
    interrupted,
    interrupted_by,
    stop_if_interrupted,
)

OWN_SIGTERM = frozenset({"play", "serve"})
"""Commands that keep SIGTERM's own meaning: the game's app (Textual's way out, which a
served table's game relies on) and the server (which ends its tables on it)."""

# Subcommands in the order `silo --help` lists them. Modules that are not
# there (yet) are skipped, so each part of silo can land on its own.
COMMANDS: tuple[str, ...] = (
    "play",
    "scenarios",
    "run",
    "compare",
    "sweep",
    "experiment",
    "sensitivity",
    "search",
    "validate",
    "schema",
    "replay",
    "report",
    "serve",
    "room",
)

# Errors a user can fix, by module and class; see `_user_error_code`.
USER_ERRORS = (
    ("sim.scenario", "ScenarioError"),
    ("sim.actions", "ActionError"),
    ("sim.executors", "ExperimentError"),  # e.g. an unreachable Dask scheduler
)

DESCRIPTION = (
    "Simulate organizational silos in a marketing department and practise breaking them "
    "down. Without a command, opens the game."
)


class Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line (and exit code 2)."""

    def error(self, message: str) -> NoReturn:
        hint = f" (see '{self.prog} --help')"
        self.exit(int(ExitCode.BAD_INPUT), f"error: {one_line(message)}{hint}\n")


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show silo's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from game.present.version import silo_version

        print(f"silo {silo_version()}")
        parser.exit()


def _missing_play(args: argparse.Namespace) -> int:
    return fail(
        "the game is not part of this installation (game.cli.commands.play is missing); "
        "headless commands still work, see 'silo --help'",
        ExitCode.FAILURE,
    )


def build_parser() -> Parser:
    """The full `silo` parser, with every subcommand that is installed."""
    parser = Parser(prog="silo", description=DESCRIPTION)
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if importlib.util.find_spec(f"game.cli.commands.{name}") is not None:
            module = importlib.import_module(f"game.cli.commands.{name}")
            module.add_parser(sub)
        elif name == "play":
            play = sub.add_parser("play", help="open the game (not installed)")
            play.add_argument("scenario", nargs="?")
            play.set_defaults(handler=_missing_play)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `silo` with `argv` (default: the process's arguments); return the exit code."""
    try:
        # Inside the try: a Ctrl-C before the handler is in place is still one line.
        catch_interrupts()
        args_list = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser()
        if not args_list:
            args_list = ["play"]  # `silo` alone opens the game
        args = parser.parse_args(args_list)
        if argv is None and args.command not in OWN_SIGTERM:
            catch_terminate()  # silo's own process: SIGTERM ends a batch command as Ctrl-C does
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return int(ExitCode.OK)
        code = int(handler(args))
        stop_if_interrupted()  # a Ctrl-C whose exception was lost on the way still counts
        return code
    except KeyboardInterrupt:
        return _interrupted(argv)
    except BrokenPipeError:
        # `silo schema | head`: the reader left; not an error worth a message.
        _silence_stdout()
        return int(ExitCode.OK)
    except Exception as exc:
        if interrupted():
            # A Ctrl-C raised inside a library can come out wrapped (pydantic-core
            # reports one during a validator's build as a SchemaError): it was the Ctrl-C.
            return _interrupted(argv)
        user_code = _user_error_code(exc)
        if user_code is None:
            raise  # a bug: let the traceback show, it is what a bug report needs
        return fail(str(exc), user_code)


def _interrupted(argv: Sequence[str] | None) -> int:
    code, word = interrupted_by()
    print(word, file=sys.stderr)
    if argv is None:  # silo's own process, not `main([...])` called from Python
        exit_interrupted()
    return code


def _user_error_code(exc: Exception) -> ExitCode | None:
    """The exit code for an error the user can fix, or None for a bug.

    The error classes are looked up in `sys.modules` instead of imported: if
    `sim` was never loaded, the exception cannot be one of its errors, and
    importing it here would slow every command's start-up.
    """
    user_errors: list[type[BaseException]] = []
    for module_name, class_name in USER_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None:
            user_errors.append(getattr(module, class_name))
    if isinstance(exc, (OutputError, *user_errors)):
        return ExitCode.BAD_INPUT
    if isinstance(exc, OSError):
        return ExitCode.FAILURE
    return None


def _silence_stdout() -> None:
    import os

    # Python would complain again while flushing stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    raise SystemExit(main())
