"""Figures of runs: per-run measures, and intervals over seeds or paired seeds.

Weeks are counted as MODEL.md counts them: week 1 is the first week played,
so "weeks 40-52" are `weekly[...][39:52]`. A step at week boundary k (a
script's `week = k`) first shows in week k + 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from sim.stats import Interval, mean_ci, paired_difference

from .runs import Run

Measure = Callable[[Run], float]


def summary(key: str) -> Measure:
    """A summary measure (NaN when the model does not report it)."""
    return lambda r: float(r.summary.get(key, math.nan))


def weeks(run: Run, key: str, first: int, last: int) -> np.ndarray:
    """Weekly series `key` over weeks first..last (1-based, both included)."""
    return run.weekly[key][first - 1 : last]


def window_mean(key: str, first: int, last: int) -> Measure:
    """Mean of weekly series `key` over weeks first..last."""
    return lambda r: float(np.nanmean(weeks(r, key, first, last)))


def run_mean(key: str) -> Measure:
    """Mean of weekly series `key` over the whole run."""
    return lambda r: float(np.nanmean(r.weekly[key]))


def window_efficiency(first: int, last: int) -> Measure:
    """Efficiency over weeks first..last: value per 1,000 of spend.

    1,000 x value / spend summed over the window when the model keeps weekly
    spend (`weekly["spend"]`); until then the mean of weekly efficiency.
    """

    def measure(r: Run) -> float:
        if "spend" in r.weekly:
            spend = float(np.sum(weeks(r, "spend", first, last)))
            value = float(np.sum(weeks(r, "value", first, last)))
            return 1000.0 * value / spend if spend > 0 else math.nan
        return float(np.nanmean(weeks(r, "efficiency", first, last)))

    return measure


def quarter_drift(key: str) -> Measure:
    """Mean of `key` in the last quarter of the run minus its mean in the first.

    A quarter is a quarter of the horizon, rounded down: weeks 1-13 and
    40-52 of a 52-week run.
    """

    def measure(r: Run) -> float:
        series = r.weekly[key]
        q = len(series) // 4
        if q == 0:
            return math.nan
        return float(np.nanmean(series[-q:]) - np.nanmean(series[:q]))

    return measure


def yearly_drift(key: str, block: int = 4) -> Measure:
    """A year's drift of `key` as a % of its level.

    The slope of a least-squares line through the means of consecutive
    `block`-week blocks (a last partial block dropped), times 52 weeks, over
    the mean of those block means.
    """

    def measure(r: Run) -> float:
        series = r.weekly[key]
        n = len(series) // block
        if n < 3:
            return math.nan
        means = np.nanmean(series[: n * block].reshape(n, block), axis=1)
        centres = block * np.arange(n) + (block - 1) / 2
        slope = float(np.polyfit(centres, means, 1)[0])
        return 100.0 * slope * 52 / float(np.mean(means))

    return measure


def annual_quits(r: Run) -> float:
    """Quits a year as a % of the mean headcount (scaled from the run's horizon)."""
    quits = float(np.nansum(r.weekly["quits"]))
    headcount = float(np.nanmean(r.weekly["headcount"]))
    return 100.0 * quits / headcount * 52 / len(r.weekly["quits"])


def level(runs: Sequence[Run], measure: Measure, scale: float = 1.0) -> Interval:
    """Mean of `measure` over runs, with its t interval (times `scale`)."""
    return scaled(mean_ci([measure(r) for r in runs]), scale)


def paired(base: Sequence[Run], variant: Sequence[Run], measure: Measure) -> Interval:
    """Mean paired difference variant - base, with its t interval."""
    return paired_difference([measure(r) for r in base], [measure(r) for r in variant])


def relative(base: Sequence[Run], variant: Sequence[Run], measure: Measure) -> Interval:
    """Mean paired relative change, % (100 x (variant / base - 1), seed by seed)."""
    changes = []
    for b, v in zip(base, variant, strict=True):
        x, y = measure(b), measure(v)
        changes.append(100.0 * (y / x - 1.0) if x else math.nan)
    return mean_ci(changes)


def scaled(ci: Interval, scale: float) -> Interval:
    """The interval with its figures multiplied by `scale`."""
    return Interval(ci.mean * scale, ci.low * scale, ci.high * scale, ci.n, ci.level)


def relative_week_by_week(
    base: Sequence[Run], variant: Sequence[Run], key: str
) -> tuple[np.ndarray, np.ndarray]:
    """Per week, the paired difference of `key` as a % of the base's mean, and its half width.

    Returns:
        The mean differences (%) and their 95% half widths (%), one per week.
    """
    n = len(base[0].weekly[key])
    means, halves = np.empty(n), np.empty(n)
    for w in range(n):
        b = [r.weekly[key][w] for r in base]
        ci = paired_difference(b, [r.weekly[key][w] for r in variant])
        level_ = float(np.mean(b))
        means[w] = 100.0 * ci.mean / level_ if level_ else math.nan
        halves[w] = 100.0 * ci.half_width / level_ if level_ else math.nan
    return means, halves
