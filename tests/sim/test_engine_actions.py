"""Every player action, applied through `Simulation.apply` on a tiny org.

Each action does what its cost preview says, and one the org cannot take is
refused with a reason and changes nothing. Orgs come from conftest.py: a
worker makes 0.9 effort hours per hour, engagement stays put (rate 0) unless
a jump moves it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from sim import ActionError, Simulation, run
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
from sim.params import DEFAULTS
from sim.scenario import Scenario

Build = Callable[..., Scenario]
SPEED = 0.9

THREE_TEAMS = [
    {"name": "A", "skills": ["a", "b"], "members": ["Ann", "Ada"], "member_skills": {"Ada": "b"}},
    {"name": "B", "skills": ["b"], "members": ["Bob", "Bea"]},
    {"name": "Ag", "skills": ["c"], "members": ["Cy"], "external": True, "included": False},
]

BIG_TASK = [{"name": "big", "tasks": [{"name": "big", "skill": "a", "effort": 72}]}]


def _state(sim: Simulation) -> Any:
    """Everything an action could change, as plain comparable data."""
    snap = sim.snapshot()
    return (
        snap.teams,
        snap.links,
        snap.tools,
        snap.pending_hires,
        tuple(sim.demand.mix),
        sim.wins_since_celebration,
        tuple((w.name, w.team.name, w.present, w.ramp, w.debt_coord) for w in sim.workers),
        len(sim.actions_log),
        len(sim.events),
    )


def _sim(make_org: Build, **kw: Any) -> Simulation:
    kw.setdefault("teams", THREE_TEAMS)
    kw.setdefault("events", [])
    # The tiny org offers set_mix too (a scenario must name it to offer it).
    kw.setdefault("levers", ["set_mix"])
    return Simulation(make_org(**kw), seed=1, keep_campaigns=True)


ALL_ACTIONS = [
    MergeTeams(teams=("A", "B")),
    SplitTeam(team="A", new_team="A2", members=("Ada",)),
    MoveWorker(worker="Bea", to_team="A"),
    FormSquads(),
    SetGoal(team="B", shared_weight=0.9, kpi="campaign"),
    AddLink(kind="chat", teams=("A", "B")),
    AddLink(kind="meeting", per_week=2, hours=1.5),
    AddLink(kind="liaison", teams=("A", "B"), liaison="Ann"),
    AddLink(kind="guild", skill="b"),
    RemoveLink(kind="email", teams=("A", "B")),
    EnableTool(tool="shared_calendar"),
    Celebrate(),
    IncludeAgency(team="Ag"),
    Hire(team="B", skill="b", count=2),
    SetMix(weights={"launch": 0.5}),
    Release(worker="Bea"),
]


@pytest.mark.parametrize("action", ALL_ACTIONS, ids=lambda a: a.action)
def test_every_action_is_priced_checked_applied_and_logged(make_org: Build, action: Any) -> None:
    launch = {"week": 0, "kind": "campaign", "template": "launch"}
    sim = _sim(make_org, links=[{"kind": "email", "teams": ["A", "B"]}], events=[launch], weeks=4)
    sim.step(1)  # the launch campaign of week 0 is live: one win to celebrate
    before = _state(sim)
    costs = sim.cost_of(action)
    sim.check(action)
    assert costs and all(isinstance(c, str) and c for c in costs)
    assert _state(sim) == before, "pricing or checking an action changed the org"
    sim.apply(action)
    assert _state(sim) != before
    assert sim.actions_log[-1] == (1, action)
    assert sim.events[-1].kind == "action"
    assert sim.result().actions[-1] == (1, action.to_dict())
    sim.step(sim.weeks - sim.week)  # and the org runs on


LAUNCH = {
    "name": "launch",
    "tasks": [
        {"name": "draft", "skill": "a", "effort": 9},
        {"name": "publish", "skill": "b", "effort": 9, "after": ["draft"]},
    ],
}
"""The tiny org's campaign (conftest.py), part of the planned mix (weight 1)."""

GALA = {"name": "gala", "weight": 0, "tasks": [{"name": "stage", "skill": "a", "effort": 9}]}
"""A one-off campaign kind (weight 0): it arrives only when an event schedules it."""


def _refusal_sim(make_org: Build, levers: tuple[str, ...] = ("set_mix",)) -> Simulation:
    return _sim(
        make_org,
        links=[
            {"kind": "email", "teams": ["A", "B"]},
            {"kind": "chat", "teams": ["*"]},
        ],
        teams=[
            *THREE_TEAMS,
            {"name": "Solo", "skills": ["d"], "members": ["Sol"]},
            {"name": "In", "skills": ["c"], "members": ["Ina"], "external": True},
        ],
        templates=[LAUNCH, GALA],
        levers=list(levers),
    )


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (MergeTeams(teams=("A", "Nobody")), "no team 'Nobody'"),
        (MergeTeams(teams=("A", "B"), name="Solo"), "'Solo' already exists"),
        (MergeTeams(teams=("A", "Ag")), "agency cannot be merged with an in-house team"),
        (MergeTeams(teams=("In", "B", "A")), "agency cannot be merged with an in-house team"),
        (SplitTeam(team="A", new_team="A2", members=("Bob",)), "Bob is not in A"),
        (SplitTeam(team="A", new_team="A2", members=("Ann", "Ada")), "left empty"),
        (SplitTeam(team="A", new_team="B", members=("Ada",)), "'B' already exists"),
        (MoveWorker(worker="Sol", to_team="A"), "last member of Solo"),
        (MoveWorker(worker="Ann", to_team="A"), "already in A"),
        (MoveWorker(worker="Ann", to_team="Nowhere"), "no team 'Nowhere'"),
        (SetGoal(team="Nobody", shared_weight=0.5), "no team 'Nobody'"),
        (AddLink(kind="email", teams=("A", "B")), "already exists"),
        (AddLink(kind="email", teams=("B", "A")), "already exists"),
        (AddLink(kind="chat"), "already exists"),
        (AddLink(kind="chat", teams=("A",)), "at least two teams"),
        (AddLink(kind="chat", teams=("A", "A")), "named twice"),
        (AddLink(kind="liaison", teams=("A", "B")), "name the worker"),
        (AddLink(kind="liaison", teams=("A", "B"), liaison="Sol"), "not in any of the linked"),
        (AddLink(kind="liaison", teams=("A", "B"), liaison="Zed"), "no one called 'Zed'"),
        (AddLink(kind="guild"), "needs a skill"),
        (AddLink(kind="guild", skill="d"), "fewer than two teams"),
        (RemoveLink(kind="meeting"), "no meeting link"),
        (RemoveLink(kind="email", teams=("A", "Solo")), "no email link"),
        (IncludeAgency(team="A"), "in-house team"),
        (IncludeAgency(team="In"), "already part of planning"),
        (Hire(team="B", skill="a"), "B does not cover a"),
        (SetMix(weights={"webinar": 1.0}), "no campaign kind 'webinar'"),
        (SetMix(weights={"launch": 0.0}), "positive weight"),
        (SetMix(weights={"launch": -1.0}), "cannot be negative"),
        (SetMix(weights={"gala": 1.0}), "gala is a one-off"),
        (Release(worker="Sol"), "last member of Solo"),
        (Release(worker="Zed"), "no one called 'Zed'"),
    ],
)
def test_impossible_actions_are_refused_with_a_reason(
    make_org: Build, action: Any, reason: str
) -> None:
    sim = _refusal_sim(make_org)
    before = _state(sim)
    for attempt in (sim.check, sim.cost_of, sim.apply):
        with pytest.raises(ActionError, match=reason):
            attempt(action)
    assert _state(sim) == before


def test_set_mix_is_refused_where_the_scenario_does_not_offer_it(make_org: Build) -> None:
    # The campaign mix is a lever only where a scenario lists set_mix among its
    # levers; the same valid change is refused elsewhere, and nothing changes.
    sim = _refusal_sim(make_org, levers=())
    before = _state(sim)
    for attempt in (sim.check, sim.cost_of, sim.apply):
        with pytest.raises(ActionError, match="does not let you change the campaign mix"):
            attempt(SetMix(weights={"launch": 0.5}))
    assert _state(sim) == before
    # Listing other levers does not offer it either.
    other = _refusal_sim(make_org, levers=("set_goal", "add_link"))
    with pytest.raises(ActionError, match="does not let you change the campaign mix"):
        other.check(SetMix(weights={"launch": 0.5}))


def test_the_tool_already_on_and_squads_of_one_team_are_refused(make_org: Build) -> None:
    sim = _sim(make_org, tools={"knowledge_base": True})
    with pytest.raises(ActionError, match="already on"):
        sim.apply(EnableTool(tool="knowledge_base"))
    alone = _sim(
        make_org,
        teams=[THREE_TEAMS[1], THREE_TEAMS[2]],
        templates=[{"name": "x", "tasks": [{"name": "t", "skill": "b", "effort": 1}]}],
    )
    with pytest.raises(ActionError, match="squads need at least two in-house teams"):
        alone.apply(FormSquads())


def test_no_action_after_the_last_week(make_org: Build) -> None:
    sim = _sim(make_org, weeks=1)
    sim.step(1)
    with pytest.raises(ActionError, match="over"):
        sim.apply(SetGoal(shared_weight=0.9))


def test_an_impossible_scripted_action_stops_the_run_saying_when(make_org: Build) -> None:
    scn = make_org(teams=THREE_TEAMS, events=[]).with_actions(
        [(1, Release(worker="Ann")), (2, Release(worker="Ada"))]
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    with pytest.raises(ActionError, match=r"script at week 2: .*last member of A"):
        sim.step(3)


def test_moving_a_worker_costs_ramp_handover_and_shock(make_org: Build) -> None:
    sim = _sim(make_org, weeks=5)
    sim.apply(MoveWorker(worker="Ada", to_team="B"))
    snap = sim.snapshot()
    assert [w.name for w in snap.team("A").members] == ["Ann"]
    assert [w.name for w in snap.team("B").members] == ["Bob", "Bea", "Ada"]
    ada = snap.team("B").members[-1]
    assert ada.ramp == pytest.approx(DEFAULTS.moved_ramp)
    # Both teams take the reorg shock: 0.5 - 0.05 (engagement is frozen otherwise).
    assert [w.engagement for t in ("A", "B") for w in snap.team(t).members] == [
        pytest.approx(0.45)
    ] * 4
    assert snap.team("Ag").members[0].engagement == pytest.approx(0.5)
    sim.step(1)
    # 16 h of handover paid over handover_weeks (4): 4 h a week, plus the 2% overhead
    # of a three-person team on the rest of its 3 * 40 h.
    b = sim.snapshot().team("B")
    assert b.hours["coordination"] == pytest.approx(4 + 0.02 * (3 * 40 - 4))
    # The ramp climbs back a sixth of the way a week.
    ramp = DEFAULTS.moved_ramp
    assert b.members[-1].ramp == pytest.approx(ramp + (1 - ramp) / 6)
    # Three more weeks of 4 h pay the rest; the fifth week owes only the overhead.
    for _ in range(3):
        sim.step(1)
        b = sim.snapshot().team("B")
        assert b.hours["coordination"] == pytest.approx(4 + 0.02 * (3 * 40 - 4))
    sim.step(1)
    assert sim.snapshot().team("B").hours["coordination"] == pytest.approx(0.02 * 3 * 40)


def test_moving_a_worker_mid_task_loses_half_its_progress(make_org: Build) -> None:
    # Ann works a 72-hour task all week: 36 effort hours done. Moved, the task
    # goes back to A and loses half that progress (MODEL.md mechanic 12).
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann", "Ada"]},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
    ]
    scn = make_org(
        teams=teams,
        templates=BIG_TASK,
        events=[{"week": 0, "kind": "campaign", "template": "big"}],
        params={"overhead_per_member": 0},
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    (task,) = sim.campaigns[0].tasks
    holder = task.worker.name if task.worker is not None else "Ann"
    sim.apply(MoveWorker(worker=holder, to_team="B"))
    assert task.remaining == pytest.approx(72 - 0.5 * 40 * SPEED)


def test_release_keeps_the_work_done(make_org: Build) -> None:
    # Released after a week on a 72-hour task, Ann's 36 effort hours stay done,
    # and nobody is hired. Ada, who stays, takes the layoff shock (0.05): at
    # engagement 0.45 she works at 0.6 + 0.6 * 0.45 = 0.87 an hour, so the other
    # 36 effort hours take her 36 / 0.87 = 41.4 h: done at hour 81.4.
    teams = [{"name": "A", "skills": ["a"], "members": ["Ann", "Ada"]}]
    scn = make_org(
        teams=teams,
        templates=BIG_TASK,
        events=[{"week": 0, "kind": "campaign", "template": "big"}],
        params={"overhead_per_member": 0},
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    (task,) = sim.campaigns[0].tasks
    holder = task.worker.name if task.worker is not None else "Ann"
    sim.apply(Release(worker=holder))
    (stays,) = sim.snapshot().team("A").members
    assert stays.name != holder
    assert stays.engagement == pytest.approx(0.5 - 0.05)
    assert sim.snapshot().pending_hires == 0
    sim.step(2)
    assert task.done
    assert task.done_at == pytest.approx(40 + 36 / (0.6 + 0.6 * 0.45))


def test_merge_keeps_the_progress_of_the_team_that_stays(make_org: Build) -> None:
    # A (two people) absorbs B (one): Ann's task stays where it was, Bob's
    # changes team and loses half its progress (the preview lists no loss for
    # those who do not move).
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann", "Ada"]},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
    ]
    templates = [
        {"name": "big", "tasks": [{"name": "big", "skill": "a", "effort": 72}]},
        {"name": "bigb", "tasks": [{"name": "big", "skill": "b", "effort": 72}]},
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "big"},
        {"week": 0, "kind": "campaign", "template": "bigb"},
    ]
    scn = make_org(teams=teams, templates=templates, events=events)
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    a_task, b_task = (c.tasks[0] for c in sim.campaigns)
    sim.apply(MergeTeams(teams=("A", "B")))
    a_speed = SPEED * (1 - 0.01)  # a two-person team
    assert a_task.remaining == pytest.approx(72 - 40 * a_speed)
    assert b_task.remaining == pytest.approx(72 - 0.5 * 40 * SPEED)
    assert sim.snapshot().team("A").name == "A"  # named after the first team


def test_split_moves_people_with_their_skill_and_knowledge(make_org: Build) -> None:
    # Ada (b) makes the b FAQ in A at week 0 and splits off into A2 at week 1;
    # a b FAQ arriving then is A2's work (A has nobody for b any more), and A2
    # knows the one it made in A: reused, not duplicated.
    faq = [{"name": "faq", "skill": "b", "effort": 9, "asset": "FAQ", "topic": "returns"}]
    scn = make_org(
        teams=[THREE_TEAMS[0]],
        templates=[{"name": "faq", "tasks": faq}],
        events=[
            {"week": 0, "kind": "campaign", "template": "faq"},
            {"week": 1, "kind": "campaign", "template": "faq"},
        ],
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    sim.apply(SplitTeam(team="A", new_team="A2", members=("Ada",)))
    snap = sim.snapshot()
    assert [w.name for w in snap.team("A").members] == ["Ann"]
    (ada,) = snap.team("A2").members
    assert ada.ramp == pytest.approx(DEFAULTS.moved_ramp)
    assert snap.team("A2").skills == ("b",)
    sim.step(1)
    second = sim.campaigns[1].tasks[0]
    assert second.team is not None and second.team.name == "A2"
    assert second.reused
    assert sim.result().summary["hours_duplicated"] == 0


def test_squads_take_one_person_of_each_skill(make_org: Build) -> None:
    teams = [
        {"name": "A", "skills": ["a"], "size": 3},
        {"name": "B", "skills": ["b"], "size": 2},
        {"name": "Ag", "skills": ["c"], "members": ["Cy"], "external": True},
    ]
    sim = _sim(make_org, teams=teams)
    sim.apply(FormSquads())
    snap = sim.snapshot()
    squads = [t for t in snap.teams if t.name.startswith("Squad")]
    # Two b people: two squads; the third a person joins the first.
    assert [sorted(w.skill for w in t.members) for t in squads] == [["a", "a", "b"], ["a", "b"]]
    assert all(t.kpi == "campaign" and t.shared_weight == 0.8 for t in squads)
    assert all(w.ramp == pytest.approx(DEFAULTS.moved_ramp) for t in squads for w in t.members)
    # Agencies are not re-cut; the old in-house teams are gone.
    assert sorted(t.name for t in snap.teams) == ["Ag", "Squad 1", "Squad 2"]
    assert [w.engagement for w in snap.team("Ag").members] == [pytest.approx(0.5)]


def test_shared_goals_put_other_teams_requests_first(make_org: Build) -> None:
    # B gets two 9-hour tasks at once: its own campaign (value 50) and A's
    # request (value 150). On local goals B does its own first; weighing shared
    # goals at 0.9, the more valuable request goes first.
    templates = [
        {
            "name": "request",
            "value": 150,
            "owner": "a",
            "tasks": [
                {"name": "note", "skill": "a", "effort": 9},
                {"name": "ask", "skill": "b", "effort": 9},
            ],
        },
        {"name": "own", "value": 50, "tasks": [{"name": "mine", "skill": "b", "effort": 9}]},
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "request"},
        {"week": 0, "kind": "campaign", "template": "own"},
    ]

    def first_done(actions: list[Any]) -> str:
        scn = make_org(templates=templates, events=events).with_actions(actions)
        sim = Simulation(scn, seed=1, keep_campaigns=True)
        sim.step(1)
        ask, mine = sim.campaigns[0].tasks[1], sim.campaigns[1].tasks[0]
        assert sorted([ask.done_at, mine.done_at]) == [pytest.approx(10.0), pytest.approx(20.0)]
        return "request" if ask.done_at < mine.done_at else "own"

    assert first_done([]) == "own"
    assert first_done([(0, SetGoal(team="B", shared_weight=0.9))]) == "request"
    assert first_done([(0, SetGoal(team="B", shared_weight=0.1, kpi="campaign"))]) == "request"


def test_links_cost_their_hours_every_week_until_removed(make_org: Build) -> None:
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann"]},
        {"name": "B", "skills": ["b"], "members": ["Bob", "Abe"], "member_skills": {}},
        {"name": "C", "skills": ["a"], "members": ["Cat"]},
    ]
    sim = _sim(make_org, teams=teams, params={"overhead_per_member": 0})
    sim.apply(AddLink(kind="liaison", teams=("A", "B"), liaison="Ann"))
    sim.apply(AddLink(kind="guild", skill="a"))
    sim.apply(AddLink(kind="meeting", teams=("B", "C"), per_week=2, hours=1.5))
    sim.apply(AddLink(kind="chat", teams=("A", "B", "C")))
    sim.step(1)
    hours = {t.name: t.hours for t in sim.snapshot().teams}
    # Liaison: liaison_hours_per_team (7 h) for each of the 2 teams Ann links. Chat:
    # chat_cost_hours per other linked team per member.
    chat = DEFAULTS.chat_cost_hours
    role = 2 * DEFAULTS.liaison_hours_per_team
    assert hours["A"]["coordination"] == pytest.approx(role + 2 * chat)
    assert hours["B"]["coordination"] == pytest.approx(2 * 2 * chat)
    assert hours["C"]["coordination"] == pytest.approx(2 * chat)
    # Guild of skill a: 1 h for Ann and Cat. Meeting: 2 x 1.5 h for B and C.
    assert hours["A"]["meetings"] == pytest.approx(1)
    assert hours["B"]["meetings"] == pytest.approx(2 * 3)
    assert hours["C"]["meetings"] == pytest.approx(1 + 3)
    sim.apply(RemoveLink(kind="chat", teams=("A", "B", "C")))
    sim.apply(RemoveLink(kind="guild"))
    sim.step(1)
    hours = {t.name: t.hours for t in sim.snapshot().teams}
    assert hours["A"]["coordination"] == pytest.approx(role)
    assert hours["A"]["meetings"] == 0
    assert [lk.kind for lk in sim.snapshot().links] == ["liaison", "meeting"]


def test_enabling_a_tool_at_the_start_equals_having_it(make_faq_org: Build) -> None:
    params = {"calendar_adoption": 1.0}
    had = run(make_faq_org(tools={"shared_calendar": True}, params=params), seed=3)
    enabled = run(
        make_faq_org(params=params).with_actions([(0, EnableTool(tool="shared_calendar"))]),
        seed=3,
    )
    assert had.summary == enabled.summary
    # The licence: 10 a week for each of the 2 seats, 3 weeks.
    assert enabled.summary["tool_cost"] == pytest.approx(60.0)


def test_celebrating_lifts_the_target_by_the_wins_and_wears_off(make_org: Build) -> None:
    launch = {"week": 0, "kind": "campaign", "template": "launch"}
    sim = _sim(make_org, events=[launch, launch, launch], params={"overhead_per_member": 0})
    sim.step(1)
    assert sim.wins_since_celebration == 3
    sim.apply(Celebrate())
    # A first celebration lifts the target by 0.02 per win (1 - exp(-inf) = 1): 0.06.
    assert sim.staff.morale == pytest.approx(0.06)
    assert sim.wins_since_celebration == 0
    sim.step(1)
    terms = sim.snapshot().team("A").engagement_terms
    assert terms["celebration"] == pytest.approx(0.06)
    # celebrate_hours (2 h) of everyone's time, counted as meeting time; a quarter of
    # the lift is gone.
    assert sim.weekly["hours_meetings"][-1] == pytest.approx(2.0 * len(sim.workers))
    assert sim.staff.morale == pytest.approx(0.06 * 0.75)


def test_a_celebration_with_nothing_won_rings_hollow(make_org: Build) -> None:
    sim = _sim(make_org, events=[])
    sim.apply(Celebrate())
    assert sim.staff.morale == pytest.approx(-0.03)
    assert "hollow" in sim.events[-1].text


def test_celebrating_again_soon_lifts_less(make_org: Build) -> None:
    launch = {"kind": "campaign", "template": "launch"}
    events = [{**launch, "week": 0}, {**launch, "week": 1}]
    sim = _sim(make_org, events=events, weeks=4, params={"celebrate_decay": 0})
    sim.step(1)
    sim.apply(Celebrate())
    first = sim.staff.morale
    sim.step(1)
    sim.step(1)
    assert sim.wins_since_celebration == 1
    sim.apply(Celebrate())
    # Two weeks later, one win: 0.02 x (1 - exp(-2 / 6)).
    assert sim.staff.morale == pytest.approx(0.02 * (1 - math.exp(-2 / 6)))
    assert sim.staff.morale < first


def test_celebration_is_capped(make_org: Build) -> None:
    launch = {"week": 0, "kind": "campaign", "template": "launch"}
    sim = _sim(make_org, events=[launch] * 8, weeks=4)
    sim.step(3)
    assert sim.wins_since_celebration == 8
    sim.apply(Celebrate())
    # 8 x 0.02 = 0.16, capped at 0.12.
    assert sim.staff.morale == pytest.approx(0.12)


def test_including_an_agency_links_it_and_ends_its_exclusion(make_org: Build) -> None:
    sim = _sim(make_org, params={"engagement_rate": 0.5})
    sim.step(1)
    assert sim.snapshot().team("Ag").engagement_terms["excluded"] == pytest.approx(-0.3)
    sim.apply(IncludeAgency(team="Ag"))
    snap = sim.snapshot()
    assert snap.team("Ag").included
    assert sorted(lk.teams for lk in snap.links if lk.kind == "email") == [
        ("Ag", "A"),
        ("Ag", "B"),
    ]
    sim.step(1)
    assert sim.snapshot().team("Ag").engagement_terms["excluded"] == 0


def test_hires_arrive_after_the_delay_and_ramp_up(make_org: Build) -> None:
    sim = _sim(make_org, weeks=8)
    sim.apply(Hire(team="B", skill="b", count=2))
    assert sim.snapshot().pending_hires == 2
    sim.step(3)
    assert len(sim.snapshot().team("B").members) == 2
    sim.step(1)  # four weeks after hiring
    new = [w for w in sim.snapshot().team("B").members if w.new]
    assert len(new) == 2 and sim.snapshot().pending_hires == 0
    assert all(w.skill == "b" and w.ramp == pytest.approx(0.5) for w in new)
    sim.step(1)
    new = [w for w in sim.snapshot().team("B").members if w.new]
    assert all(w.ramp == pytest.approx(0.5 + 0.5 / 6) for w in new)


def test_a_new_mix_changes_the_campaigns_planned_from_then_on(make_org: Build) -> None:
    templates = [
        {"name": "launch", "tasks": [{"name": "t", "skill": "a", "effort": 2}]},
        {"name": "promo", "tasks": [{"name": "t", "skill": "b", "effort": 2}]},
    ]
    scn = make_org(
        templates=templates,
        events=[],
        params={"campaigns_per_week": 4},
        weeks=8,
        levers=["set_mix"],
    ).with_actions([(4, SetMix(weights={"launch": 0}))])
    sim = Simulation(scn, seed=2, keep_campaigns=True)
    sim.step(sim.weeks)
    before = {c.template.name for c in sim.campaigns if c.arrival < 160}
    after = {c.template.name for c in sim.campaigns if c.arrival >= 160}
    assert before == {"launch", "promo"}
    assert after == {"promo"}
