"""set_goal: how much a team (or every team) weighs shared goals against its channel's KPI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import SetGoal
from sim.verbs.base import Verb, team

if TYPE_CHECKING:
    from sim.engine import Simulation


class SetGoalVerb(Verb[SetGoal]):
    kind = "set_goal"

    def check(self, sim: Simulation, a: SetGoal) -> None:
        if a.team != "*":
            team(sim, a.team, joined=False)

    def price(self, sim: Simulation, a: SetGoal) -> list[str]:
        p = sim.p
        who = "every team" if a.team == "*" else a.team
        shared = a.shared_weight >= p.shared_goal_threshold
        return [
            f"{who}: shared weight {a.shared_weight:.2f}; engagement target "
            f"{p.goal_weight * (a.shared_weight - 0.5):+.2f}; "
            f"openness {p.openness_shared if shared else p.openness_local:.1f}",
            "No hours: priorities shift toward shared campaigns"
            if shared
            else "No hours: teams put their own channel first",
        ]

    def apply(self, sim: Simulation, a: SetGoal) -> None:
        org = sim.org
        teams = (
            org.live_teams() + [t for t in org.teams if not t.active and t.idx not in org.successor]
            if a.team == "*"
            else [team(sim, a.team, joined=False)]
        )
        for t in teams:
            t.shared_weight = a.shared_weight
            if a.kpi is not None:
                t.kpi = a.kpi

    def describe(self, sim: Simulation, a: SetGoal) -> str:
        who = "Every team" if a.team == "*" else a.team
        return f"{who} now weighs shared goals at {a.shared_weight:.0%}."
