"""The keyed generator: the written-out mixing is splitmix64's finalizer twice, and the
two-round form gives the same draws (results depend on these being bit-identical)."""

from __future__ import annotations

import math

from sim.rng import MASK, Keyed, _mix


def reference(key: int, a: int, b: int, c: int, d: int) -> float:
    z = _mix(key ^ (a * 0x9E3779B97F4A7C15 & MASK))
    z = _mix(z ^ ((b << 42) | (c << 21) | d))
    return ((z >> 11) + 0.5) / 2**53


KEYS = [
    (0, 0, 0, 0),
    (1, 2, 3, 4),
    (2**63 + 5, 2**22 - 1, 2**21 - 1, 2**21 - 1),
    (987654321, 7, 0, 12),
]


def test_uniform_is_two_rounds_of_splitmix() -> None:
    rng = Keyed(0xDEADBEEF12345678)
    for a, b, c, d in KEYS:
        u = rng.uniform(a, b, c, d)
        assert u == reference(rng.key, a, b, c, d)
        assert 0.0 < u < 1.0
        assert rng.then(rng.first(a), b, c, d) == u


def test_distinct_keys_give_distinct_draws_and_a_fair_mean() -> None:
    rng = Keyed(42)
    draws = [
        rng.uniform(fact, 0, team, route)
        for fact in range(50)
        for team in range(10)
        for route in range(4)
    ]
    assert len(set(draws)) == len(draws)
    # 2,000 uniforms: the mean is within 4 standard errors (0.0065 each) of 1/2.
    assert abs(sum(draws) / len(draws) - 0.5) < 4 * math.sqrt(1 / 12 / len(draws))
