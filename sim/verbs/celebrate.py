"""celebrate: celebrate the wins since the last celebration, together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, Celebrate
from sim.people import shift_engagement
from sim.verbs.base import Verb

if TYPE_CHECKING:
    from sim.engine import Simulation


def _jump(sim: Simulation) -> float:
    return min(sim.p.celebrate_cap, sim.p.celebrate_per_win * sim.staff.wins_since_celebration)


class CelebrateVerb(Verb[Celebrate]):
    kind = "celebrate"

    def check(self, sim: Simulation, a: Celebrate) -> None:
        if sim.staff.wins_since_celebration == 0:
            raise ActionError(
                "nothing to celebrate yet: no campaign has gone live since the last one"
            )

    def price(self, sim: Simulation, a: Celebrate) -> list[str]:
        wins = sim.staff.wins_since_celebration
        return [
            f"{wins} wins to celebrate: engagement +{_jump(sim):.2f} for everyone",
            "About an hour of everyone's time",
        ]

    def apply(self, sim: Simulation, a: Celebrate) -> None:
        people = sim.org.present_workers()
        shift_engagement(people, _jump(sim))
        for w in people:
            w.debt_coord += 1.0
        sim.staff.wins_since_celebration = 0

    def describe(self, sim: Simulation, a: Celebrate) -> str:
        wins = sim.staff.wins_since_celebration
        return f"Celebrated {wins} wins together: engagement +{_jump(sim):.2f}."
