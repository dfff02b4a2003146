"""Every size that drives work is bounded, and refused before the work starts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from sim import ActionError, Simulation, parse_scenario
from sim.actions import Hire
from sim.executors import ExperimentError
from sim.experiment import grid_points
from sim.limits import (
    MAX_ACTIONS,
    MAX_EVENTS,
    MAX_LINKS,
    MAX_PEOPLE,
    MAX_RUNS,
    MAX_SKILLS,
    MAX_TASKS,
    MAX_TEMPLATES,
)
from sim.scenario import Scenario, ScenarioError, ScriptStep

Data = dict[str, Any]
Build = Callable[..., Scenario]


@pytest.fixture
def base(make_org: Build) -> Callable[[], Data]:
    return lambda: make_org().to_toml_dict()


def tasks(n: int, skill: str = "a") -> list[Data]:
    return [{"name": f"t{i}", "skill": skill, "effort": 1} for i in range(n)]


def hires(n: int, count: int = 100) -> list[Data]:
    return [{"action": "hire", "team": "A", "skill": "a", "count": count}] * n


def over(limit: int) -> int:
    return limit + 1


def _channels(d: Data) -> None:
    d["demand"]["channels"] = [f"c{i}" for i in range(over(MAX_SKILLS))]


def _skills(d: Data) -> None:
    d["teams"] = [
        {"name": f"T{i}", "skills": [f"s{i}-{j}" for j in range(20)], "size": 1}
        for i in range(over(MAX_SKILLS) // 20 + 1)
    ]
    d["demand"]["templates"] = []


def _templates(d: Data) -> None:
    d["demand"]["templates"] = [
        {"name": f"k{i}", "tasks": tasks(1)} for i in range(over(MAX_TEMPLATES))
    ]


def _tasks(d: Data) -> None:
    d["demand"]["templates"] = [
        {"name": f"k{i}", "tasks": tasks(50)} for i in range(MAX_TASKS // 50 + 1)
    ]


def _links(d: Data) -> None:
    d["links"] = [{"kind": "email"}] * over(MAX_LINKS)


def _events(d: Data) -> None:
    d["events"] = [{"week": 1, "kind": "campaign", "template": "launch"}] * over(MAX_EVENTS)


def _actions(d: Data) -> None:
    d["script"] = [{"week": 1, "do": [{"action": "celebrate"}] * over(MAX_ACTIONS)}]


def _hired_people(d: Data) -> None:
    d["script"] = [{"week": 1, "do": hires(MAX_PEOPLE // 100)}]  # the org has 2 already


def _people(d: Data) -> None:
    d["teams"] = [{"name": f"T{i}", "skills": ["a"], "size": 2000} for i in range(11)]


LIMITS = {
    "channels": (_channels, "demand.channels", f"more than the {MAX_SKILLS} allowed"),
    "skills": (_skills, "teams", f"more than the {MAX_SKILLS} allowed"),
    "templates": (_templates, "demand.templates", f"more than the {MAX_TEMPLATES} allowed"),
    "tasks": (_tasks, "demand.templates", f"more than the {MAX_TASKS} allowed"),
    "links": (_links, "links", f"more than the {MAX_LINKS} allowed"),
    "events": (_events, "events", f"more than the {MAX_EVENTS:,} allowed"),
    "actions": (_actions, "script", f"more than the {MAX_ACTIONS:,} allowed"),
    "people through hires": (_hired_people, "script", "20,002 people"),
    "people": (_people, "teams", f"more than the {MAX_PEOPLE:,} allowed"),
}


@pytest.mark.parametrize("case", sorted(LIMITS))
def test_each_size_limit_refuses_the_scenario(base: Callable[[], Data], case: str) -> None:
    change, key, words = LIMITS[case]
    data = base()
    change(data)
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, "x.toml")
    assert time.perf_counter() - started < 5  # refused, not run
    assert key in str(caught.value) and words in str(caught.value), str(caught.value)


def test_just_under_each_limit_is_accepted(base: Callable[[], Data]) -> None:
    data = base()
    data["demand"]["templates"] += [
        {"name": f"k{i}", "tasks": tasks(50)} for i in range(MAX_TASKS // 50 - 1)
    ]
    data["script"] = [{"week": 1, "do": hires(MAX_PEOPLE // 100 - 1)}]
    parse_scenario(data)


def test_a_script_added_to_a_scenario_is_bounded_together(base: Callable[[], Data]) -> None:
    # Each half is within the limit; with_actions must not let the pair through.
    data = base()
    half = MAX_PEOPLE // 200
    data["script"] = [{"week": 1, "do": hires(half)}]
    scenario = parse_scenario(data)
    more = parse_scenario({**data, "script": [{"week": 2, "do": hires(half)}]}).script
    with pytest.raises(ScenarioError, match="20,002 people"):
        scenario.with_actions(more)
    assert isinstance(more[0], ScriptStep)


def test_a_players_hires_stop_at_the_people_limit(
    make_org: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sim.verbs.hiring

    monkeypatch.setattr(sim.verbs.hiring, "MAX_PEOPLE", 10)
    run = Simulation(make_org(), seed=1)
    run.apply(Hire(team="A", skill="a", count=5))  # 2 people and 5 on the way
    with pytest.raises(ActionError, match="past the 10 allowed"):
        run.check(Hire(team="A", skill="a", count=4))
    run.check(Hire(team="A", skill="a", count=3))


def test_a_sweep_grid_is_counted_before_it_is_built() -> None:
    grid = {f"params.k{i}": list(range(100)) for i in range(6)}  # 10^12 points
    started = time.perf_counter()
    with pytest.raises(ExperimentError, match=f"more than {MAX_RUNS:,} runs"):
        grid_points(grid)
    assert time.perf_counter() - started < 1
    with pytest.raises(ExperimentError, match="1,000 points x 101 replications"):
        grid_points({"a": list(range(10)), "b": list(range(100))}, replications=101)


def test_a_meeting_may_take_at_most_20_hours_a_week_of_each_attendee(make_org: Build) -> None:
    from sim.actions import AddLink, action_from_dict
    from sim.limits import MAX_MEETING_HOURS_A_WEEK

    assert MAX_MEETING_HOURS_A_WEEK == 20
    limit = "a link's meetings may take at most 20 h a week"
    # Each within its own bound (ten a week, eight hours each), refused together.
    with pytest.raises(ActionError, match="10 meetings a week of 8 h each take 80 h") as err:
        action_from_dict({"action": "add_link", "kind": "meeting", "per_week": 10, "hours": 8})
    assert limit in str(err.value) and "\n" not in str(err.value)
    AddLink(kind="meeting", per_week=10, hours=2)  # 20 h: the limit itself
    # A default length comes from the params: checked where they are known.
    long_meetings = make_org(params={"meeting_hours": 3, "guild_hours": 3})
    sim = Simulation(long_meetings, seed=1)
    daily_meetings = AddLink(kind="meeting", per_week=10)  # 30 h
    guild = AddLink(kind="guild", skill="a", per_week=7)  # 21 h
    for action in (daily_meetings, guild):
        for attempt in (sim.check, sim.cost_of, sim.apply):
            with pytest.raises(ActionError, match=limit):
                attempt(action)
    sim.check(AddLink(kind="meeting", per_week=6))  # 18 h


DAILY_MEETING = {"action": "add_link", "kind": "meeting", "per_week": 10}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"links": [{"kind": "meeting", "per_week": 10, "hours": 8}]}, "links"),
        ({"links": [{"kind": "meeting", "per_week": 10}], "params": {"meeting_hours": 3}}, "links"),
        (
            {"script": [{"week": 0, "do": [DAILY_MEETING]}], "params": {"meeting_hours": 2.5}},
            "script",
        ),
    ],
)
def test_a_scenario_with_a_meeting_past_the_weekly_limit_is_refused(
    base: Callable[[], Data], change: Data, where: str
) -> None:
    data = base()
    params = change.pop("params", {})
    data.update(change)
    data["params"] = {**data.get("params", {}), **params}
    with pytest.raises(ScenarioError) as err:
        parse_scenario(data, "s.toml")
    message = str(err.value)
    assert "at most 20 h a week" in message and where in message and "\n" not in message
