"""No cyclic garbage collection while the engine plays its weeks.

The one place that decides when Python's cyclic collector runs during a
simulation. A week allocates tens of thousands of SimPy events, tasks and
records, nearly all freed by reference counting; on a 1,000-person year the
collector's young passes (every 700 net allocations) walked the pending events
and the week's new objects some 700 times and freed nothing (no cycles in a
year's run), a tenth of the step's time and growing with the org. So the
collector is off while `Simulation.step` runs, however many weeks it plays,
and back as it returns: one young pass per step, over the objects the weeks
left alive. (Once a week was still 4% of a 1,000-person year: each pass walked
the week's survivors, most of which die within a few weeks anyway.) The game
steps a week at a time, so cycles made anywhere else (its screen thread) wait
a fraction of a second at most; a headless run collects once, at its end,
and its memory stays flat because the engine cuts its own cycles (a released
campaign). Freezing the heap (`gc.freeze`) was tried and dropped: knowing
whether someone else froze it means counting frozen objects, which walks
them all.

A game holds the collector off for longer: from the key that plays a week until
the week is on the screen (`hold_collection`), then collects the young
generations at once, in the idle moment after the frame. Let back on when
the step returns, the collector's first passes walked the week's survivors
from inside the turn's summary and the frame that draws it: 6-7 ms of a
1,000-person week's 100 ms, and now and then a full pass of some 170 ms.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class _Stepping:
    """How many weeks run now (threads and nesting), and whether to switch it back on."""

    lock = threading.Lock()
    depth = 0
    was_enabled = True


def _off() -> None:
    state = _Stepping
    with state.lock:
        if state.depth == 0:
            state.was_enabled = gc.isenabled()
            gc.disable()
        state.depth += 1


def _on() -> bool:
    """One holder fewer; True if that was the last and the collector is back on."""
    state = _Stepping
    with state.lock:
        state.depth -= 1
        if state.depth == 0 and state.was_enabled:
            gc.enable()
            return True
        return False


@contextmanager
def no_collection() -> Iterator[None]:
    """Switch the cyclic collector off for the block (nested and thread safe), then restore it."""
    _off()
    try:
        yield
    finally:
        _on()


def hold_collection() -> Callable[[], None]:
    """Switch the collector off until the returned function is called, from any thread.

    That call (once; later calls do nothing) restores the collector and, if no one
    else holds it off, collects the young and middle generations there and then:
    call it where a pause of a few milliseconds costs nothing.
    """
    _off()
    held = [True]

    def release() -> None:
        if held[0]:
            held[0] = False
            if _on():
                gc.collect(1)

    return release
