"""Fewer full garbage collections while the engine steps.

The org and its history only grow during a run, and each of Python's full
(oldest-generation) collections rescans all of it: on a 1,000-person year
they were a fifth of the time. While any simulation steps, the oldest
generation's threshold is raised, so young cycles are still collected but the
whole heap is not rescanned; the old threshold is back as soon as no step
runs. Freezing the heap (`gc.freeze`) would do as well, but knowing whether
someone else froze it (the game does) means counting frozen objects, which
walks them all.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

OLDEST_THRESHOLD = 1000
"""Young collections between two full ones while stepping (Python's default is 10)."""


class _Stepping:
    """How many steps run now, and the threshold to put back when none does."""

    lock = threading.Lock()
    depth = 0
    saved: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def fewer_full_collections() -> Iterator[None]:
    """Raise the oldest generation's threshold for the block (nested and threads safe)."""
    state = _Stepping
    with state.lock:
        if state.depth == 0:
            state.saved = gc.get_threshold()
            young, middle, oldest = state.saved
            gc.set_threshold(young, middle, max(oldest, OLDEST_THRESHOLD))
        state.depth += 1
    try:
        yield
    finally:
        with state.lock:
            state.depth -= 1
            if state.depth == 0:
                gc.set_threshold(*state.saved)
