"""Mechanics on tiny hand-made orgs whose outcome can be worked out by hand.

The orgs come from tests/sim/conftest.py (`make_org`, `make_faq_org`): no
randomness but the routes' delays, and a worker makes 0.9 effort hours per
hour, so a 9-hour task takes 10 hours.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import pytest

from sim import ActionError, Simulation, run
from sim.actions import (
    AddLink,
    IncludeAgency,
    MergeTeams,
    MoveWorker,
    SetGoal,
)
from sim.org import DUPLICATED, FIRST
from sim.params import DEFAULTS
from sim.people import quit_probability
from sim.results import SCRIPTED
from sim.scenario import Scenario

SPEED = 0.9
Build = Callable[..., Scenario]


def test_same_team_handoff_is_immediate(make_org: Build) -> None:
    scn = make_org(
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
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    (campaign,) = sim.campaigns
    draft, publish = campaign.tasks
    assert campaign.live
    # Draft 10 h by Ann, then publish 10 h by Bob, with no wait between.
    assert publish.ready_at == pytest.approx(draft.done_at) == pytest.approx(10.0)
    assert campaign.live_at == pytest.approx(20.0)
    # No cross-team handoff happened, so none is measured.
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
    make_org: Build, kind: str, seeds: range, draft_done: float = 10.0, **params: float
) -> list[float]:
    waits = []
    for seed in seeds:
        scn = make_org(links=[{"kind": kind, "teams": ["A", "B"]}], params=params, weeks=12)
        sim = Simulation(scn, seed=seed, keep_campaigns=True)
        sim.step(scn.weeks)
        (c,) = sim.campaigns
        draft, publish = c.tasks
        wait = sim.result().summary["handoff_wait_mean"]
        assert draft.done_at == pytest.approx(draft_done)
        assert wait > 0
        # The downstream task is ready the moment the news arrives, not before...
        assert publish.ready_at == pytest.approx(draft.done_at + wait)
        # ...and goes live after 10 h of publishing (plus any weekly debt due
        # when publishing runs into a new week).
        assert c.live_at == pytest.approx(_finish(publish.ready_at, 10.0, draft_done - 10.0))
        waits.append(wait)
    return waits


def test_email_handoff_arrives_after_the_routes_delay(make_org: Build) -> None:
    # Exponential with mean email_delay / p = 16 h; 300 seeds put the sample mean
    # within 3 standard errors (16 / sqrt(300) * 3 = 2.8 h) of 16 h.
    waits = _handoff_waits(make_org, "email", range(300), email_p=1.0)
    mean = sum(waits) / len(waits)
    assert abs(mean - 16.0) < 2.8
    # The delay is long-tailed, as an exponential is: a few take over two days.
    assert max(waits) > 32


def test_chat_handoff_is_faster_than_email(make_org: Build) -> None:
    # A chat channel costs each member chat_cost_hours a week per other linked team,
    # paid first: the draft is done at chat_cost_hours + 10 h.
    done = DEFAULTS.chat_cost_hours + 10
    waits = _handoff_waits(make_org, "chat", range(300), draft_done=done, chat_p=1.0)
    mean = sum(waits) / len(waits)
    assert abs(mean - 4.0) < 0.7  # 4 / sqrt(300) * 3 = 0.69


def test_unreliable_route_is_slower_in_proportion(make_org: Build) -> None:
    # p = 0.5 doubles the mean time to get through (chased until known).
    waits = _handoff_waits(make_org, "email", range(300), email_p=0.5)
    mean = sum(waits) / len(waits)
    assert abs(mean - 32.0) < 5.6


def test_a_closed_sender_slows_its_handoffs(make_org: Build) -> None:
    # Openness multiplies p: a team sharing reluctantly (openness 0.5 here) takes
    # twice as long to get its news through. Openness runs smoothly from
    # openness_local to openness_shared with the team's shared weight (0.2 by
    # default), so both ends are set to 0.5 to make it exactly 0.5.
    waits = _handoff_waits(
        make_org, "email", range(300), email_p=1.0, openness_local=0.5, openness_shared=0.5
    )
    mean = sum(waits) / len(waits)
    assert abs(mean - 32.0) < 5.6


def test_same_asset_made_twice_without_a_route_is_duplicated(make_faq_org: Build) -> None:
    result = run(make_faq_org(), seed=3)
    # B makes the FAQ A made a week earlier: all 10 of its hours are duplicated.
    assert result.summary["hours_duplicated"] == pytest.approx(9 / SPEED)
    assert result.summary["hours_first_time"] == pytest.approx(9 / SPEED)


def test_duplication_on_a_bigger_team_is_its_effort_over_its_speed(make_faq_org: Build) -> None:
    # B of three people: overhead 0.02, so B's FAQ takes 9 / (0.9 * 0.98) hours,
    # of which the overhead share is coordination and the rest duplicated.
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann"]},
        {"name": "B", "skills": ["b"], "members": ["Bob", "Bea", "Bo"]},
    ]
    result = run(make_faq_org(teams=teams), seed=3)
    speed = SPEED * (1 - 0.02)
    assert result.summary["hours_duplicated"] == pytest.approx(9 / speed * (1 - 0.02))


def test_an_old_asset_is_no_longer_an_equivalent(make_faq_org: Build) -> None:
    # Valid for half a week (20 h): when B starts at hour 40, A's FAQ, done at
    # hour 10, has expired, so B's is new work, not a duplicate.
    result = run(make_faq_org(params={"asset_valid_weeks": 0.5}), seed=3)
    assert result.summary["hours_duplicated"] == 0
    assert result.summary["hours_first_time"] == pytest.approx(2 * 9 / SPEED)


def test_shared_calendar_turns_duplication_into_reuse(make_faq_org: Build) -> None:
    scn = make_faq_org(tools={"shared_calendar": True}, params={"calendar_adoption": 1.0})
    result = run(scn, seed=3)
    assert result.summary["hours_duplicated"] == 0
    # A's 10 h plus B's reuse at 10% of the effort: 1 h.
    assert result.summary["hours_first_time"] == pytest.approx(9 / SPEED + 0.1 * 9 / SPEED)


def test_a_link_that_carries_the_asset_fact_prevents_duplication(make_faq_org: Build) -> None:
    # A weekly meeting of A and B (p = 1) tells B of A's FAQ at the meeting in
    # the middle of week 0, before B starts its own at week 1.
    scn = make_faq_org(links=[{"kind": "meeting", "teams": ["A", "B"]}], params={"meeting_p": 1.0})
    result = run(scn, seed=3)
    assert result.summary["hours_duplicated"] == 0
    assert result.summary["hours_meetings"] == pytest.approx(2 * 3)


def _stale_org(make_org: Build, review_catch: float, live_fix_p: float = 0.0) -> Scenario:
    # Two independent tasks; B's takes 30 h. The owner (A) changes course at
    # hour 12, after its own task is done (at 10 h): A knows at once and redoes
    # its draft (half its 9 effort hours at 0.9: 5 h of rework, done by 17 h);
    # B hears of it only by a very slow hallway, after its post is done at 30 h.
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
    return make_org(
        templates=templates,
        events=events,
        params={
            "hallway_p": 1.0,
            "hallway_delay": 10_000,
            "review_catch": review_catch,
            "live_fix_p": live_fix_p,
        },
    )


def test_missed_change_of_course_goes_live_off_message(make_org: Build) -> None:
    result = run(_stale_org(make_org, review_catch=0.0), seed=5)
    assert result.summary["consistency"] == pytest.approx(0.5)
    # Only the owner's own redo (0.5 * 9 / 0.9 = 5 h): B's stale post is never reworked.
    assert result.summary["hours_rework"] == pytest.approx(0.5 * 9 / SPEED)
    # Off message, it is worth half its value.
    assert result.summary["value_campaigns"] == pytest.approx(50.0)


def test_off_message_work_spotted_live_is_fixed_but_the_launch_stays_off_message(
    make_org: Build,
) -> None:
    result = run(_stale_org(make_org, review_catch=0.0, live_fix_p=1.0), seed=5)
    # Launched off message (half its value), then B fixes its post: half its 27 h again.
    assert result.summary["consistency"] == pytest.approx(0.5)
    assert result.summary["value_campaigns"] == pytest.approx(50.0)
    assert result.summary["hours_rework"] == pytest.approx(0.5 * 27 / SPEED + 0.5 * 9 / SPEED)
    fixes = [e for e in result.events if e.kind == "rework" and "spotted live" in e.text]
    assert len(fixes) == 1 and "B's work" in fixes[0].text, fixes


def test_review_catches_stale_work_and_sends_it_to_rework(make_org: Build) -> None:
    result = run(_stale_org(make_org, review_catch=1.0), seed=5)
    assert result.summary["consistency"] == pytest.approx(1.0)
    # Half B's 27-hour effort again, at 0.9 per hour, on top of the owner's 5 h redo.
    assert result.summary["hours_rework"] == pytest.approx(0.5 * 27 / SPEED + 0.5 * 9 / SPEED)


def test_news_of_a_change_arriving_after_the_work_causes_rework(make_org: Build) -> None:
    # The change reaches B over chat (p = 1, mean 4 h) after B finished its post
    # (at 31 h, after the hour of chat upkeep) but before the campaign can go live
    # (A's long draft, 80 h of work, is done at 83 h after three weeks' upkeep):
    # B redoes half its work.
    templates = [
        {
            "name": "launch",
            "tasks": [
                {"name": "draft", "skill": "a", "effort": 72},
                {"name": "post", "skill": "b", "effort": 27},
            ],
        }
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "launch"},
        {"week": 0.7525, "kind": "change_course"},  # hour 30.1, 0.9 h before B is done
    ]
    reworked = 0
    for seed in range(20):
        scn = make_org(
            templates=templates,
            events=events,
            links=[{"kind": "chat", "teams": ["A", "B"]}],
            params={"chat_p": 1.0, "review_catch": 0.0, "chat_cost_hours": 1.0},
        )
        result = run(scn, seed=seed)
        rework = result.summary["hours_rework"]
        # Either the news beat B's last minutes (no rework, on message) or B
        # reworked half its effort; never off message, the chat always gets there.
        assert result.summary["consistency"] == pytest.approx(1.0)
        assert rework == pytest.approx(0.0) or rework == pytest.approx(0.5 * 27 / SPEED)
        reworked += rework > 0
    # The news takes longer than B's last 0.9 h in most runs (exp(-0.9/4) = 0.8).
    assert reworked >= 10


def test_merge_moves_people_and_knowledge_and_costs_ramp(make_faq_org: Build) -> None:
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann", "Ada"]},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
    ]
    sim = Simulation(make_faq_org(teams=teams), seed=3, keep_campaigns=True)
    sim.step(1)
    sim.apply(MergeTeams(teams=("A", "B"), name="AB"))
    snap = sim.snapshot()
    (ab,) = snap.teams
    assert ab.name == "AB"
    assert set(ab.skills) == {"a", "b"}
    assert sorted(w.name for w in ab.members) == ["Ada", "Ann", "Bob"]
    ramps = {w.name: w.ramp for w in ab.members}
    # The smaller team moves into the larger one's: only Bob restarts his ramp.
    assert ramps == {"Ann": 1.0, "Ada": 1.0, "Bob": DEFAULTS.moved_ramp}
    sim.step(1)
    week2 = sim.snapshot().team("AB").hours
    # Bob's 16 h of handover are paid over handover_weeks (4): 4 h of coordination
    # this week, on top of the 2% overhead of a three-person team on the other
    # 3 * 40 - 4 hours.
    assert week2["coordination"] == pytest.approx(16 / 4 + 0.02 * (3 * 40 - 4))
    bob = next(w for w in sim.workers if w.name == "Bob")
    assert bob.handover_left == pytest.approx(16 - 4)
    # The merged team knows the FAQ A made: B's FAQ is reused, not duplicated.
    assert sim.result().summary["hours_duplicated"] == 0


def _snapshot_state(sim: Simulation) -> Any:
    snap = sim.snapshot()
    return (snap.teams, snap.links, snap.tools, len(sim.actions_log), len(sim.events))


@pytest.mark.parametrize(
    ("action", "reason"),
    [
        (SetGoal(team="Nobody", shared_weight=0.5), "no team 'Nobody'"),
        (MoveWorker(worker="Bob", to_team="A"), "last member of B"),
        (MoveWorker(worker="Zed", to_team="A"), "no one called 'Zed'"),
        (AddLink(kind="email", teams=("A", "B")), "already exists"),
        (IncludeAgency(team="A"), "in-house team"),
        (MergeTeams(teams=("A", "A")), "named twice"),
    ],
)
def test_impossible_actions_are_refused_and_change_nothing(
    make_org: Build, action: Any, reason: str
) -> None:
    sim = Simulation(
        make_org(links=[{"kind": "email", "teams": ["A", "B"]}]), seed=1, keep_campaigns=True
    )
    before = _snapshot_state(sim)
    with pytest.raises(ActionError, match=reason):
        sim.apply(action)
    assert _snapshot_state(sim) == before


def test_engagement_target_is_baseline_plus_goal_terms(make_org: Build) -> None:
    scn = make_org(events=[], params={"engagement_rate": 0.1})
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.apply(SetGoal(team="*", shared_weight=0.8))
    sim.step(1)
    team = sim.snapshot().team("A")
    terms = team.engagement_terms
    assert terms["baseline"] == pytest.approx(0.5)
    # Purpose: 0.4 per unit of weight above 0.5.
    assert terms["goals"] == pytest.approx(0.4 * (0.8 - 0.5))
    # Past 0.6 nobody owns a channel's results: -1.2 per squared excess.
    assert terms["ownership"] == pytest.approx(-1.2 * (0.8 - 0.6) ** 2)
    assert terms["wasted"] == terms["meetings"] == terms["waiting"] == 0
    assert terms["overload"] == terms["excluded"] == terms["celebration"] == 0
    ann = team.members[0]
    target = 0.5 + 0.12 - 0.048
    assert ann.target == pytest.approx(target)
    # One tenth of the way from 0.5 toward 0.572.
    assert ann.engagement == pytest.approx(0.5 + 0.1 * (target - 0.5))


def test_daily_meeting_costs_nearly_a_third_of_the_target(make_org: Build) -> None:
    scn = make_org(events=[], links=[{"kind": "meeting", "teams": ["*"], "per_week": 5}])
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    a = sim.snapshot().team("A")
    assert a.hours["meetings"] == pytest.approx(5.0)
    # Fatigue is the squared share of the week in meetings: 20 * (5/40)**2 = 0.3125.
    assert a.engagement_terms["meetings"] == pytest.approx(-20 * (5 / 40) ** 2)


def test_weekly_meeting_costs_little_engagement(make_org: Build) -> None:
    scn = make_org(events=[], links=[{"kind": "meeting", "teams": ["*"], "per_week": 1}])
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    # 20 * (1/40)**2 = 0.0125: a 25th of the daily meeting's cost for a 5th of its hours.
    assert sim.snapshot().team("A").engagement_terms["meetings"] == pytest.approx(-0.0125)


def test_duplicated_hours_lower_the_target_by_their_share(make_faq_org: Build) -> None:
    sim = Simulation(make_faq_org(), seed=3, keep_campaigns=True)
    sim.step(2)
    # In week 2 Bob spent 10 of his 40 h duplicating A's FAQ.
    assert sim.snapshot().team("B").engagement_terms["wasted"] == pytest.approx(-10 / 40)
    assert sim.snapshot().team("A").engagement_terms["wasted"] == 0


def test_quit_probability_rises_as_engagement_falls(make_org: Build) -> None:
    scn = make_org(events=[])
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    worker = sim.workers[0]
    # quit_base * exp(quit_slope * (1 - e)) = 0.0006 * exp(3 * (1 - e)): 0.0006, 0.0027
    # and 0.0121 a week (about 3%, 13% and 47% a year); a disengaged worker is
    # exp(3) = 20 times as likely to go as a fully engaged one.
    for e, expected in ((1.0, 0.0006), (0.5, 0.002689), (0.0, 0.012051)):
        worker.engagement = e
        assert quit_probability(scn.params, worker) == pytest.approx(expected, rel=1e-4)


def test_people_quit_at_the_formulas_rate(make_org: Build) -> None:
    # 1,000 people at engagement 0 for 5 weeks: 0.0006 * exp(3) = 0.01205 a week,
    # none replaced within the horizon, so 1000 * (1 - (1 - 0.01205)**5) = 58.8 quits
    # expected (binomial sd 7.4; 3 sd is 22).
    scn = make_org(
        events=[],
        teams=[{"name": "A", "skills": ["a"], "size": 1000}],
        templates=[{"name": "x", "tasks": [{"name": "t", "skill": "a", "effort": 1}]}],
        params={"attrition": True, "baseline_engagement": 0.0, "hire_delay_weeks": 52},
        weeks=5,
    )
    result = run(scn, seed=4)
    quits = result.weekly["quits"]
    assert abs(quits.sum() - 58.8) < 22
    # Head count is taken before the week's quits leave.
    assert result.weekly["headcount"][-1] == 1000 - quits[:-1].sum()


def test_news_of_a_change_after_go_live_is_too_late_to_rework(make_org: Build) -> None:
    # The owner changes course at hour 8; B's post is done at hour 10 and the
    # campaign goes live then, off message. News reaching B afterwards (email,
    # mean 16 h) cannot change what is live: no rework is done for it (and nobody spots
    # it live: live_fix_p 0).
    templates = [
        {
            "name": "launch",
            "tasks": [
                {"name": "draft", "skill": "a", "effort": 9},
                {"name": "post", "skill": "b", "effort": 9},
            ],
        }
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "launch"},
        {"week": 0.2, "kind": "change_course"},
    ]
    scn = make_org(
        templates=templates,
        events=events,
        links=[{"kind": "email", "teams": ["A", "B"]}],
        params={"email_p": 1.0, "review_catch": 0.0, "live_fix_p": 0.0},
    )
    off_message = 0
    for seed in range(10):
        sim = Simulation(scn, seed=seed, keep_campaigns=True)
        sim.step(scn.weeks)
        (c,) = sim.campaigns
        assert c.live_at == pytest.approx(10.0)
        summary = sim.result().summary
        off_message += summary["consistency"] < 1
        assert summary["hours_rework"] == 0, seed
        assert all(t.done and not t.rework for t in c.tasks)
    assert off_message >= 5  # most news takes longer than 2 h (exp(-2/16) = 0.88)


@pytest.mark.parametrize("kind", ["meeting", "email", "chat"])
@pytest.mark.parametrize("openness", [1e-17, 1e-300, 5e-324])
def test_a_nearly_closed_team_slows_handoffs_without_crashing(
    make_org: Build, kind: str, openness: float
) -> None:
    # Any openness above 0 is a valid scenario: news then takes (nearly) forever,
    # the run still ends normally with the campaign in progress. Both ends of the
    # openness line are set, so the team's shared weight cannot lift it.
    scn = make_org(
        links=[{"kind": kind, "teams": ["A", "B"]}],
        params={"openness_local": openness, "openness_shared": openness},
    )
    result = run(scn, seed=1)
    assert result.summary["campaigns_done"] == 0
    assert result.summary["wip_mean"] == pytest.approx(1.0)


def test_an_org_with_nobody_in_it_yet_runs_quietly() -> None:
    # The only team joins after the horizon: every week has no one to measure.
    # The measures are NaN and the run says nothing (no numpy warning reaches
    # the user's terminal).
    from sim import parse_scenario

    scn = parse_scenario(
        {
            "name": "nobody",
            "weeks": 3,
            "teams": [{"name": "Ag", "skills": ["a"], "size": 2, "joins_week": 5}],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = run(scn, seed=1)
    assert result.summary["hours_paid"] == 0
    assert math.isnan(result.summary["engagement_mean"])


def test_a_meeting_carries_a_handoff_at_the_next_meeting(make_org: Build) -> None:
    # A weekly meeting sits mid-week (hour 20). Each pays its 1 h first, so the
    # draft is done at 11 h; B hears of it at the meeting: a 9 h wait, which B
    # spends idle: 9 h of information wait, and a waiting term of -0.5 * 9 / 40.
    scn = make_org(links=[{"kind": "meeting", "teams": ["A", "B"]}], params={"meeting_p": 1.0})
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    draft, publish = sim.campaigns[0].tasks
    assert draft.done_at == pytest.approx(11.0)
    assert publish.ready_at == pytest.approx(20.0)
    assert sim.campaigns[0].live_at == pytest.approx(30.0)
    b = sim.snapshot().team("B")
    assert b.hours == pytest.approx(
        {
            "first_time": 10.0,
            "routine": 20.0,
            "info_wait": 9.0,
            "duplicated": 0.0,
            "rework": 0.0,
            "meetings": 1.0,
            "coordination": 0.0,
        }
    )
    assert b.engagement_terms["waiting"] == pytest.approx(-0.5 * 9 / 40)


def test_a_late_campaign_keeps_half_its_value(make_org: Build) -> None:
    # Due in 10 h, done in 20 h by one person doing both tasks.
    scn = make_org(
        events=[{"week": 0, "kind": "campaign", "template": "launch", "due_weeks": 0.25}],
        teams=[{"name": "A", "skills": ["a", "b"], "members": ["Ann"]}],
    )
    result = run(scn, seed=1)
    assert result.summary["campaigns_late"] == 1
    assert result.summary["value_campaigns"] == pytest.approx(50.0)
    assert result.summary["lead_time_mean"] == pytest.approx(20.0)
    assert any(e.kind == "late" for e in result.events)


@pytest.mark.parametrize("cap", [10.0, 0.25])
def test_overload_lowers_the_target_beyond_its_threshold(make_org: Build, cap: float) -> None:
    # 162 effort hours for one person: at the end of week 1 the ready work is
    # more than two weeks of capacity (load 2.16). The term is the load past
    # 1.1, but at most overload_cap of it counts (0.25 by default: a long queue
    # is not an endless weight); a cap of 10 shows the line beneath it.
    templates = [
        {"name": "x", "tasks": [{"name": f"t{i}", "skill": "a", "effort": 54} for i in range(3)]}
    ]
    scn = make_org(
        templates=templates,
        events=[{"week": 0, "kind": "campaign", "template": "x"}],
        teams=[{"name": "A", "skills": ["a"], "members": ["Ann"]}],
        params={"overload_cap": cap},
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    a = sim.snapshot().team("A")
    load = a.queue_hours / 40
    assert load > 1.1 + 0.25
    assert a.engagement_terms["overload"] == pytest.approx(-min(cap, load - 1.1))


@pytest.mark.parametrize(
    ("link", "silo"),
    [
        (None, 1.0),
        ({"kind": "email", "teams": ["A", "B"]}, 1.0),
        ({"kind": "chat", "teams": ["A", "B"]}, 0.0),
        ({"kind": "meeting", "teams": ["A", "B"]}, 0.0),
        ({"kind": "liaison", "teams": ["A", "B"], "liaison": "Ann"}, 0.0),
    ],
)
def test_silo_index_counts_handoffs_with_nothing_faster_than_email(
    make_org: Build, link: dict[str, Any] | None, silo: float
) -> None:
    result = run(make_org(links=[link] if link else []), seed=1)
    assert result.weekly["silo_index"].tolist() == [silo] * 3


def test_knowledge_base_turns_a_finished_asset_into_reuse(make_faq_org: Build) -> None:
    scn = make_faq_org(tools={"knowledge_base": True}, params={"knowledge_base_adoption": 1.0})
    result = run(scn, seed=3)
    assert result.summary["hours_duplicated"] == 0
    assert result.summary["hours_first_time"] == pytest.approx(9 / SPEED + 0.1 * 9 / SPEED)


def test_a_leaver_is_replaced_after_the_hiring_delay_at_half_speed(make_org: Build) -> None:
    # Bob leaves at week 1 as a campaign arrives: its publish task has nobody
    # (blocked) until his replacement starts at week 3, at ramp 0.5: 9 effort
    # hours at 0.45 an hour, after the chat upkeep (chat_cost_hours).
    scn = make_org(
        links=[{"kind": "chat", "teams": ["A", "B"]}],
        events=[
            {"week": 1, "kind": "leave", "worker": "Bob"},
            {"week": 1, "kind": "campaign", "template": "launch"},
        ],
        params={"hire_delay_weeks": 2, "chat_p": 1.0},
        weeks=5,
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(scn.weeks)
    (c,) = sim.campaigns
    assert c.tasks[1].ready_at == pytest.approx(120.0)
    assert c.live_at == pytest.approx(120 + DEFAULTS.chat_cost_hours + 9 / (SPEED * 0.5))
    assert [e.kind for e in sim.events] == [SCRIPTED, "blocked", "hire"]
    assert sim.result().weekly["headcount"].tolist() == [2, 1, 1, 2, 2]


def _initiatives_placed(sim: Simulation) -> list[Any]:
    """Every own initiative the run places on the floor, in arrival order (a spy)."""
    made: list[Any] = []
    place = sim.floor.place

    def spy(task: Any, now: float) -> None:
        if task.campaign is None:
            made.append(task)
        place(task, now)

    sim.floor.place = spy  # type: ignore[method-assign]
    return made


@pytest.mark.parametrize("calendar", [False, True])
def test_initiatives_on_a_topic_another_team_covered(make_org: Build, calendar: bool) -> None:
    # One topic, an initiative a week for each of the channels a and b (a
    # team's own series is never a duplicate of itself). With no route, an
    # initiative repeating the other team's is all duplicated (12 effort hours)
    # and earns nothing. With a shared calendar the team knows the other's and
    # reuses it at 10% of the effort (reuse_cost), earning what the reuse adds:
    # 10% of its value (8), not a new initiative's worth.
    scn = make_org(
        events=[],
        tools={"shared_calendar": calendar},
        params={"own_work_per_week": 1, "topics": 1, "calendar_adoption": 1.0},
        weeks=10,
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    made = _initiatives_placed(sim)
    sim.step(scn.weeks)
    # Nothing is left half done (seed 1 ends between initiatives in both variants),
    # so hours count whole initiatives.
    assert all(not t.own_queue and all(w.task is None for w in t.members) for t in sim.teams)
    new = [t for t in made if t.done and t.category == FIRST and not t.reused]
    reused = [t for t in made if t.done and t.reused]
    duplicated = [t for t in made if t.done and t.category == DUPLICATED]
    s = sim.result().summary
    hours = 12 / SPEED
    assert len(new) + len(reused) + len(duplicated) + s["joined_initiatives"] == len(made)
    assert s["duplicated_initiatives"] == len(duplicated)
    assert s["hours_duplicated"] == pytest.approx(len(duplicated) * hours)
    # New work earns 8 for its full hours; a reuse 0.8 for a tenth of them.
    assert s["value_initiatives"] == pytest.approx(8 * (len(new) + 0.1 * len(reused)))
    assert s["hours_first_time"] == pytest.approx((len(new) + 0.1 * len(reused)) * hours)
    assert len(new) >= 1
    if not calendar:
        assert not reused and len(duplicated) > 10
    else:
        assert not duplicated and len(reused) > 10


def test_a_team_that_knows_of_work_in_progress_joins_it(make_org: Build) -> None:
    # Initiatives of 90 effort hours (100 h of work) overlap: with the shared
    # calendar a team sees the other's one in progress and joins it instead of
    # starting its own; with no route it starts its own, a duplicate.
    def summary(calendar: bool) -> dict[str, float]:
        scn = make_org(
            events=[],
            tools={"shared_calendar": calendar},
            params={
                "own_work_per_week": 1,
                "topics": 1,
                "calendar_adoption": 1.0,
                "own_effort": 90,
            },
            weeks=10,
        )
        return run(scn, seed=2).summary

    silo, calendar = summary(False), summary(True)
    assert silo["joined_initiatives"] == 0 and silo["duplicated_initiatives"] > 0
    assert calendar["joined_initiatives"] > 0 and calendar["duplicated_initiatives"] == 0
    assert calendar["hours_duplicated"] == 0 < silo["hours_duplicated"]


def test_a_merged_team_hears_of_work_finished_after_the_merge(make_org: Build) -> None:
    # C starts a 60 h FAQ at week 0 and finishes it in week 2 (speed 0.9 at the old
    # line: about 67 h); A and B merge at week 1. With the shared calendar at full
    # adoption the finished FAQ is known at once to every team, the merged one too
    # (before the fix, work begun before a merge and done after it never reached it).
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann"]},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
        {"name": "C", "skills": ["c"], "members": ["Cid"]},
    ]
    templates = [
        {
            "name": "faq",
            "tasks": [
                {"name": "faq", "skill": "c", "effort": 60, "asset": "FAQ", "topic": "returns"}
            ],
        }
    ]
    scn = make_org(
        teams=teams,
        templates=templates,
        events=[{"week": 0, "kind": "campaign", "template": "faq"}],
        tools={"shared_calendar": True},
        params={"calendar_adoption": 1.0},
        weeks=4,
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    sim.apply(MergeTeams(teams=("A", "B"), name="AB"))
    sim.step(2)
    (faq,) = sim.campaigns[0].tasks
    assert faq.done and faq.done_at > 40.0
    merged = sim.team_named("AB")
    assert sim.floor._knows(merged, faq, sim.clock.now) == "asset"
