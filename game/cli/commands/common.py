"""Helpers shared by the `silo` subcommands: exit codes, errors, argument parsing.

Kept free of heavy imports: every command module imports this at start-up.
"""

from __future__ import annotations

import argparse
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Safe writes live in game.present (saves need them too); re-exported for the commands.
from game.present.files import OutputError, output_problem, write_atomic  # noqa: F401

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


def one_line(text: str) -> str:
    """Collapse a message onto one line, so every error is exactly one line."""
    return " ".join(str(text).split())


def fail(message: str, code: ExitCode = ExitCode.BAD_INPUT) -> int:
    """Print `error: message` as one line on stderr and return the exit code (2)."""
    print(f"error: {one_line(message)}", file=sys.stderr)
    return int(code)


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
    return key, [_toml_value(p) for p in parts]


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


def _toml_value(text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def apply_set(data: dict[str, Any], key: str, value: Any) -> None:
    """Set a dotted `key` in scenario data (as from `Scenario.to_toml_dict()`) in place.

    A path step into a list is an index (`teams.0`), `*` for every item
    (`teams.*.shared_weight`) or an item's `name` (`teams.SEO.shared_weight`).
    Validation of the new value is left to the scenario schema.

    Raises:
        KeyError: a path step that matches nothing; the message names it.
    """
    steps = key.split(".")
    targets: list[Any] = [data]
    for depth, step in enumerate(steps[:-1]):
        nxt: list[Any] = []
        for node in targets:
            nxt.extend(_children(node, step, ".".join(steps[: depth + 1]), create=True))
        targets = nxt
    last = steps[-1]
    for node in targets:
        if isinstance(node, dict):
            node[last] = value
        elif isinstance(node, list):
            for i in _list_indices(node, last, key):
                node[i] = value
        else:
            raise KeyError(f"{key}: {'.'.join(steps[:-1])} is a value, not a table")


def _children(node: Any, step: str, where: str, create: bool) -> list[Any]:
    if isinstance(node, dict):
        if step not in node:
            if not create:
                raise KeyError(f"{where}: no such key")
            node[step] = {}
        return [node[step]]
    if isinstance(node, list):
        return [node[i] for i in _list_indices(node, step, where)]
    raise KeyError(f"{where}: is a value, not a table")


def _list_indices(items: list[Any], step: str, where: str) -> list[int]:
    if step == "*":
        return list(range(len(items)))
    if step.isdigit():
        if int(step) >= len(items):
            raise KeyError(f"{where}: index {step} is past the {len(items)} items")
        return [int(step)]
    named = [i for i, it in enumerate(items) if isinstance(it, dict) and it.get("name") == step]
    if not named:
        raise KeyError(f"{where}: no item named {step!r}")
    return named


def with_overrides(scenario: Scenario, overrides: list[tuple[str, Any]], source: str) -> Scenario:
    """A scenario with `--set` overrides applied and the result validated again.

    Raises:
        ScenarioError: a path that matches nothing, or a value the schema refuses.
    """
    from sim.scenario import ScenarioError, parse_scenario

    if not overrides:
        return scenario
    data = scenario.to_toml_dict()
    for key, value in overrides:
        try:
            apply_set(data, key, value)
        except KeyError as exc:
            raise ScenarioError(str(exc.args[0]), source, "--set") from None
    return parse_scenario(data, source)


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
