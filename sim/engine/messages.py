"""Messages and consistency: changes of course, who learns them when, rework, review at go-live.

A campaign's message changes (scripted or at random); the owner knows at once,
other teams hear by their routes. Outputs finished on an old message are
stale: reworked when the team hears, or caught (or not) by review at go-live
(MODEL.md 9).
"""

from __future__ import annotations

from collections.abc import Callable

from sim.engine.clock import Clock
from sim.engine.constants import EPS
from sim.engine.demand import Demand
from sim.engine.feed import Feed
from sim.engine.floor import WorkFloor
from sim.engine.orgchart import OrgChart
from sim.info import LIVE_FIX, MESSAGE, REVIEW, Network
from sim.metrics import Ledger
from sim.org import REWORK, Team
from sim.params import HOURS_PER_DAY, Params
from sim.paths import campaign_path
from sim.results import CampaignPath
from sim.rng import Keyed
from sim.work import Campaign, Task

LATE_KEPT = 8
"""Late campaigns' paths kept (the latest): all a snapshot shows, so memory stays flat."""


class Messages:
    """Message versions of campaigns in flight, rework, and go-live."""

    def __init__(
        self,
        p: Params,
        clock: Clock,
        net: Network,
        org: OrgChart,
        floor: WorkFloor,
        demand: Demand,
        ledger: Ledger,
        feed: Feed,
        review_draws: Keyed,
        on_win: Callable[[], None],
    ) -> None:
        self.p = p
        self.clock = clock
        self.env = clock.env
        self.net = net
        self.org = org
        self.floor = floor
        self.demand = demand
        self.ledger = ledger
        self.feed = feed
        self.review_draws = review_draws
        self.on_win = on_win
        # The latest campaigns to go live late, as they went live (a snapshot shows a few).
        self.late_paths: list[CampaignPath] = []
        self.fixes = 0  # live campaigns fixed so far (their fix tasks' ids count down from -1)

    def maybe_live(self, c: Campaign, now: float) -> None:
        if c.live or any(not t.done or t.rework for t in c.tasks):
            return
        if not c.reviewed:
            c.reviewed = True
            teams = [t.team for t in c.tasks if t.team is not None]
            linked = self.net.share_meeting_or_liaison(list(dict.fromkeys(teams)), now)
            catch = self.p.review_catch_linked if linked else self.p.review_catch
            caught = False
            for t in c.tasks:
                tt = t.team
                unheard = t.stale and tt is not None and c.known.get(tt.idx, 0) < c.version
                if (
                    unheard
                    and tt is not None
                    and self.review_draws.uniform(REVIEW << 40 | c.id, t.idx) < catch
                ):
                    c.known[tt.idx] = c.version
                    self.rework(t, now)
                    caught = True
            if caught:
                self.feed.say(
                    "review", f"Review caught off-message work in {c.label} before launch."
                )
                return
        c.live = True
        c.live_at = now
        c.outputs = len(c.tasks)
        c.on_message = sum(1 for t in c.tasks if not t.stale)
        self._spot_live(c, now)
        consistency = c.on_message / c.outputs
        on_time = now <= c.due + EPS
        value = c.value * (1.0 if on_time else self.p.late_factor) * consistency
        self.demand.close(c)
        self.ledger.campaign_live(c, now, value, on_time)
        self.on_win()
        if not on_time:
            self.late_paths.append(campaign_path(c, now, self.clock.origin))
            del self.late_paths[:-LATE_KEPT]
            days = (now - c.due) / HOURS_PER_DAY
            why = ""
            if c.worst_wait[0] > 0:
                wait, a, b, via = c.worst_wait
                why = f"; longest handoff {a} to {b} waited {wait / HOURS_PER_DAY:.1f} days ({via})"
            self.feed.say("late", f"{c.label} went live {days:.1f} days late{why}.")
        if c.on_message < c.outputs:
            self.feed.say(
                "off-message",
                f"{c.label} went live with {c.outputs - c.on_message} of "
                f"{c.outputs} outputs on the old message.",
            )
        self.demand.release(c)

    def message_change(self, c: Campaign, text: str) -> None:
        if c.live:
            return
        now = self.env.now
        c.version += 1
        c.changed_at = now
        owner = c.owner
        if owner is not None:
            c.known[owner.idx] = c.version
            if self.floor.news_log.on:
                self.floor.news_log.record(
                    owner.name, "message", f"You changed the message of {c.label}", now, ""
                )
        # Outputs already made carry the old message: each is off-message until its
        # team hears of the change and redoes it (the owner knows at once).
        for t in c.tasks:
            if t.done and not t.rework:
                t.stale = True
                if t.team is not None and t.team is owner:
                    self.rework(t, now)
        if text:
            self.feed.say("change", text.replace("{campaign}", c.label))
        teams = list(
            dict.fromkeys(t.team for t in c.tasks if t.team is not None and t.team is not owner)
        )
        for team in teams:
            if owner is None:
                continue
            at, via = self.net.chase(MESSAGE << 40 | c.id, c.version, owner, team, now, MESSAGE)
            c.eta[team.idx, c.version] = at
            self.clock.at(at, self.message_arrives, c, team.idx, c.version, now, via, at)

    def change_course(self, template: str | None, text: str) -> None:
        hits = [
            c for c in self.demand.open_campaigns if template is None or c.template.name == template
        ]
        for c in hits:
            self.message_change(c, "")
        if text or hits:
            self.feed.announce(
                text or f"Change of course: {len(hits)} campaigns in flight change message."
            )

    def message_arrives(
        self, c: Campaign, team_idx: int, version: int, sent: float, via: str, at: float
    ) -> None:
        if c.eta.get((team_idx, version)) != at:
            return  # redrawn since (sim/news.py)
        team = self.org.resolve(team_idx)
        now = self.env.now
        if c.known.get(team.idx, 0) >= version:
            return
        c.known[team.idx] = version
        self.ledger.fact(now - sent)
        if self.floor.news_log.on:
            owner = c.owner.name if c.owner is not None else "The owner"
            self.floor.news_log.record(
                team.name, "message", f"{owner} changed the message of {c.label}", sent, via
            )
        if c.live:
            return  # too late: what went live stays as it went
        hours = 0.0
        for t in c.tasks:
            if t.team is team and t.done and t.stale and not t.rework:
                self.rework(t, now)
                hours += t.remaining
        if hours > 0 and now - sent > 16:
            self.feed.say(
                "rework",
                f"{team.name} learned of the new message for {c.label} "
                f"{(now - sent) / HOURS_PER_DAY:.1f} days late ({via}): {hours:.0f} h of rework.",
                (team.name,),
                hours,
            )

    def _spot_live(self, c: Campaign, now: float) -> None:
        """Off-message outputs that went live, each spotted with chance `live_fix_p`: its
        team is told and fixes it (the launch's consistency is already booked)."""
        fixes: dict[int, tuple[Team, str, float]] = {}
        for t in c.tasks:
            tt = t.team
            if not t.stale or tt is None or c.known.get(tt.idx, 0) >= c.version:
                continue
            if self.review_draws.uniform(LIVE_FIX << 40 | c.id, t.idx) < self.p.live_fix_p:
                _, skill, hours = fixes.get(tt.idx, (tt, t.skill, 0.0))
                fixes[tt.idx] = (tt, skill, hours + t.effort * self.p.rework_fraction)
        for team, skill, hours in fixes.values():
            c.known[team.idx] = c.version
            self.fixes += 1
            fix = Task(-self.fixes, f"fix {c.label}", skill, hours, -1, now)
            fix.team = team
            fix.started = True
            fix.started_at = now
            fix.origin = team
            fix.category = REWORK
            self.floor.make_ready(fix, now)
            self.feed.say(
                "rework",
                f"{c.label} went live with {team.name}'s work on the old message; spotted "
                f"live, it takes {hours:.0f} h to fix.",
                (team.name,),
                hours,
            )

    def rework(self, t: Task, now: float) -> None:
        t.rework = True
        t.category = REWORK
        t.remaining = t.effort * self.p.rework_fraction
        self.floor.make_ready(t, now)
