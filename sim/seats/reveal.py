"""The reveal: what a seat did not know, and when it learned it.

At the debrief each seat is shown what its view hid: the news that reached its
team late (and how late), the news that never reached it, its hours that were
duplicated work or waiting although they looked like work and routine, the
rework a late change of message cost it, and the messages it sent that got
lost. Everything comes from the same run the seats played.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.params import HOURS_PER_DAY
from sim.seats.view import heard_items, week_of

if TYPE_CHECKING:
    from sim.seats.game import SeatGame

LATE_DAYS = 1.0
"""News counts as late once it took more than this many working days to arrive."""
SHOWN = 8
"""Items of each kind the reveal lists (the latest or the worst)."""


@dataclass(frozen=True, slots=True)
class SeatReveal:
    """What one seat did not see while it played."""

    seat: str
    team: str
    late: tuple[str, ...]
    """News that reached the team late, worst first: what, when it arose, when it arrived."""
    late_count: int
    late_days: float
    """Working days all late news spent on the way, together."""
    unheard: tuple[str, ...]
    """Inputs finished upstream that the team had still not heard of at the end."""
    duplicated_hours: float
    """Hours the team spent on work another team had already done or was doing."""
    waiting_hours: float
    """Hours of 'routine' that were campaign work the team would have done, had it known."""
    costs: tuple[str, ...]
    """What late news and not knowing cost it, as the feed told it (rework, duplicates)."""
    lost_messages: tuple[str, ...]
    """Its messages that never reached the other seat."""


def reveal(game: SeatGame, seat: str) -> SeatReveal:
    """What `seat` did not know, from the game as played so far."""
    sim = game.sim
    names = game.names_of(seat)
    items = heard_items(sim, sim.heard, names)
    late = sorted((n for n in items if n.days_late > LATE_DAYS), key=lambda n: -n.days_late)
    late_lines = tuple(
        f"week {n.week}: {n.text}, {n.days_late:.1f} days after it happened"
        + (f" (by {n.via})" if n.via else "")
        for n in late[:SHOWN]
    )
    team = game.team(seat)
    unheard = []
    now = sim.clock.now
    for c in sim.demand.open_campaigns:
        for t in c.tasks:
            if t.team is not team:
                continue
            for d in t.deps:
                if d.idx in t.pending and d.done and d.team is not None:
                    unheard.append(
                        f"{d.team.name} finished {d.label} in week {week_of(sim, d.done_at)}; "
                        f"{(now - d.done_at) / HOURS_PER_DAY:.1f} days on, you had not heard"
                    )
    dup = wait = 0.0
    for name in sorted(names):
        series = sim.ledger.team_series.get(name, {})
        dup += sum(x for x in series.get("duplicated", []) if math.isfinite(x))
        wait += sum(x for x in series.get("info_wait", []) if math.isfinite(x))
    costs = [
        f"week {e.week}: {e.text}"
        for e in sim.events
        if e.kind in ("rework", "duplicated") and any(t in names for t in e.teams)
    ]
    lost = tuple(
        f"week {m.week} to {m.to}: '{m.text}'"
        for m in game.talks
        if m.sender == seat and not math.isfinite(m.arrives)
    )
    return SeatReveal(
        seat=seat,
        team=team.name,
        late=late_lines,
        late_count=len(late),
        late_days=sum(n.days_late for n in late),
        unheard=tuple(unheard[:SHOWN]),
        duplicated_hours=dup,
        waiting_hours=wait,
        costs=tuple(costs[-SHOWN:]),
        lost_messages=lost,
    )
