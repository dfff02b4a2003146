"""What seats decide and say, as plain immutable data (the record a seat game replays).

A round's decisions of one seat are its own team's actions, its proposals of
changes that touch several teams, its answers to the proposals put to it, and
its messages to other seats. Each reads from and writes to plain dicts, so a
save is data, never code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sim.actions import Action, ActionError, action_from_dict

MAX_MESSAGES = 5
"""Messages a seat may send in one round (talking costs time; a flood is no plan)."""
MAX_TEXT = 280
"""Longest message, in characters."""


class SeatError(ActionError):
    """A seat's decision the game refuses, with the reason (nothing changes)."""


@dataclass(frozen=True, slots=True)
class Decisions:
    """One seat's decisions for one round."""

    actions: tuple[Action, ...] = ()
    """Changes to its own team, applied at the end of the round."""
    proposals: tuple[Action, ...] = ()
    """Changes that touch several teams: put to them next round, applied only if all
    the teams concerned accept in that round."""
    answers: tuple[tuple[int, bool], ...] = ()
    """(proposal id, accepted) for proposals put to this seat; unanswered is refused."""
    messages: tuple[tuple[str, str], ...] = ()
    """(seat it is for, text): each travels the routes between the two teams."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "actions": [a.to_dict() for a in self.actions],
            "proposals": [a.to_dict() for a in self.proposals],
            "answers": [[pid, ok] for pid, ok in self.answers],
            "messages": [[to, text] for to, text in self.messages],
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "decisions") -> Decisions:
        """Decisions from plain data, or SeatError naming the key that is wrong."""
        if not isinstance(data, dict):
            raise SeatError(f"{where}: expected a table of decisions")
        unknown = sorted(set(data) - {"actions", "proposals", "answers", "messages"})
        if unknown:
            raise SeatError(f"{where}.{unknown[0]}: unknown key")
        actions = tuple(_actions(data.get("actions", []), f"{where}.actions"))
        proposals = tuple(_actions(data.get("proposals", []), f"{where}.proposals"))
        answers = []
        for i, pair in enumerate(_list(data.get("answers", []), f"{where}.answers")):
            if (
                not isinstance(pair, list | tuple)
                or len(pair) != 2
                or not isinstance(pair[0], int)
                or isinstance(pair[0], bool)
                or not isinstance(pair[1], bool)
            ):
                raise SeatError(f"{where}.answers.{i}: expected [proposal id, true or false]")
            answers.append((pair[0], pair[1]))
        messages = []
        for i, pair in enumerate(_list(data.get("messages", []), f"{where}.messages")):
            if (
                not isinstance(pair, list | tuple)
                or len(pair) != 2
                or not all(isinstance(x, str) for x in pair)
            ):
                raise SeatError(f"{where}.messages.{i}: expected [seat, text]")
            messages.append((pair[0], pair[1]))
        return cls(actions, proposals, tuple(answers), tuple(messages))


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise SeatError(f"{where}: expected a list")
    return value


def _actions(value: Any, where: str) -> list[Action]:
    out = []
    for i, item in enumerate(_list(value, where)):
        if not isinstance(item, dict):
            raise SeatError(f"{where}.{i}: expected an action table")
        try:
            out.append(action_from_dict(item))
        except ActionError as exc:
            raise SeatError(f"{where}.{i}.{exc}") from None
    return out


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change one seat put to the teams it touches."""

    id: int
    by: str
    """The seat that proposed it."""
    action: Action
    concerned: tuple[str, ...]
    """Seats that must accept it (the proposer's acceptance is its proposal)."""
    made: int
    """Week it was proposed; it is answered in the round after."""


@dataclass(frozen=True, slots=True)
class Talk:
    """A message from one seat to another, with where the routes took it."""

    id: int
    sender: str
    to: str
    text: str
    week: int
    """Week it was sent (at the end of that week's round)."""
    sent: float
    """Engine hours when it left."""
    arrives: float
    """Engine hours when it reaches the other team (inf: lost on the way)."""
    via: str
    """Route that carried it ('' when lost)."""


@dataclass(frozen=True, slots=True)
class Note:
    """What became of a seat's decision or of a proposal put to it."""

    week: int
    seat: str
    text: str
