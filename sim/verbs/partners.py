"""include_agency: an outside agency joins planning (open as in-house teams, email to everyone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, IncludeAgency
from sim.verbs.base import Verb, team

if TYPE_CHECKING:
    from sim.engine import Simulation


class IncludeAgencyVerb(Verb[IncludeAgency]):
    kind = "include_agency"

    def check(self, sim: Simulation, a: IncludeAgency) -> None:
        agency = team(sim, a.team, joined=False)
        if not agency.external:
            raise ActionError(f"{a.team} is an in-house team, not an agency")
        if agency.included:
            raise ActionError(f"{a.team} is already part of planning")

    def price(self, sim: Simulation, a: IncludeAgency) -> list[str]:
        return [
            f"{a.team} joins planning: it shares as openly as in-house teams",
            "An email link from it to every team; its people stop feeling left out",
        ]

    def apply(self, sim: Simulation, a: IncludeAgency) -> None:
        now = sim.clock.now
        agency = team(sim, a.team, joined=False)
        agency.included = True
        org = sim.org
        others = [t.idx for t in org.teams if t.idx not in org.successor and t is not agency]
        for idx in others:
            if not any(
                lk.kind == "email" and lk.alive(now) and lk.joins(agency.idx, idx)
                for lk in sim.net.links
            ):
                org.add_link("email", [agency.idx, idx], 1.0, None, None, None)

    def describe(self, sim: Simulation, a: IncludeAgency) -> str:
        return f"{a.team} is brought into planning."

    def title(self, a: IncludeAgency) -> str:
        return f"Brought {a.team} into planning"
