"""enable_tool: an org-wide tool (shared calendar, knowledge base), paid per seat."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, EnableTool
from sim.verbs.base import Verb, money

if TYPE_CHECKING:
    from sim.engine import Simulation


def _since(sim: Simulation, tool: str) -> float:
    return sim.net.calendar_since if tool == "shared_calendar" else sim.net.kb_since


class EnableToolVerb(Verb[EnableTool]):
    kind = "enable_tool"

    def check(self, sim: Simulation, a: EnableTool) -> None:
        if _since(sim, a.tool) <= sim.clock.now:
            raise ActionError(f"the {a.tool.replace('_', ' ')} is already on")

    def price(self, sim: Simulation, a: EnableTool) -> list[str]:
        p = sim.p
        seats = len(sim.org.present_workers())
        return [
            f"Licence: {money(sim, seats * p.tool_cost_per_seat)} a week for {seats} seats",
            f"Upkeep: {p.tool_upkeep_hours:g} h a week for each person (entering plans, filing)",
            f"Adoption: a quarter at once, all of it after {p.tool_adoption_weeks:g} weeks",
        ]

    def apply(self, sim: Simulation, a: EnableTool) -> None:
        if a.tool == "shared_calendar":
            sim.net.calendar_since = sim.clock.now
        else:
            sim.net.kb_since = sim.clock.now

    def describe(self, sim: Simulation, a: EnableTool) -> str:
        return f"The {a.tool.replace('_', ' ')} is on."

    def title(self, a: EnableTool) -> str:
        return f"Switched on the {a.tool.replace('_', ' ')}"
