"""The answer paragraph of a what-if: the winner in words, with certainty, money, dip, payback."""

from __future__ import annotations

import re

import pytest

from game.present.verdict import answer, plain
from sim import load_scenario
from sim.experiment import Comparison, compare, with_overrides
from sim.objectives import objectives_met
from sim.timeline import timelines


@pytest.fixture(scope="module")
def result() -> Comparison:
    # Paying everyone twice as much halves value per 1,000 spent (spend doubles, the
    # work is the same): a clearly worse option, whatever the model's tuning.
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 6})
    dearer = with_overrides(scn, {"params.hourly_cost": 120.0})
    return compare({"today": scn, "<dearer>": dearer}, 3, executor=None)


def test_when_no_option_beats_today_the_answer_says_so(result: Comparison) -> None:
    text = answer(result, timelines(result))
    assert "<b>&lt;dearer&gt;</b>" in text  # labels are escaped for the page
    words = plain(text)
    assert words.startswith("Over 6 weeks and 3 paired runs (every option on the same seeds), "
                            "no option gives more value per $1,000 spent than today; "
                            "the closest is <dearer>:")  # fmt: skip
    assert ", clearly below today." in words
    spend = re.search(r"It spends \$([\d,]+) more than today \(\+(\d+)%", words)
    assert spend is not None and int(spend.group(2)) > 50  # most spend is pay


def test_objectives_and_the_dip_are_in_the_answer(result: Comparison) -> None:
    scn = load_scenario("siloed-marketing")
    counts = [objectives_met(scn, runs, result.runs[0]) for runs in result.runs]
    words = plain(answer(result, timelines(result), counts))
    assert "Objectives met: 'Deliver at least 10% more value per 1,000 spent" in words
    assert " of 3" in words
    # More pay delivers the same work: no weekly shortfall in value.
    assert "no weekly shortfall against today" in words
