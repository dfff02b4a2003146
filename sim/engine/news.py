"""News already on its way when the org changes: handoffs and message changes in flight.

A handoff or a message change is chased until known: each route draws an
exponential arrival time and the earliest wins (MODEL.md, mechanic 6). The
draws are made when the news is sent, so without this module a change made
while news travels would not touch it: a route opened, or a sender grown more
open, would help only news sent afterwards. Exponential delays are
memoryless, so from the moment of a change the news can be drawn again under
the org as it now is, without bias:
- a new route races with the routes already carrying the news, from now on
  (its draw is keyed by the new route, so no other draw shifts);
- a sender whose openness changed has its news in flight drawn again over
  every route from now, replacing the earlier draw (keyed by the week, so a
  redraw never reuses a uniform).
"""

from __future__ import annotations

from sim.engine.clock import Clock
from sim.engine.demand import Demand
from sim.engine.floor import WorkFloor, cross_team_handoffs
from sim.engine.messages import Messages
from sim.engine.orgchart import OrgChart
from sim.info import HANDOFF, INF, MESSAGE, Network
from sim.params import Params
from sim.work import Campaign

REDRAW_SHIFT = 52
"""Bits above the campaign id and fact tag that key a redraw by its week."""


class NewsInFlight:
    """Handoffs and message changes on their way, drawn again when the org changes."""

    def __init__(
        self,
        p: Params,
        clock: Clock,
        net: Network,
        org: OrgChart,
        demand: Demand,
        floor: WorkFloor,
        messages: Messages,
    ) -> None:
        self.p = p
        self.clock = clock
        self.net = net
        self.org = org
        self.demand = demand
        self.floor = floor
        self.messages = messages

    def after_change(self, opened: frozenset[int], openness: dict[int, float]) -> None:
        """Redraw news in flight after an action.

        Args:
            opened: ids of the routes the action opened.
            openness: each team's openness before the action, by team idx.
        """
        changed = {
            t.idx
            for t in self.org.teams
            if t.idx in openness and t.openness(self.p) != openness[t.idx]
        }
        if changed:
            self._redraw_from(changed)
        if opened:
            self._race_over(opened, changed)

    def _unheard(self, c: Campaign) -> list[int]:
        """Teams of an open campaign that do not know its latest message."""
        owner = c.owner
        if owner is None or c.live or c.version == 0:
            return []
        teams = dict.fromkeys(
            t.team.idx for t in c.tasks if t.team is not None and t.team is not owner
        )
        return [i for i in teams if c.known.get(i, 0) < c.version]

    def _race_over(self, routes: frozenset[int], redrawn: set[int]) -> None:
        """A new route competes from now; the earliest arrival wins."""
        now = self.clock.now
        for c in self.demand.open_campaigns:
            fact = HANDOFF << 40 | c.id
            for child, up in cross_team_handoffs(c):
                assert up.team is not None and child.team is not None
                if up.team.idx in redrawn:
                    continue  # already drawn again over every route, this one included
                at, via = self.net.chase(fact, up.idx, up.team, child.team, now, HANDOFF, routes)
                if at < child.pending[up.idx]:
                    child.pending[up.idx] = at
                    self.clock.at(at, self.floor.handoff_arrives, child, up, via, at)
            owner = c.owner
            if owner is None or owner.idx in redrawn:
                continue
            for idx in self._unheard(c):
                team = self.org.teams[idx]
                at, via = self.net.chase(
                    MESSAGE << 40 | c.id, c.version, owner, team, now, MESSAGE, routes
                )
                if at < c.eta.get((idx, c.version), INF):
                    c.eta[idx, c.version] = at
                    self.clock.at(
                        at, self.messages.message_arrives, c, idx, c.version, c.changed_at, via, at
                    )

    def _redraw_from(self, senders: set[int]) -> None:
        """News in flight from these senders is drawn again over every route, from now."""
        now = self.clock.now
        week = (self.clock.week + 1) << REDRAW_SHIFT
        for c in self.demand.open_campaigns:
            fact = (HANDOFF << 40 | c.id) | week
            for child, up in cross_team_handoffs(c):
                assert up.team is not None and child.team is not None
                if up.team.idx not in senders:
                    continue
                at, via = self.net.chase(fact, up.idx, up.team, child.team, now, HANDOFF)
                child.pending[up.idx] = at
                self.clock.at(at, self.floor.handoff_arrives, child, up, via, at)
            owner = c.owner
            if owner is None or owner.idx not in senders:
                continue
            for idx in self._unheard(c):
                team = self.org.teams[idx]
                at, via = self.net.chase(
                    (MESSAGE << 40 | c.id) | week, c.version, owner, team, now, MESSAGE
                )
                c.eta[idx, c.version] = at
                self.clock.at(
                    at, self.messages.message_arrives, c, idx, c.version, c.changed_at, via, at
                )
