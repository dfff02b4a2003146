"""The route cache gives every pair of teams the routes worked out afresh.

Routes are cached by the pair of the teams' classes (the links that cover each
and its skills), not by the pair itself. These tests walk a nine-team org
through link changes and reorgs, one decision a week, and compare the cached
routes of every ordered pair of live teams, for every kind of fact, with
`Network._routes` computed from scratch at that instant.
"""

from __future__ import annotations

import pytest

from scenarios.generate import big_org
from sim import Simulation, load_scenario
from sim import actions as a
from sim.info import ASSET, HANDOFF, MESSAGE, PLAN
from sim.scenario import parse_scenario

KINDS = (HANDOFF, MESSAGE, PLAN, ASSET)

# One decision a week, each changing what some pairs of teams share: for a
# built-in org of one skill per team, and a generated one where teams of the same
# skill differ only in the links that cover them.
WALKS = {
    "social-out-of-silo": {
        1: a.AddLink(kind="meeting", teams=("PR", "MarComm", "Design"), per_week=2, hours=1),
        2: a.MoveWorker(worker="Design 2", to_team="Advertising"),
        3: a.AddLink(kind="guild", skill="design", per_week=1),
        4: a.AddLink(kind="liaison", teams=("Social", "PR", "Legal"), liaison="Sol"),
        5: a.EnableTool(tool="shared_calendar"),
        6: a.AddLink(kind="chat", teams=("Social", "Advertising")),
        7: a.MergeTeams(teams=("Design", "MarComm")),
        8: a.RemoveLink(kind="chat", teams=("Social", "Advertising")),
        9: a.EnableTool(tool="knowledge_base"),
        11: a.FormSquads(),
    },
    "generated-48": {
        1: a.AddLink(kind="meeting", teams=("SEO 1", "Social 1", "Content 2"), per_week=2, hours=1),
        2: a.MoveWorker(worker="Content 1 1", to_team="SEO 2"),
        3: a.AddLink(kind="guild", skill="content", per_week=1),
        4: a.AddLink(kind="liaison", teams=("SEO 1", "Email 2"), liaison="SEO 1 2"),
        5: a.EnableTool(tool="shared_calendar"),
        6: a.AddLink(kind="chat", teams=("Social 2", "Email 1")),
        7: a.MergeTeams(teams=("Email 1", "Email 2")),
        8: a.RemoveLink(kind="chat", teams=("Social 2", "Email 1")),
        9: a.EnableTool(tool="knowledge_base"),
        11: a.FormSquads(),
    },
}


def _org(name: str) -> Simulation:
    if name == "generated-48":
        return Simulation(parse_scenario(big_org(48, 8, weeks=20)), seed=3)
    return Simulation(load_scenario(name), seed=3)


def _live_teams(sim: Simulation) -> list:
    return [t for t in sim.org.teams if t.members]


def _mismatches(sim: Simulation) -> list[str]:
    net = sim.net
    now = sim.clock.now
    out = []
    for x in _live_teams(sim):
        for y in _live_teams(sim):
            for kind in KINDS:
                cached, fresh = net.routes(x, y, now, kind), net._routes(x, y, now, kind)
                if cached != fresh:
                    out.append(f"{x.name}->{y.name} kind {kind}: {cached} != {fresh}")
    return out


@pytest.mark.parametrize("org", sorted(WALKS))
def test_cached_routes_equal_fresh_ones_through_link_changes_and_reorgs(org: str) -> None:
    sim = _org(org)
    decisions = WALKS[org]
    classes_seen = 0
    for week in range(20):  # past the last tool's full use (week 17)
        decision = decisions.get(week)
        if decision is not None:
            sim.apply(decision)  # every decision is one the org can take
        assert _mismatches(sim) == [], f"week {week}"
        sim.step(1)
        assert _mismatches(sim) == [], f"after week {week}"
        classes_seen = max(classes_seen, len(sim.net._classes))
    kinds = {lk.kind for lk in sim.net.links}
    assert {"meeting", "guild", "liaison"} <= kinds
    assert classes_seen >= 4  # teams differed in what covers them: several classes at once


@pytest.mark.parametrize("teams", [40, 120])
def test_cache_size_does_not_grow_with_the_teams(teams: int) -> None:
    """Teams alike in links and skills share entries: a generated org of four skills
    and an email link for all needs at most 4 x 4 pairs of classes per kind of fact,
    however many teams it has."""
    sim = Simulation(parse_scenario(big_org(teams * 10, teams, weeks=4)), seed=2)
    sim.step(4)
    assert 0 < len(sim.net._cache) <= 16 * len(KINDS)
    assert len(sim.net._classes) == 4


@pytest.mark.parametrize("adoption_weeks", [2.5, 3.0])
def test_a_tool_reaches_full_use_in_the_cached_routes(adoption_weeks: float) -> None:
    """Adoption climbs by whole weeks until full use, also when full use falls within a
    week: the cached routes follow each step, and end at full use."""
    data = big_org(48, 8, weeks=10)
    data["params"]["tool_adoption_weeks"] = adoption_weeks
    sim = Simulation(parse_scenario(data), seed=4)
    sim.step(1)
    sim.apply(a.EnableTool(tool="shared_calendar"))
    for week in range(1, 8):
        sim.step(1)
        assert _mismatches(sim) == [], f"after week {week}"
    seo, social = sim.org.teams[0], sim.org.teams[1]
    calendar = [
        r for r in sim.net.routes(seo, social, sim.clock.now, PLAN) if r[1] == "shared calendar"
    ]
    assert calendar[0][3] == sim.p.calendar_adoption  # full use
