"""Helpers shared by the `silo` subcommands: exit codes, errors, argument parsing.

Kept free of heavy imports: every command module imports this at start-up.
"""

from __future__ import annotations

import argparse
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.commands.interrupts import stop_if_interrupted

# Safe writes live in game.present (saves need them too); re-exported for the commands.
from game.present.files import OutputError, output_problem  # noqa: F401
from game.present.files import write_atomic as _write_atomic

if TYPE_CHECKING:
    from sim.scenario import Scenario


class ExitCode(IntEnum):
    """What `silo` returns to the shell."""

    OK = 0
    FAILURE = 1
    """Something went wrong that is not the user's input (disk full, missing part)."""
    BAD_INPUT = 2
    """A bad argument or file; argparse uses 2 for usage errors too."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT), as shells report it."""
    TERMINATED = 143
    """SIGTERM (128 + 15) to a batch command, which stops as on Ctrl-C."""


MAX_MESSAGE = 240
"""Longest error line: a value quoted in a message (a huge --set, a long list
of choices) is cut rather than filling the terminal."""


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """A message as one printable line of at most `limit` characters.

    Whitespace collapses to single spaces, and any other control character
    (an escape code in a file or save name) becomes '?', so nothing printed
    can move the cursor or recolour the user's terminal.
    """
    from game.present.printable import printable

    return printable(" ".join(str(text).split()), limit)


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> int:
    """Print `error: message` as one line on stderr and return the exit code (2)."""
    print(f"error: {one_line(message)}", file=sys.stderr)
    return int(code)


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write a command's output atomically; a Ctrl-C during the work replaces nothing."""
    _write_atomic(path, text, before_replace=stop_if_interrupted)


def load_scenario_arg(text: str) -> Scenario:
    """A scenario from a command-line argument: a built-in name or a file path.

    Raises:
        ScenarioError: unknown name, unreadable or invalid file (names file and key).
    """
    from sim import load_scenario

    return load_scenario(text)


def parse_set(text: str) -> tuple[str, list[Any]]:
    """Split a `--set KEY=VALUE[,VALUE...]` argument into a key and its values.

    Values are read as TOML values where they parse (`0.5`, `true`, `"x"`,
    `[1, 2]`) and as plain strings otherwise, so `--set teams.SEO.kpi=campaign`
    works without quotes. Commas split values outside brackets and quotes.
    The key is checked later, against the scenario, by
    `sim.experiment.with_overrides`: every command applies overrides there, so
    a misspelt key gets the same answer from each.

    Raises:
        ValueError: no `=`, an empty key or an empty value.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ValueError(f"--set {text!r}: expected KEY=VALUE, e.g. params.campaigns_per_week=2")
    parts = _split_values(raw)
    if not parts or any(p == "" for p in parts):
        raise ValueError(f"--set {text!r}: empty value")
    return key, [_toml_value(p, key) for p in parts]


ONE_VALUE_HINT = "one value per key here (a grid of values: silo sweep)"


def one_value_set(text: str) -> tuple[str, Any]:
    """An argparse type for `--set KEY=VALUE` with exactly one value (run, compare)."""
    try:
        key, values = parse_set(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if len(values) != 1:
        raise argparse.ArgumentTypeError(f"--set {text!r}: {ONE_VALUE_HINT}")
    return key, values[0]


def values_set(text: str) -> tuple[str, list[Any]]:
    """An argparse type for `--set KEY=V1,V2,...`, a key and its values (sweep)."""
    try:
        return parse_set(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _split_values(raw: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for ch in raw:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    parts.append("".join(current).strip())
    return parts


def _toml_value(text: str, key: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    except ValueError:  # tomllib lets Python's digit limit through as a bare ValueError
        from sim.limits import MAX_NUMBER_DIGITS

        raise ValueError(f"--set {key}: a number longer than {MAX_NUMBER_DIGITS} digits") from None
    except RecursionError:  # thousands of brackets: the parser recurses once per level
        raise ValueError(f"--set {key}: the value is nested too deeply") from None


def read_toml_file(path: str | Path) -> dict[str, Any]:
    """Read a small TOML data file (a script, a sweep) with one-line errors.

    Raises:
        ScenarioError: missing, unreadable, too large, empty, not UTF-8 or not TOML;
            the error's source is the file.
    """
    from sim.scenario import read_toml

    return read_toml(path)


def whole(name: str, low: int, high: int) -> Any:
    """An argparse type: a whole number from low to high, or a one-line usage error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            message = f"{name} must be a whole number, not {text!r}"
            raise argparse.ArgumentTypeError(message) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be from {low} to {high:,}, not {value}")
        return value

    return parse
