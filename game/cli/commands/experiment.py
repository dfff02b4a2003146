"""`silo experiment FILE`: run a named what-if and write everything into one folder.

The experiment file (see `sim.experiment_file` and scenarios/README.md) names
the scenario, the options, replications, horizon and outputs. Everything is
checked first: the file, the scenario, each option's overrides and script,
and the output folder; a mistake is one line and exit code 2, and nothing is
written. Then every option runs on the same seeds, the tables print, and the
folder gets the tables, the weekly CSVs, the chart and the report page.
"""

from __future__ import annotations

import argparse
import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, whole
from game.cli.commands.executor_options import add_executor_options, executor_problem, open_executor
from sim.limits import MAX_REPLICATIONS

EPILOG = """\
example:
  silo experiment scenarios/examples/six-teams.toml
  silo experiment my-question.toml --out results/ --replications 40

The folder holds report.html (the page to forward), comparison.png, results.txt
(the tables printed here), summary.csv, runs.csv (one row per run), weekly.csv
(every run's weeks: variant, replication, seed, week, measures), differences.csv
(weekly paired differences against the baseline with 95% bands), teams.csv
(per run and team: engagement, people, hours by category) and timeline.json
(dip, payback week and last-quarter gain per option).
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "experiment",
        help="run an experiment file: options, paired runs, weeks, a report page",
        description="Run every option of an experiment file on the same seeds, print the\n"
        "comparison, the transition dip and payback week of each option and the answer,\n"
        "and write the tables, weekly CSVs, chart and a report page into a folder.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", help="an experiment TOML file")
    parser.add_argument(
        "--out", metavar="FOLDER", help="output folder (default: the file's [outputs] folder)"
    )
    parser.add_argument(
        "--replications",
        "-n",
        type=whole("--replications", 1, MAX_REPLICATIONS),
        metavar="N",
        help="runs of each option (default: the file's)",
    )
    add_executor_options(parser)
    parser.set_defaults(handler=handle)


def folder_problem(folder: Path) -> str | None:
    """Why the output folder cannot be made or written, checked before any run."""
    if folder.exists() and not folder.is_dir():
        return f"output folder {folder}: is a file, not a folder"
    parent = folder.parent if str(folder.parent) else Path()
    if not folder.exists() and not parent.is_dir():
        return f"output folder {folder}: folder {parent} does not exist"
    where = folder if folder.exists() else parent
    if not os.access(where, os.W_OK | os.X_OK):
        return f"output folder {folder}: {where} is not writable"
    return None


def handle(args: argparse.Namespace) -> int:
    problem = executor_problem(args)
    if problem is not None:
        return fail(problem)

    from game.cli.commands.compare import EtaProgress, seed_line
    from game.cli.commands.compare_more import full_lines, with_money
    from game.present.experiment_outputs import findings, folder_files, report_html, write_folder
    from game.present.verdict import plain
    from sim.executors import ExperimentError
    from sim.experiment import compare, measures_of
    from sim.experiment_file import load_experiment

    plan = load_experiment(args.file, args.out)  # ScenarioError: one line, nothing written
    problem = folder_problem(plan.folder)
    if problem is not None:
        return fail(problem)
    from game.cli.commands.compare_more import check_scripts, warn_skipped

    check_scripts(plan.labels, plan.scenarios)
    spec = plan.spec
    replications = args.replications or spec.replications
    total = len(plan.labels) * replications
    if spec.sensitivity is not None:
        from sim.sensitivity import assumptions

        points = 1 + 2 * len(assumptions(plan.scenarios[0], spec.sensitivity.params or None))
        total += points * len(plan.labels) * spec.sensitivity.replications
    sens = None
    try:
        with open_executor(args) as executor, EtaProgress(total, "experiment", "runs") as bar:
            print(seed_line(plan.seed, replications), flush=True)
            result = compare(
                plan.variants(),
                replications,
                seed=plan.seed,
                executor=executor,
                progress=lambda _done, _total: bar.advance(),
            )
            if spec.sensitivity is not None:
                from sim.sensitivity import sensitivity

                sens = sensitivity(
                    plan.variants(),
                    spec.sensitivity.replications,
                    keys=spec.sensitivity.params or None,
                    seed=plan.seed,
                    executor=executor,
                    progress=lambda _done, _total: bar.advance(),
                )
        measures = with_money(measures_of(result.runs[0][0], list(spec.measures) or None))
    except ExperimentError as exc:
        return fail(str(exc))

    found = findings(result, plan.scenarios, spec.focus, sens)
    lines = full_lines(result, measures, plan.scenarios, found.timelines)
    if sens is not None:
        from game.cli.commands.sensitivity import sensitivity_lines
        from game.present.tables import measure_label

        lines += ["", "sensitivity to the model's uncertain parameters:"]
        lines += sensitivity_lines(sens, measure_label(sens.measure, plan.scenarios[0].currency))
    answer = plain(found.answer)
    from sim.skips import skipped_lines

    skipped = skipped_lines(result.labels, result.runs)
    if skipped:
        lines += ["", "scripted actions skipped (the org of that run could not take them):"]
        lines += [f"  {line}" for line in skipped]
    text = "\n".join([*lines, "", "answer:", answer]) + "\n"
    rerun = "silo experiment " + shlex.quote(str(args.file))
    if args.replications:
        rerun += f" --replications {args.replications}"

    def report(chart: bytes | None, names: Sequence[str]) -> str:
        return report_html(
            found,
            title=spec.title or spec.name,
            question=" ".join(spec.question.split()),
            descriptions=[v.description for v in spec.variants],
            measures=measures,
            rerun=rerun,
            chart=chart,
            files=names,
        )

    files = folder_files(found, outputs=spec.outputs, measures=measures, focus=spec.focus,
                         text=text, report=report)  # fmt: skip
    from game.cli.commands.common import write_atomic

    written = write_folder(plan.folder, files, write_atomic)
    print(text, end="")
    warn_skipped(result)
    print()
    for path in written:
        print(f"wrote {path}")
    return int(ExitCode.OK)
