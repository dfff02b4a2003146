"""The one score: efficiency on spend (value per 1,000 spent), against do-nothing and par.

Every place that shows efficiency (the dashboard's headline, the objectives, the
Why screen, the what-if text, the debrief) takes it from here, over a period
named the same way everywhere: "this week", "last 4 weeks" or "so far". The
figure is the ratio of sums over the period (value delivered x 1,000 / spend),
as `sim` defines it for a whole run, never a mean of weekly ratios.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.present.numbers import gain, num, signed_percent

PERIODS: dict[str, int | None] = {"this week": 1, "last 4 weeks": 4, "so far": None}
"""Each period's label and how many of the last weeks it covers (None: all)."""
SO_FAR = "so far"
ORDER: tuple[str, ...] = (SO_FAR, "last 4 weeks", "this week")
"""The periods from the widest to the latest, as the dashboard steps through them."""

Weekly = Mapping[str, Sequence[float]]


def _window(values: Sequence[float], weeks: int | None) -> list[float]:
    tail = list(values) if weeks is None else list(values)[-weeks:] if weeks else []
    return [float(v) for v in tail if math.isfinite(float(v))]


def total(weekly: Weekly, key: str, period: str = SO_FAR) -> float:
    """The sum of a weekly series over the period (nan when nothing was recorded)."""
    values = _window(weekly.get(key, ()), PERIODS[period])
    return math.fsum(values) if values else math.nan


def mean(weekly: Weekly, key: str, period: str = SO_FAR) -> float:
    values = _window(weekly.get(key, ()), PERIODS[period])
    return math.fsum(values) / len(values) if values else math.nan


def efficiency(weekly: Weekly, period: str = SO_FAR) -> float:
    """Value per 1,000 of spend over the period (nan before the first week)."""
    value, spend = total(weekly, "value", period), total(weekly, "spend", period)
    if not (math.isfinite(value) and math.isfinite(spend)) or spend <= 0:
        return math.nan
    return 1000.0 * value / spend


@dataclass(frozen=True)
class Side:
    """One run's score and its parts over a period."""

    efficiency: float
    value: float
    spend: float
    engagement: float

    @classmethod
    def of(cls, weekly: Weekly, period: str = SO_FAR) -> Side:
        return cls(
            efficiency=efficiency(weekly, period),
            value=total(weekly, "value", period),
            spend=total(weekly, "spend", period),
            engagement=mean(weekly, "engagement", period),
        )


@dataclass(frozen=True)
class Score:
    """The player, do-nothing and (when the scenario has one) par, over one period."""

    period: str
    you: Side
    base: Side
    par: Side | None

    @property
    def you_gain(self) -> float:
        """The player's efficiency against doing nothing, as a ratio minus one."""
        return gain(self.you.efficiency, self.base.efficiency)

    @property
    def par_gain(self) -> float:
        return gain(self.par.efficiency, self.base.efficiency) if self.par else math.nan

    @property
    def measured(self) -> bool:
        return math.isfinite(self.you.efficiency) and math.isfinite(self.base.efficiency)


def score(
    weekly: Weekly, base_weekly: Weekly, par_weekly: Weekly | None = None, period: str = SO_FAR
) -> Score:
    """The score of the weeks given (each series holds the weeks played)."""
    return Score(
        period,
        Side.of(weekly, period),
        Side.of(base_weekly, period),
        Side.of(par_weekly, period) if par_weekly else None,
    )


def versus(s: Score) -> str:
    """ "you +14%, par +19%" (or "you +14%" without par), against doing nothing."""
    text = f"you {signed_percent(s.you_gain)}"
    if s.par is not None:
        text += f", par {signed_percent(s.par_gain)}"
    return text


def headline(s: Score) -> str:
    """The score in one short line: "Efficiency so far: you +4%, par +9% vs do-nothing"
    (the figures themselves are in the chart's legend and the parts)."""
    head = f"Efficiency {s.period}"
    if not s.measured:
        against = "do-nothing and par" if s.par is not None else "do-nothing"
        return f"{head}: against {against}, from week 1"
    return f"{head}: {versus(s)} vs do-nothing"


def parts(s: Score, money: str = "$") -> list[tuple[str, str, str, str]]:
    """(part, you, do-nothing, par) rows: the efficiency and what it is made of."""
    from game.present.tables import money as fmt_money

    rows: list[tuple[str, str, str, str]] = []
    sides = [s.you, s.base, s.par]
    for label, get, fmt in (
        ("efficiency", lambda x: x.efficiency, num),
        ("value delivered", lambda x: x.value, num),
        ("spend", lambda x: x.spend, lambda v: fmt_money(v, money)),
        (
            "engagement (mean)",
            lambda x: x.engagement,
            lambda v: f"{v:.2f}" if math.isfinite(v) else "n/a",
        ),
    ):
        cells = [fmt(get(x)) if x is not None else "" for x in sides]
        rows.append((label, cells[0], cells[1], cells[2]))
    return rows
