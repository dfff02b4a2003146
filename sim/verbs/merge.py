"""merge_teams: two or more teams become one, which knows what each of them knew."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, MergeTeams
from sim.people import shift_engagement, team_overhead
from sim.verbs.base import Verb, ramp_words, team
from sim.verbs.transitions import move, retire

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team


def _keeper(teams: list[Team]) -> Team:
    """The team whose people stay put: the largest (ties: the oldest)."""
    return max(teams, key=lambda t: (len(t.members), -t.idx))


class MergeVerb(Verb[MergeTeams]):
    kind = "merge_teams"

    def check(self, sim: Simulation, a: MergeTeams) -> None:
        teams = [team(sim, n) for n in a.teams]
        if len({t.idx for t in teams}) != len(teams):
            raise ActionError("a team is named twice")
        if len({t.external for t in teams}) > 1:
            raise ActionError(
                "an agency cannot be merged with an in-house team: it has its own employer "
                "(include it in planning instead)"
            )
        live = {t.name for t in sim.org.live_teams()}
        if a.name and a.name not in a.teams and a.name in live:
            raise ActionError(f"a team called {a.name!r} already exists")

    def price(self, sim: Simulation, a: MergeTeams) -> list[str]:
        p = sim.p
        teams = [team(sim, n) for n in a.teams]
        keep = _keeper(teams)
        moved = sum(len(t.members) for t in teams if t is not keep)
        size = sum(len(t.members) for t in teams)
        crafts = len({s for t in teams for s in t.skills})
        overhead = team_overhead(p, size, crafts)
        return [
            f"{moved} people move into {keep.name}'s team: {ramp_words(sim)}; "
            f"{moved * p.handover_hours:.0f} h of handover",
            f"Coordination overhead of a {size}-person team of {crafts} "
            f"craft{'s' if crafts != 1 else ''}: {overhead:.0%} of its time",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} for {size} people",
        ]

    def apply(self, sim: Simulation, a: MergeTeams) -> None:
        teams = [team(sim, n) for n in a.teams]
        name = a.name or teams[0].name
        keep = _keeper(teams)
        size = sum(len(t.members) for t in teams)
        sw = (
            sum(t.shared_weight * len(t.members) for t in teams) / size
            if size
            else keep.shared_weight
        )
        skills = list(dict.fromkeys(s for t in [keep, *teams] for s in t.skills))
        new = sim.org.new_team(
            name,
            skills,
            keep.kpi,
            sw,
            all(t.external for t in teams),
            all(t.included for t in teams),
            recut=True,
        )
        for t in teams:
            for w in list(t.members):
                move(sim, w, new, costs=t is not keep)
                if t is keep:
                    w.team = new
            retire(sim, t, new)
        shift_engagement(new.members, -sim.p.reorg_shock)

    def describe(self, sim: Simulation, a: MergeTeams) -> str:
        return f"{', '.join(a.teams)} merge into {a.name or a.teams[0]}."

    def title(self, a: MergeTeams) -> str:
        into = f" into {a.name}" if a.name else ""
        return f"Merged {', '.join(a.teams)}{into}"
