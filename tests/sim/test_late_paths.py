"""Why a campaign was late: the chain of tasks and waits a snapshot carries.

The orgs are the hand-made ones of conftest.py (one worker per team working
0.9 effort hours an hour, nothing carried by the hallway), so every time on
the path can be worked out by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sim import Simulation
from sim.scenario import Scenario

Build = Callable[..., Scenario]


def test_a_late_campaign_shows_the_meeting_it_waited_for(make_org: Build) -> None:
    # Due at 20 h. Each worker pays the weekly 1 h meeting first, so Ann's draft
    # is done at 11 h; Bob hears of it at the meeting at hour 20 (a 9 h wait)
    # and publishes by 30 h: 10 h late.
    scn = make_org(
        links=[{"kind": "meeting", "teams": ["A", "B"]}],
        params={"meeting_p": 1.0},
        events=[{"week": 0, "kind": "campaign", "template": "launch", "due_weeks": 0.5}],
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    (path,) = sim.snapshot().late
    assert path.label.startswith("launch")
    assert path.owner == "A"
    assert path.live_at == pytest.approx(30.0)
    assert path.late_hours == pytest.approx(10.0)
    draft, publish = path.steps
    assert (draft.task, draft.team, draft.input_task) == ("draft", "A", None)
    assert draft.done == pytest.approx(11.0)
    assert draft.worked == pytest.approx(10.0)  # 9 effort hours at 0.9
    assert (publish.task, publish.team, publish.state) == ("publish", "B", "done")
    assert (publish.input_task, publish.input_team, publish.route) == ("draft", "A", "meeting")
    assert publish.news_wait == pytest.approx(9.0)
    assert publish.ready == pytest.approx(20.0)
    assert publish.queued == pytest.approx(0.0)
    assert publish.done == pytest.approx(30.0)
    assert path.news_wait == pytest.approx(9.0)


def test_an_overdue_campaign_shows_the_news_not_heard_so_far(make_org: Build) -> None:
    # No route at all: B never hears of the draft (done at 10 h). At the end of
    # week 1 the campaign, due at 10 h, is 30 h overdue, its news 30 h unheard.
    scn = make_org(
        events=[{"week": 0, "kind": "campaign", "template": "launch", "due_weeks": 0.25}]
    )
    sim = Simulation(scn, seed=1, keep_campaigns=True)
    sim.step(1)
    (path,) = sim.snapshot().late
    assert path.live_at is None
    assert path.late_hours == pytest.approx(30.0)
    publish = path.steps[-1]
    assert publish.state == "waiting for news of its inputs"
    assert publish.route == "not heard yet"
    assert publish.news_wait == pytest.approx(30.0)
    assert publish.ready is None and publish.done is None


JOIN = {
    "name": "launch",
    "tasks": [
        {"name": "copy", "skill": "a", "effort": 9},
        {"name": "images", "skill": "a", "effort": 18},
        {"name": "publish", "skill": "b", "effort": 9, "after": ["copy", "images"]},
    ],
}


@pytest.mark.parametrize("seed", range(20))
def test_the_chain_follows_the_input_that_arrived_last(make_org: Build, seed: int) -> None:
    # Two inputs reach B by email at random times; the task could start only
    # when both were known, so the chain must go through the later one: its
    # news arriving is exactly when the task became ready.
    scn = make_org(
        links=[{"kind": "email", "teams": ["A", "B"]}],
        templates=[JOIN],
        params={"email_p": 1.0},
        events=[{"week": 0, "kind": "campaign", "template": "launch", "due_weeks": 0.1}],
        weeks=4,
    )
    sim = Simulation(scn, seed=seed, keep_campaigns=True)
    sim.step(4)
    (path,) = sim.snapshot().late
    *_, upstream, publish = path.steps
    assert publish.input_task == upstream.task
    assert upstream.done is not None and publish.ready is not None
    assert publish.ready == pytest.approx(upstream.done + publish.news_wait)
    campaign: Any = sim.campaigns[0]
    arrivals = [dep.first_done + wait for dep, wait, _ in campaign.tasks[2].heard]
    assert publish.ready == pytest.approx(max(arrivals))


def test_a_route_opened_later_carries_news_already_on_its_way(make_org: Build) -> None:
    # No route: B never hears of the draft (done at 10 h). A chat link opened at
    # week 1 races for the news from then on: B hears after an exponential wait
    # of mean chat_delay / p = 4 h from the week boundary (40 h). 200 seeds: the
    # mean within 3 standard errors, 4 / sqrt(200) * 3 = 0.85 h.
    from sim.actions import AddLink

    waits = []
    for seed in range(200):
        sim = Simulation(make_org(params={"chat_p": 1.0}), seed=seed, keep_campaigns=True)
        sim.step(1)
        publish = sim.campaigns[0].tasks[1]
        assert publish.pending, "B must not have heard before the link"
        sim.apply(AddLink(kind="chat", teams=("A", "B")))
        sim.step(1)
        assert [via for _, _, via in publish.heard] == ["chat"]
        assert publish.first_ready >= 40.0
        waits.append(publish.first_ready - 40.0)
    mean = sum(waits) / len(waits)
    assert abs(mean - 4.0) < 0.85


# A reliable email link, but A on purely local goals (shared weight 0) shares
# reluctantly: openness_local 0.1, so its news takes 16 / 0.1 = 160 h on average.
# Openness rises smoothly with the weight, to openness_shared (1.0) at weight 1.
RELUCTANT_A: dict[str, Any] = {
    "teams": [
        {"name": "A", "skills": ["a"], "members": ["Ann"], "shared_weight": 0.0},
        {"name": "B", "skills": ["b"], "members": ["Bob"]},
    ],
    "links": [{"kind": "email", "teams": ["A", "B"]}],
    "params": {"email_p": 1.0, "openness_local": 0.1},
}


def test_a_sender_grown_more_open_speeds_news_already_on_its_way(make_org: Build) -> None:
    # A on local goals shares reluctantly (openness 0.1): its email news takes
    # 16 / 0.1 = 160 h on average. The draft is done at 10 h; at the week-1
    # boundary (40 h) A moves to fully shared goals (weight 1: openness 1.0) and
    # news not yet heard is drawn again: mean 16 h from then on. Of 300 seeds
    # about 250 (300 * exp(-30 / 160)) are still unheard at 40 h; their mean is
    # within 3 standard errors, 3 * 16 / sqrt(250) = 3.0 h, of 16 h. Without the
    # change it stays near 160 h.
    from sim.actions import SetGoal

    def waits_after_week_1(change: bool) -> list[float]:
        out = []
        for seed in range(300):
            scn = make_org(
                **RELUCTANT_A,
                weeks=40,
            )
            sim = Simulation(scn, seed=seed, keep_campaigns=True)
            sim.step(1)
            publish = sim.campaigns[0].tasks[1]
            if not publish.pending:
                continue  # heard in week 1: nothing in flight to redraw
            if change:
                sim.apply(SetGoal(team="A", shared_weight=1.0))
            sim.step(39)
            assert not publish.pending
            out.append(publish.first_ready - 40.0)
        return out

    faster = waits_after_week_1(change=True)
    assert len(faster) > 200
    assert abs(sum(faster) / len(faster) - 16.0) < 3.0
    slower = waits_after_week_1(change=False)
    assert sum(slower) / len(slower) > 100.0


def test_a_change_of_course_in_flight_reaches_faster_once_its_owner_opens_up(
    make_org: Build,
) -> None:
    # The campaign changes message at hour 12 (week 0.3); its owner A shares
    # reluctantly (openness 0.1), so the news is due at B 160 h later on average
    # by email. At the week-1 boundary (40 h) A moves to fully shared goals
    # (openness 1.0) and news still in flight is drawn again: due 16 h later on
    # average, so 28 + 16 h after the change. About 250 of 300 seeds
    # (300 * exp(-28 / 160)) are still unheard at 40 h: their mean is within 3
    # standard errors, 3 * 16 / sqrt(250) = 3.0 h, of 44 h. Without the change it
    # stays near 28 + 160 h.
    from sim.actions import SetGoal

    def due_after_change(change: bool) -> list[float]:
        out = []
        for seed in range(300):
            scn = make_org(
                **RELUCTANT_A,
                events=[
                    {"week": 0, "kind": "campaign", "template": "launch", "due_weeks": 30},
                    {"week": 0.3, "kind": "change_course"},
                ],
                weeks=40,
            )
            sim = Simulation(scn, seed=seed, keep_campaigns=True)
            sim.step(1)
            c = sim.campaigns[0]
            b = sim.team_named("B")
            if c.known.get(b.idx, 0) >= c.version or c.live:
                continue  # heard in week 1, or nothing left to hear about
            if change:
                sim.apply(SetGoal(team="A", shared_weight=1.0))
            due = c.eta[b.idx, c.version]
            assert due >= 40.0
            out.append(due - c.changed_at)
            sim.step(39)
            assert c.known.get(b.idx, 0) == c.version  # heard by then, one way or another
        return out

    faster = due_after_change(change=True)
    assert len(faster) > 200
    assert abs(sum(faster) / len(faster) - 44.0) < 3.0
    slower = due_after_change(change=False)
    assert sum(slower) / len(slower) > 120.0
