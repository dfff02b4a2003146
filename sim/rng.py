"""Random streams: one SeedSequence per run, one stream per source.

Arrivals and efforts are pre-drawn in numpy batches. Communication,
engagement baselines and attrition are drawn from a counter-based generator
keyed by the ids of what the draw is about (fact, receiving team, route;
worker and week), so a policy that creates extra facts or extra workers never
shifts the draws of those that exist in both runs: common random numbers
survive policy changes.
"""

from __future__ import annotations

import math

import numpy as np

MASK = (1 << 64) - 1
_INV_2_53 = 1.0 / (1 << 53)

WEEK_KEY = 1024
"""Added to a week in keys (keys are non-negative; warm-up weeks are negative)."""

SOURCES = ("arrivals", "efforts", "communication", "engagement", "attrition")


def _mix(z: int) -> int:
    # splitmix64's finalizer: a bijection on 64-bit integers with full avalanche.
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
    return z ^ (z >> 31)


class Keyed:
    """A counter-based generator: the same key always gives the same draw."""

    __slots__ = ("key",)

    def __init__(self, key: int) -> None:
        self.key = key & MASK

    def uniform(self, a: int, b: int = 0, c: int = 0, d: int = 0) -> float:
        """A uniform in (0, 1) for the key (a, b, c, d): a < 2**64, b < 2**22, c and d < 2**21.

        (b, c, d) pack into one word, so distinct keys stay distinct and two rounds of
        mixing suffice.
        """
        # _mix twice, written out: this is the engine's most frequent call.
        z = self.key ^ (a * 0x9E3779B97F4A7C15 & MASK)
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
        z = z ^ (z >> 31) ^ ((b << 42) | (c << 21) | d)
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
        z ^= z >> 31
        return ((z >> 11) + 0.5) * _INV_2_53

    def first(self, a: int) -> int:
        """The key's first mixing round for `a`: what `then` finishes, for many draws about
        one `a` (a fact tried over several routes mixes it once)."""
        z = self.key ^ (a * 0x9E3779B97F4A7C15 & MASK)
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
        return z ^ (z >> 31)

    @staticmethod
    def then(z: int, b: int = 0, c: int = 0, d: int = 0) -> float:
        """`uniform(a, b, c, d)` from `first(a)`."""
        z ^= (b << 42) | (c << 21) | d
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & MASK
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB & MASK
        z ^= z >> 31
        return ((z >> 11) + 0.5) * _INV_2_53

    def exponential(self, mean: float, a: int, b: int = 0, c: int = 0, d: int = 0) -> float:
        return -mean * math.log(self.uniform(a, b, c, d))


class Streams:
    """The run's random sources, spawned from one SeedSequence."""

    def __init__(self, seed: int) -> None:
        children = np.random.SeedSequence(seed).spawn(len(SOURCES))
        by_name = dict(zip(SOURCES, children, strict=True))
        self._arrivals_key = int(by_name["arrivals"].generate_state(1, np.uint64)[0])
        self._efforts_key = int(by_name["efforts"].generate_state(1, np.uint64)[0])
        self.communication = Keyed(int(by_name["communication"].generate_state(1, np.uint64)[0]))
        self.engagement = Keyed(int(by_name["engagement"].generate_state(1, np.uint64)[0]))
        self.attrition = Keyed(int(by_name["attrition"].generate_state(1, np.uint64)[0]))

    def week_streams(self, week: int) -> tuple[np.random.Generator, np.random.Generator]:
        """(arrivals, efforts) generators of one week, keyed by the week alone.

        Demand is drawn a week at a time from streams of its own, so the first k
        weeks of a run are the same whatever its horizon, and the warm-up's weeks
        (negative) never shift the played ones.
        """
        key = week + WEEK_KEY
        return (
            np.random.Generator(np.random.PCG64([self._arrivals_key, key])),
            np.random.Generator(np.random.PCG64([self._efforts_key, key])),
        )
