"""form_squads: re-cut the in-house org around campaigns, one member per skill in each squad."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, FormSquads
from sim.people import shift_engagement
from sim.verbs.base import Verb, ramp_words
from sim.verbs.transitions import move, reassign, retire

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team, Worker


def _internal(sim: Simulation) -> list[Team]:
    return [t for t in sim.org.live_teams() if not t.external]


def squad_skills(internal: list[Team]) -> list[str]:
    seen: dict[str, None] = {}
    for t in internal:
        for w in t.members:
            seen.setdefault(w.skill)
    return list(seen)


def squad_count(internal: list[Team], skills: list[str], wanted: int) -> int:
    """Squads the scarcest skill allows (or `wanted`, if fewer)."""
    counts = [sum(1 for t in internal for w in t.members if w.skill == s) for s in skills]
    most = min(counts) if counts else 0
    return most if wanted == 0 else min(wanted, most)


class SquadsVerb(Verb[FormSquads]):
    kind = "form_squads"

    def check(self, sim: Simulation, a: FormSquads) -> None:
        internal = _internal(sim)
        skills = squad_skills(internal)
        if len(internal) < 2 or len(skills) < 2:
            raise ActionError("squads need at least two in-house teams with different skills")
        most = squad_count(internal, skills, 0)
        if most < 1:
            raise ActionError("some skill has nobody to put in a squad")
        if a.squads > most:
            # Cutting fewer squads than asked, without a word, would answer another question.
            scarce = min(
                skills, key=lambda k: sum(w.skill == k for t in internal for w in t.members)
            )
            raise ActionError(
                f"{a.squads} squads asked for, but there are only {most} {scarce} people: "
                f"at most {most} squads of one person per skill"
            )

    def price(self, sim: Simulation, a: FormSquads) -> list[str]:
        p = sim.p
        internal = _internal(sim)
        people = sum(len(t.members) for t in internal)
        n = squad_count(internal, squad_skills(internal), a.squads)
        return [
            f"{people} people re-cut into {n} campaign squads: {ramp_words(sim)}",
            f"{people * p.handover_hours:.0f} h of handover; "
            "people finish the work on their desk in their new squad",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} for {people} people",
            f"New teams: handoffs inside them start slow and speed up over "
            f"{p.forming_weeks:g} weeks",
            f"Anyone alone with their skill in a squad slows as their craft drifts: "
            f"{p.lone_specialist_loss:.0%} slower after {p.lone_drift_weeks:g} weeks "
            "unless a guild of that skill meets",
            "Expect a dip for a few weeks before handoffs inside squads pay off",
        ]

    def apply(self, sim: Simulation, a: FormSquads) -> None:
        internal = _internal(sim)
        skills = squad_skills(internal)
        n = squad_count(internal, skills, a.squads)
        squads = [
            sim.org.new_team(
                f"Squad {i + 1}", list(skills), "campaign", a.shared_weight, False, True, recut=True
            )
            for i in range(n)
        ]
        people = sorted(
            (w for t in internal for w in t.members), key=lambda w: (skills.index(w.skill), w.uid)
        )
        by_skill: dict[str, list[Worker]] = {s: [] for s in skills}
        for w in people:
            by_skill[w.skill].append(w)
        for s in skills:
            for i, w in enumerate(by_skill[s]):
                move(sim, w, squads[i % n], keep_task=True)
        now = sim.clock.now
        # Every squad holds what its members' old teams knew; old work goes to squad 1
        # and is re-routed as it becomes ready.
        for sq in squads:
            for t in internal:
                sq.lineage[t.idx] = now
                for anc, until in t.lineage.items():
                    sq.lineage.setdefault(anc, min(now, until))
        first = squads[0]
        for t in internal:
            retire(sim, t, first)
        campaigns = sim.demand.open_campaigns
        for c in campaigns:
            for sq in squads[1:]:
                c.known[sq.idx] = c.known.get(first.idx, 0)
        # Campaigns in flight are dealt out to the squads, whole.
        for i, c in enumerate(campaigns):
            sq = squads[i % n]
            if c.owner is first:
                c.owner = sq
            for task in c.tasks:
                if task.team is first:
                    reassign(first, sq, task)
        for i, task in enumerate(list(first.own_queue)):
            if i % n:
                first.own_queue.remove(task)
                task.team = squads[i % n]
                task.team.own_queue.append(task)
        for lk in sim.net.links:
            if lk.teams is not None and first.idx in lk.teams and lk.alive(now):
                lk.teams = sorted(set(lk.teams) | {s.idx for s in squads})
        shift_engagement([w for sq in squads for w in sq.members], -sim.p.reorg_shock)

    def describe(self, sim: Simulation, a: FormSquads) -> str:
        internal = _internal(sim)
        n = squad_count(internal, squad_skills(internal), a.squads)
        return f"The in-house teams re-form into {n} campaign squads."

    def title(self, a: FormSquads) -> str:
        return f"Re-cut into campaign squads ({a.squads or 'as many as possible'})"
