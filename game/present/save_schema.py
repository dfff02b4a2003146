"""The shape of a save file, as a pydantic model: key-path errors and a JSON Schema.

`game.present.saves` checks the format and version by hand first (a save
from a newer silo deserves "upgrade silo", not a list of unknown keys), then
validates the rest here. What a schema cannot say (that the scenario's
horizon bounds the weeks played, that actions come in week order) is checked
after, against the scenario itself. Kept apart from `saves` because pydantic
and the actions' models are too heavy to import before a save is read.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from game.present.saves import VERSION
from sim.actions import ACTION_KINDS, Action

BUILTIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
"""A built-in scenario's name: letters, digits, '-' and '_' only, so never a file path."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class TakenAction(_Model):
    """One decision of the player, with the week it was taken."""

    week: StrictInt = Field(ge=0)
    """The week the decision was taken (it applies as that week is stepped)."""
    action: Action
    """The decision, as a script file writes it (see `silo schema`)."""


class TakenEvent(_Model):
    """A scenario event a session's facilitator injected, with the week it was taken."""

    week: StrictInt = Field(ge=0)
    """The week boundary it applied at (before that week's decisions)."""
    event: dict[str, Any]
    """The event's fields, as a scenario's [[events]] writes them (its week aside)."""


class SaveFile(_Model):
    """A saved game: enough to replay it exactly, nothing that can be recomputed."""

    format: Literal["silo-save"]
    """Always 'silo-save' (saves.FORMAT): tells a save from any other JSON file."""
    version: StrictInt = Field(ge=1, le=VERSION)
    """The save format's version."""
    silo_version: str = ""
    """The silo that wrote it (informative only)."""
    scenario: str | dict[str, Any]
    """A built-in scenario's name, or a scenario's full data (a game played from a file)."""
    seed: StrictInt = Field(ge=0, le=2**63 - 1)
    """The seed of the run."""
    weeks_played: StrictInt = Field(ge=0, le=520)
    """Weeks played so far (at most the scenario's horizon)."""
    actions: tuple[TakenAction, ...]
    """The player's decisions in the order taken."""
    queued: tuple[Action, ...] = ()
    """Decisions queued for the next week, not yet taken (a game saved mid-turn)."""
    events: tuple[TakenEvent, ...] = ()
    """Scenario events injected during play (a served session), in the order taken."""

    @field_validator("scenario", mode="before")
    @classmethod
    def _a_name_is_never_a_path(cls, value: object) -> object:
        # The name is looked up among the built-in files: a path in its place
        # would make a save open any TOML file on the disk.
        if isinstance(value, str) and not BUILTIN_NAME.fullmatch(value):
            raise ValueError(
                f"{value[:80]!r} is not a built-in scenario's name "
                "(a save names one of silo's own scenarios, never a file)"
            )
        return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a save file, for editors and other tools."""
    return SaveFile.model_json_schema()


def parse(data: object) -> SaveFile:
    """Validate plain save data.

    Raises:
        ValueError: the first problem, as one line: its key path, then what is wrong
            (e.g. "actions[2].week: Input should be a valid integer").
    """
    from sim.limits import MAX_TOML_DEPTH
    from sim.scenario import as_tuples, nesting_depth

    # Types are strict, as in a scenario: "shared_weight": true is refused, not 1.0.
    if nesting_depth(data) > MAX_TOML_DEPTH:
        raise ValueError(f"nested more than {MAX_TOML_DEPTH} levels deep")
    try:
        return SaveFile.model_validate(as_tuples(data), strict=True)
    except ValidationError as exc:
        raise ValueError(first_error(exc)) from None


def first_error(exc: ValidationError) -> str:
    """The first error of a validation as 'key.path[i]: message'."""
    error = exc.errors()[0]
    path = key_path(error["loc"])
    message = " ".join(str(error["msg"]).split()).removeprefix("Value error, ")
    # Sequences are tuples for strict validation; in a JSON file they are lists.
    message = message.replace("valid tuple", "valid list")
    return f"{path}: {message}" if path else message


def key_path(loc: tuple[int | str, ...]) -> str:
    """('actions', 2, 'week') as 'actions[2].week'.

    The tags pydantic adds inside a union of actions ('set_goal', or the
    'str' and 'dict' of the scenario's two forms) are left out: they are not
    keys of the file.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ACTION_KINDS or part in ("str", "dict[str,any]"):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out
