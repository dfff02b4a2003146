"""Messages between seats travel the model's routes between their two teams.

A seat's message is news like any other: it tries each route between the
sender's team and the receiver's once (MODEL.md 6, with the sender's
openness), the fastest that gets through carries it, and it may be lost. An
open chat channel or a liaison makes it fast and likely; the hallway alone,
slow and unlikely. Its route is drawn as it leaves: a channel opened later does
not hurry a message already on its way. Its draws are keyed by the message's number in the game
(a fact kind of their own), so no other fact's draw shifts and a replay draws
the same. Writing it costs the sender's team `seat_message_hours`, booked as
coordination in the coming week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.info import MESSAGE, SEAT_TALK

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team


def carry(sim: Simulation, number: int, sender: Team, receiver: Team) -> tuple[float, str]:
    """(arrival time, route) of message `number` sent now (inf, '' when lost)."""
    now = sim.clock.now
    if sender is receiver:
        return now, ""  # two seats of one team since a merge: they sit together
    return sim.net.one_try(
        SEAT_TALK << 40 | number, 0, sender, receiver, now, MESSAGE, sender.openness(sim.p)
    )


def charge(sim: Simulation, number: int, sender: Team) -> None:
    """Book the message's hours on one of the sender's people (in turn, by number)."""
    people = [w for w in sender.members if w.present]
    if people:
        people[number % len(people)].debt_coord += sim.p.seat_message_hours
