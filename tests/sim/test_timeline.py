"""sim.timeline: weekly paired gains, the transition dip, the payback week, the last quarter.

Hand-made series whose answers are worked out by hand, then one real
comparison on paired seeds for the tidy records.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim import load_scenario
from sim.actions import SetGoal
from sim.experiment import compare, with_overrides
from sim.objectives import objectives_met
from sim.stats import Band
from sim.timeline import (
    difference_records,
    find_dip,
    find_payback,
    quarter_weeks,
    stays_positive_from,
    timeline_of,
    timelines,
    weekly_records,
)

# A change made after week 2: weeks 3-5 fall short (by 10, 30, 20), then it gains 25 a week.
BASE = [100.0] * 12
GAIN = [0, 0, -10, -30, -20, 25, 25, 25, 25, 25, 25, 25]
# Cumulative gain: 0 0 -10 -40 -60 -35 -10 15 40 65 90 115: positive from week 8 on.


def test_dip_is_the_deepest_weekly_shortfall_and_the_weeks_around_it() -> None:
    dip = find_dip(GAIN, BASE)
    assert dip.depth == 30
    assert dip.week == 4
    assert (dip.start, dip.end, dip.weeks) == (3, 5, 3)
    assert dip.relative == pytest.approx(0.3)


def test_the_dip_is_sought_between_the_action_and_the_payback_week() -> None:
    # A bad week late in a year that has paid back (week 11) is noise, not the transition.
    late = [0, 0, -10, -30, -20, 25, 25, 25, 25, 25, -40, 25]
    assert find_dip(late, BASE).week == 11
    dip = find_dip(late, BASE, after=2, before=8)
    assert (dip.week, dip.depth, dip.weeks) == (4, 30, 3)
    # Nothing short after the action: no dip, even with a shortfall before it.
    assert find_dip([-5, 0, 3, 4], None, after=1).week is None


def test_no_shortfall_is_no_dip() -> None:
    dip = find_dip([0, 1, 2, 0.5], [10] * 4)
    assert (dip.depth, dip.week, dip.weeks) == (0.0, None, 0)


def test_payback_week_is_where_the_cumulative_gain_turns_positive_and_stays() -> None:
    assert stays_positive_from(np.cumsum(GAIN)) == 8
    # Positive early, then negative again, then positive: the last crossing counts.
    assert stays_positive_from([5, -1, 2, 3]) == 3
    assert stays_positive_from([1, 2, -1]) is None
    assert stays_positive_from([0, 0, 0]) is None


def test_payback_interval_comes_from_the_band_of_the_cumulative_gain() -> None:
    mean = np.cumsum(GAIN).astype(float)
    band = Band(mean, mean - 30, mean + 30)
    payback = find_payback(band)
    # mean + 30 stays above zero from week 7 (-10 + 30); mean - 30 from week 9 (40 - 30).
    assert (payback.earliest, payback.week, payback.latest) == (7, 8, 9)
    wide = find_payback(Band(mean, mean - 500, mean + 500))
    assert wide.latest is None  # not sure to pay back within the horizon
    assert wide.earliest == 1


def test_timeline_of_paired_replications_by_hand() -> None:
    # Three replications share noise (+-5) that the pairing cancels exactly.
    noise = [0.0, 5.0, -5.0]
    base = [np.array(BASE) + n for n in noise]
    variant = [b + np.array(GAIN, dtype=float) for b in base]
    t = timeline_of("change", base, variant, "value", action_weeks=(2,))
    assert t.dip.depth == pytest.approx(30)
    assert t.payback.week == 8
    # No spread in the differences: the band is the mean itself.
    assert (t.payback.earliest, t.payback.latest) == (8, 8)
    assert quarter_weeks(12) == 3 and t.last_quarter_weeks == 3
    assert t.last_quarter.mean == pytest.approx(25)
    assert t.last_quarter_pct == pytest.approx(25.0)
    assert t.action_weeks == (2,)


def test_where_less_is_better_a_rise_is_the_dip() -> None:
    base = [np.full(8, 1000.0), np.full(8, 1100.0)]
    # Spend rises by 200 in weeks 2-3 (the transition), then falls by 50 a week.
    change = np.array([0, 200, 200, -50, -50, -50, -50, -50], dtype=float)
    t = timeline_of("squads", base, [b + change for b in base], "spend")
    assert t.dip.depth == pytest.approx(200)
    assert (t.dip.start, t.dip.end) == (2, 3)
    assert t.payback.week is None  # saved 250 by week 8, after 400 spent: not yet
    assert t.last_quarter.mean == pytest.approx(50)  # a gain: 50 less spend a week


def test_a_comparison_gives_tidy_weekly_rows_and_timelines_on_paired_seeds() -> None:
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 6})
    goals = scn.with_actions([(1, SetGoal(team="*", shared_weight=0.6))])
    result = compare({"today": scn, "goals": goals}, 3, executor=None)
    rows = weekly_records(result, ["value", "spend"])
    assert len(rows) == 2 * 3 * 6
    assert list(rows[0]) == ["variant", "replication", "seed", "week", "value", "spend"]
    assert [r["seed"] for r in rows[:18]] == [r["seed"] for r in rows[18:]]
    first = [r["value"] for r in rows if r["variant"] == "today" and r["replication"] == 0]
    assert first == list(result.runs[0][0].weekly["value"])
    # Before the action (week 1) the paired runs are identical: a difference of exactly 0.
    diffs = difference_records(result, ["value"])
    assert len(diffs) == 6
    assert diffs[0]["week"] == 1 and diffs[0]["diff_mean"] == 0.0
    both = timelines(result)
    assert both[0].dip.depth == 0 and both[0].payback.week is None  # the baseline vs itself
    assert both[1].action_weeks == (1,)
    with pytest.raises(KeyError, match="unknown weekly measure 'valeu'"):
        timelines(result, "valeu")
    counts = objectives_met(goals, result.runs[1], result.runs[0])
    assert [c.runs for c in counts] == [3] * len(goals.objectives)
    assert all(0 <= c.met <= 3 for c in counts)
    assert str(counts[0]).startswith("met in ") and str(counts[0]).endswith(" of 3 runs")
    assert not math.isnan(both[1].last_quarter.mean)


def test_the_api_promised_by_architecture_md_imports_from_sim() -> None:
    import sim
    from sim import compare as api_compare
    from sim import load_experiment, load_script, sweep
    from sim import timelines as api_timelines
    from sim.experiment import sweep as experiment_sweep

    assert api_compare is compare and sweep is experiment_sweep
    assert api_timelines is timelines
    assert {"compare", "sweep", "load_script", "load_experiment"} <= set(sim.__all__)
    assert callable(load_script) and callable(load_experiment)


def test_team_results_count_each_team_by_hand_and_follow_a_reorg() -> None:
    from sim.actions import FormSquads
    from sim.team_results import team_means, team_records, team_row

    nan = math.nan
    row = team_row(
        {
            "engagement": np.array([0.4, 0.5, nan]),
            "headcount": np.array([2.0, 2.0, nan]),
            **{f"hours_{c}": np.array([10.0, 10.0, nan]) for c in
               ("first_time", "routine", "info_wait", "duplicated", "rework", "meetings",
                "coordination")},
        }
    )  # fmt: skip
    assert row["weeks_staffed"] == 2 and row["headcount_end"] == 0  # gone by the last week
    assert math.isnan(row["engagement_end"]) and row["engagement_mean"] == pytest.approx(0.45)
    assert row["hours_paid"] == 140 and row["wasted_share"] == pytest.approx(60 / 140)

    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 4})
    squads = scn.with_actions([(2, FormSquads(squads=2))])
    result = compare({"today": scn, "squads": squads}, 2, executor=None)
    rows = team_records(result)
    assert {r["team"] for r in rows if r["variant"] == "today"} == {
        "SEO", "Social", "Email", "Content"
    }  # fmt: skip
    means = {(m["variant"], m["team"]): m for m in team_means(result)}
    assert means[("squads", "SEO")]["headcount_end"] == 0  # re-cut into squads after week 2
    people = sum(m["headcount_end"] for (v, _), m in means.items() if v == "squads")
    assert people == pytest.approx(sum(t.head_count for t in scn.teams), abs=2)  # quits aside
    # Every team's hours add up to the org's paid hours, run by run.
    paid = sum(r["hours_paid"] for r in rows if r["variant"] == "squads" and r["replication"] == 0)
    assert paid == pytest.approx(result.runs[1][0].summary["hours_paid"])
    # And every team's quits add up to the org's.
    for j, run in enumerate(result.runs[0]):
        quits = sum(r["quits"] for r in rows if r["variant"] == "today" and r["replication"] == j)
        assert quits == run.summary["quits"]


def test_results_become_dataframes_when_pandas_is_there(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 2})
    result = compare({"a": scn, "b": scn}, 2, executor=None)
    # Without pandas: a one-line hint, not a bare ModuleNotFoundError.
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        result.to_frame()
    # With it: the tidy rows, handed to DataFrame.from_records (a stand-in records the call).
    seen: list[list[dict[str, object]]] = []
    fake = types.ModuleType("pandas")
    fake.DataFrame = types.SimpleNamespace(from_records=lambda rows: seen.append(rows) or rows)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    assert len(result.to_frame()) == 4
    assert len(result.to_frame(weekly=True)) == 2 * 2 * 2
    assert seen[1][0]["week"] == 1


def test_summary_rows_give_each_difference_as_a_percent_of_the_baseline() -> None:
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 3})
    dearer = with_overrides(scn, {"params.hourly_cost": 90.0})
    result = compare({"a": scn, "b": dearer}, 2, executor=None)
    base, other = result.summary_records(["spend", "efficiency"])[:2]
    assert math.isnan(base["diff_pct"])
    assert other["diff_pct"] == pytest.approx(100 * other["diff_mean"] / base["mean"])
    assert 40 < other["diff_pct"] < 55  # most spend is pay, paid 50% more


def test_each_team_counts_its_own_quits() -> None:
    from sim import run

    # Far more quitting than the model's, so every team has some to count.
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 12, "params.quit_base": 0.03})
    result = run(scn, seed=2)
    per_team = {t: float(s["quits"].sum()) for t, s in result.team_weekly.items()}
    assert sum(per_team.values()) == result.summary["quits"] > 0
    assert sum(1 for q in per_team.values() if q > 0) >= 2
