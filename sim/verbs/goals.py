"""set_goal: how much a team (or every team) weighs shared goals against its channel's KPI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import SetGoal
from sim.people import channel_focus, goals_term, ownership_term
from sim.verbs.base import Verb, money, team

if TYPE_CHECKING:
    from sim.engine import Simulation


class SetGoalVerb(Verb[SetGoal]):
    kind = "set_goal"

    def check(self, sim: Simulation, a: SetGoal) -> None:
        if a.team != "*":
            team(sim, a.team, joined=False)

    def price(self, sim: Simulation, a: SetGoal) -> list[str]:
        p = sim.p
        w = a.shared_weight
        teams = sim.org.live_teams() if a.team == "*" else [team(sim, a.team, joined=False)]
        people = sum(len(t.members) for t in teams)
        who = "every team" if a.team == "*" else a.team
        align = p.alignment_hours * w * w
        openness = p.openness_local + (p.openness_shared - p.openness_local) * w
        lines = [
            f"{who}: shared weight {w:.2f}; openness {openness:.2f}; engagement target "
            f"{goals_term(p, w) + ownership_term(p, w):+.2f} from goals",
            f"Alignment: {align:.1f} h a week for each of {people} people "
            f"({money(sim, people * align * p.hourly_cost)} a week)",
            f"Each channel's own work is worth {1 - channel_focus(p, w):.0%} less "
            "(its KPIs get less attention)",
        ]
        if w > p.ownership_blur_from:
            lines.append(
                f"Past {p.ownership_blur_from:.1f} nobody owns a channel's results: "
                f"target {ownership_term(p, w):+.2f}"
            )
        return lines

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

    def title(self, a: SetGoal) -> str:
        who = "every team" if a.team == "*" else a.team
        kpi = {"campaign": ", KPI: campaigns", "channel": ", KPI: own channel"}.get(str(a.kpi), "")
        return f"Goals for {who}: {a.shared_weight:.0%} shared{kpi}"
