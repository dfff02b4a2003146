"""hire / release: people join after the hiring delay, or leave now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, Hire, Release
from sim.limits import MAX_PEOPLE
from sim.people import shift_engagement
from sim.verbs.base import Verb, money, team, worker

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
        # The schema counts a script's hires; a player's, queued week after week, count here.
        people = sum(1 for w in sim.org.workers if w.present) + len(sim.staff.pending_hires)
        if people + a.count > MAX_PEOPLE:
            raise ActionError(
                f"{a.count} more would take the org to {people + a.count:,} people "
                f"(with hires on the way), past the {MAX_PEOPLE:,} allowed"
            )

    def price(self, sim: Simulation, a: Hire) -> list[str]:
        p = sim.p
        found = team(sim, a.team, joined=False)
        rate = p.agency_fee_per_hour if found.external else p.hourly_cost
        wait = sim.staff.hire_week() - sim.week
        frozen = " (a hiring freeze holds recruiting until it lifts)" if sim.staff.frozen else ""
        lines = [
            f"{a.count} {a.skill} hire(s) arrive in {wait} weeks{frozen} at "
            f"{p.hire_ramp:.0%} ramp, reaching full speed over {p.ramp_weeks:.0f} weeks",
            f"Pay from the day they start: {money(sim, a.count * rate * 40)} a week",
            f"A teammate mentors each for {p.mentor_hours:g} h a week while they ramp up",
        ]
        if not found.external:
            lines.append(f"Recruiting: {money(sim, a.count * p.recruiting_cost)} once")
        return lines

    def apply(self, sim: Simulation, a: Hire) -> None:
        sim.staff.open_positions(team(sim, a.team, joined=False), a.skill, a.count)

    def describe(self, sim: Simulation, a: Hire) -> str:
        return f"Hiring {a.count} {a.skill} for {a.team}."

    def title(self, a: Hire) -> str:
        return f"Hiring {a.count} {a.skill} for {a.team}"


class ReleaseVerb(Verb[Release]):
    kind = "release"

    def check(self, sim: Simulation, a: Release) -> None:
        w = worker(sim, a.worker)
        if len(w.team.members) == 1:
            raise ActionError(f"{w.name} is the last member of {w.team.name}")

    def price(self, sim: Simulation, a: Release) -> list[str]:
        w = worker(sim, a.worker)
        return [
            f"{a.worker} leaves now; their work in progress goes back to the team",
            f"Layoff shock: engagement -{sim.p.layoff_shock:.2f} for the "
            f"{len(w.team.members) - 1} who stay in {w.team.name}",
        ]

    def apply(self, sim: Simulation, a: Release) -> None:
        w = worker(sim, a.worker)
        team = w.team
        sim.staff.remove_worker(w, replace=False)
        shift_engagement(team.members, -sim.p.layoff_shock)  # survivors feel it

    def describe(self, sim: Simulation, a: Release) -> str:
        w = worker(sim, a.worker)
        return f"{w.name} leaves {w.team.name}."

    def title(self, a: Release) -> str:
        return f"Let {a.worker} go"
