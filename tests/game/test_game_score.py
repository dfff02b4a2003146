"""The one score: efficiency on spend over a named period, the same wherever it is shown."""

from __future__ import annotations

import math

import pytest
from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test, plain
from textual.widgets import Static

from game.present.score import PERIODS, efficiency, headline, score


def test_efficiency_is_value_over_spend_across_the_period() -> None:
    weekly = {"value": [100.0, 200.0, 300.0, 400.0, 500.0], "spend": [1000.0] * 5}
    assert efficiency(weekly, "so far") == pytest.approx(1000 * 1500 / 5000)
    assert efficiency(weekly, "last 4 weeks") == pytest.approx(1000 * 1400 / 4000)
    assert efficiency(weekly, "this week") == pytest.approx(500.0)
    # Not a mean of weekly ratios: a cheap week counts for less.
    uneven = {"value": [100.0, 100.0], "spend": [100.0, 1000.0]}
    assert efficiency(uneven) == pytest.approx(1000 * 200 / 1100)
    assert math.isnan(efficiency({"value": [], "spend": []}))
    assert set(PERIODS) == {"this week", "last 4 weeks", "so far"}


def test_the_headline_names_its_period_and_never_says_minus_zero() -> None:
    you = {"value": [100.0], "spend": [1000.0], "engagement": [0.5]}
    base = {"value": [100.04], "spend": [1000.0], "engagement": [0.5]}
    line = headline(score(you, base))
    assert line == "Efficiency so far: you 0% vs do-nothing"
    par = {"value": [119.0], "spend": [1000.0], "engagement": [0.5]}
    assert headline(score(you, base, par, "this week")) == (
        "Efficiency this week: you 0%, par +19% vs do-nothing"
    )


@pilot_test
async def test_s_steps_the_score_through_its_periods(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 5)
        line = play.query_one("#dash-score", Static)
        parts = play.query_one("#dash-parts", Static)
        assert plain(line).startswith("Efficiency so far:") and not parts.display
        for period in ("so far", "last 4 weeks", "this week"):
            await pilot.press("s")
            await pilot.pause()
            assert parts.display and plain(parts).startswith(period)
            assert plain(line).startswith(f"Efficiency {period}:")
        turn = play.turn
        eff = 1000 * sum(turn.weekly["value"][-1:]) / sum(turn.weekly["spend"][-1:])
        assert f"{eff:.2f}" in plain(parts)
        await pilot.press("s")
        await pilot.pause()
        assert not parts.display and plain(line).startswith("Efficiency so far:")


def _heading(chart: object) -> str:
    """A chart's top line as drawn: its title and legend."""
    return chart.render_line(0).text  # type: ignore[attr-defined]


@pilot_test
async def test_chart_titles_are_whole_at_120_columns_and_no_legend_says_n_a(make_app) -> None:
    from game.tui.widgets.dashboard import CHARTS
    from game.tui.widgets.line_chart import LineChart

    app = make_app("siloed-marketing")  # a built-in: three lines a chart, par's too
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        key = plain(play.query_one("#dash-key", Static))
        assert key == "━ you  ━ do-nothing  ━ par"  # the lines' names, once
        titles = {k: t.format(k="$1,000", c="$") for k, t in CHARTS}
        for key, title in titles.items():  # week 0: the title alone, no "n/a"
            assert _heading(play.query_one(f"#chart-{key}", LineChart)) == title
        await next_week(pilot, 2)
        for key, title in titles.items():
            heading = _heading(play.query_one(f"#chart-{key}", LineChart))
            assert heading.startswith(f"{title}  ━ "), heading  # never cut
            assert heading.count("━") == 3 and "n/a" not in heading and "…" not in heading


def test_an_objective_missed_by_a_hair_never_reads_as_met() -> None:
    # +9.96% against "at least +10%": one decimal would round it to +10.0%, which reads
    # as met beside a cross; a miss rounds away from the target, a hit as usual.
    from game.present.figures import objective_value
    from sim.objectives import ObjectiveResult
    from sim.scenario import Objective

    at_least = Objective(measure="efficiency", op=">=", target=1.10, vs_baseline=True)
    at_most = Objective(measure="efficiency", op="<=", target=0.90, vs_baseline=True)
    miss = ObjectiveResult(at_least, 1.0996, met=False)
    hit = ObjectiveResult(at_least, 1.1004, met=True)
    assert objective_value(miss) == "so far +9.9% vs do-nothing"
    assert objective_value(hit) == "so far +10.0% vs do-nothing"
    assert objective_value(ObjectiveResult(at_most, 0.9004, met=False)) == (
        "so far -9.9% vs do-nothing"
    )
