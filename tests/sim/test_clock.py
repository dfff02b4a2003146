"""The clock's own event loop processes events exactly as SimPy's `run(until=...)` does.

`Clock.run_until` replaces SimPy's run loop and keeps events due now (an idle
worker's wake-up) out of SimPy's heap. SimPy itself is the oracle here: the
same schedule, run by `simpy.Environment.run` and by the clock, must give the
same events in the same order at the same times.
"""

from __future__ import annotations

from collections.abc import Callable

import simpy
from simpy.events import NORMAL, URGENT, Event

from sim.engine.clock import Clock

Log = list[tuple[str, float]]


def schedule(env: simpy.Environment, log: Log, due_now: Callable[[str], None]) -> None:
    """Events at 1, 2 and 3 h, urgent and normal, some scheduling more as they run:
    events due at once by SimPy's own `schedule`, and by `due_now`."""

    def at(delay: float, name: str, priority: int = NORMAL, then: Callable[[], None] | None = None):
        def run(_: object) -> None:
            log.append((name, env.now))
            if then is not None:
                then()

        ev = Event(env)
        ev._ok, ev._value = True, None
        ev.callbacks.append(run)
        env.schedule(ev, priority, delay)

    def after_a() -> None:
        due_now("a, due now 1")
        at(0, "a, zero delay")  # between the two in order of scheduling
        due_now("a, due now 2")
        at(0, "a, urgent now", URGENT)  # ahead of everything due now

    at(1, "a", then=after_a)
    at(1, "b")
    at(1, "c, urgent", URGENT)
    at(2, "d", then=lambda: due_now("d, due now"))
    at(3, "e, at the first stop")


def test_the_clock_runs_a_schedule_as_simpy_does() -> None:
    reference: Log = []
    env = simpy.Environment()

    def succeed_now(name: str) -> None:
        ev = Event(env)
        ev.callbacks.append(lambda _: reference.append((name, env.now)))
        ev.succeed()  # SimPy's event due now: normal priority, now

    schedule(env, reference, succeed_now)
    env.run(until=3)
    first_stop = len(reference)
    env.run(until=4)

    clock = Clock(weeks=1)
    ours: Log = []

    def soon(name: str) -> None:
        ev = Event(clock.env)
        ev._ok, ev._value = True, None
        ev.callbacks.append(lambda _: ours.append((name, clock.env.now)))
        clock.soon.append((clock.env.now, NORMAL, next(clock.env._eid), ev))

    schedule(clock.env, ours, soon)
    clock.run_until(3)
    assert ours == reference[:first_stop]
    assert clock.env.now == 3
    clock.run_until(4)
    assert ours == reference
    assert [name for name, _ in reference[:7]] == [
        "c, urgent",
        "a",
        "a, urgent now",
        "b",
        "a, due now 1",
        "a, zero delay",
        "a, due now 2",
    ]
    assert reference[-1] == ("e, at the first stop", 3)  # due at the stop: the next run's
