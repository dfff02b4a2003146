"""MODEL.md "Economics": every size, degenerate-plan rule, calibration and stationarity check.

Each test measures one row of `economics_kit` on 20 paired seeds
(`economics_kit.SEEDS`: replications 1-20 of base seed 1, the same seeds for
every plan compared) and asserts that the figure lands in the band MODEL.md
gives, which the test states again. On failure it prints the measured figure,
its 95% interval, the band and the seeds. Run just these with
`pytest -m economics`; `python -m tests.sim.economics_kit` prints the same
rows as one table.
"""

from __future__ import annotations

from collections.abc import Iterator

import economics_kit as kit
import pytest

pytestmark = pytest.mark.economics

INF = float("inf")


@pytest.fixture(scope="module", autouse=True)
def _pool() -> Iterator[None]:
    yield
    kit.R.close()


def check(
    record: kit.Record, band: tuple[float, float], seeds: tuple[int, ...] = kit.SEEDS
) -> None:
    """Assert the record measured `band` on `seeds`, and landed in it."""
    assert record.band == band, f"{record.name}: the kit checks {record.band}, MODEL.md {band}"
    assert record.seeds == seeds, f"{record.name}: measured on other seeds than stated"
    if not record.passed:
        pytest.fail(record.explain(), pytrace=False)


# ---- E1: the status quo stands still; calibration (every built-in but the tutorial)


@pytest.mark.parametrize("scenario", kit.STATIONARY)
def test_doing_nothing_engagement_is_flat(scenario: str) -> None:
    # Last-quarter minus first-quarter mean engagement (weeks 40-52 vs 1-13 of 52).
    check(kit.stationary_engagement(scenario), (-0.03, 0.03))


@pytest.mark.parametrize("scenario", kit.STATIONARY)
def test_doing_nothing_efficiency_has_no_trend(scenario: str) -> None:
    # A year's drift of 4-week mean efficiency, % of its level.
    check(kit.stationary_efficiency(scenario), (-3.0, 3.0))


@pytest.mark.parametrize("scenario", kit.CALIBRATED)
def test_calibration_first_time_work(scenario: str) -> None:
    check(kit.calibration_first_time(scenario), (35.0, 55.0))


@pytest.mark.parametrize("scenario", kit.CALIBRATED)
def test_calibration_duplicated_work(scenario: str) -> None:
    check(kit.calibration_duplicated(scenario), (8.0, 15.0))


# ---- Sizes to land in (siloed-marketing, against doing nothing unless stated)


def test_doing_nothing_engagement_level() -> None:
    check(kit.do_nothing_engagement(), (0.40, 0.55))


def test_doing_nothing_annual_quits() -> None:
    check(kit.do_nothing_quits(), (12.0, 20.0))


def test_par_plan_annual_quits() -> None:
    check(kit.par_quits(), (6.0, 12.0))


def test_productivity_at_high_vs_low_engagement() -> None:
    # A mechanics check, no runs: productivity at engagement 0.75 vs 0.25, % change.
    check(kit.productivity_engagement(), (12.0, 25.0), seeds=())


def test_shared_calendar_cuts_duplicated_hours() -> None:
    check(kit.calendar_duplicated(), (-70.0, -40.0))


def test_shared_calendar_efficiency() -> None:
    check(kit.calendar_efficiency(), (2.0, 8.0))


def test_weekly_meeting_efficiency() -> None:
    check(kit.weekly_meeting_efficiency(), (2.0, 8.0))


def test_daily_meeting_at_least_5_percent_worse_than_weekly() -> None:
    check(kit.daily_vs_weekly_meeting(), (-INF, -5.0))


def test_daily_meeting_worse_than_none() -> None:
    check(kit.daily_meeting_vs_none(), (-INF, 0.0))


def test_shared_goals_cut_handoff_wait() -> None:
    check(kit.shared_goals_handoff_wait(), (-40.0, -20.0))


def test_shared_goals_efficiency() -> None:
    check(kit.shared_goals_efficiency(), (3.0, 10.0))


def test_best_shared_weight_is_interior() -> None:
    check(kit.best_shared_weight(), (0.4, 0.8))


def test_full_shared_weight_at_least_2_percent_below_the_best() -> None:
    check(kit.full_shared_weight_vs_best(), (-INF, -2.0))


def test_squads_trough() -> None:
    # Weekly value's lowest week in weeks 10-16, % vs doing nothing.
    check(kit.squads_trough(), (-30.0, -10.0))


def test_squads_back_at_the_status_quo_by_week_26() -> None:
    check(kit.squads_recovery_week(), (-INF, 26.0))


def test_squads_gain_in_weeks_30_to_52() -> None:
    check(kit.squads_late_gain(), (5.0, 20.0))


def test_squads_pay_back_between_weeks_20_and_40() -> None:
    check(kit.squads_payback_week(), (20.0, 40.0))


def test_par_plan_efficiency_in_weeks_27_to_52() -> None:
    check(kit.par_late_efficiency(), (12.0, 25.0))


def test_par_plan_engagement() -> None:
    check(kit.par_engagement(), (0.10, 0.25))


def test_no_single_lever_gives_more_than_60_percent_of_par() -> None:
    check(kit.one_lever_share(), (-INF, 60.0))


# ---- Degenerate plans (every built-in, against its par plan, on efficiency)

FAR_BELOW = ("everything", "merge-all", "celebrate-weekly", "meetings-4x", "liaison-all")


NOT_APPLICABLE = {
    ("liaison-all", "social-strategy"): "par already links the org's only two teams by a "
    "liaison: a liaison for every team is par itself",
}
"""Rules that cannot apply where context made the degenerate plan the par plan (E4)."""
OPEN: dict[tuple[str, str], str] = {}
"""Rules the model does not meet yet, each with its measured figure (strictly checked)."""
SHORT = ("tutorial",)
"""Built-ins too short (3 weeks) for a 1% rule: 20 seeds resolve about +-5% there."""


@pytest.mark.parametrize(
    ("rule", "scenario"),
    [
        (r, s)
        for s in kit.BUILTINS
        if s not in SHORT
        for r in kit.RULES
        if (r, s) not in NOT_APPLICABLE
    ],
)
def test_degenerate_plan_does_not_beat_par(rule: str, scenario: str) -> None:
    # Below +1% of par; the first five of MODEL.md's list at least 3% below it.
    band = (-INF, -3.0) if rule in FAR_BELOW else (-INF, 1.0)
    record = kit.degenerate(rule, scenario)
    if (rule, scenario) in OPEN:
        assert not record.passed, f"{rule}/{scenario} now passes: take it out of OPEN"
        pytest.xfail(f"{OPEN[rule, scenario]} ({record.explain().splitlines()[0]})")
    check(record, band)


@pytest.mark.parametrize(
    ("scenario", "index"),
    [(s, i) for s in kit.BUILTINS for i in range(1, kit.repeat_count(s) + 1)],
)
def test_par_plus_a_repeated_action_does_not_beat_par(scenario: str, index: int) -> None:
    check(kit.degenerate_repeat(index, scenario), (-INF, 1.0))
