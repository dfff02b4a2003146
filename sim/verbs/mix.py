"""set_mix: how often each kind of campaign is planned (integrated vs channel-only, say)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, SetMix
from sim.verbs.base import Verb

if TYPE_CHECKING:
    from sim.engine import Simulation


def new_mix(sim: Simulation, a: SetMix) -> list[float]:
    return [
        a.weights.get(t.name, w)
        for t, w in zip(sim.scenario.demand.templates, sim.demand.mix, strict=True)
    ]


class SetMixVerb(Verb[SetMix]):
    kind = "set_mix"

    def check(self, sim: Simulation, a: SetMix) -> None:
        if "set_mix" not in sim.scenario.levers:
            raise ActionError("this scenario does not let you change the campaign mix")
        templates = sim.scenario.demand.templates
        kinds = [t.name for t in templates if t.weight > 0]
        one_offs = {t.name for t in templates if t.weight <= 0}
        for name, weight in a.weights.items():
            if name in one_offs:
                raise ActionError(
                    f"{name} is a one-off (scripted) campaign, not part of the planned mix"
                )
            if name not in kinds:
                raise ActionError(f"there is no campaign kind {name!r} (kinds: {', '.join(kinds)})")
            if weight < 0:
                raise ActionError(f"the weight of {name} cannot be negative")
        if sum(new_mix(sim, a)) <= 0:
            raise ActionError("at least one kind of campaign needs a positive weight")

    def price(self, sim: Simulation, a: SetMix) -> list[str]:
        mix = new_mix(sim, a)
        total = sum(mix)
        shares = ", ".join(
            f"{t.name} {w / total:.0%}"
            for t, w in zip(sim.scenario.demand.templates, mix, strict=True)
        )
        return [f"Campaigns from now on: {shares}", "No hours: it changes what gets planned"]

    def apply(self, sim: Simulation, a: SetMix) -> None:
        sim.demand.mix = new_mix(sim, a)

    def describe(self, sim: Simulation, a: SetMix) -> str:
        return "The campaign mix changes: " + ", ".join(
            f"{k} weight {v:g}" for k, v in a.weights.items()
        )

    def title(self, a: SetMix) -> str:
        weights = ", ".join(f"{k} {v:g}" for k, v in a.weights.items())
        return f"Campaign mix: {weights}"
