"""Confidence intervals for replicated experiments: means and paired differences.

Replications of a stochastic model are independent draws of each summary
measure, so a measure's mean gets a Student t interval. Variants compared with
common random numbers share their seeds replication by replication, so their
difference is judged on the paired differences (one t interval on n
differences), which cancels the noise the variants share; Welch's unpaired
interval is here to show how much that buys.

Undefined values (NaN, e.g. a lead time in a run where no campaign finished)
are left out; a pair is left out when either side is NaN. Pure Python and
numpy only, and the t quantile is computed here rather than taken from scipy,
which silo does not depend on.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np

LEVEL = 0.95


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean and its two-sided confidence interval (NaN bounds when n < 2)."""

    mean: float
    low: float
    high: float
    n: int
    """Values used (NaN left out)."""
    level: float = LEVEL

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2

    def excludes(self, value: float = 0.0) -> bool:
        """Whether the interval lies wholly on one side of `value` (False when undefined)."""
        if math.isnan(self.low) or math.isnan(self.high):
            return False
        return self.low > value or self.high < value

    def to_dict(self) -> dict[str, Any]:
        return {k: None if isinstance(v, float) and math.isnan(v) else v
                for k, v in asdict(self).items()}  # fmt: skip


def _betacf(a: float, b: float, x: float) -> float:
    # Continued fraction of the incomplete beta function (modified Lentz).
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def normal_cdf(x: float) -> float:
    """P(Z <= x) for the standard normal: Student's t with infinitely many degrees of freedom."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


@lru_cache(maxsize=1024)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t (0.5 < p < 1), by bisection on the exact CDF.

    The CDF is the regularized incomplete beta function, so the quantile is
    exact to the bisection's 1e-12 (checked against 30-digit values in the
    tests); `df=math.inf` gives the normal quantile. This is silo's only t
    quantile: every interval the commands print comes through here.
    """
    if not 0.5 < p < 1.0 or not df > 0:
        raise ValueError(f"t_quantile needs 0.5 < p < 1 and df > 0, not p={p}, df={df}")
    cdf = normal_cdf if math.isinf(df) else lambda t: t_cdf(t, df)
    low, high = 0.0, 1.0
    while cdf(high) < p:
        high *= 2.0
    for _ in range(200):
        mid = (low + high) / 2.0
        if cdf(mid) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12 * high:
            break
    return (low + high) / 2.0


def _finite(values: Iterable[float]) -> np.ndarray:
    xs = np.asarray([float(v) for v in values], dtype=float)
    return xs[~np.isnan(xs)]


def _t_interval(mean: float, variance_of_mean: float, df: float, n: int, level: float) -> Interval:
    if df <= 0 or math.isnan(variance_of_mean):
        return Interval(mean, math.nan, math.nan, n, level)
    half = t_quantile(0.5 + level / 2.0, df) * math.sqrt(variance_of_mean)
    return Interval(mean, mean - half, mean + half, n, level)


def mean_ci(values: Iterable[float], level: float = LEVEL) -> Interval:
    """The mean of `values` and its Student t confidence interval."""
    xs = _finite(values)
    n = len(xs)
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, 0, level)
    mean = float(xs.mean())
    if n == 1:
        return Interval(mean, math.nan, math.nan, 1, level)
    return _t_interval(mean, float(xs.var(ddof=1)) / n, n - 1, n, level)


def paired_difference(
    baseline: Sequence[float], variant: Sequence[float], level: float = LEVEL
) -> Interval:
    """Mean of `variant - baseline` over paired replications, with its t interval.

    Pairs are matched by position (replication index, hence seed). A variant
    compared with itself gives exactly zero and an interval of [0, 0].
    """
    if len(baseline) != len(variant):
        raise ValueError(f"paired samples differ in length: {len(baseline)} and {len(variant)}")
    diffs = np.asarray(variant, dtype=float) - np.asarray(baseline, dtype=float)
    return mean_ci(diffs, level)


def unpaired_difference(
    baseline: Sequence[float], variant: Sequence[float], level: float = LEVEL
) -> Interval:
    """Welch's interval for mean(variant) - mean(baseline), ignoring any pairing."""
    a, b = _finite(baseline), _finite(variant)
    n = min(len(a), len(b))
    if len(a) < 2 or len(b) < 2:
        mean = float(b.mean() - a.mean()) if len(a) and len(b) else math.nan
        return Interval(mean, math.nan, math.nan, n, level)
    va, vb = float(a.var(ddof=1)) / len(a), float(b.var(ddof=1)) / len(b)
    mean = float(b.mean() - a.mean())
    total = va + vb
    if total == 0.0:
        return Interval(mean, mean, mean, n, level)
    df = total**2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return _t_interval(mean, total, df, n, level)


@dataclass(frozen=True, slots=True)
class Band:
    """A weekly series' mean across replications, with its interval week by week."""

    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray


def series_band(series: Sequence[np.ndarray], level: float = LEVEL) -> Band:
    """Week-by-week mean and t interval of equally long series (NaN weeks left out)."""
    matrix = np.vstack([np.asarray(s, dtype=float) for s in series])
    present = ~np.isnan(matrix)
    n = present.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, matrix, 0.0).sum(axis=0) / n
        squares = np.where(present, matrix - mean, 0.0) ** 2
        var = squares.sum(axis=0) / (n - 1)
        t = np.array([t_quantile(0.5 + level / 2.0, k - 1) if k >= 2 else np.nan for k in n])
        half = t * np.sqrt(var / n)
    return Band(mean, mean - half, mean + half)
