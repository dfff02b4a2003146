"""Simulated time: the SimPy environment, the week being played and the horizon.

Times are working hours (8 a day, 40 a week). Week boundaries are whole
multiples of 40, which floats hit exactly, so stepping in any chunks lands on
the same instants.

A run starts with a warm-up under the starting org (MODEL.md, Economics E1):
weeks -W to -1, played but never recorded or shown, so week 0 finds the org in
its steady state (work in flight, engagement at its level, vacancies as
usual). Engine time 0 is the start of the warm-up; `origin` is week 0.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from heapq import heappop
from typing import Any

import simpy
from simpy.events import URGENT, Event

from sim.params import HOURS_PER_WEEK


class Clock:
    """The run's time: shared by every part, advanced only by the coordinator."""

    __slots__ = ("env", "origin", "soon", "warmup", "week", "week_end", "week_start", "weeks")

    def __init__(self, weeks: int, warmup: int = 0) -> None:
        self.env = simpy.Environment()
        self.weeks = weeks
        self.warmup = warmup
        self.origin = warmup * HOURS_PER_WEEK
        self.week = -warmup
        self.week_start = 0.0
        self.week_end = HOURS_PER_WEEK
        self.soon: deque[tuple[float, int, int, Any]] = deque()
        """Events due now, in the order scheduled: SimPy heap entries (time, priority,
        id, event) kept out of the heap. An idle worker's wake-up is the run's only
        such event and a sixth of all; each scheduled after every entry pending
        (its id is the largest) and due before time moves on, they come in order
        without the heap's sifting through a few thousand entries."""

    def time_of(self, week: float) -> float:
        """Engine time at which scenario week `week` starts."""
        return self.origin + week * HOURS_PER_WEEK

    @property
    def warming_up(self) -> bool:
        return self.week < 0

    @property
    def now(self) -> float:
        return float(self.env.now)

    def begin_week(self) -> None:
        self.week_start = self.time_of(self.week)
        self.week_end = self.week_start + HOURS_PER_WEEK

    def run_until(self, until: float) -> None:
        """Process every event due before `until`, then stand at `until`.

        SimPy's `run(until=...)` and `step` as one loop (SimPy pinned to 4.x): the
        same events in the same order (time, priority, then order of scheduling),
        without a method call per event or the stop event `run` schedules. (That
        event took an id in the order of scheduling; ids only break ties, so the
        order of every other pair of events is unchanged.) Events due at `until`
        wait for the next call, as they wait behind `run`'s urgent stop event.
        The heap and `soon` are merged by the same key the heap orders by.
        """
        env = self.env
        queue = env._queue
        soon = self.soon
        while True:
            if soon:
                entry = heappop(queue) if queue and queue[0] < soon[0] else soon.popleft()
            elif queue and queue[0][0] < until:
                entry = heappop(queue)
            else:
                break
            env._now, _, _, event = entry
            callbacks = event.callbacks
            # Processed, as SimPy marks it (its stubs allow only lists there).
            event.callbacks = None  # type: ignore[assignment]
            for callback in callbacks:
                callback(event)
            if not event._ok and not hasattr(event, "_defused"):
                raise event._value  # a failed event nobody waited for, as `step` raises it
        env._now = until

    def reusable_event(self) -> Event:
        """A triggered event (as SimPy's Timeout and Initialize are) for callbacks that
        schedule it again and again by hand: SimPy sets its callbacks to None as it
        fires, and the scheduler sets them anew before each push."""
        event = Event(self.env)
        event._ok, event._value = True, None
        return event

    def start(self, callback: Callable[[Any], None]) -> None:
        """Call `callback` from an urgent event now, as `env.process` starts a process."""
        first = self.reusable_event()
        first.callbacks = [callback]
        self.env.schedule(first, URGENT)

    def at(self, at: float, fn: Callable[..., Any], *args: Any) -> None:
        """Call `fn(*args)` at time `at` (now, if that has passed)."""
        ev = self.env.timeout(max(0.0, at - self.env.now))
        ev.callbacks.append(lambda _e: fn(*args))

    @property
    def done(self) -> bool:
        return self.week >= self.weeks
