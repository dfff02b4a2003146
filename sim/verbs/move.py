"""move_worker: one person changes team (and brings their skill to it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, MoveWorker
from sim.people import shift_engagement
from sim.verbs.base import Verb, ramp_words, team, worker
from sim.verbs.transitions import keep_skills_of_members, move

if TYPE_CHECKING:
    from sim.engine import Simulation


class MoveVerb(Verb[MoveWorker]):
    kind = "move_worker"

    def check(self, sim: Simulation, a: MoveWorker) -> None:
        w = worker(sim, a.worker)
        to = team(sim, a.to_team)
        if w.team is to:
            raise ActionError(f"{w.name} is already in {to.name}")
        if len(w.team.members) == 1:
            raise ActionError(
                f"{w.name} is the last member of {w.team.name}: merge the team instead"
            )

    def price(self, sim: Simulation, a: MoveWorker) -> list[str]:
        p = sim.p
        return [
            f"{a.worker}: {ramp_words(sim)}; {p.handover_hours:.0f} h of handover",
            f"In-progress work changing team loses {p.handover_loss:.0%} of its progress",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} in both teams",
        ]

    def apply(self, sim: Simulation, a: MoveWorker) -> None:
        w = worker(sim, a.worker)
        src, dst = w.team, team(sim, a.to_team)
        move(sim, w, dst)
        if w.skill not in dst.skills:
            dst.skills.append(w.skill)
        keep_skills_of_members(src)
        shift_engagement(src.members + dst.members, -sim.p.reorg_shock)

    def describe(self, sim: Simulation, a: MoveWorker) -> str:
        w = worker(sim, a.worker)
        return f"{w.name} moves from {w.team.name} to {a.to_team}."

    def title(self, a: MoveWorker) -> str:
        return f"Moved {a.worker} to {a.to_team}"
