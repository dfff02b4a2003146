"""The economics measuring instrument: MODEL.md "Economics" as a table of figures.

One function per row of MODEL.md's "Sizes to land in" table (siloed-marketing,
status quo = doing nothing), per rule of "Degenerate plans" (every built-in,
against its par plan: par.toml, else good.toml), and per check of
"Calibration" and of E1's stationary status quo (every built-in but the
tutorial). Each returns a `Record`: the measured figure (a mean paired
difference or a level), its 95% t interval, the band, units, pass/fail and
the seeds.

Seeds: `SEEDS`, replications 1 to 20 of base seed 1 in the replication scheme
of `sim.experiment` (`replication_seeds(1, 20)`: the seeds of
`silo compare --seed 1 --replications 20`), the same for every plan compared
(common random numbers). Relative changes are averaged seed by seed,
100 x (variant / base - 1), with a t interval over those paired changes.
Efficiency is `summary["efficiency"]` (value per 1,000 of spend once the
model keeps a spend ledger). Runs go to a process pool, one worker per core,
and each (scenario, plan, seed) runs once per process.

The table, or some of its rows, from the repository's root::

    PYTHONPATH=. python -m tests.sim.economics_kit                 # every row
    PYTHONPATH=. python -m tests.sim.economics_kit --only 'calendar-*' --notes
    PYTHONPATH=. python -m tests.sim.economics_kit --scenario tutorial
    PYTHONPATH=. python -m tests.sim.economics_kit --list
"""

from __future__ import annotations

import sys

if __package__:  # python -m tests.sim.economics_kit
    from .econ_kit import *  # noqa: F403 (the rows and their helpers: econ_kit.__all__)
    from .econ_kit import main
else:  # pytest puts tests/sim on sys.path
    from econ_kit import *  # noqa: F403
    from econ_kit import main

if __name__ == "__main__":
    sys.exit(main(doc=__doc__))
