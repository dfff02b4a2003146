"""`Simulation.inject`: a scenario event at a week boundary, chosen during the run
(a facilitator's surprise for the whole room), replayable exactly."""

from __future__ import annotations

import numpy as np
import pytest

from sim import ActionError, Simulation, load_scenario
from sim.scenario import Event


def _played(name: str, events: list[tuple[int, Event]], weeks: int = 10) -> Simulation:
    sim = Simulation(load_scenario(name), seed=3)
    at = dict(events)
    for week in range(weeks):
        if week in at:
            sim.inject(at[week])
        sim.step(1)
    return sim


def same(a: dict, b: dict) -> bool:
    """Weekly series equal, a week without a figure (NaN) equal to itself."""
    return a.keys() == b.keys() and all(np.array_equal(a[k], b[k], equal_nan=True) for k in a)


CRISIS = Event(week=0, kind="campaign", template="launch", due_weeks=1, value=500, text="A crisis!")


def test_an_injected_campaign_arrives_that_week_and_replays_exactly() -> None:
    plain = _played("siloed-marketing", [])
    first = _played("siloed-marketing", [(4, CRISIS)])
    again = _played("siloed-marketing", [(4, CRISIS)])
    assert same(first.weekly, again.weekly) and first.injected == [(4, CRISIS)]
    assert plain.weekly["value"][:4] == first.weekly["value"][:4]  # nothing moves before it
    assert not same(plain.weekly, first.weekly)
    assert any(e.week == 5 and e.text == "A crisis!" for e in first.events)


def test_a_change_of_course_and_a_departure_at_the_boundary() -> None:
    sim = Simulation(load_scenario("siloed-marketing"), seed=3)
    sim.step(2)
    name = next(w.name for w in sim.workers if w.present)
    sim.inject(Event(week=0, kind="leave", worker=name, text=f"{name} walks out."))
    sim.inject(Event(week=0, kind="change_course", text="New message for all."))
    sim.step(1)
    assert not next(w for w in sim.workers if w.name == name).present
    assert any(e.text == f"{name} walks out." and e.week == 3 for e in sim.events)
    with pytest.raises(ActionError, match="nobody called"):
        sim.inject(Event(week=0, kind="leave", worker=name))


def test_a_team_waiting_to_join_joins_early_and_only_once() -> None:
    sim = Simulation(load_scenario("new-agency"), seed=3)
    sim.step(1)
    agency = next(t for t in sim.teams if not t.active)
    sim.inject(Event(week=0, kind="join", team=agency.name))
    assert agency.active
    sim.step(4)  # past the week it was due: it does not join twice
    assert sum(e.kind == "join" and agency.name in e.text for e in sim.events) == 1
    with pytest.raises(ActionError, match="not a team waiting to join"):
        sim.inject(Event(week=0, kind="join", team=agency.name))


def test_a_bad_event_changes_nothing() -> None:
    sim = Simulation(load_scenario("siloed-marketing"), seed=3)
    with pytest.raises(ActionError, match="no campaign kind"):
        sim.inject(Event(week=0, kind="campaign", template="gala"))
    assert sim.injected == []
    sim.step(sim.weeks)
    with pytest.raises(ActionError, match="over"):
        sim.inject(CRISIS)
