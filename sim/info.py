"""Information flow: when does a fact reach a team, and by which route.

Facts are arrival times, not processes. Handoff and message facts are chased
until known (each route's arrival is exponential with mean delay / p, or the
first meeting whose draw succeeds) and the earliest route wins. Plan and
asset facts get one try per route and may be lost. Every draw is keyed by
(fact, receiving team, route), so variants share their common draws.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sim.params import HOURS_PER_WEEK, Params
from sim.rng import Keyed

if TYPE_CHECKING:
    from sim.org import Link, Team

INF = float("inf")

# Fact kinds, part of every draw's key.
HANDOFF, MESSAGE, PLAN, ASSET, REVIEW, FORMING, BIG_TEAM = 1, 2, 3, 4, 5, 6, 7
SEAT_TALK = 8
"""A message one seat sends another (sim/seats): its own draws, so no fact's shift."""
LIVE_FIX = 9
"""Whether off-message work that went live is spotted and fixed: its own draws."""

# Route ids below LINK_BASE are fixed routes; links use LINK_BASE + link idx.
HALLWAY, CALENDAR, KNOWLEDGE_BASE, GUILD_BASE = 0, 1, 2, 3
LINK_BASE = 1000
_SECOND = 1 << 20  # offset of a route's second draw (the delay after a success)

Route = tuple[int, str, float, float, "Link | None"]


class Network:
    """The routes between teams, as they stand and as they stood."""

    def __init__(self, params: Params, rng: Keyed, origin: float = 0.0) -> None:
        self.p = params
        self.origin = origin
        self.rng = rng
        self.links: list[Link] = []
        self.calendar_since = INF
        self.kb_since = INF
        self.skills_of: dict[int, set[str]] = {}
        self.sizes: dict[int, int] = {}  # people in each live team, for meeting crowds
        # Routes between two teams change only when what they are made of does (links,
        # tools, the live teams, skill coverage, a crowd's size past its knee, a
        # liaison's presence), so they are cached for facts sent since the last such
        # change: an epoch of the org that most hires and quits leave as it is.
        #
        # What a pair's routes read of its two teams is which links cover each (and,
        # for guilds, their skills): teams alike in that are one class, and the cache
        # is keyed by the pair of classes. In a generated org of 300 teams that is 16
        # pairs instead of 90,000, so the cache stays small and warm as the org grows.
        self._cache: dict[tuple[int, int, int], list[Route]] = {}
        self._class_of: dict[int, int] = {}  # team idx -> class, this epoch
        self._classes: dict[tuple[object, ...], int] = {}  # what a class is made of -> class
        # Classes with the same routes (hallway and email) share one list: memory grows
        # with the distinct sets of routes, not with the pairs of classes.
        self._shared: dict[tuple[object, ...], list[Route]] = {}
        self._changed_at = 0.0
        self.epoch = 0
        self._made_of: tuple[object, ...] = ()

    def invalidate(self, now: float) -> None:
        """Forget cached routes: links, tools, teams or skills changed at `now`."""
        self._cache.clear()
        self._class_of.clear()
        self._classes.clear()
        self._shared.clear()
        self._changed_at = now
        self.epoch += 1

    def org_changed(self, now: float) -> None:
        """The org changed at `now`: a new epoch only if anything routes read did."""
        made_of = self._routes_made_of()
        if made_of != self._made_of:
            self._made_of = made_of
            self.invalidate(now)

    def _routes_made_of(self) -> tuple[object, ...]:
        """Everything `_routes` reads besides the time and the params, as plain values."""
        p = self.p
        links = []
        for lk in self.links:
            crowd = 1.0
            if lk.kind == "chat":
                crowd = self._crowding(lk, p.chat_crowd)
            elif lk.kind == "meeting":
                crowd = self._crowding(lk, p.meeting_crowd)
            liaison = lk.liaison.present if lk.liaison is not None else None
            teams = None if lk.teams is None else tuple(lk.teams)
            links.append((lk.kind, lk.added, lk.removed, teams, lk.skill, crowd, liaison))
        skills = tuple((idx, tuple(sorted(sk))) for idx, sk in self.skills_of.items())
        return (tuple(links), tuple(self.sizes), skills, self.calendar_since, self.kb_since)

    def routes(self, a: Team, b: Team, t: float, kind: int) -> list[Route]:
        """(route id, route name, mean delay or -1 for meetings, p, link) from a to b at t."""
        if t < self._changed_at:
            return self._routes(a, b, t, kind)
        class_of = self._class_of
        ca = class_of.get(a.idx)
        if ca is None:
            ca = self._route_class(a.idx)
        cb = class_of.get(b.idx)
        if cb is None:
            cb = self._route_class(b.idx)
        key = (ca, cb, kind)
        found = self._cache.get(key)
        if found is None:
            found = self._routes(a, b, t, kind)
            # Identical routes by value: repr tells -0.0 from 0.0 and 1 from 1.0, the
            # link by identity (the cache is cleared whenever links change).
            same = tuple((r[0], r[1], repr(r[2]), repr(r[3]), id(r[4])) for r in found)
            found = self._cache[key] = self._shared.setdefault(same, found)
        return found

    def _route_class(self, idx: int) -> int:
        """A team's class: the links that cover only some teams and cover it, and its
        skills. `_routes` reads nothing else of a team, so two pairs of teams whose
        classes match have the same routes (`joins` is membership of both ends)."""
        covered_by = tuple(lk.idx for lk in self.links if lk.teams is not None and idx in lk.teams)
        skills = tuple(sorted(self.skills_of.get(idx, ())))
        made_of = (covered_by, skills)
        c = self._classes.get(made_of)
        if c is None:
            c = self._classes[made_of] = len(self._classes)
        self._class_of[idx] = c
        return c

    def _routes(self, a: Team, b: Team, t: float, kind: int) -> list[Route]:
        p = self.p
        out: list[Route] = [(HALLWAY, "hallway", p.hallway_delay, p.hallway_p, None)]
        for link in self.links:
            if not link.alive(t) or not link.joins(a.idx, b.idx):
                continue
            k = link.kind
            rid = LINK_BASE + link.idx
            if k == "email":
                out.append((rid, "email", p.email_delay, p.email_p, None))
            elif k == "chat":
                pc = p.chat_p * self._crowding(link, p.chat_crowd)
                if kind in (PLAN, ASSET):
                    pc *= p.chat_agenda_p
                out.append((rid, "chat", p.chat_delay, pc, None))
            elif k == "meeting":
                pm = p.meeting_p * self._crowding(link, p.meeting_crowd)
                if link.attendees is not None:
                    pm *= p.relay_p  # what a lead hears reaches the team only as they pass it on
                if kind in (PLAN, ASSET):
                    pm *= p.meeting_agenda_p
                out.append((rid, "meeting", -1.0, pm, link))
            elif k == "liaison":
                if link.liaison is not None and link.liaison.present:
                    span = self._linked(link)
                    spread = 1.0 if span <= p.liaison_span else (p.liaison_span / span) ** 2
                    out.append((rid, "liaison", p.liaison_delay, p.liaison_p * spread, link))
            elif k == "guild" and link.skill is not None:
                sa = self.skills_of.get(a.idx, set())
                sb = self.skills_of.get(b.idx, set())
                if link.skill in sa and link.skill in sb:
                    out.append((rid, "guild", -1.0, p.guild_p, link))
        if kind in (HANDOFF, MESSAGE) and any(r[1] == "liaison" for r in out):
            # Where a liaison links two teams, people hand their news to the liaison
            # rather than tell each other directly: the liaison is the channel (a liaison
            # for everyone is a bottleneck, not a shortcut).
            out = [r for r in out if r[1] not in ("email", "chat")]
        if kind in (PLAN, ASSET) and self.calendar_since <= t:
            adoption = p.calendar_adoption * self.adopted(self.calendar_since, t)
            out.append((CALENDAR, "shared calendar", 0.0, adoption, None))
        if kind == ASSET and self.kb_since <= t:
            adoption = p.knowledge_base_adoption * self.adopted(self.kb_since, t)
            out.append((KNOWLEDGE_BASE, "knowledge base", 0.0, adoption, None))
        return out

    def adopted(self, since: float, t: float) -> float:
        """Share of a tool's full adoption reached at t: a quarter at once, all of it after
        `tool_adoption_weeks`, by whole weeks (people take it up as habits form)."""
        if since <= self.origin:
            return 1.0  # in place before the scenario starts: long adopted
        weeks = (t - since) // HOURS_PER_WEEK
        return min(1.0, 0.25 + 0.75 * weeks / self.p.tool_adoption_weeks)

    def adoption_steps_at(self, t: float) -> bool:
        """Whether a tool's adoption takes a step at t: at each of the whole weeks after
        it was switched on, up to and including the week it reaches full use (tools are
        switched on between weeks, so these are week boundaries)."""
        # The last step comes at the first whole week at or past full use (`adopted`).
        full = math.ceil(self.p.tool_adoption_weeks) * HOURS_PER_WEEK
        return any(self.origin < s < t <= s + full for s in (self.calendar_since, self.kb_since))

    def _linked(self, link: Link) -> int:
        """Live teams a link covers."""
        return sum(1 for idx in self.sizes if link.teams is None or idx in link.teams)

    def _crowding(self, link: Link, crowd: float) -> float:
        """A meeting's or a channel's chance of carrying a fact falls past `crowd` people."""
        if link.attendees is not None:
            people = len(link.attendees)
        else:
            people = sum(
                n for idx, n in self.sizes.items() if link.teams is None or idx in link.teams
            )
        return 1.0 if people <= crowd else math.sqrt(crowd / people)

    def chase(
        self,
        fact: int,
        sub: int,
        a: Team,
        b: Team,
        t: float,
        kind: int,
        only: frozenset[int] | None = None,
    ) -> tuple[float, str]:
        """Arrival time and route of a fact chased until known (over `only` these routes)."""
        openness = a.openness(self.p)
        best, via = INF, ""
        carrier: Link | None = None
        recv = b.idx
        for rid, name, delay, p, link in self.routes(a, b, t, kind):
            if only is not None and rid not in only:
                continue
            pe = p * openness
            if pe <= 0:
                continue
            u = self.rng.uniform(fact, sub, recv, rid)
            if link is not None and link.kind == "liaison":
                # One person carries the facts one at a time: past their capacity, a queue.
                start = max(t, link.free_at)
                at = start - (delay / pe) * math.log(u)
                if at < best:
                    best, via, carrier = at, name, link
                continue
            if link is not None:
                # Meetings until the first success: a geometric number of them.
                # log1p keeps a near-zero chance finite (log(1 - p) rounds to 0).
                per_try = math.log1p(-pe) if pe < 1 else -INF
                if per_try == 0.0:
                    continue
                tries = 1.0 if pe >= 1 else math.log(u) / per_try
                if not math.isfinite(tries) or tries > 1e9:
                    continue  # never in any horizon this model runs
                at = link.next_meeting(t, max(1, math.ceil(tries)))
                if link.attendees is not None:
                    at -= self.p.relay_delay * math.log(
                        self.rng.uniform(fact, sub, recv, rid + _SECOND)
                    )
            else:
                at = t - (delay / pe) * math.log(u)
            if at < best:
                best, via, carrier = at, name, None
        if carrier is not None:
            # Each fact carried takes the liaison's time; their role's hours bound how many
            # a week they carry, spread over the week.
            role = min(HOURS_PER_WEEK, self.p.liaison_hours_per_team * self._linked(carrier))
            per_fact = HOURS_PER_WEEK * self.p.liaison_hours_per_fact / max(role, 1e-9)
            carrier.free_at = max(t, carrier.free_at) + per_fact
        return best, via

    def one_try(
        self, fact: int, sub: int, a: Team, b: Team, t: float, kind: int, openness: float
    ) -> tuple[float, str]:
        """Arrival time and route of a fact that each route tries once (INF: lost)."""
        best, via = INF, ""
        recv = b.idx
        z = self.rng.first(fact)  # one fact, several routes: its first round once
        then = self.rng.then
        for rid, name, delay, p, link in self.routes(a, b, t, kind):
            if then(z, sub, recv, rid) >= p * openness:
                continue
            if link is not None and link.kind != "liaison":
                at = link.next_meeting(t)
                if link.attendees is not None:
                    at -= self.p.relay_delay * math.log(then(z, sub, recv, rid + _SECOND))
            elif delay <= 0:
                at = t
            else:
                at = t - delay * math.log(then(z, sub, recv, rid + _SECOND))
            if at < best:
                best, via = at, name
        return best, via

    def best_route(self, a: Team, b: Team, t: float) -> str:
        """Name of the fastest route a handoff has from a to b (for the silo index)."""
        fast = {"chat", "meeting", "liaison", "guild"}
        names = {name for _, name, _, _, _ in self.routes(a, b, t, HANDOFF)}
        for n in ("liaison", "chat", "meeting", "guild"):
            if n in names and n in fast:
                return n
        return "email" if "email" in names else "hallway"

    def share_meeting_or_liaison(self, teams: list[Team], t: float) -> bool:
        """Whether every pair of these teams shares a meeting or a liaison."""
        for i, a in enumerate(teams):
            for b in teams[i + 1 :]:
                if a is b:
                    continue
                if not any(
                    lk.alive(t) and lk.kind in ("meeting", "liaison") and lk.joins(a.idx, b.idx)
                    for lk in self.links
                ):
                    return False
        return True
