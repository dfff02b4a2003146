"""Lessons drawn from a run's own numbers, the figures table, and the braille charts."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
from rich.style import Style

from game.present.figures import change
from game.present.lessons import decision_lesson, duplicated_pair, lessons
from game.tui.widgets.braille import Line, draw, value_range
from sim.actions import Celebrate, EnableTool
from sim.results import FeedEvent


def run(weekly: dict[str, list[float]], **summary: float) -> SimpleNamespace:
    return SimpleNamespace(
        weekly={k: np.array(v, dtype=float) for k, v in weekly.items()},
        summary=summary,
        weeks=len(next(iter(weekly.values()))),
        events=(),
    )


def test_a_decision_is_read_before_and_after_against_doing_nothing() -> None:
    you = run({"hours_duplicated": [80, 82, 78, 80, 81, 79, 30, 20, 22, 18, 20, 21]})
    base = run({"hours_duplicated": [80, 82, 78, 80, 81, 79, 80, 78, 82, 80, 79, 81]})
    line = decision_lesson(5, EnableTool(tool="shared_calendar"), you, base)
    # Before: weeks 2-5 (82, 78, 80, 81); after: weeks 7-12, the first week of the
    # change left out (30, 20, 22, 18, 20, 21 against 80, 78, 82, 80, 79, 81).
    assert line == (
        "Switched on the shared calendar from week 5: duplicated hours fell from 80.2 to "
        "21.8 a week (doing nothing: 80.2 to 80.0), 58.2 a week below doing nothing after it."
    )


def test_an_early_decision_is_compared_with_doing_nothing_only() -> None:
    you = run({"engagement": [0.6, 0.7, 0.72, 0.74, 0.75]})
    base = run({"engagement": [0.6, 0.58, 0.57, 0.56, 0.55]})
    line = decision_lesson(1, Celebrate(), you, base)
    assert line is not None and "against 0.56 doing nothing" in line
    assert decision_lesson(4, Celebrate(), you, base) is None  # too few weeks after it


def test_the_most_duplicating_pair_comes_from_the_feed() -> None:
    events = [
        FeedEvent(1, "duplicated", "x", ("SEO", "Social"), 12.0),
        FeedEvent(2, "duplicated", "y", ("Social", "SEO"), 10.0),
        FeedEvent(2, "duplicated", "z", ("Email", "SEO"), 12.0),
        FeedEvent(2, "late", "w", ("Email",), 0.0),
    ]
    assert duplicated_pair(events) == (
        "SEO and Social duplicated each other most often: 2 times in the feed, 22.0 h."
    )


def test_doing_nothing_says_so() -> None:
    same = run({"efficiency": [6.5, 6.7]}, efficiency=6.6, spend=96_000.0)
    found = lessons(same, same, [])
    # Efficiency is per 1,000 of money now, and an unchanged figure reads "same"
    # (never "+0%" or "-0%"), as on the debrief's figures.
    assert found[0] == (
        "You delivered 6.60 of value per $1,000 spent against 6.60 doing nothing (same); "
        "you spent what doing nothing spent, $96,000."
    )
    assert "You changed nothing" in found[1]


def test_the_efficiency_lesson_says_what_the_money_bought() -> None:
    you = run({"efficiency": [7.0]}, efficiency=7.0, spend=98_000.0)
    base = run({"efficiency": [6.6]}, efficiency=6.6, spend=96_000.0)
    assert lessons(you, base, [], "€")[0] == (
        "You delivered 7.00 of value per €1,000 spent against 6.60 doing nothing (+6%); "
        "you spent €98,000, €2,000 more than doing nothing."
    )


def test_changes_are_points_for_shares_and_percent_for_the_rest() -> None:
    assert change("duplicated_share", 0.043, 0.132) == "-8.9 pts"
    assert change("rework_share", 0.0031, 0.0032) == "same"
    assert change("efficiency", 549.0, 427.1) == "+29%"
    assert change("efficiency", 6.95, 6.97) == "same"  # never "-0%"
    # Money by its amount: a licence is a sliver of a payroll but is what a decision cost.
    assert change("spend", 313_100.0, 312_000.0) == "+1,100"
    assert change("spend", 312_000.2, 312_000.0) == "same"
    assert change("hours_meetings", 12.0, 0.0) == "new"
    assert change("lead_time_mean", math.nan, 3.0) == ""


def test_braille_lines_rise_and_fall_with_the_values() -> None:
    rows = draw(4, 2, [Line([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], Style())])
    text = ["".join(chars for chars, _ in row) for row in rows]
    assert len(text) == 2 and all(len(r) == 4 for r in text)
    # The lowest value sits bottom left, the highest top right.
    assert ord(text[1][0]) - 0x2800 & 0x40 and ord(text[0][3]) - 0x2800 & 0x08
    assert text[0][0] == "⠀" and text[1][3] == "⠀"


def test_an_axis_for_hours_does_not_go_below_zero() -> None:
    low, high = value_range([Line([0.0, 50.0, 100.0], Style())])
    assert low == 0.0 and high > 100.0
    assert value_range([Line([math.nan], Style())]) == (0.0, 1.0)


def test_decisions_of_one_week_are_judged_together_and_each_measure_once() -> None:
    from game.present.lessons import week_lesson
    from sim.actions import AddLink, SetGoal

    weekly = {
        "hours_duplicated": [80.0] * 12,
        "hours_info_wait": [60.0] * 12,
        "handoff_wait": [30.0] * 12,
    }
    you, base = run(weekly), run(weekly)
    both = [EnableTool(tool="shared_calendar"), EnableTool(tool="knowledge_base")]
    line = week_lesson(5, [*both, AddLink(kind="chat"), SetGoal(team="*", shared_weight=0.5)],
                       you, base)  # fmt: skip
    assert line is not None and line.startswith("Together from week 5, ")
    assert line.count("duplicated hours") == 1  # two tools, one measure: read once
    assert "hours waiting for information" in line and "the wait per handoff" in line
    # Lessons group by week: one sentence for the four decisions, none per decision.
    found = lessons(you, base, [(5, a) for a in [*both, AddLink(kind="chat")]])
    assert sum("from week 5" in f for f in found) == 1


def test_lessons_read_as_english() -> None:
    from game.present.numbers import count, signed_percent

    assert count(1, "person", "people") + " quit" == "1 person quit"
    assert count(1, "win") == "1 win" and count(2, "win") == "2 wins"
    assert signed_percent(-0.001) == "0%" and signed_percent(0.14) == "+14%"
    # A team duplicating its own work is not a pair ("SEO and SEO").
    events = [FeedEvent(1, "duplicated", "x", ("SEO", "SEO"), 12.0)]
    assert duplicated_pair(events) is None
    once = [FeedEvent(1, "duplicated", "x", ("SEO", "Social"), 12.0)]
    assert duplicated_pair(once) == (
        "SEO and Social duplicated each other most often: 1 time in the feed, 12.0 h."
    )
    you = run({"efficiency": [7.0]}, efficiency=7.0, spend=98_000.0, quits=1.0)
    base = run({"efficiency": [6.6]}, efficiency=6.6, spend=96_000.0, quits=2.0)
    text = " ".join(lessons(you, base, []))
    assert "1 person quit" in text and "n/a" not in text


def test_numbers_never_show_scientific_notation_or_a_signed_zero() -> None:
    from game.present.numbers import compact, num
    from game.present.tables import fmt

    for x in (1160.4, 1.16e7, 0.000123, -0.0004, 123456789.0):
        for text in (num(x), compact(x), fmt("efficiency", x)):
            assert "e+" not in text and "e-" not in text and text not in ("-0", "-0.00")
    assert len(compact(1_234_567.0)) <= 6 and len(compact(-98_765.0)) <= 6


def test_a_decision_names_what_it_cost_in_hours() -> None:
    from sim.actions import MergeTeams

    flat = [30.0] * 12
    you = run({"handoff_wait": flat, "hours_coordination": [20.0] * 6 + [52.0] * 6})
    base = run({"handoff_wait": flat, "hours_coordination": [20.0] * 12})
    line = decision_lesson(5, MergeTeams(teams=("SEO", "Social")), you, base)
    assert line is not None
    assert line.endswith("paid for with coordination up from 20.0 to 52.0 h a week.")
    # A decision that costs no extra hours gets no price clause.
    same = decision_lesson(5, MergeTeams(teams=("SEO", "Social")), base, base)
    assert same is not None and "paid for" not in same
