"""celebrate: celebrate the wins since the last celebration, together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import Celebrate
from sim.verbs.base import Verb, money

if TYPE_CHECKING:
    from sim.engine import Simulation


class CelebrateVerb(Verb[Celebrate]):
    kind = "celebrate"

    def price(self, sim: Simulation, a: Celebrate) -> list[str]:
        wins = sim.staff.wins_since_celebration
        lift = sim.staff.celebration_lift()
        people = len(sim.org.present_workers())
        hours = (
            f"{sim.p.celebrate_hours:g} h of everyone's time ({people} people) and "
            f"{money(sim, people * sim.p.celebrate_spend)} on food and drinks"
        )
        if wins == 0:
            return [
                f"Nothing won since the last one: a hollow celebration, target {lift:+.2f}",
                hours,
            ]
        return [
            f"{wins} win{'s' if wins != 1 else ''} to celebrate: engagement target {lift:+.2f}, "
            "wearing off over weeks"
            " (less if the last celebration was recent)",
            hours,
        ]

    def apply(self, sim: Simulation, a: Celebrate) -> None:
        sim.staff.celebrate()

    def describe(self, sim: Simulation, a: Celebrate) -> str:
        wins = sim.staff.wins_since_celebration
        if wins == 0:
            return "A celebration with nothing won since the last: it rings hollow."
        lift = sim.staff.celebration_lift()
        return f"Celebrated {wins} win{'s' if wins != 1 else ''} together: target {lift:+.2f}."

    def title(self, a: Celebrate) -> str:
        return "Celebrated the wins together"
