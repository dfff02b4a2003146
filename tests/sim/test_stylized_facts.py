"""The stylized facts of MODEL.md, on paired seeds of `siloed-marketing`.

Each fact is a mean paired difference over 20 seeds (common random numbers:
both variants of a pair share the seed) whose 95% interval must clear zero by
the margin the test states. Margins sit well inside what the model shows
(recorded in benchmarks/ and scenarios/README.md), so a failure is a change in
the model, not noise.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from sim import load_scenario, run
from sim.actions import AddLink, EnableTool, FormSquads, SetGoal
from sim.scenario import Scenario

SEEDS = range(20)
T_975_19 = 2.093  # Student t, 19 degrees of freedom


def _scenario(weeks: int = 26, **params: Any) -> Scenario:
    scn = load_scenario("siloed-marketing")
    data = scn.model_dump(mode="json")
    data["weeks"] = weeks
    data["params"].update(params)
    from sim import parse_scenario

    return parse_scenario(data)


def _paired(
    base: Scenario, variant: Scenario, measure: Callable[[Any], float], seeds: range = SEEDS
) -> tuple[float, float, float]:
    """Mean of variant - base over the seeds, and its 95% interval."""
    diffs = np.array([measure(run(variant, seed=s)) - measure(run(base, seed=s)) for s in seeds])
    mean = float(diffs.mean())
    t = T_975_19 if len(diffs) == 20 else 2.023  # Student t, 19 or 39 degrees of freedom
    half = t * float(diffs.std(ddof=1)) / math.sqrt(len(diffs))
    return mean, mean - half, mean + half


def summary(key: str) -> Callable[[Any], float]:
    return lambda r: r.summary[key]


def test_shared_goals_cut_handoff_wait() -> None:
    base = _scenario()
    shared = base.with_actions([(0, SetGoal(team="*", shared_weight=0.8))])
    mean, low, high = _paired(base, shared, summary("handoff_wait_mean"))
    # The model shows about -7 h per handoff (-22% of 33 h); demand at least -4 h.
    assert high < -4.0, (mean, low, high)


def test_shared_calendar_cuts_duplicated_hours() -> None:
    base = _scenario()
    calendar = base.with_actions([(0, EnableTool(tool="shared_calendar"))])
    mean, low, high = _paired(base, calendar, summary("hours_duplicated"))
    baseline = np.mean([run(base, seed=s).summary["hours_duplicated"] for s in SEEDS])
    # About -55% in the model; demand a cut of at least 40% of the baseline (MODEL.md,
    # Economics: the calendar alone cuts duplicated hours 40-70%).
    assert high < -0.4 * baseline, (mean, low, high, baseline)


def test_meetings_are_an_inverted_u() -> None:
    none = _scenario()
    weekly = none.with_actions([(0, AddLink(kind="meeting", teams=("*",), per_week=1))])
    daily = none.with_actions([(0, AddLink(kind="meeting", teams=("*",), per_week=5))])
    up = _paired(none, weekly, summary("efficiency"))
    down = _paired(weekly, daily, summary("efficiency"))
    # Weekly beats none by about +4.5% (its interval about +3.4% to +5.6%): a meeting
    # now costs its hours, the focus lost around it and their pay, so the gain is the
    # +2% to +8% of MODEL.md's Economics, not the old +20%; demand at least +2%, the
    # band's floor. Daily loses to weekly by about -12%; demand at least 5% (MODEL.md).
    base_eff = np.mean([run(none, seed=s).summary["efficiency"] for s in SEEDS])
    assert up[1] > 0.02 * base_eff, up
    assert down[2] < -0.05 * base_eff, down


def test_squads_dip_then_recover_above_the_old_level() -> None:
    base = _scenario(weeks=30)
    squads = base.with_actions([(10, FormSquads())])
    dip = _paired(base, squads, lambda r: float(np.sum(r.weekly["value"][10:12])))
    later = _paired(base, squads, lambda r: float(np.sum(r.weekly["value"][16:30])))
    before = _paired(base, squads, lambda r: float(np.sum(r.weekly["value"][:10])))
    assert before[0] == 0.0  # nothing differs before the reorg (common random numbers)
    assert dip[2] < 0, dip  # the first two weeks after the reorg deliver less
    assert later[1] > 0, later  # and it pays off afterwards


def test_excluding_a_new_agency_hurts_its_engagement_and_raises_duplication() -> None:
    scn = load_scenario("siloed-marketing")
    data = scn.model_dump(mode="json")
    data["weeks"] = 26
    # A social media agency takes over the social channel (in-house teams get
    # work first, so it must have a channel of its own to matter).
    data["teams"] = [t for t in data["teams"] if t["name"] != "Social"] + [
        {"name": "Agency", "skills": ["social"], "size": 5, "external": True, "included": False}
    ]
    from sim import parse_scenario

    excluded = parse_scenario(data)
    included = excluded.with_actions([(0, {"action": "include_agency", "team": "Agency"})])
    agency_engagement = lambda r: float(r.team_weekly["Agency"]["engagement"][-1])  # noqa: E731
    eng = _paired(included, excluded, agency_engagement)
    dup = _paired(included, excluded, summary("hours_duplicated"))
    assert eng[2] < -0.05, eng
    assert dup[1] > 0, dup


def test_low_engagement_raises_quits_and_quits_cost_value() -> None:
    engaged = _scenario(weeks=52)
    disengaged = _scenario(weeks=52, baseline_engagement=0.35)
    quits = _paired(engaged, disengaged, summary("quits"))
    assert quits[1] > 0, quits
    stay = _scenario(weeks=52, attrition=False)
    value = _paired(stay, engaged, summary("value"))
    assert value[2] < 0, value


@pytest.mark.parametrize("slow", ["email", "none"])
def test_slow_routes_cause_rework_and_off_message_work(slow: str) -> None:
    # Two teams, one route at a time, so stalled handoffs cannot hide the rework.
    from sim import parse_scenario

    def org(kind: str) -> Scenario:
        links = [] if kind == "none" else [{"kind": kind, "teams": ["Content", "Social"]}]
        return parse_scenario(
            {
                "name": "two-teams",
                "weeks": 26,
                "teams": [
                    {"name": "Content", "skills": ["content"], "size": 4},
                    {"name": "Social", "skills": ["social"], "size": 4},
                ],
                "links": links,
                "demand": {
                    "templates": [
                        {
                            "name": "story",
                            "value": 100,
                            "tasks": [
                                {"name": "brief", "skill": "content", "effort": 10},
                                {"name": "post", "skill": "social", "effort": 15},
                                {"name": "thread", "skill": "social", "effort": 15},
                            ],
                        }
                    ]
                },
                "params": {"message_changes_per_campaign": 1.5, "own_work_per_week": 3},
            }
        )

    def per_campaign(key: str) -> Callable[[Any], float]:
        return lambda r: r.summary[key] / max(1.0, r.summary["campaigns_done"])

    # Rework per campaign is a small, noisy number (off-message work that went live is
    # fixed only when spotted, `live_fix_p`): 40 paired seeds. Checked on 200 fresh seeds
    # (1000-1199): email +0.27 h [+0.20, +0.33], none +0.48 h [+0.41, +0.55] against chat.
    seeds = range(40)
    rework = _paired(org("chat"), org(slow), per_campaign("hours_rework"), seeds)
    consistency = _paired(org("chat"), org(slow), summary("consistency"), seeds)
    assert consistency[2] < 0, consistency
    assert rework[1] > 0, rework


def test_doing_everything_is_worse_than_a_well_chosen_few() -> None:
    base = _scenario()
    few = base.with_actions(
        [
            (0, SetGoal(team="*", shared_weight=0.8)),
            (0, EnableTool(tool="shared_calendar")),
            (0, AddLink(kind="meeting", teams=("*",), per_week=1)),
        ]
    )
    everything = base.with_actions(
        [
            (0, SetGoal(team="*", shared_weight=0.8)),
            (0, EnableTool(tool="shared_calendar")),
            (0, EnableTool(tool="knowledge_base")),
            (0, AddLink(kind="meeting", teams=("*",), per_week=5)),
            (0, AddLink(kind="chat", teams=("*",))),
            (4, FormSquads()),
        ]
    )
    mean, low, high = _paired(few, everything, summary("efficiency"))
    few_eff = np.mean([run(few, seed=s).summary["efficiency"] for s in SEEDS])
    # MODEL.md: at least 3% below the well-chosen few.
    assert high < -0.03 * few_eff, (mean, low, high, few_eff)


def test_calibration_of_the_silo_baseline() -> None:
    scn = load_scenario("siloed-marketing")
    results = [run(scn, seed=s) for s in range(5)]
    first_time = np.mean([r.summary["first_time_share"] for r in results])
    duplicated = np.mean([r.summary["duplicated_share"] for r in results])
    # MODEL.md: first-time work 35-55% of paid hours, duplicated 8-15%.
    assert 0.35 <= first_time <= 0.55, first_time
    assert 0.08 <= duplicated <= 0.15, duplicated


def test_littles_law() -> None:
    scn = load_scenario("siloed-marketing")
    from sim import Simulation

    for seed in range(3):
        sim = Simulation(scn, seed=seed, keep_campaigns=True)
        sim.step(sim.weeks)
        # The run is recorded over [origin, origin + T]: week 0 starts after the
        # warm-up, so campaigns in progress at week 0 came from it. Each campaign's
        # time in system is the overlap of [arrival, live) with the window (open
        # ones counted up to T, carried-in ones from week 0).
        start = sim.clock.origin
        horizon = sim.weeks * 40.0
        end = start + horizon
        overlaps = [
            min(c.live_at if c.live else end, end) - max(c.arrival, start) for c in sim.campaigns
        ]
        in_window = [t for t in overlaps if t > 0]
        carried_in = sum(
            1 for c in sim.campaigns if c.arrival < start < (c.live_at if c.live else end)
        )
        assert carried_in > 0  # the warm-up leaves work in flight at week 0
        arrivals = len(in_window)  # arrivals in the window plus those carried in
        wip = sim.result().summary["wip_mean"]
        # L = lambda * W over the window: exactly, as both sides count the same hours.
        assert wip == pytest.approx((arrivals / horizon) * (sum(in_window) / arrivals), rel=1e-9)
