"""The event feed: what happened, in plain words, week by week."""

from __future__ import annotations

from sim.engine.clock import Clock
from sim.engine.constants import FEED_PER_WEEK
from sim.results import SCRIPTED, FeedEvent


class Feed:
    """Plain-words events, at most `FEED_PER_WEEK` kept a week (a big org would flood it)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.events: list[FeedEvent] = []
        self._said: dict[int, int] = {}

    def say(self, kind: str, text: str, teams: tuple[str, ...] = (), hours: float = 0.0) -> None:
        """Tell the feed (events at a week boundary count toward the coming week)."""
        week = self.clock.week + 1
        if week <= 0:
            return  # the warm-up is never shown
        said = self._said.get(week, 0)
        if said < FEED_PER_WEEK:
            self.events.append(FeedEvent(week, kind, text, teams, hours))
        self._said[week] = said + 1

    def announce(self, text: str, teams: tuple[str, ...] = ()) -> None:
        """The scenario's own news (a disruption), which no weekly cap drops."""
        week = self.clock.week + 1
        if week > 0 and text:
            self.events.append(FeedEvent(week, SCRIPTED, text, teams))

    def of_week(self, week: int) -> tuple[FeedEvent, ...]:
        return tuple(e for e in self.events[-2 * FEED_PER_WEEK :] if e.week == week)
