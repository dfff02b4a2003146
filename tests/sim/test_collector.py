"""When Python's cyclic collector runs around the engine's weeks (sim/engine/collector.py).

The collector is process-wide state: every test puts it back as it found it.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from sim import Simulation, load_scenario
from sim.engine.collector import hold_collection, no_collection


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cyclic_garbage() -> weakref.ref[Node]:
    """A pair of objects that only the cyclic collector can free, dropped at once."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_a_step_runs_with_the_collector_off_and_puts_it_back() -> None:
    seen = []
    with no_collection():
        seen.append(gc.isenabled())
        with no_collection():  # nested: the inner block does not switch it back on
            pass
        seen.append(gc.isenabled())
    assert seen == [False, False]
    assert gc.isenabled()


def test_a_collector_switched_off_by_its_owner_stays_off() -> None:
    gc.disable()
    with no_collection():
        pass
    assert not gc.isenabled()
    release = hold_collection()
    release()
    assert not gc.isenabled()


def test_a_hold_outlasts_the_weeks_stepped_inside_it() -> None:
    sim = Simulation(load_scenario("siloed-marketing"), 1)
    release = hold_collection()
    sim.step(2)
    assert not gc.isenabled()  # the step's own switch did not end the hold
    release()
    assert gc.isenabled()


def test_releasing_a_hold_frees_the_cycles_made_during_it_at_once() -> None:
    release = hold_collection()
    garbage = cyclic_garbage()
    assert garbage() is not None
    release()
    assert garbage() is None  # collected by the release itself, not some later pass


def test_each_hold_is_released_once_and_the_last_lets_the_collector_run() -> None:
    first, second = hold_collection(), hold_collection()
    first()
    first()  # a second call does nothing: it does not release the other hold
    assert not gc.isenabled()
    garbage = cyclic_garbage()
    second()
    assert gc.isenabled() and garbage() is None
