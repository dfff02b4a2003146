"""The protocol every verb handler follows, and lookups shared by several verbs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from sim.actions import ActionError

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Link, Team, Worker

A = TypeVar("A")


class Verb(Generic[A]):
    """One restructure verb: check, price, apply, describe."""

    kind: ClassVar[str]

    def check(self, sim: Simulation, a: A) -> None:
        """Raise ActionError if the org cannot take `a` now (and change nothing)."""

    def price(self, sim: Simulation, a: A) -> list[str]:
        """What a checked action will cost, in plain words."""
        return []

    def apply(self, sim: Simulation, a: A) -> None:
        """Carry out a checked action at the current week boundary."""
        raise NotImplementedError

    def describe(self, sim: Simulation, a: A) -> str:
        """One sentence for the feed, from the org as it stands before the action."""
        raise NotImplementedError

    def title(self, a: A) -> str:
        """The decision in a few words, from the action alone (queues, timelines, reports)."""
        raise NotImplementedError


def money(sim: Simulation, amount: float) -> str:
    """An amount in the scenario's currency, whole: "$7,200", "CHF 7,200" (prices are
    read by players, so an amount never goes without its currency)."""
    currency = sim.scenario.currency
    text = f"{amount:,.0f}"
    return f"{currency}{text}" if len(currency) == 1 else f"{currency} {text}"


def teams_words(names: tuple[str, ...]) -> str:
    return "every team" if "*" in names or not names else ", ".join(names)


def ramp_words(sim: Simulation) -> str:
    p = sim.p
    return f"ramp drops to {p.moved_ramp:.0%} and climbs back over {p.ramp_weeks:.0f} weeks"


def team(sim: Simulation, name: str, *, joined: bool = True) -> Team:
    try:
        found = sim.org.team_named(name)
    except KeyError:
        names = ", ".join(t.name for t in sim.org.live_teams())
        raise ActionError(f"there is no team {name!r} (teams: {names})") from None
    if joined and not found.active:
        raise ActionError(f"{name} has not joined the org yet")
    return found


def worker(sim: Simulation, name: str) -> Worker:
    for w in sim.org.workers:
        if w.name == name and w.present:
            return w
    back = sim.staff.away_until(name)
    if back is not None:
        left = back - sim.week
        raise ActionError(f"{name} is on leave (back in {left} week{'s' * (left > 1)})")
    raise ActionError(f"there is no one called {name!r} in the org")


def teams_of(sim: Simulation, names: tuple[str, ...]) -> list[Team] | None:
    """The named teams (None for '*', every team), each named once."""
    if "*" in names:
        return None
    found = [team(sim, n) for n in names]
    if len({t.idx for t in found}) != len(found):
        raise ActionError("a team is named twice")
    return found


def same_links(sim: Simulation, kind: str, idxs: list[int] | None, skill: str | None) -> list[Link]:
    """Live links of this kind between exactly these teams (and skill, for guilds)."""
    now = sim.clock.now
    want = None if idxs is None else sorted(idxs)
    return [
        lk
        for lk in sim.net.links
        if lk.alive(now)
        and lk.kind == kind
        and (
            (lk.teams is None and want is None)
            or (lk.teams is not None and want is not None and sorted(lk.teams) == want)
        )
        and (kind != "guild" or lk.skill == skill)
    ]


def people_in(teams: list[Team]) -> int:
    return sum(len(t.members) for t in teams)
