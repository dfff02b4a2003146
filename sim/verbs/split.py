"""split_team: some members of a team form a new team, which keeps what the old one knew."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, SplitTeam
from sim.people import shift_engagement
from sim.verbs.base import Verb, ramp_words, team
from sim.verbs.transitions import keep_skills_of_members, move

if TYPE_CHECKING:
    from sim.engine import Simulation


class SplitVerb(Verb[SplitTeam]):
    kind = "split_team"

    def check(self, sim: Simulation, a: SplitTeam) -> None:
        old = team(sim, a.team)
        names = {w.name for w in old.members}
        for m in a.members:
            if m not in names:
                raise ActionError(f"{m} is not in {a.team}")
        if len(set(a.members)) >= len(old.members):
            raise ActionError(f"{a.team} would be left empty: merge or rename instead")
        if a.new_team in {t.name for t in sim.org.teams if t.idx not in sim.org.successor}:
            raise ActionError(f"a team called {a.new_team!r} already exists")

    def price(self, sim: Simulation, a: SplitTeam) -> list[str]:
        p = sim.p
        n = len(a.members)
        return [
            f"{n} people form {a.new_team}: {ramp_words(sim)}; "
            f"{n * p.handover_hours:.0f} h of handover",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} "
            f"for {len(team(sim, a.team).members)} people",
        ]

    def apply(self, sim: Simulation, a: SplitTeam) -> None:
        now = sim.clock.now
        old = team(sim, a.team)
        movers = [w for w in old.members if w.name in a.members]
        skills = list(dict.fromkeys(w.skill for w in movers))
        new = sim.org.new_team(
            a.new_team, skills, old.kpi, old.shared_weight, old.external, old.included, recut=True
        )
        new.lineage = {i: min(now, u) for i, u in old.lineage.items()}
        new.lineage[new.idx] = float("inf")
        for w in movers:
            move(sim, w, new)
        keep_skills_of_members(old)
        for lk in sim.net.links:
            if lk.teams is not None and old.idx in lk.teams and lk.alive(now):
                lk.teams = sorted([*lk.teams, new.idx])
        for c in sim.demand.open_campaigns:
            if old.idx in c.known:
                c.known[new.idx] = c.known[old.idx]
        # Work only the new team can do follows it.
        left = {w.skill for w in old.members}
        for q in (old.queue, old.waiting):
            for task in [t for t in q if t.skill not in left and t.skill in skills]:
                q.remove(task)
                task.team = new
                (new.queue if q is old.queue else new.waiting).append(task)
        shift_engagement(old.members + new.members, -sim.p.reorg_shock)

    def describe(self, sim: Simulation, a: SplitTeam) -> str:
        return f"{', '.join(a.members)} split from {a.team} into {a.new_team}."

    def title(self, a: SplitTeam) -> str:
        return f"Split {', '.join(a.members)} off {a.team} as {a.new_team}"
