"""The whole table: every row by name, and the command that prints it."""

from __future__ import annotations

import argparse
import fnmatch
import inspect
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from sim.experiment import replication_seeds

from . import degenerate_plans as D
from . import levers as L
from . import par_plan as PP
from . import runs as R
from . import squads as Q
from . import status_quo as S
from .common import BUILTINS, CALIBRATED, SEEDS, SM, STATIONARY
from .record import Record, table


@dataclass(frozen=True)
class Row:
    """A row of the table: its name, scenario and how to measure it."""

    name: str
    scenario: str
    measure: Callable[[], Record]


SIZES: tuple[tuple[str, Callable[[], Record]], ...] = (
    ("dn-engagement-level", S.do_nothing_engagement),
    ("dn-annual-quits", S.do_nothing_quits),
    ("par-annual-quits", PP.par_quits),
    ("productivity-engagement", L.productivity_engagement),
    ("calendar-duplicated", L.calendar_duplicated),
    ("calendar-efficiency", L.calendar_efficiency),
    ("weekly-meeting-efficiency", L.weekly_meeting_efficiency),
    ("daily-vs-weekly-meeting", L.daily_vs_weekly_meeting),
    ("daily-meeting-vs-none", L.daily_meeting_vs_none),
    ("goals-handoff-wait", L.shared_goals_handoff_wait),
    ("goals-efficiency", L.shared_goals_efficiency),
    ("best-shared-weight", L.best_shared_weight),
    ("full-weight-vs-best", L.full_shared_weight_vs_best),
    ("squads-trough", Q.squads_trough),
    ("squads-recovery-week", Q.squads_recovery_week),
    ("squads-late-gain", Q.squads_late_gain),
    ("squads-payback-week", Q.squads_payback_week),
    ("par-late-efficiency", PP.par_late_efficiency),
    ("par-engagement", PP.par_engagement),
    ("one-lever-share", PP.one_lever_share),
)
"""MODEL.md's "Sizes to land in" (siloed-marketing), in the table's order."""


def rows(scenarios: Sequence[str] = BUILTINS) -> list[Row]:
    """Every row of the table for the given built-ins (the sizes: siloed-marketing only)."""
    out: list[Row] = []
    calibrated = [s for s in CALIBRATED if s in scenarios]
    for s in [s for s in STATIONARY if s in scenarios]:
        out.append(Row(f"stationary-engagement/{s}", s, partial(S.stationary_engagement, s)))
        out.append(Row(f"stationary-efficiency/{s}", s, partial(S.stationary_efficiency, s)))
    if SM in scenarios:
        out += [Row(name, SM, fn) for name, fn in SIZES]
    for s in calibrated:
        out.append(Row(f"calibration-first-time/{s}", s, partial(S.calibration_first_time, s)))
        out.append(Row(f"calibration-duplicated/{s}", s, partial(S.calibration_duplicated, s)))
    for s in [s for s in BUILTINS if s in scenarios]:
        out += [Row(f"degenerate-{r}/{s}", s, partial(D.degenerate, r, s)) for r in D.RULES]
        for i in range(1, D.repeat_count(s) + 1):
            out.append(Row(f"degenerate-repeat-{i}/{s}", s, partial(D.degenerate_repeat, i, s)))
    return out


def _broken(row: Row, exc: Exception) -> Record:
    note = f"ERROR {type(exc).__name__}: {exc}"
    return Record(row.name, math.nan, math.nan, math.nan, (-math.inf, math.inf), "", (), note)


def measure_all(chosen: Sequence[Row], seeds: Sequence[int] | None = None) -> list[Record]:
    """Each row's record; a row that raises gets a failing record naming the error.

    `seeds` replaces the kit's seeds in every row that runs plans (to check a
    figure on seeds the tests do not use).
    """
    records = []
    try:
        for row in chosen:
            try:
                takes_seeds = "seeds" in inspect.signature(row.measure).parameters
                if seeds is not None and takes_seeds:
                    records.append(row.measure(seeds=tuple(seeds)))  # type: ignore[call-arg]
                else:
                    records.append(row.measure())
            except Exception as exc:  # one broken row must not hide the rest of the table
                records.append(_broken(row, exc))
    finally:
        R.close()
    return records


def main(argv: Sequence[str] | None = None, doc: str | None = None) -> int:
    """Print the table (or the rows asked for); exit status 1 if any row fails."""
    ap = argparse.ArgumentParser(
        prog="python -m tests.sim.economics_kit",
        description=doc,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--only",
        action="append",
        metavar="GLOB",
        help="rows whose name matches (repeatable), e.g. 'squads-*'",
    )
    ap.add_argument(
        "--scenario",
        action="append",
        metavar="S",
        choices=BUILTINS,
        help="rows of this built-in only (repeatable)",
    )
    ap.add_argument(
        "--seed",
        type=int,
        metavar="BASE",
        help="replications 1-20 of this base seed instead of the kit's (fresh seeds)",
    )
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PARAM=VALUE",
        help="try a model parameter (a key of [params], repeatable): every scenario and plan "
        "runs with it, to see what a calibration change would do before making it",
    )
    ap.add_argument("--list", action="store_true", help="list the rows' names and stop")
    ap.add_argument("--notes", action="store_true", help="each row's note and seeds too")
    args = ap.parse_args(argv)
    if args.set:
        R.try_params(args.set)
    chosen = rows(tuple(args.scenario) if args.scenario else BUILTINS)
    if args.only:
        chosen = [r for r in chosen if any(fnmatch.fnmatchcase(r.name, p) for p in args.only)]
    if args.list:
        print("\n".join(r.name for r in chosen))
        return 0
    if not chosen:
        print("no row matches (see --list)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    base = 1 if args.seed is None else args.seed
    records = measure_all(
        chosen, None if args.seed is None else replication_seeds(base, len(SEEDS))
    )
    seconds = time.perf_counter() - started
    print(table(records))
    if args.notes:
        print("\n" + "\n".join(r.explain() for r in records))
    passed = sum(r.passed for r in records)
    print(
        f"\n{passed} of {len(records)} rows pass. {len(SEEDS)} paired seeds, replications "
        f"1-{len(SEEDS)} of base seed {base}. `?`: the 95% CI straddles the band. {seconds:.0f} s."
    )
    return 0 if passed == len(records) else 1
