"""`silo run`: headless runs of a scenario, a summary table, CSV or JSON out.

Everything that can be refused (arguments, the output path, the scenario, the
script file) is checked before the simulation starts, so a mistake costs no
waiting and leaves no half-written file. The simulation modules are imported
inside `handle` only: `silo run --help` must start in well under 150 ms.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import ExitCode, fail, one_value_set, output_problem, whole
from game.cli.commands.executor_options import add_executor_options, executor_problem, open_executor
from sim.limits import MAX_REPLICATIONS, MAX_SEED, MAX_WEEKS

if TYPE_CHECKING:
    from collections.abc import Callable

    from sim.results import RunResult
    from sim.scenario import Scenario

OUT_FORMATS = (".csv", ".json")

EPILOG = """\
examples:
  silo run siloed-marketing
  silo run siloed-marketing --seed 7 --weeks 26 --out run.csv
  silo run siloed-marketing --replications 20 --script shared-goals.toml --out runs.json
  silo run my-org.toml --set params.campaigns_per_week=2 --set teams.SEO.shared_weight=0.8

A script file holds player actions, in the format of a scenario's `script` key:
  [[script]]
  week = 3
  do = [{action = "set_goal", team = "*", shared_weight = 0.8}]
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a scenario headless and print a summary",
        description="Run a scenario without the game: print the seed, then a summary table\n"
        "(with several replications, each measure's mean and 95% confidence interval),\n"
        "and optionally write weekly results to CSV or JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", help="a built-in scenario (see `silo scenarios`) or a file")
    parser.add_argument(
        "--seed", type=whole("--seed", 0, MAX_SEED), help="random seed (default: scenario's)"
    )
    parser.add_argument(
        "--weeks", type=whole("--weeks", 1, MAX_WEEKS), help="horizon (default: scenario's)"
    )
    parser.add_argument("--script", metavar="FILE", help="TOML file of [[script]] player actions")
    parser.add_argument(
        "--replications",
        "-n",
        type=whole("--replications", 1, MAX_REPLICATIONS),
        default=1,
        metavar="N",
        help="independent runs with seeds derived from --seed (default: 1)",
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        type=one_value_set,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a scenario value, e.g. params.campaigns_per_week=2 (repeatable)",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write results: .csv (weekly rows) or .json (everything)"
    )
    add_executor_options(parser)  # where several replications run; one run runs here
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    problem = executor_problem(args)
    if problem is not None:
        return fail(problem)
    if args.out is not None:
        suffix = Path(args.out).suffix.lower()
        if suffix not in OUT_FORMATS:
            shown = f"extension {suffix!r}" if suffix else "no extension"
            return fail(f"--out {args.out}: {shown}; use .csv or .json")
        problem = output_problem(args.out)
        if problem is not None:
            return fail(f"--out {problem}")

    from game.cli.commands.common import load_scenario_arg
    from sim.experiment import with_overrides

    scenario = load_scenario_arg(args.scenario)
    overrides = list(args.overrides)
    if args.weeks is not None:
        overrides.append(("weeks", args.weeks))
    scenario = with_overrides(scenario, overrides, args.scenario)
    if args.script is not None:
        scenario = scenario.with_actions(load_script(args.script, scenario))
    seed = scenario.seed if args.seed is None else args.seed

    # The seed is the first line, printed as the runs start (once nothing can be
    # refused): it also tells a reader, or a test, that they have started.
    results = run_replications(
        scenario, seed, args.replications, args, lambda: print(f"seed: {seed}", flush=True)
    )
    # The file first: a reader that stops early (`| head`) must not cost the results.
    if args.out is not None:
        _write_out(args.out, scenario, seed, results)
    if len(results) > 1:
        print(f"replications: {len(results)} (seeds derived from {seed} and each index)")
    print()
    print("\n".join(summary_lines(results, scenario.currency)))
    if len(results) == 1 and scenario.objectives:
        print()
        print("\n".join(objective_lines(scenario, results[0])))
    if args.out is not None:
        print(f"\nwrote {args.out}")
    return int(ExitCode.OK)


def load_script(path: str, scenario: Scenario) -> tuple[Any, ...]:
    """The validated steps of a script file, checked against `scenario` (horizon, schema).

    Raises:
        ScenarioError: naming the script file and the key path of the problem.
    """
    from sim.scripts import load_script as sim_load_script

    return sim_load_script(path, scenario)


def run_replications(
    scenario: Scenario,
    seed: int,
    replications: int,
    options: argparse.Namespace,
    started: Callable[[], object],
) -> list[RunResult]:
    """Run the scenario `replications` times, showing progress on a terminal.

    `started` is called once the executor (if any) is up, just before the runs.

    One run uses `seed` itself and steps here, week by week, for a bar in weeks.
    Several are `sim.experiment.replicate`'s (a process pool, seeds derived from
    `seed` and the index), so `silo run`, `silo compare` and `silo sweep` give
    replication i the same seed.
    """
    from game.cli.commands.progress import Progress

    if replications == 1:
        from sim import Simulation

        sim = Simulation(scenario, seed=seed)
        started()
        with Progress(scenario.weeks, scenario.name, "weeks") as bar:
            for _ in range(scenario.weeks - sim.week):
                sim.step(1)
                bar.advance()
        return [sim.result()]

    from contextlib import nullcontext

    from game.cli.commands.interrupts import watch_experiments
    from sim.experiment import replicate

    watch_experiments()

    # Without --executor or --scheduler, replicate picks: this process for a
    # task's worth of work, else a process pool it starts and stops.
    chosen = options.executor is not None or options.scheduler is not None
    where = open_executor(options) if chosen else nullcontext(None)
    with where as executor, Progress(replications, scenario.name, "runs") as bar:
        started()
        return replicate(
            scenario,
            replications,
            seed=seed,
            executor=executor,
            progress=lambda _done, _total: bar.advance(),
        )


def summary_lines(results: list[RunResult], currency: str = "$") -> list[str]:
    """The summary table: one measure per row, value (or mean and 95% CI).

    The headline measures (efficiency per 1,000 spent, then value and spend), money
    labelled in the scenario's `currency`.
    """
    from game.present.tables import fmt, measure_label, table
    from sim.results import SUMMARY_LABELS
    from sim.stats import mean_ci

    keys = [k for k in SUMMARY_LABELS if k in results[0].summary]
    if len(results) == 1:
        single = [(measure_label(k, currency), fmt(k, results[0].summary[k])) for k in keys]
        return table(("measure", "value"), single, right=(1,))
    rows: list[tuple[str, ...]] = []
    for k in keys:
        ci = mean_ci(r.summary[k] for r in results)
        rows.append((measure_label(k, currency), fmt(k, ci.mean), fmt(k, ci.low), fmt(k, ci.high)))
    return table(("measure", "mean", "95% CI low", "high"), rows, right=(1, 2, 3))


def objective_lines(scenario: Scenario, result: RunResult) -> list[str]:
    """Each objective, met or not, judged against the do-nothing run on the same seed."""
    from sim import run
    from sim.objectives import evaluate, score

    baseline = None
    if any(o.vs_baseline for o in scenario.objectives):
        idle = scenario.model_copy(update={"script": ()})
        baseline = run(idle, seed=result.seed, weeks=result.weeks)
    judged = evaluate(scenario, result, baseline)
    lines = [f"objectives met: {sum(j.met for j in judged)} of {len(judged)} ({score(judged):.0%})"]
    for j in judged:
        unit = " x do-nothing" if j.objective.vs_baseline else ""
        lines.append(f"  [{'x' if j.met else ' '}] {j.text} ({j.value:.3g}{unit})")
    return lines


def _write_out(path: str, scenario: Scenario, seed: int, results: list[RunResult]) -> None:
    from game.cli.commands.common import write_atomic

    if Path(path).suffix.lower() == ".csv":
        write_atomic(path, results_csv(results))
    else:
        write_atomic(path, results_json(scenario, seed, results))


def results_csv(results: list[RunResult]) -> str:
    """Weekly rows of every run (scenario, seed, week, then each weekly measure)."""
    import csv
    import io
    import math

    buffer = io.StringIO()
    records = [row for r in results for row in r.to_records()]
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]) if records else ["week"])
    writer.writeheader()
    for row in records:
        # An undefined measure (NaN) is an empty cell, which pandas reads as NaN.
        writer.writerow(
            {k: "" if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        )
    return buffer.getvalue()


def results_json(scenario: Scenario, seed: int, results: list[RunResult]) -> str:
    """Everything needed to read and repeat the runs: version, seed, scenario, series, summary."""
    import json
    import math

    from game.present.version import silo_version
    from sim.stats import mean_ci

    def clean(x: float) -> float | None:
        return None if math.isnan(x) else x

    if len(results) == 1:
        summary: dict[str, Any] = results[0].to_dict()["summary"]
    else:
        summary = {}
        for k in results[0].summary:
            ci = mean_ci(r.summary[k] for r in results)
            summary[k] = {
                "mean": clean(ci.mean),
                "ci95_low": clean(ci.low),
                "ci95_high": clean(ci.high),
                "n": ci.n,
            }
    document = {
        "silo_version": silo_version(),
        "scenario_name": scenario.name,
        "seed": seed,
        "weeks": scenario.weeks,
        "replications": len(results),
        "summary": summary,
        "runs": [r.to_dict() for r in results],
        "scenario": scenario.to_toml_dict(),
    }
    return json.dumps(document, indent=1, allow_nan=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - `python -m game.cli.commands.run` is not an entry
    sys.exit(fail("use `silo run`"))
