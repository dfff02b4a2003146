"""Meetings of a subset: a weekly sync of the leads costs the leads' hours alone.

Hours are counted by hand: a meeting costs each attendee `per_week * hours` of
meeting time a week, and nobody else anything.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sim import Simulation, load_scenario
from sim.actions import ActionError, AddLink
from sim.scenario import ScenarioError, parse_scenario

SCN = load_scenario("siloed-marketing")  # four teams: SEO, Social, Email, Content (20 people)


def meeting_hours_after(action: AddLink, weeks: int = 2) -> float:
    sim = Simulation(SCN, seed=1)
    sim.step(2)
    before = sim.snapshot().last_week["hours_meetings"]
    assert before == 0  # siloed-marketing has no meetings
    sim.apply(action)
    sim.step(weeks)
    return sim.snapshot().last_week["hours_meetings"]


@pytest.mark.parametrize(
    ("attendees", "people"),
    [((), 20), (("leads",), 4), (("Ana", "Omar"), 2), (("leads", "Ben"), 5)],
)
def test_only_the_attendees_spend_the_meeting_hours(
    attendees: tuple[str, ...], people: int
) -> None:
    sync = AddLink(kind="meeting", teams=("*",), per_week=2, hours=1.5, attendees=attendees)
    assert meeting_hours_after(sync) == pytest.approx(people * 2 * 1.5)


def test_the_price_counts_the_attendees() -> None:
    sim = Simulation(SCN, seed=1)
    leads = AddLink(kind="meeting", teams=("*",), attendees=("leads",))
    assert sim.cost_of(leads)[0].startswith("1 h a week for each of 4 people")


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (AddLink(kind="meeting", teams=("SEO", "Social"), attendees=("Omar",)),
         "Omar is not in any of the linked teams"),
        (AddLink(kind="meeting", attendees=("Zed",)), "no one called 'Zed'"),
    ],
)  # fmt: skip
def test_attendees_who_cannot_attend_are_refused(action: AddLink, message: str) -> None:
    with pytest.raises(ActionError, match=message):
        Simulation(SCN, seed=1).check(action)


def test_attendees_on_another_kind_of_link_are_refused_by_the_schema() -> None:
    with pytest.raises(ValidationError, match="attendees is for meeting links, not email"):
        AddLink(kind="email", attendees=("Ana",))


def test_a_scenario_link_with_attendees_is_checked_and_charged() -> None:
    data = SCN.to_toml_dict()
    data["links"] = [*data["links"], {"kind": "meeting", "teams": ["*"], "attendees": ["leads"]}]
    sim = Simulation(parse_scenario(data), seed=1)
    sim.step(1)
    assert sim.snapshot().last_week["hours_meetings"] == pytest.approx(4.0)
    data["links"][-1] = {"kind": "email", "teams": ["*"], "attendees": ["Ana"]}
    with pytest.raises(ScenarioError, match="attendees is for meeting links, not email"):
        parse_scenario(data)
    data["links"][-1] = {"kind": "meeting", "teams": ["SEO", "Email"], "attendees": ["Omar"]}
    with pytest.raises(ScenarioError, match="'Omar', who is in none of its teams"):
        parse_scenario(data)
    data["links"][-1] = {"kind": "meeting", "teams": ["*"], "attendees": ["Zed"]}
    with pytest.raises(ScenarioError, match="'Zed', who is not a member"):
        parse_scenario(data)
