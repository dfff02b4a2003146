"""sim.stats: t intervals that cover the mean as often as they claim, paired differences."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.stats import (
    mean_ci,
    paired_difference,
    series_band,
    t_quantile,
    unpaired_difference,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    # Two-sided 95% critical values from printed t tables (3 decimals).
    [(1, 12.706), (2, 4.303), (4, 2.776), (9, 2.262), (19, 2.093), (29, 2.045), (120, 1.980)],
)
def test_t_quantile_matches_the_printed_table(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    ("df", "expected"),
    # Two-sided 95% critical values to 15 digits, from mpmath at 30 digits
    # (findroot on the regularized incomplete beta; erfinv for df = infinity).
    [
        (1, 12.7062047361747),
        (2, 4.30265272974946),
        (5, 2.57058183563632),
        (30, 2.04227245630124),
        (121, 1.97976376250539),  # a table that jumps to 1.960 past 120 is 1% narrow here
        (math.inf, 1.95996398454005),
    ],
)
def test_t_quantile_to_many_digits(df: float, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-9)


def test_t_quantile_tends_to_the_normal_quantile() -> None:
    assert t_quantile(0.975, 1e7) == pytest.approx(1.959964, abs=1e-5)
    assert t_quantile(0.995, 3) == pytest.approx(5.841, abs=5e-4)


def test_mean_ci_by_hand() -> None:
    ci = mean_ci([1.0, 2.0, 3.0, 4.0])
    # mean 2.5, sd sqrt(5/3), half-width t(3) * sd / 2
    half = 3.182446 * math.sqrt(5 / 3) / 2
    assert ci.mean == 2.5
    assert ci.n == 4
    assert ci.low == pytest.approx(2.5 - half, rel=1e-6)
    assert ci.high == pytest.approx(2.5 + half, rel=1e-6)


def test_undefined_values_are_left_out_and_one_value_has_no_interval() -> None:
    ci = mean_ci([2.0, math.nan, 4.0])
    assert (ci.mean, ci.n) == (3.0, 2)
    single = mean_ci([5.0, math.nan])
    assert single.mean == 5.0
    assert math.isnan(single.low)
    assert not single.excludes(0.0)  # an undefined interval never claims a difference
    assert mean_ci([]).n == 0


def test_the_95_percent_interval_covers_the_true_mean_about_95_percent_of_the_time() -> None:
    # 2,000 experiments of 10 normal draws each, mean 3 and sd 2. The coverage
    # count is binomial(2000, 0.95): sd 0.0049, so 0.93..0.97 is a margin of
    # about 4 sd on each side; a wrong t value (e.g. 1.96 at n = 10 gives about
    # 0.92) or a wrong variance falls outside it.
    rng = np.random.default_rng(20261122)
    true_mean = 3.0
    covered = 0
    experiments = 2000
    for _ in range(experiments):
        ci = mean_ci(rng.normal(true_mean, 2.0, size=10))
        covered += ci.low <= true_mean <= ci.high
    coverage = covered / experiments
    assert 0.93 <= coverage <= 0.97, coverage


def test_paired_interval_covers_a_known_difference_about_95_percent_of_the_time() -> None:
    # Pairs share a large common noise term (as replications on common seeds
    # do); the difference has mean 0.5. Same binomial margin as above.
    rng = np.random.default_rng(7)
    covered = 0
    for _ in range(2000):
        shared = rng.normal(0.0, 5.0, size=12)
        a = shared + rng.normal(0.0, 1.0, size=12)
        b = shared + 0.5 + rng.normal(0.0, 1.0, size=12)
        ci = paired_difference(a, b)
        covered += ci.low <= 0.5 <= ci.high
    assert 0.93 <= covered / 2000 <= 0.97


def test_a_sample_paired_with_itself_differs_by_exactly_zero() -> None:
    xs = [3.2, 1.7, 9.4, 4.4]
    diff = paired_difference(xs, list(xs))
    assert (diff.mean, diff.low, diff.high) == (0.0, 0.0, 0.0)
    assert not diff.excludes(0.0)


def test_pairing_removes_shared_noise_that_welch_cannot() -> None:
    rng = np.random.default_rng(3)
    shared = rng.normal(0.0, 10.0, size=20)
    a = shared + rng.normal(0.0, 1.0, size=20)
    b = shared + 1.0 + rng.normal(0.0, 1.0, size=20)
    paired, unpaired = paired_difference(a, b), unpaired_difference(a, b)
    assert paired.mean == pytest.approx(unpaired.mean)
    assert paired.half_width < unpaired.half_width / 3
    assert paired.excludes(0.0)
    assert not unpaired.excludes(0.0)


def test_paired_samples_must_pair_up() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        paired_difference([1.0, 2.0], [1.0])


def test_series_band_week_by_week() -> None:
    band = series_band([np.array([1.0, 2.0, math.nan]), np.array([3.0, 2.0, math.nan])])
    assert list(band.mean[:2]) == [2.0, 2.0]
    # Week 1: two values 1 and 3, sd sqrt(2), half-width t(1) * sqrt(2) / sqrt(2).
    assert band.high[0] - band.mean[0] == pytest.approx(12.7062, abs=1e-3)
    assert band.low[1] == band.high[1] == 2.0  # no spread, no width
    assert math.isnan(band.mean[2])  # a week undefined in every run stays undefined
