"""Scripted disruptions: someone on leave and back, a hiring freeze, the scenario's news.

Tiny orgs whose outcome is worked out by hand (tests/sim/conftest.py): one
person a team, no random demand, no attrition unless a test asks for it. At
the defaults a person costs `hourly_cost` x 40 a week; an agency's person
`agency_fee_per_hour` x 40.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from sim import Simulation, load_scenario, run
from sim.actions import ActionError, Hire, MoveWorker
from sim.params import DEFAULTS
from sim.results import SCRIPTED
from sim.scenario import Scenario, ScenarioError, parse_scenario

Build = Callable[..., Scenario]
TWO_TEAMS = [
    {"name": "A", "skills": ["a"], "members": ["Ann"]},
    {"name": "B", "skills": ["b"], "members": ["Bob"]},
]

WEEK_PAY = DEFAULTS.hourly_cost * 40
A_PAIR = [
    {"name": "A", "skills": ["a"], "members": ["Ann", "Abe"]},
    {"name": "B", "skills": ["b"], "members": ["Bob"]},
]


def test_someone_on_leave_is_away_for_their_weeks_and_paid_then_back_in_their_team(
    make_org: Build,
) -> None:
    scn = make_org(
        teams=A_PAIR,
        events=[{"week": 1, "kind": "leave", "worker": "Ann", "weeks": 2, "text": "Ann is off."}],
        weeks=5,
    )
    sim = Simulation(scn, seed=1)
    sim.step(5)
    result = sim.result()
    # Away in weeks 2 and 3 (the feed's W2-W3), back for week 4: no hire, no vacancy.
    assert result.weekly["headcount"].tolist() == [3, 2, 2, 3, 3]
    # In-house leave is paid: the spend never moves, the paid hours do.
    assert result.weekly["spend"].tolist() == pytest.approx([3 * WEEK_PAY] * 5)
    assert result.weekly["hours_paid"].tolist() == pytest.approx([120, 80, 80, 120, 120])
    assert result.weekly["spend_other"].tolist() == pytest.approx([0, WEEK_PAY, WEEK_PAY, 0, 0])
    ann = next(w for w in sim.workers if w.name == "Ann")
    assert ann.present and ann.team.name == "A" and ann.ramp == 1.0
    assert len(sim.workers) == 3  # nobody was hired in her place
    news = [(e.week, e.kind, e.text) for e in result.events]
    assert news == [(2, SCRIPTED, "Ann is off."), (4, SCRIPTED, "Ann is back from leave (A).")]


def test_an_agency_bills_only_the_hours_its_people_work(make_org: Build) -> None:
    teams = [
        {"name": "A", "skills": ["a"], "members": ["Ann"]},
        {"name": "Ag", "skills": ["b"], "members": ["Pia", "Pat"], "external": True},
    ]
    scn = make_org(
        teams=teams, events=[{"week": 1, "kind": "leave", "worker": "Pia", "weeks": 1}], weeks=3
    )
    result = run(scn, seed=1)
    fee = DEFAULTS.agency_fee_per_hour * 40
    assert result.weekly["spend"].tolist() == pytest.approx(
        [WEEK_PAY + 2 * fee, WEEK_PAY + fee, WEEK_PAY + 2 * fee]
    )
    assert result.events[0].text == "Pia (Ag) is on leave for a week."


def test_leave_without_weeks_is_for_good_and_the_leaver_is_replaced(make_org: Build) -> None:
    scn = make_org(
        teams=A_PAIR,
        events=[{"week": 1, "kind": "leave", "worker": "Ann"}],
        params={"hire_delay_weeks": 2},
        weeks=5,
    )
    result = run(scn, seed=1)
    assert result.weekly["headcount"].tolist() == [3, 2, 2, 3, 3]
    assert [e.text for e in result.events] == ["Ann (A) leaves.", "A hire 3 joins A (a)."]


def test_naming_someone_on_leave_is_refused_with_when_they_are_back(make_org: Build) -> None:
    scn = make_org(
        teams=A_PAIR, events=[{"week": 1, "kind": "leave", "worker": "Ann", "weeks": 3}], weeks=6
    )
    sim = Simulation(scn, seed=1)
    sim.step(2)
    with pytest.raises(ActionError, match=r"Ann is on leave \(back in 2 weeks\)"):
        sim.check(MoveWorker(worker="Ann", to_team="B"))
    sim.step(2)
    sim.check(MoveWorker(worker="Ann", to_team="B"))  # back: the move is possible again


def test_a_hiring_freeze_holds_a_vacancy_until_it_lifts_then_the_hiring_delay_runs(
    make_org: Build,
) -> None:
    # Ann leaves for good as a freeze of weeks 1-4 starts. Without it she would be
    # back-filled at week 1 + 1; with it the hiring delay starts when it lifts: 5 + 1.
    events = [
        {"week": 1, "kind": "hiring_freeze", "weeks": 4},
        {"week": 1, "kind": "leave", "worker": "Ann"},
    ]
    scn = make_org(teams=A_PAIR, events=events, params={"hire_delay_weeks": 1}, weeks=8)
    result = run(scn, seed=1)
    assert result.weekly["headcount"].tolist() == [3, 2, 2, 2, 2, 2, 3, 3]
    texts = [e.text for e in result.events]
    assert texts[0].startswith("Budget cut: a hiring freeze for 4 weeks.")
    assert "The hiring freeze lifts: open positions are recruited again." in texts


def test_a_hire_asked_for_during_a_freeze_waits_for_it_and_its_price_says_so(
    make_org: Build,
) -> None:
    scn = make_org(
        events=[{"week": 0, "kind": "hiring_freeze", "weeks": 3}],
        params={"hire_delay_weeks": 2},
        weeks=8,
    )
    sim = Simulation(scn, seed=1)
    sim.step(1)
    hire = Hire(team="A", skill="a", count=1)
    assert sim.cost_of(hire)[0].startswith(
        "1 a hire(s) arrive in 4 weeks (a hiring freeze holds recruiting until it lifts)"
    )
    sim.apply(hire)
    sim.step(7)
    assert sim.result().weekly["headcount"].tolist() == [2, 2, 2, 2, 2, 3, 3, 3]


def test_the_scenario_news_reaches_the_feed_in_its_own_words_past_the_weekly_cap(
    make_org: Build,
) -> None:
    events = [
        {"week": 1, "kind": "campaign", "template": "launch", "due_weeks": 2, "text": "Early!"},
        {"week": 1, "kind": "change_course", "text": "New message."},
        {"week": 2, "kind": "campaign", "template": "launch"},  # no text: no news
    ]
    scn = make_org(events=events, weeks=3)
    result = run(scn, seed=1)
    news = [(e.week, e.text) for e in result.events if e.kind == SCRIPTED]
    assert news == [(2, "Early!"), (2, "New message.")]


@pytest.mark.parametrize(
    ("event", "says"),
    [
        ({"kind": "hiring_freeze"}, "is a hiring_freeze: give its length in weeks"),
        (
            {"kind": "campaign", "template": "launch", "weeks": 2},
            "gives weeks, which only a leave or a hiring_freeze takes",
        ),
    ],
)
def test_an_event_with_weeks_where_they_do_not_belong_is_refused(
    event: dict[str, object], says: str
) -> None:
    data = {
        "name": "x",
        "teams": TWO_TEAMS,
        "demand": {"templates": [{"name": "launch", "tasks": [{"name": "t", "skill": "a",
                                                               "effort": 1}]}]},
        "events": [{"week": 1, **event}],
    }  # fmt: skip
    with pytest.raises(ScenarioError, match=says):
        parse_scenario(data)


def test_a_generated_member_name_can_be_named_by_an_event(make_org: Build) -> None:
    teams = [{"name": "A", "skills": ["a"], "size": 2}, {"name": "B", "skills": ["b"], "size": 1}]
    scn = make_org(teams=teams, events=[{"week": 1, "kind": "leave", "worker": "A 2", "weeks": 1}])
    assert run(scn, seed=1).weekly["headcount"].tolist() == [3, 2, 3]


# The built-ins: disruptions every phase, named in the feed.

LONGEST_QUIET = 10
"""Most weeks between two pieces of a built-in's news (MODEL.md: a year of 52 weeks
gets one disruption every 6-10 weeks; shorter scenarios proportionally)."""


@pytest.mark.parametrize(
    "name",
    ["siloed-marketing", "new-agency", "social-strategy", "social-out-of-silo", "integration-poll"],
)
def test_every_built_in_brings_news_each_phase_and_names_it_in_the_feed(name: str) -> None:
    scn = load_scenario(name)
    result = run(scn)
    news = [e for e in result.events if e.kind == SCRIPTED]
    for ev in scn.events:
        if ev.text:
            assert any(e.text == ev.text for e in news), f"{name}: {ev.text!r} not in the feed"
    # The weeks the news lands in (an arriving agency counts), from the start to the end.
    joins = {t.joins_week + 1 for t in scn.teams if t.joins_week}
    weeks = sorted({0, scn.weeks} | {e.week for e in news} | joins)
    gaps = [b - a for a, b in pairwise(weeks)]
    assert max(gaps) <= LONGEST_QUIET, f"{name}: {max(gaps)} quiet weeks between news"
    disruptions = [ev for ev in scn.events if ev.kind != "join"]
    assert len(disruptions) >= scn.weeks // LONGEST_QUIET, name
