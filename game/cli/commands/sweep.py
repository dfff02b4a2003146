"""`silo sweep`: a grid of scenario values, each point replicated on the same seeds.

Every point of the grid is built and validated before the first run, so a
misspelt key or a value of the wrong type costs no waiting. The tidy CSV has
one row per run, ready for pandas; the table shows each point's headline
measures with their 95% confidence intervals.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import ExitCode, fail, values_set, whole
from game.cli.commands.compare import (
    EtaProgress,
    measure_list,
    measures_problem,
    out_problem,
    records_csv,
)
from game.cli.commands.executor_options import add_executor_options, executor_problem, open_executor
from sim.limits import MAX_REPLICATIONS, MAX_SEED, MAX_WEEKS

if TYPE_CHECKING:
    from sim.experiment import Sweep
    from sim.scenario import Scenario

OUT_FORMATS = (".csv", ".json")
# Shown unless --measures says otherwise: what a grid is usually about.
DEFAULT_MEASURES = (
    "efficiency",
    "spend",
    "value",
    "duplicated_share",
    "handoff_wait_mean",
    "engagement",
    "quits",
)

EPILOG = """\
examples:
  silo sweep siloed-marketing --set teams.*.shared_weight=0.2,0.5,0.8
  silo sweep siloed-marketing --set tools.shared_calendar=false,true \\
      --set params.campaigns_per_week=1,1.5,2 --replications 20 --out grid.csv
  silo sweep my-org.toml --set teams.SEO.kpi=channel,campaign --executor dask

keys:
  A dotted path into the scenario: params.engagement_rate, weeks,
  tools.shared_calendar, teams.SEO.kpi (a team by name), teams.*.shared_weight
  (every team). Values are read as TOML (0.8, true, "text"), separated by
  commas; a bare word is text. Every combination of the keys' values is a
  point of the grid, and every point runs on the same seeds.

output:
  One row per point: each measure's mean and the half-width of its 95%
  confidence interval (mean ±half). --out FILE.csv has one row per run (the
  grid values, replication, seed, every summary measure); .json adds each
  point's means and intervals.
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sweep",
        help="run a grid of scenario values, replicated, into a tidy table",
        description="Run every combination of the given values, each replicated on the same\n"
        "seeds, and print each point's headline measures with 95% confidence intervals.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", help="a built-in scenario (see `silo scenarios`) or a file")
    parser.add_argument(
        "--set",
        dest="grid",
        type=values_set,
        action="append",
        default=[],
        required=True,
        metavar="KEY=V1,V2,...",
        help="a key and its values (repeatable: the grid is every combination)",
    )
    parser.add_argument(
        "--replications",
        "-n",
        type=whole("--replications", 1, MAX_REPLICATIONS),
        default=10,
        metavar="N",
        help="runs at each point, on the same N seeds (default: 10)",
    )
    parser.add_argument(
        "--seed",
        type=whole("--seed", 0, MAX_SEED),
        help="base seed the replications' seeds derive from (default: the scenario's)",
    )
    parser.add_argument(
        "--weeks", type=whole("--weeks", 1, MAX_WEEKS), help="horizon (default: scenario's)"
    )
    parser.add_argument(
        "--script", metavar="FILE", help="TOML file of [[script]] actions, at every point"
    )
    parser.add_argument(
        "--measures",
        type=measure_list,
        metavar="M,M,...",
        help=f"summary measures to show (default: {','.join(DEFAULT_MEASURES)})",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write .csv (one row per run) or .json (runs and summary)"
    )
    add_executor_options(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    keys = [key for key, _ in args.grid]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        return fail(f"--set {repeated[0]} is given twice; list all its values in one --set")
    if args.out is not None:
        problem = out_problem(args.out, OUT_FORMATS)
        if problem is not None:
            return fail(problem)
    problem = executor_problem(args) or measures_problem(args.measures)
    if problem is not None:
        return fail(problem)

    from sim.executors import ExperimentError
    from sim.experiment import grid_points, measures_of, sweep, with_overrides

    base = base_scenario(args)
    grid = dict(args.grid)
    try:
        points = grid_points(grid, args.replications)  # counted before they are built
        for point in points:  # every point validated before anything runs
            with_overrides(base, point, args.scenario)
        seed = base.seed if args.seed is None else args.seed
        total = len(points) * args.replications
        with open_executor(args) as executor, EtaProgress(total, "sweep", "runs") as bar:
            # The seed first, as `silo run` does, once nothing can be refused: it also
            # tells a reader (or a test) that the runs have started.
            print(seed_line(seed, len(points), args.replications), flush=True)
            result = sweep(
                base,
                grid,
                args.replications,
                seed=seed,
                executor=executor,
                progress=lambda _done, _total: bar.advance(),
            )
        measures = measures_of(result.runs[0][0], args.measures or list(DEFAULT_MEASURES))
    except ExperimentError as exc:
        return fail(str(exc))

    if args.out is not None:
        write_sweep(args.out, result, base, seed)
    print("\n".join(sweep_lines(result, measures)))
    if args.out is not None:
        print(f"wrote {args.out}")
    return int(ExitCode.OK)


def base_scenario(args: argparse.Namespace) -> Scenario:
    """The scenario with --weeks and --script applied, before the grid's values.

    Raises:
        ScenarioError: the scenario, the script or the horizon cannot be used.
    """
    from game.cli.commands.common import load_scenario_arg
    from game.cli.commands.run import load_script
    from sim.experiment import with_overrides

    scenario = load_scenario_arg(args.scenario)
    if args.weeks is not None:
        scenario = with_overrides(scenario, {"weeks": args.weeks}, args.scenario)
    if args.script is not None:
        scenario = scenario.with_actions(load_script(args.script, scenario))
    return scenario


def seed_line(seed: int, points: int, n: int) -> str:
    return (
        f"seed: {seed} ({points} points x {n} replication{'s' if n != 1 else ''}, "
        "the same seeds at every point)"
    )


def sweep_lines(result: Sweep, measures: list[str]) -> list[str]:
    """One row per point: its values, then each measure as mean ±half-width (after the seed)."""
    from game.cli.commands.compare import csv_cell, signed, value_text
    from game.present.tables import table

    lines = [""]
    rows = []
    for p, point in enumerate(result.points):
        row = [str(csv_cell(point[k])) for k in result.keys]
        for measure in measures:
            ci = result.interval(p, measure)
            half = ci.half_width
            spread = "" if math.isnan(half) else f" ±{signed(measure, half).lstrip('+')}"
            row.append(value_text(measure, ci.mean) + spread)
        rows.append(tuple(row))
    headers = (*result.keys, *measures)
    numeric = range(len(result.keys), len(headers))
    lines += table(headers, rows, right=tuple(numeric))
    lines += ["", "mean ±half-width of the 95% confidence interval"]
    return lines


def write_sweep(path: str, result: Sweep, base: Scenario, seed: int) -> None:
    """CSV: one row per run; JSON: the grid, each point's summary, the runs, the scenario."""
    import json

    from game.cli.commands.common import write_atomic
    from game.present.version import silo_version

    if Path(path).suffix.lower() == ".csv":
        write_atomic(path, records_csv(result.to_records()))
        return
    document = {
        "silo_version": silo_version(),
        "scenario_name": base.name,
        "seed": seed,
        **result.to_dict(),
        "scenario": base.to_toml_dict(),
    }
    write_atomic(path, json.dumps(document, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(fail("use `silo sweep`"))
