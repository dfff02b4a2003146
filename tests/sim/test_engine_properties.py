"""Invariants over random small orgs, seeds and action sequences (hypothesis).

Every worker's hours add up to the 40 paid each week, every task is in exactly
one state, engagement stays in [0, 1], the feed never goes back in time,
Little's law holds, the same inputs give the same outputs (also in another
process), stepping week by week equals stepping at once, and a script equals
the same actions applied by hand.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import math
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scenarios.catalog import builtin_paths
from sim import ActionError, Simulation, parse_scenario
from sim.actions import (
    AddLink,
    Celebrate,
    EnableTool,
    FormSquads,
    Hire,
    IncludeAgency,
    MergeTeams,
    MoveWorker,
    Release,
    RemoveLink,
    SetGoal,
    SetMix,
    SplitTeam,
)
from sim.results import HOUR_CATEGORIES

SKILLS = ("seo", "social", "email")
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _unit(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def params(draw: Any) -> dict[str, Any]:
    """Random model parameters, each inside the schema's bounds."""
    return {
        "campaigns_per_week": draw(_unit(0, 4)),
        "own_work_per_week": draw(_unit(0, 8)),
        "topics": draw(st.integers(1, 60)),
        "effort_cv": draw(_unit(0, 1.5)),
        "due_weeks": draw(_unit(0.5, 8)),
        "chunk_hours": draw(st.sampled_from([0.5, 1.5, 4.0, 7.0])),
        "overhead_per_member": draw(_unit(0, 0.2)),
        "hallway_p": draw(_unit(0.01, 1)),
        "email_p": draw(_unit(0.05, 1)),
        "openness_local": draw(st.floats(0, 1, exclude_min=True, allow_nan=False)),
        "asset_valid_weeks": draw(_unit(0.2, 8)),
        "reuse_cost": draw(_unit(0, 1)),
        "message_changes_per_campaign": draw(_unit(0, 2)),
        "rework_fraction": draw(_unit(0, 2)),
        "review_catch": draw(_unit(0, 1)),
        "attrition": draw(st.booleans()),
        "quit_base": draw(st.sampled_from([0.002, 0.05])),
        "hire_delay_weeks": draw(st.integers(0, 3)),
        "baseline_engagement": draw(_unit(0, 1)),
        "baseline_spread": draw(_unit(0, 0.5)),
        "engagement_rate": draw(_unit(0, 1)),
        "wasted_weight": draw(_unit(0, 10)),
        "meeting_weight": draw(_unit(0, 100)),
        # A cold start, a short warm-up or the default one: engine time 0 is the
        # warm-up's start, week 0 comes after it.
        "warmup_weeks": draw(st.sampled_from([0, 2, 12])),
    }


@st.composite
def scenarios(draw: Any) -> dict[str, Any]:
    n_teams = draw(st.integers(1, 4))
    teams = []
    for i in range(n_teams):
        skill = SKILLS[i] if i < len(SKILLS) else draw(st.sampled_from(SKILLS))
        size = draw(st.integers(1, 4))
        teams.append(
            {"name": f"T{i}", "skills": [skill], "members": [f"T{i} {j + 1}" for j in range(size)]}
        )
    covered = sorted({t["skills"][0] for t in teams})
    if draw(st.booleans()):
        # An agency, maybe arriving later, maybe left out of planning.
        teams.append(
            {
                "name": "Ag",
                "skills": [draw(st.sampled_from(SKILLS))],
                "size": draw(st.integers(1, 3)),
                "external": True,
                "included": draw(st.booleans()),
                "joins_week": draw(st.integers(0, 4)),
            }
        )
    templates = []
    for k in range(draw(st.integers(1, 2))):
        n_tasks = draw(st.integers(1, 4))
        tasks = []
        for j in range(n_tasks):
            # Dependencies only on earlier tasks: acyclic by construction.
            after = draw(st.lists(st.integers(0, j - 1), unique=True, max_size=2)) if j else []
            tasks.append(
                {
                    "name": f"t{j}",
                    "skill": draw(st.sampled_from(covered)),
                    "effort": draw(_unit(1, 30)),
                    "after": [f"t{a}" for a in sorted(after)],
                    **({"asset": "kit"} if draw(st.booleans()) else {}),
                    **({"topic": "fixed"} if draw(st.booleans()) else {}),
                }
            )
        templates.append({"name": f"c{k}", "value": draw(_unit(10, 150)), "tasks": tasks})
    weeks = draw(st.integers(3, 8))
    links = []
    for kind in draw(st.lists(st.sampled_from(["email", "chat", "meeting"]), max_size=2)):
        if {"kind": kind, "teams": ["*"]} not in links:
            links.append({"kind": kind, "teams": ["*"]})
    events: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        week = draw(_unit(0, weeks - 0.01))
        kind = draw(st.sampled_from(["campaign", "change_course", "leave"]))
        if kind == "campaign":
            events.append({"week": week, "kind": kind, "template": "c0"})
        elif kind == "change_course":
            events.append({"week": week, "kind": kind})
        else:
            events.append({"week": week, "kind": kind, "worker": "T0 1"})
    return {
        "name": "random",
        "weeks": weeks,
        "teams": teams,
        "links": links,
        "tools": {
            "shared_calendar": draw(st.booleans()),
            "knowledge_base": draw(st.booleans()),
        },
        "demand": {"templates": templates},
        "events": events,
        "params": draw(params()),
        # set_mix is offered only where a scenario names it.
        "levers": draw(st.sampled_from([[], ["set_mix"]])),
    }


ACTIONS = st.sampled_from(
    [
        SetGoal(team="*", shared_weight=0.9),
        SetGoal(team="T0", shared_weight=0.1, kpi="campaign"),
        AddLink(kind="chat", teams=("*",)),
        AddLink(kind="meeting", teams=("*",), per_week=5),
        AddLink(kind="liaison", teams=("T0", "T1"), liaison="T0 1"),
        AddLink(kind="guild", skill="seo"),
        RemoveLink(kind="email"),
        RemoveLink(kind="chat"),
        EnableTool(tool="knowledge_base"),
        EnableTool(tool="shared_calendar"),
        FormSquads(),
        MergeTeams(teams=("T0", "T1")),
        MergeTeams(teams=("T1", "T2", "T3"), name="Big"),
        SplitTeam(team="T0", new_team="N", members=("T0 1",)),
        MoveWorker(worker="T1 1", to_team="T0"),
        Release(worker="T0 2"),
        Hire(team="T0", skill="seo", count=2),
        IncludeAgency(team="Ag"),
        SetMix(weights={"c0": 0.0}),
        Celebrate(),
    ]
)


def _watch_hours(sim: Simulation) -> None:
    """Check, as each week is recorded, that every worker's hours add up to 40."""
    record = sim.ledger.end_week

    def end_week(teams: list[Any], quits: int, *rest: Any) -> None:
        for team in teams:
            for worker in team.members:
                assert all(h >= -1e-9 for h in worker.hours), (worker.name, worker.hours)
                assert abs(sum(worker.hours) - 40.0) < 1e-6, (worker.name, worker.hours)
        record(teams, quits, *rest)

    sim.ledger.end_week = end_week  # type: ignore[method-assign]


def _play(data: dict[str, Any], seed: int, plan: list[tuple[int, Any]], check: bool) -> Simulation:
    """Step week by week, applying the plan's possible actions, checking invariants."""
    sim = Simulation(parse_scenario(data), seed=seed, keep_campaigns=True)
    if check:
        _watch_hours(sim)
    while not sim.done:
        for week, action in plan:
            if week == sim.week:
                with contextlib.suppress(ActionError):
                    sim.apply(action)
        sim.step(1)
        if check:
            _check_invariants(sim)
    if check:
        _check_littles_law(sim)
    return sim


def _check_invariants(sim: Simulation) -> None:
    w = sim.weekly
    assert all(len(series) == sim.week for series in w.values())
    cats = sum(w[f"hours_{c}"][-1] for c in HOUR_CATEGORIES)
    assert abs(cats - w["hours_paid"][-1]) < 1e-6
    assert abs(w["hours_paid"][-1] - 40 * w["headcount"][-1]) < 1e-6
    for team in sim.live_teams():
        for worker in team.members:
            assert 0.0 <= worker.engagement <= 1.0
    assert all(0.0 <= e <= 1.0 for e in w["engagement"] if not math.isnan(e))
    weeks = [e.week for e in sim.events]
    assert weeks == sorted(weeks), "the feed goes back in time"
    assert not weeks or weeks[-1] <= sim.week + 1
    _check_task_states(sim)


def _check_task_states(sim: Simulation) -> None:
    """Every task is in exactly one state: queued, worked, waiting, blocked or done."""
    queued = [id(t) for team in sim.teams for t in team.queue]
    waiting = [id(t) for team in sim.teams for t in team.waiting]
    unrouted = [id(t) for t in sim.floor.unrouted]
    assert len(queued) == len(set(queued)), "a task sits twice in queues"
    assert len(waiting) == len(set(waiting)), "a task waits twice"
    queued_set, waiting_set, unrouted_set = set(queued), set(waiting), set(unrouted)
    open_ids = {id(c) for c in sim.open_campaigns}
    for c in sim.campaigns:
        if id(c) not in open_ids:
            assert c.live and all(t.done and not t.rework for t in c.tasks), c.label
            continue
        for t in c.tasks:
            unrouted = id(t) in unrouted_set  # no team has people for it (it may wait for deps too)
            states = [
                id(t) in queued_set,
                t.worker is not None,
                id(t) in waiting_set,
                unrouted,
                t.done and not t.rework,
                not t.done and t.deps_left > 0 and not unrouted,
            ]
            assert sum(states) == 1, (t.label, states)
    for team in sim.live_teams():
        assert team.wait_count == len(team.waiting)


def _check_littles_law(sim: Simulation) -> None:
    """Mean campaigns in progress x horizon = total time campaigns spent in the org.

    Over the recorded weeks only: engine time starts with the warm-up, week 0 at
    `sim.clock.origin`. A campaign still open at week 0 counts from then, one still
    open at the end up to the end, and one gone live in the warm-up not at all.
    """
    start = sim.clock.origin
    end = sim.clock.time_of(sim.week)
    horizon = end - start
    in_system = sum(
        max(0.0, (min(c.live_at, end) if c.live else end) - max(c.arrival, start))
        for c in sim.campaigns
    )
    wip = sim.result().summary["wip_mean"]
    assert abs(wip * horizon - in_system) <= 1e-6 * max(1.0, in_system)


@PROPERTY
@given(
    data=scenarios(),
    seed=st.integers(0, 2**32),
    plan=st.lists(st.tuples(st.integers(0, 7), ACTIONS), max_size=5),
)
def test_invariants_hold_every_week(
    data: dict[str, Any], seed: int, plan: list[tuple[int, Any]]
) -> None:
    _play(data, seed, plan, check=True)


def _fingerprint(sim: Simulation) -> str:
    return hashlib.sha256(sim.result().to_json().encode()).hexdigest()


@PROPERTY
@given(
    data=scenarios(),
    seed=st.integers(0, 2**32),
    plan=st.lists(st.tuples(st.integers(0, 7), ACTIONS), max_size=4),
)
def test_same_inputs_same_results_and_chunking_does_not_matter(
    data: dict[str, Any], seed: int, plan: list[tuple[int, Any]]
) -> None:
    one_by_one = _play(data, seed, plan, check=False)
    again = _play(data, seed, plan, check=False)
    assert _fingerprint(one_by_one) == _fingerprint(again)
    # The same actions as a script, stepped in one call, give the same run.
    taken = [(week, action) for week, action in one_by_one.actions_log]
    scripted = parse_scenario(data).with_actions(taken)
    at_once = Simulation(scripted, seed=seed, keep_campaigns=True)
    at_once.step(at_once.weeks)
    assert at_once.result().to_json() == one_by_one.result().to_json()


@PROPERTY
@given(data=scenarios(), seed=st.integers(0, 2**32), when=st.integers(1, 7), action=ACTIONS)
def test_an_action_never_changes_the_weeks_before_it(
    data: dict[str, Any], seed: int, when: int, action: Any
) -> None:
    """Common random numbers: up to the week of an action, both runs are the same run."""
    scn = parse_scenario(data)
    when = min(when, scn.weeks - 1)
    plain = Simulation(scn, seed=seed, keep_campaigns=True)
    plain.step(scn.weeks)
    changed = Simulation(scn, seed=seed, keep_campaigns=True)
    changed.step(when)
    try:
        changed.apply(action)
    except ActionError:
        return
    changed.step(scn.weeks - when)
    a, b = plain.result(), changed.result()
    for key in a.weekly:
        np.testing.assert_array_equal(a.weekly[key][:when], b.weekly[key][:when], err_msg=key)
    assert [e for e in a.events if e.week <= when] == [e for e in b.events if e.week <= when]


def test_twenty_six_single_steps_equal_one_step_of_twenty_six() -> None:
    from sim import load_scenario

    scn = load_scenario("siloed-marketing").model_copy(update={"weeks": 26})
    a = Simulation(scn, seed=11, keep_campaigns=True)
    for _ in range(26):
        a.step(1)
    b = Simulation(scn, seed=11, keep_campaigns=True)
    b.step(26)
    assert a.result().to_json() == b.result().to_json()


def test_same_results_in_a_separate_process() -> None:
    code = (
        "import hashlib; from sim import load_scenario, run; "
        "from sim.actions import SetGoal; "
        "scn = load_scenario('siloed-marketing').with_actions([(3, SetGoal(shared_weight=0.7))]); "
        "print(hashlib.sha256(run(scn, seed=5, weeks=12).to_json().encode()).hexdigest())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    from sim import load_scenario, run

    scn = load_scenario("siloed-marketing").with_actions([(3, SetGoal(shared_weight=0.7))])
    here = hashlib.sha256(run(scn, seed=5, weeks=12).to_json().encode()).hexdigest()
    assert outputs == {here}


def test_common_random_numbers_survive_a_later_change() -> None:
    from sim import load_scenario, run

    scn = load_scenario("siloed-marketing").model_copy(update={"weeks": 20})
    plain = run(scn, seed=2)
    changed = run(scn.with_actions([(10, AddLink(kind="chat"))]), seed=2)
    for key, series in plain.weekly.items():
        np.testing.assert_array_equal(series[:10], changed.weekly[key][:10], err_msg=key)
    assert plain.weekly["value"][10:].tolist() != changed.weekly["value"][10:].tolist()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(text=st.text(max_size=300))
def test_loader_never_crashes_on_random_text(text: str, tmp_path_factory: Any) -> None:
    from sim import ScenarioError, load_scenario_file

    path = tmp_path_factory.mktemp("fuzz") / "s.toml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(ScenarioError):
        load_scenario_file(path)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    ["name", "teams", "weeks", "links", "demand", "skills", "size", "kind", "x"]
                ),
                children,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_loader_never_crashes_on_random_data(data: Any) -> None:
    from sim import ScenarioError

    with contextlib.suppress(ScenarioError):
        parse_scenario(data if isinstance(data, dict) else {"teams": data})


RICH: dict[str, Any] = {
    "name": "rich",
    "weeks": 3,
    "topics": ["returns", "pricing"],
    "teams": [
        {
            "name": "A",
            "skills": ["a", "b"],
            "members": ["Ann", "Ada"],
            "member_skills": {"Ada": "b"},
        },
        {"name": "B", "skills": ["b"], "size": 2, "kpi": "campaign", "shared_weight": 0.6},
        {
            "name": "Ag",
            "skills": ["c"],
            "size": 1,
            "external": True,
            "included": False,
            "joins_week": 1,
            "engagement": 0.4,
        },
    ],
    "links": [
        {"kind": "email", "teams": ["*"]},
        {"kind": "meeting", "teams": ["A", "B"], "per_week": 2, "hours": 0.5},
        {"kind": "liaison", "teams": ["A", "B"], "liaison": "Ann"},
        {"kind": "guild", "skill": "b"},
    ],
    "tools": {"shared_calendar": True},
    "demand": {
        "templates": [
            {
                "name": "launch",
                "weight": 2,
                "value": 120,
                "owner": "b",
                "due_weeks": 2,
                "tasks": [
                    {"name": "brief", "skill": "a", "effort": 6},
                    {"name": "kit", "skill": "b", "effort": 8, "after": ["brief"], "asset": "FAQ"},
                    {
                        "name": "ads",
                        "skill": "c",
                        "effort": 5,
                        "after": ["kit"],
                        "topic": "pricing",
                    },
                ],
            },
            {"name": "promo", "tasks": [{"name": "post", "skill": "b", "effort": 4}]},
        ],
        "channels": ["a", "b"],
    },
    "events": [
        {"week": 0.5, "kind": "campaign", "template": "promo", "due_weeks": 0.5, "value": 10},
        {"week": 1, "kind": "change_course", "template": "launch", "text": "New message!"},
        {"week": 1.5, "kind": "leave", "worker": "Ada"},
        {"week": 1, "kind": "join", "team": "Ag"},
    ],
    "objectives": [{"measure": "efficiency", "target": 1.1, "vs_baseline": True}],
    "params": {"campaigns_per_week": 2, "own_work_per_week": 2, "attrition": True},
    "script": [
        {"week": 1, "do": [{"action": "set_goal", "shared_weight": 0.8}]},
        {"week": 2, "do": [{"action": "include_agency", "team": "Ag"}]},
    ],
}

ODD_VALUES = st.sampled_from(
    [0, -1, 1, 2, 0.5, 1e-9, 1e9, float("nan"), float("inf"), "", "x", "A", "*", True, None, [], {}]
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a nest of dicts and lists."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(data: Any, draw: Any) -> dict[str, Any]:
    doc = copy.deepcopy(RICH)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        op = draw(st.sampled_from(["replace", "delete", "copy"]))
        if op == "replace":
            parent[key] = draw(ODD_VALUES)
        elif op == "delete":
            del parent[key]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        else:
            parent[key] = copy.deepcopy(parent[key])
            parent[draw(st.sampled_from(["extra", "name", "size", "weeks"]))] = parent[key]
        if not _paths(doc):
            break
    return doc


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_whatever_the_loader_accepts_runs(data: Any, seed: int) -> None:
    """A mutated scenario is refused with a ScenarioError or runs (scripts may refuse)."""
    from sim import ScenarioError

    doc = _mutate(data, data.draw)
    try:
        scn = parse_scenario(doc)
    except ScenarioError as exc:
        assert exc.message and "Traceback" not in str(exc)
        return
    sim = Simulation(scn, seed=seed, keep_campaigns=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            sim.step(min(3, sim.weeks))
        except ActionError as exc:
            assert str(exc).startswith("script at week")
            return
        sim.snapshot()
        sim.result().to_json()


def test_the_rich_scenario_is_valid_and_runs() -> None:
    # The fuzz above starts from a scenario that works, so its mutants probe
    # one broken thing at a time.
    result = Simulation(parse_scenario(RICH), seed=1, keep_campaigns=True)
    result.step(3)
    assert result.result().summary["campaigns_arrived"] > 0


@pytest.mark.parametrize("path", builtin_paths(), ids=lambda p: p.stem)
def test_the_first_weeks_do_not_depend_on_the_horizon(path: Path) -> None:
    # MODEL.md "Horizon independence": a run of k weeks is the first k weeks of the full
    # run with the same seed and script, so a facilitator can reproduce a table's week-k
    # figures. Checked with the scenario's par plan (actions at week 0) and its own events.
    from scenarios.catalog import par_script
    from sim import load_scenario, run
    from sim.experiment import with_overrides

    scn = load_scenario(path.stem)
    steps = par_script(path.stem, scn) or ()
    planned = scn.with_actions([(s.week, a) for s in steps for a in s.do])
    full = run(planned, seed=11)
    for k in sorted({1, min(8, scn.weeks - 1), scn.weeks // 2}):
        short = run(with_overrides(planned, {"weeks": k}), seed=11)
        for measure, series in full.weekly.items():
            assert np.array_equal(series[:k], short.weekly[measure], equal_nan=True), (
                f"{path.stem}: {measure} of the first {k} weeks differs from the "
                f"{scn.weeks}-week run"
            )
