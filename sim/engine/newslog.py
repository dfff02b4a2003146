"""Who heard what, when: the news that reached each team, kept only when asked.

The engine already knows when a fact reaches a team (a handoff's arrival, a
change of message heard, a known asset or plan that spared work); a game played
by seats needs that record per team, to show each seat only its own news and,
at the end, what it learned late. Recording is off by default: a headless run
keeps nothing and pays one attribute test per arrival. Recording never draws
a random number nor schedules an event, so it cannot change a run.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.clock import Clock


@dataclass(frozen=True, slots=True)
class Heard:
    """One piece of news reaching one team."""

    team: str
    """The team that heard it (its name when it heard)."""
    kind: str
    """'handoff' (an input is done), 'message' (a campaign's message changed) or 'fact'
    (another team's asset or plan that the team came to know of)."""
    text: str
    """What the team learned, in plain words."""
    sent: float
    """Engine hours when the news arose (the input was done, the message changed)."""
    arrived: float
    """Engine hours when it reached the team."""
    via: str
    """The route that carried it ('' inside the team)."""


class NewsLog:
    """The news that reached each team, in order of arrival (empty unless switched on)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.on = False
        self.heard: list[Heard] = []

    def record(self, team: str, kind: str, text: str, sent: float, via: str) -> None:
        """Note news reaching `team` now (the warm-up's arrivals are never shown)."""
        now = self.clock.now
        if now < self.clock.origin:
            return
        self.heard.append(Heard(team, kind, text, sent, now, via))
