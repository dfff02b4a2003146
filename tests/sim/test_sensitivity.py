"""sim.sensitivity: the ranges of the uncertain parameters, and rankings at each end."""

from __future__ import annotations

import pytest

from sim import load_scenario
from sim.actions import EnableTool
from sim.experiment import with_overrides
from sim.sensitivity import UNCERTAIN, assumptions, sensitivity


def test_ranges_are_half_to_twice_or_a_span_within_the_schema_bounds() -> None:
    scn = with_overrides(
        load_scenario("siloed-marketing"),
        {"params.reorg_shock": 0.08, "params.calendar_adoption": 0.9, "params.email_p": 0.1},
    )
    ranges = {a.key: a for a in assumptions(scn)}
    assert set(ranges) == set(UNCERTAIN)
    shock = ranges["reorg_shock"]  # the scenario's own value is the centre
    assert (shock.base, shock.low, shock.high) == (0.08, 0.04, 0.16)
    adoption = ranges["calendar_adoption"]
    assert (adoption.low, adoption.high) == pytest.approx((0.7, 1.0))  # capped at 1
    email = ranges["email_p"]  # a probability must stay above 0 (the schema says gt=0)
    assert 0 < email.low < 1e-5 and email.high == pytest.approx(0.3)
    with pytest.raises(ValueError, match="no range for parameter 'hourly_costs'"):
        assumptions(scn, ["hourly_costs"])


def test_every_option_at_each_end_on_the_same_seeds() -> None:
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 6})
    calendar = scn.with_actions([(1, EnableTool(tool="shared_calendar"))])
    result = sensitivity({"today": scn, "calendar": calendar}, 2,
                         measure="hours_duplicated", keys=["calendar_adoption"],
                         executor=None)  # fmt: skip
    assert result.labels == ("today", "calendar")
    # Less duplicated work is better: the calendar leads, its gain is a cut in hours.
    assert result.base_ranking == ("calendar", "today")
    assert result.winner == "calendar" and result.base_gain.mean > 0
    (swing,) = result.swings
    assert swing.assumption.key == "calendar_adoption"
    # A calendar that more people use cuts more duplicated work (paired, same seeds).
    assert swing.gain_high.mean > swing.gain_low.mean
    assert not swing.winner_changes and result.robust()
    assert result.to_records()[0]["ranking_low"] == "calendar > today"
