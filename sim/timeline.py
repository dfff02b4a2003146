"""Time, not only totals: weekly paired differences, the transition dip and the payback week.

A manager asking "what does it cost during the change, and when does it pay
back?" needs the weeks, not the year's total. Every variant of a comparison
ran on the baseline's seeds, so week w of replication i under the variant is
paired with week w of replication i under the baseline; the weekly paired
difference cancels the shared noise, week by week.

Three answers per variant, all on one weekly measure (the *focus*, by default
the value delivered each week), oriented as a *gain* (positive is better, so
for a measure where less is better, such as spend or duplicated hours, the
sign is turned):

- the **transition dip**: the deepest weekly shortfall of the mean paired
  gain during the transition (after the first action and before the payback
  week, so a bad week late in a year that already paid back is noise, not
  the transition), and the weeks of the unbroken shortfall around it;
- the **payback week**: the first week from which the cumulative paired gain
  is above zero and stays so to the horizon; its interval comes from the 95%
  band of the cumulative gain (the week from which the band's upper edge
  stays above zero is the earliest it can plausibly be, the week its lower
  edge does so the latest; none when that never happens within the horizon);
- the **last-quarter gain**: the paired difference of the measure's weekly
  mean over the last quarter of the weeks, once the change has settled.

Pure numpy on results already made; nothing here runs the model.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.stats import LEVEL, Band, Interval, paired_difference, series_band

if TYPE_CHECKING:
    from sim.experiment import Comparison

DEFAULT_FOCUS = "value"
"""The weekly measure dips and paybacks are told in unless another is named."""

# Weekly series where less is better: a rise is a shortfall.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {
        "spend",
        "spend_staff",
        "spend_other",
        "tool_cost",
        "hours_duplicated",
        "hours_rework",
        "hours_info_wait",
        "hours_meetings",
        "hours_coordination",
        "campaigns_late",
        "campaigns_overdue",
        "lead_time",
        "handoff_wait",
        "fact_delay",
        "wip",
        "quits",
        "silo_index",
    }
)


def direction(measure: str) -> float:
    """+1 where more of the weekly measure is better, -1 where less is."""
    return -1.0 if measure in LOWER_IS_BETTER else 1.0


@dataclass(frozen=True, slots=True)
class Dip:
    """The transition dip: the deepest weekly shortfall against the baseline."""

    depth: float
    """Deepest shortfall of the mean weekly gain, as a positive amount (0: no dip)."""
    week: int | None
    """The week it is deepest (1-based; None: no dip)."""
    start: int | None
    """First week of the unbroken shortfall around the deepest week."""
    end: int | None
    """Last week of that shortfall."""
    relative: float
    """Depth as a share of the baseline's mean that week (NaN when undefined)."""

    @property
    def weeks(self) -> int:
        """How many weeks the dip lasts (0: no dip)."""
        return 0 if self.start is None or self.end is None else self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class Payback:
    """When the cumulative paired gain turns positive and stays so."""

    week: int | None
    """First week from which the mean cumulative gain stays above zero (None: not by the end)."""
    earliest: int | None
    """From the band's upper edge: no earlier than this, at 95% (None: never plausible)."""
    latest: int | None
    """From the band's lower edge: by this week, at 95% (None: not sure within the horizon)."""


@dataclass(frozen=True)
class Timeline:
    """One variant's weeks against the baseline on the focus measure."""

    label: str
    measure: str
    action_weeks: tuple[int, ...]
    """Week boundaries at which the variant's actions apply (after week k)."""
    gain: Band
    """Weekly paired gain (variant - baseline, turned so positive is better)."""
    cumulative: Band
    """Cumulative paired gain to each week."""
    dip: Dip
    payback: Payback
    last_quarter: Interval
    """Paired gain in the measure's weekly mean over the last quarter of the weeks."""
    last_quarter_weeks: int
    last_quarter_baseline: float
    """The baseline's weekly mean over the same weeks (for a % change)."""

    @property
    def last_quarter_pct(self) -> float:
        """The last-quarter gain as a % of the baseline (NaN when the baseline is 0)."""
        base = self.last_quarter_baseline
        if not math.isfinite(base) or base == 0:
            return math.nan
        return 100.0 * self.last_quarter.mean / abs(base)


def weekly_gain(
    baseline: Sequence[np.ndarray], variant: Sequence[np.ndarray], sign: float = 1.0
) -> np.ndarray:
    """Per replication and week, `sign * (variant - baseline)` (rows: replications)."""
    b = np.vstack([np.asarray(s, dtype=float) for s in baseline])
    v = np.vstack([np.asarray(s, dtype=float) for s in variant])
    if b.shape != v.shape:
        raise ValueError(f"paired series differ in shape: {b.shape} and {v.shape}")
    return sign * (v - b)


def cumulative(gains: np.ndarray) -> np.ndarray:
    """Running totals along the weeks; an undefined week adds nothing."""
    return np.cumsum(np.nan_to_num(gains, nan=0.0), axis=1)


def find_dip(
    mean_gain: Sequence[float] | np.ndarray,
    baseline_mean: Sequence[float] | np.ndarray | None = None,
    after: int = 0,
    before: int | None = None,
) -> Dip:
    """The deepest week of shortfall in a mean weekly gain, and the run of weeks around it.

    Only weeks after week `after` (the first action) and before week `before`
    (the payback week) can be the deepest; the run around it may reach past them.
    """
    g = np.asarray(mean_gain, dtype=float)
    short = np.where(np.isnan(g), 0.0, g)
    stop = len(short) if before is None else min(before - 1, len(short))
    window = short[after:stop]
    if not len(window) or window.min() >= 0:
        return Dip(0.0, None, None, None, math.nan)
    deepest = after + int(np.argmin(window))
    start = end = deepest
    while start > 0 and short[start - 1] < 0:
        start -= 1
    while end < len(short) - 1 and short[end + 1] < 0:
        end += 1
    depth = float(-short[deepest])
    relative = math.nan
    if baseline_mean is not None:
        base = float(np.asarray(baseline_mean, dtype=float)[deepest])
        if math.isfinite(base) and base != 0:
            relative = depth / abs(base)
    return Dip(depth, deepest + 1, start + 1, end + 1, relative)


def stays_positive_from(values: Sequence[float] | np.ndarray) -> int | None:
    """The first week (1-based) from which every value is above zero; None if the last is not."""
    x = np.asarray(values, dtype=float)
    if not len(x) or not x[-1] > 0:
        return None
    week = len(x)
    while week > 1 and x[week - 2] > 0:
        week -= 1
    return week


def find_payback(cum: Band) -> Payback:
    """The payback week of a cumulative gain and its interval from the band."""
    week = stays_positive_from(cum.mean)
    earliest = stays_positive_from(np.where(np.isnan(cum.high), cum.mean, cum.high))
    latest = stays_positive_from(cum.low)
    return Payback(week, earliest, latest)


def quarter_weeks(weeks: int) -> int:
    """Weeks in the last quarter of a horizon (at least one)."""
    return max(1, round(weeks / 4))


def _last_mean(series: Sequence[np.ndarray], weeks: int) -> list[float]:
    out = []
    for s in series:
        tail = np.asarray(s, dtype=float)[-weeks:]
        tail = tail[~np.isnan(tail)]
        out.append(float(tail.mean()) if len(tail) else math.nan)
    return out


def timeline_of(
    label: str,
    baseline: Sequence[np.ndarray],
    variant: Sequence[np.ndarray],
    measure: str = DEFAULT_FOCUS,
    action_weeks: Sequence[int] = (),
    level: float = LEVEL,
) -> Timeline:
    """The timeline of one variant from paired weekly series of `measure`."""
    sign = direction(measure)
    gains = weekly_gain(baseline, variant, sign)
    gain_band = series_band(list(gains), level)
    cum_band = series_band(list(cumulative(gains)), level)
    base_band = series_band(list(baseline), level)
    q = quarter_weeks(gains.shape[1])
    base_tail, var_tail = _last_mean(baseline, q), _last_mean(variant, q)
    last = paired_difference(base_tail, var_tail, level)
    if sign < 0:
        last = Interval(-last.mean, -last.high, -last.low, last.n, last.level)
    base_mean = float(np.nanmean(base_tail)) if not all(map(math.isnan, base_tail)) else math.nan
    acts = tuple(sorted(set(action_weeks)))
    payback = find_payback(cum_band)
    dip = find_dip(gain_band.mean, base_band.mean, acts[0] if acts else 0, payback.week)
    return Timeline(
        label=label,
        measure=measure,
        action_weeks=acts,
        gain=gain_band,
        cumulative=cum_band,
        dip=dip,
        payback=payback,
        last_quarter=last,
        last_quarter_weeks=q,
        last_quarter_baseline=base_mean,
    )


def action_weeks(result: Comparison, variant: int) -> tuple[int, ...]:
    """The week boundaries at which a variant's runs took actions (from its first run)."""
    return tuple(sorted({week for week, _ in result.runs[variant][0].actions}))


def timelines(
    result: Comparison, measure: str = DEFAULT_FOCUS, level: float = LEVEL
) -> list[Timeline]:
    """Every variant's timeline against the first (the baseline's own included, all zero).

    Raises:
        KeyError: `measure` is not a weekly series of the runs.
    """
    first = result.runs[0][0]
    if measure not in first.weekly:
        known = ", ".join(first.weekly)
        raise KeyError(f"unknown weekly measure {measure!r} (weekly measures: {known})")
    base = [r.weekly[measure] for r in result.runs[0]]
    return [
        timeline_of(
            label,
            base,
            [r.weekly[measure] for r in runs],
            measure,
            action_weeks(result, i),
            level,
        )
        for i, (label, runs) in enumerate(zip(result.labels, result.runs, strict=True))
    ]


def weekly_records(
    result: Comparison, measures: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """Tidy rows, one per run and week: variant, replication, seed, week, each weekly measure."""
    rows = []
    for label, runs in zip(result.labels, result.runs, strict=True):
        for j, run in enumerate(runs):
            keys = list(run.weekly) if measures is None else list(measures)
            for w in range(run.weeks):
                row: dict[str, Any] = {"variant": label, "replication": j, "seed": run.seed,
                                       "week": w + 1}  # fmt: skip
                row.update({k: float(run.weekly[k][w]) for k in keys})
                rows.append(row)
    return rows


def difference_records(
    result: Comparison, measures: Sequence[str], level: float = LEVEL
) -> list[dict[str, Any]]:
    """Tidy rows of weekly paired differences (variant - baseline, not turned) with bands.

    One row per variant after the baseline, measure and week: both means, the
    mean difference and its interval, and the cumulative difference with its own.
    """
    rows = []
    for measure in measures:
        base = [r.weekly[measure] for r in result.runs[0]]
        base_band = series_band(base, level)
        for i in range(1, len(result.labels)):
            variant = [r.weekly[measure] for r in result.runs[i]]
            diffs = weekly_gain(base, variant)
            band = series_band(list(diffs), level)
            cum = series_band(list(cumulative(diffs)), level)
            var_band = series_band(variant, level)
            for w in range(len(band.mean)):
                rows.append(
                    {
                        "variant": result.labels[i],
                        "baseline": result.labels[0],
                        "measure": measure,
                        "week": w + 1,
                        "baseline_mean": float(base_band.mean[w]),
                        "variant_mean": float(var_band.mean[w]),
                        "diff_mean": float(band.mean[w]),
                        "diff_low": float(band.low[w]),
                        "diff_high": float(band.high[w]),
                        "cumulative_mean": float(cum.mean[w]),
                        "cumulative_low": float(cum.low[w]),
                        "cumulative_high": float(cum.high[w]),
                    }
                )
    return rows
