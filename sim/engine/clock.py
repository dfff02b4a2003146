"""Simulated time: the SimPy environment, the week being played and the horizon.

Times are working hours (8 a day, 40 a week). Week boundaries are whole
multiples of 40, which floats hit exactly, so stepping in any chunks lands on
the same instants.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import simpy

from sim.params import HOURS_PER_WEEK


class Clock:
    """The run's time: shared by every part, advanced only by the coordinator."""

    __slots__ = ("env", "week", "week_end", "week_start", "weeks")

    def __init__(self, weeks: int) -> None:
        self.env = simpy.Environment()
        self.weeks = weeks
        self.week = 0
        self.week_start = 0.0
        self.week_end = HOURS_PER_WEEK

    @property
    def now(self) -> float:
        return float(self.env.now)

    def begin_week(self) -> None:
        self.week_start = self.week * HOURS_PER_WEEK
        self.week_end = self.week_start + HOURS_PER_WEEK

    def at(self, at: float, fn: Callable[..., Any], *args: Any) -> None:
        """Call `fn(*args)` at time `at` (now, if that has passed)."""
        ev = self.env.timeout(max(0.0, at - self.env.now))
        ev.callbacks.append(lambda _e: fn(*args))

    @property
    def done(self) -> bool:
        return self.week >= self.weeks
