"""Bots for empty seats: named behaviours that decide from the seat's view alone.

A bot sees what a human in its seat would see (its `SeatView`) and nothing
more, so a room of any size plays the same silo. Each is a plain function of
the view and the table's rules, with no random draws, so a game replays.
- **selfish**: maximises its own channel's measure: goals fully local, no
  proposal accepted, and it drops the chat and meetings that cost its people
  hours.
- **cooperative**: follows shared goals: its goal mostly shared, every
  proposal the org can take accepted, and a chat opened with a team it waits
  on when nothing faster than email links them.
- **par**: plays its team's share of the scenario's par plan: its own steps
  when par takes them, the cross-team steps proposed by the first par seat,
  and par's proposals accepted, others refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sim.actions import Action, AddLink, RemoveLink, SetGoal
from sim.seats.records import Decisions, SeatError
from sim.seats.scope import OWN
from sim.seats.view import SeatView

BEHAVIOURS = ("selfish", "cooperative", "par")
"""The bots a seat can be played by ('bot:<name>')."""

COOPERATIVE_WEIGHT = 0.6
"""The goal weight a cooperative bot keeps (inside the band MODEL.md finds best)."""
COOPERATIVE_LINKS = 2
"""Chat channels a cooperative bot opens at most over a game."""
FAST = ("chat", "meeting", "liaison")


@dataclass(frozen=True)
class Table:
    """What a bot may ask of the game besides its view: the rules, not the state."""

    scope: Callable[[Action], tuple[str, tuple[str, ...]]]
    """OWN or PROPOSAL for the bot's team (SeatError: not its decision)."""
    refused: Callable[[Action], str | None]
    """Why the org cannot take an action now (None: it can)."""
    par: tuple[tuple[int, Action], ...]
    """The par plan's steps (empty without one)."""
    lead_par: bool
    """Whether this seat proposes par's cross-team steps (the first par seat)."""


def decide(behaviour: str, view: SeatView, table: Table) -> Decisions:
    """The bot's decisions for this round."""
    if behaviour == "selfish":
        return _selfish(view, table)
    if behaviour == "cooperative":
        return _cooperative(view, table)
    if behaviour == "par":
        return _par(view, table)
    raise SeatError(f"unknown bot {behaviour!r} (bots: {', '.join(BEHAVIOURS)})")


def _answers(view: SeatView, accept: Callable[[Action], bool]) -> tuple[tuple[int, bool], ...]:
    return tuple((p.id, accept(p.action)) for p in view.proposals)


def _selfish(view: SeatView, table: Table) -> Decisions:
    team = view.team
    actions: list[Action] = []
    if team.shared_weight > 0 or team.kpi != "channel":
        actions.append(SetGoal(team=team.name, shared_weight=0.0, kpi="channel"))
    for link in view.links:
        if link.kind in ("chat", "meeting") and "*" not in link.teams:
            drop = RemoveLink(kind=link.kind, teams=link.teams)
            if table.refused(drop) is None:
                actions.append(drop)
                break  # one a round: it notices what each costs
    return Decisions(actions=tuple(actions), answers=_answers(view, lambda a: False))


def _cooperative(view: SeatView, table: Table) -> Decisions:
    team = view.team
    actions: list[Action] = []
    if team.shared_weight < COOPERATIVE_WEIGHT:
        actions.append(SetGoal(team=team.name, shared_weight=COOPERATIVE_WEIGHT))
    chats = sum(1 for lk in view.links if lk.kind == "chat" and "*" not in lk.teams)
    if chats < COOPERATIVE_LINKS:
        fast = {t for lk in view.links if lk.kind in FAST for t in lk.teams}
        for other in _waited_on(view):
            if other in fast or other == team.name or other not in view.teams:
                continue
            chat = AddLink(kind="chat", teams=(team.name, other))
            if table.refused(chat) is None:
                actions.append(chat)
                break
    return Decisions(
        actions=tuple(actions), answers=_answers(view, lambda a: table.refused(a) is None)
    )


def _waited_on(view: SeatView) -> list[str]:
    """Teams the seat's waiting tasks need inputs from, most needed first."""
    counts: dict[str, int] = {}
    for line in view.team.awaiting:
        for part in line.split(" needs ", 1)[-1].split(", "):
            name = part.rsplit(" from ", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def _par(view: SeatView, table: Table) -> Decisions:
    actions: list[Action] = []
    proposals: list[Action] = []
    for week, action in table.par:
        if week != view.week:
            continue
        try:
            kind, _ = table.scope(action)
        except SeatError:
            continue  # another team's own step: theirs to take
        if table.refused(action) is not None:
            continue  # the org as played is not par's (a person par names has left)
        if kind == OWN:
            actions.append(action)
        elif table.lead_par:
            proposals.append(action)
    planned = [a for _, a in table.par]
    return Decisions(
        actions=tuple(actions),
        proposals=tuple(proposals),
        answers=_answers(view, lambda a: a in planned),
    )
