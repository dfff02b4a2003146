"""hire / release: people join after the hiring delay, or leave now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, Hire, Release
from sim.verbs.base import Verb, team, worker

if TYPE_CHECKING:
    from sim.engine import Simulation


class HireVerb(Verb[Hire]):
    kind = "hire"

    def check(self, sim: Simulation, a: Hire) -> None:
        found = team(sim, a.team, joined=False)
        if a.skill not in found.skills:
            raise ActionError(
                f"{a.team} does not cover {a.skill} (it covers {', '.join(found.skills)})"
            )

    def price(self, sim: Simulation, a: Hire) -> list[str]:
        p = sim.p
        return [
            f"{a.count} {a.skill} hire(s) arrive in {p.hire_delay_weeks} weeks at "
            f"{p.hire_ramp:.0%} ramp, reaching full speed over {p.ramp_weeks:.0f} weeks"
        ]

    def apply(self, sim: Simulation, a: Hire) -> None:
        sim.staff.open_positions(team(sim, a.team, joined=False), a.skill, a.count)

    def describe(self, sim: Simulation, a: Hire) -> str:
        return f"Hiring {a.count} {a.skill} for {a.team}."


class ReleaseVerb(Verb[Release]):
    kind = "release"

    def check(self, sim: Simulation, a: Release) -> None:
        w = worker(sim, a.worker)
        if len(w.team.members) == 1:
            raise ActionError(f"{w.name} is the last member of {w.team.name}")

    def price(self, sim: Simulation, a: Release) -> list[str]:
        return [f"{a.worker} leaves now; their work in progress goes back to the team"]

    def apply(self, sim: Simulation, a: Release) -> None:
        sim.staff.remove_worker(worker(sim, a.worker), replace=False)

    def describe(self, sim: Simulation, a: Release) -> str:
        w = worker(sim, a.worker)
        return f"{w.name} leaves {w.team.name}."
