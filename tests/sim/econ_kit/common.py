"""What every row shares: the seeds, the built-ins, and runs of plans by scenario name."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sim.experiment import replication_seeds
from sim.scenario import Scenario

from . import measures as M
from . import plans as P
from . import runs as R

SEEDS: tuple[int, ...] = tuple(replication_seeds(1, 20))
"""Replications 1-20 of base seed 1 (`silo compare --seed 1 --replications 20`).

MODEL.md asks for 20 paired seeds or more; every plan of a row runs on these.
"""

SM = "siloed-marketing"
"""The scenario of MODEL.md's "Sizes to land in"."""
BUILTINS = (
    "siloed-marketing",
    "integration-poll",
    "new-agency",
    "social-out-of-silo",
    "social-strategy",
    "tutorial",
)
CALIBRATED = tuple(b for b in BUILTINS if b != "tutorial")
STORY_DECLINES = {
    "new-agency": "a social agency joins at week 4 and is left out of planning (the briefing "
    "names it): doing nothing, its exclusion and duplicated work weigh on the org from then on",
}
"""Built-ins whose do-nothing run may trend, with the cause their story names (MODEL.md E1)."""
STATIONARY = tuple(b for b in CALIBRATED if b not in STORY_DECLINES)
"""The built-ins calibration and stationarity apply to (the tutorial is 3 weeks long)."""
INF = math.inf
EFFICIENCY = M.summary("efficiency")
"""Value per 1,000 of spend (E2); value per 1,000 paid hours until the model has spend."""


def scenario(name: str) -> Scenario:
    """The built-in (or scenario file) by name, loaded once per process."""
    return R.scenario(name)


def runs(name: str, *plans: P.Plan, seeds: Sequence[int] = SEEDS) -> list[list[R.Run]]:
    """Runs of each plan in scenario `name` at every seed, per plan in seed order."""
    return R.results(name, plans, seeds)


def par(name: str) -> P.Plan:
    """The scenario's par plan (par.toml, else good.toml)."""
    return P.par(scenario(name))
