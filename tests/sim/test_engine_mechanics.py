"""Mechanics on tiny hand-made orgs whose outcome can be worked out by hand.

Every org here switches randomness off where it can: no random demand (campaigns
arrive as scripted events), efforts exactly their means, no random message
changes, no attrition, every baseline engagement 0.5. A worker then works at
0.6 + 0.6 * 0.5 = 0.9 effort hours per hour (one-person teams pay no overhead),
so a 9-hour task takes 10 hours. Engagement is frozen (rate 0) except where a
test studies it.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from sim import ActionError, Simulation, parse_scenario, run
from sim.actions import (
    AddLink,
    Celebrate,
    IncludeAgency,
    MergeTeams,
    MoveWorker,
    SetGoal,
)
from sim.people import quit_probability

SPEED = 0.9


def org(
    *,
    links: list[dict[str, Any]] | None = None,
    params: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    templates: list[dict[str, Any]] | None = None,
    teams: list[dict[str, Any]] | None = None,
    tools: dict[str, Any] | None = None,
    weeks: int = 3,
) -> Any:
    """Team A (Ann, skill a) and team B (Bob, skill b); a campaign A then B at week 0."""
    base_params = {
        "campaigns_per_week": 0,
        "own_work_per_week": 0,
        "effort_cv": 0,
        "message_changes_per_campaign": 0,
        "attrition": False,
        "baseline_engagement": 0.5,
        "baseline_spread": 0,
        # Engagement, and with it speed, stays put unless a test says otherwise.
        "engagement_rate": 0,
        # Nothing travels the hallway: only the routes a test sets up carry news.
        "hallway_p": 1e-12,
        "openness_local": 1.0,
    }
    base_params.update(params or {})
    data = {
        "name": "tiny",
        "weeks": weeks,
        "teams": teams
        or [
            {"name": "A", "skills": ["a"], "members": ["Ann"]},
            {"name": "B", "skills": ["b"], "members": ["Bob"]},
        ],
        "links": links or [],
        "tools": tools or {},
        "demand": {
            "templates": templates
            or [
                {
                    "name": "launch",
                    "tasks": [
                        {"name": "draft", "skill": "a", "effort": 9},
                        {"name": "publish", "skill": "b", "effort": 9, "after": ["draft"]},
                    ],
                }
            ]
        },
        "events": events
        if events is not None
        else [{"week": 0, "kind": "campaign", "template": "launch"}],
        "params": base_params,
    }
    return parse_scenario(data)


def test_same_team_handoff_is_immediate() -> None:
    scn = org(
        teams=[
            {
                "name": "AB",
                "skills": ["a", "b"],
                "members": ["Ann", "Bob"],
                "member_skills": {"Ann": "a", "Bob": "b"},
            }
        ],
        params={"overhead_per_member": 0},
    )
    sim = Simulation(scn, seed=1)
    sim.step(1)
    (campaign,) = sim.campaigns
    assert campaign.live
    # Draft 10 h by Ann, then publish 10 h by Bob, with no wait between.
    assert campaign.live_at == pytest.approx(20.0)
    assert math.isnan(sim.result().summary["handoff_wait_mean"])


def _finish(start: float, hours: float, weekly_debt: float) -> float:
    """When `hours` of work started at `start` end, paying `weekly_debt` each new week."""
    t = start
    while hours > 1e-12:
        boundary = (t // 40 + 1) * 40
        step = min(hours, boundary - t)
        t += step
        hours -= step
        if hours > 1e-12:
            t += weekly_debt
    return t


def _handoff_waits(
    kind: str, seeds: range, draft_done: float = 10.0, **params: float
) -> list[float]:
    waits = []
    for seed in seeds:
        scn = org(links=[{"kind": kind, "teams": ["A", "B"]}], params=params, weeks=12)
        sim = Simulation(scn, seed=seed)
        sim.step(scn.weeks)
        (c,) = sim.campaigns
        draft = c.tasks[0]
        wait = sim.result().summary["handoff_wait_mean"]
        # The downstream task starts the moment the news arrives, not before:
        # live = drafting + the wait + 10 h publishing (plus any weekly debt due
        # when publishing runs into a new week).
        assert c.live_at == pytest.approx(_finish(draft.done_at + wait, 10.0, draft_done - 10.0))
        assert draft.done_at == pytest.approx(draft_done)
        assert wait > 0
        waits.append(wait)
    return waits


def test_email_handoff_arrives_after_the_routes_delay() -> None:
    # Exponential with mean email_delay / p = 16 h; 300 seeds put the sample mean
    # within 3 standard errors (16 / sqrt(300) * 3 = 2.8 h) of 16 h.
    waits = _handoff_waits("email", range(300), email_p=1.0)
    mean = sum(waits) / len(waits)
    assert abs(mean - 16.0) < 2.8
    # The delay is long-tailed, as an exponential is: a few take over two days.
    assert max(waits) > 32


def test_chat_handoff_is_faster_than_email() -> None:
    # A chat channel costs each member half an hour a week, paid first: the draft
    # is done at 10.5 h.
    waits = _handoff_waits("chat", range(300), draft_done=10.5, chat_p=1.0)
    mean = sum(waits) / len(waits)
    assert abs(mean - 4.0) < 0.7  # 4 / sqrt(300) * 3 = 0.69


def test_unreliable_route_is_slower_in_proportion() -> None:
    # p = 0.5 doubles the mean time to get through (chased until known).
    waits = _handoff_waits("email", range(300), email_p=0.5)
    mean = sum(waits) / len(waits)
    assert abs(mean - 32.0) < 5.6


def _faq_org(**kw: Any) -> Any:
    templates = [
        {
            "name": "x",
            "tasks": [
                {"name": "faq", "skill": "a", "effort": 9, "asset": "FAQ", "topic": "returns"}
            ],
        },
        {
            "name": "y",
            "tasks": [
                {"name": "faq", "skill": "b", "effort": 9, "asset": "FAQ", "topic": "returns"}
            ],
        },
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "x"},
        {"week": 1, "kind": "campaign", "template": "y"},
    ]
    return org(templates=templates, events=events, **kw)


def test_same_asset_made_twice_without_a_route_is_duplicated() -> None:
    result = run(_faq_org(), seed=3)
    # B makes the FAQ A made a week earlier: all 10 of its hours are duplicated.
    assert result.summary["hours_duplicated"] == pytest.approx(9 / SPEED)
    assert result.summary["hours_first_time"] == pytest.approx(9 / SPEED)


def test_shared_calendar_turns_duplication_into_reuse() -> None:
    scn = _faq_org(tools={"shared_calendar": True}, params={"calendar_adoption": 1.0})
    result = run(scn, seed=3)
    assert result.summary["hours_duplicated"] == 0
    # A's 10 h plus B's reuse at 10% of the effort: 1 h.
    assert result.summary["hours_first_time"] == pytest.approx(9 / SPEED + 0.1 * 9 / SPEED)


def _stale_org(review_catch: float) -> Any:
    # Two independent tasks; B's takes 30 h. The owner (A) changes course at
    # hour 12, after its own task is done; B hears of it only by a very slow hallway.
    templates = [
        {
            "name": "launch",
            "tasks": [
                {"name": "draft", "skill": "a", "effort": 9},
                {"name": "post", "skill": "b", "effort": 27},
            ],
        }
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "launch"},
        {"week": 0.3, "kind": "change_course"},
    ]
    return org(
        templates=templates,
        events=events,
        params={"hallway_p": 1.0, "hallway_delay": 10_000, "review_catch": review_catch},
    )


def test_missed_change_of_course_goes_live_off_message() -> None:
    result = run(_stale_org(review_catch=0.0), seed=5)
    assert result.summary["consistency"] == pytest.approx(0.5)
    assert result.summary["hours_rework"] == 0


def test_review_catches_stale_work_and_sends_it_to_rework() -> None:
    result = run(_stale_org(review_catch=1.0), seed=5)
    assert result.summary["consistency"] == pytest.approx(1.0)
    # Half the 27-hour effort again, at 0.9 per hour.
    assert result.summary["hours_rework"] == pytest.approx(0.5 * 27 / SPEED)


def test_merge_moves_people_and_knowledge_and_costs_ramp() -> None:
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann", "Ada"]},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
    ]
    scn = _faq_org(teams=teams)
    sim = Simulation(scn, seed=3)
    sim.step(1)
    sim.apply(MergeTeams(teams=("A", "B"), name="AB"))
    snap = sim.snapshot()
    (ab,) = snap.teams
    assert ab.name == "AB"
    assert sorted(w.name for w in ab.members) == ["Ada", "Ann", "Bob"]
    ramps = {w.name: w.ramp for w in ab.members}
    # The smaller team moves into the larger one's: only Bob restarts his ramp.
    assert ramps == {"Ann": 1.0, "Ada": 1.0, "Bob": 0.7}
    sim.step(1)
    week2 = sim.snapshot().team("AB").hours
    # Bob's 16 h of handover are coordination, on top of the 2% team overhead.
    assert week2["coordination"] >= 16.0
    # The merged team knows the FAQ A made: B's FAQ is reused, not duplicated.
    assert sim.result().summary["hours_duplicated"] == 0


def _snapshot_state(sim: Simulation) -> Any:
    snap = sim.snapshot()
    return (snap.teams, snap.links, snap.tools, len(sim.actions_log), len(sim.feed))


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (SetGoal(team="Nobody", shared_weight=0.5), "no team 'Nobody'"),
        (MoveWorker(worker="Bob", to_team="A"), "last member of B"),
        (MoveWorker(worker="Zed", to_team="A"), "no one called 'Zed'"),
        (AddLink(kind="email", teams=("A", "B")), "already exists"),
        (Celebrate(), "nothing to celebrate"),
        (IncludeAgency(team="A"), "in-house team"),
        (MergeTeams(teams=("A", "A")), "named twice"),
    ],
)
def test_impossible_actions_are_refused_and_change_nothing(action: Any, reason: str) -> None:
    sim = Simulation(org(links=[{"kind": "email", "teams": ["A", "B"]}]), seed=1)
    before = _snapshot_state(sim)
    with pytest.raises(ActionError, match=reason):
        sim.apply(action)
    assert _snapshot_state(sim) == before


def test_engagement_target_is_baseline_plus_goal_term() -> None:
    scn = org(events=[], params={"engagement_rate": 0.1})
    sim = Simulation(scn, seed=1)
    sim.apply(SetGoal(team="*", shared_weight=0.8))
    sim.step(1)
    terms = sim.snapshot().team("A").engagement_terms
    assert terms["baseline"] == pytest.approx(0.5)
    assert terms["goals"] == pytest.approx(0.4 * (0.8 - 0.5))
    assert terms["wasted"] == terms["meetings"] == terms["waiting"] == 0
    ann = sim.snapshot().team("A").members[0]
    # One tenth of the way from 0.5 toward 0.62.
    assert ann.engagement == pytest.approx(0.5 + 0.1 * 0.12)


def test_daily_meeting_costs_a_quarter_of_the_target() -> None:
    scn = org(events=[], links=[{"kind": "meeting", "teams": ["*"], "per_week": 5}])
    sim = Simulation(scn, seed=1)
    sim.step(1)
    a = sim.snapshot().team("A")
    assert a.hours["meetings"] == pytest.approx(5.0)
    assert a.engagement_terms["meetings"] == pytest.approx(-0.25)


def test_quit_probability_rises_as_engagement_falls() -> None:
    scn = org(events=[])
    sim = Simulation(scn, seed=1)
    worker = sim.workers[0]
    for e, expected in ((1.0, 0.002), (0.5, 0.006), (0.0, 0.010)):
        worker.engagement = e
        assert quit_probability(scn.params, worker) == pytest.approx(expected)
