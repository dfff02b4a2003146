"""`silo compare`: variants of a scenario on the same seeds, with paired differences.

Also home to what `silo compare` and `silo sweep` share: the executor options,
the progress bar with its time left, the checks of output paths, and the
number formats of differences. Everything that can be refused is refused
before the first run, and files are written whole or not at all.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import (
    ONE_VALUE_HINT,
    ExitCode,
    fail,
    one_value_set,
    output_problem,
    parse_set,
    whole,
)
from game.cli.commands.compare_more import (
    WEEKLY_MONEY,
    check_scripts,
    focus_problem,
    full_lines,
    warn_skipped,
    with_money,
    write_report,
    write_weekly,
)
from game.cli.commands.executor_options import add_executor_options, executor_problem, open_executor
from game.cli.commands.interrupts import stop_if_interrupted
from game.cli.commands.progress import BAR_WIDTH, DELAY_S, REDRAW_S, Progress
from game.present.csv_rows import csv_cell, records_csv  # noqa: F401 (sweep's too)
from game.present.tables import interval_text, signed, value_text
from sim.limits import MAX_REPLICATIONS, MAX_SEED, MAX_WEEKS

if TYPE_CHECKING:
    from sim.experiment import Comparison
    from sim.scenario import Scenario

LABEL_KEY = "label"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

EPILOG = """\
variants:
  A variant is a scenario (built-in name or file), optionally followed by a
  script of player actions and by overrides, each override after a colon:

    SCENARIO[@SCRIPT.toml][:KEY=VALUE]...[:label=NAME]

  siloed-marketing                                    the scenario as it is
  siloed-marketing@shared-goals.toml                  plus the actions in a script file
  siloed-marketing:tools.shared_calendar=true         with one value changed
  siloed-marketing:teams.*.shared_weight=0.8:label=shared-goals
  my-org.toml@plan.toml:params.campaigns_per_week=2

  KEY is a dotted path into the scenario: params.engagement_rate, weeks,
  tools.shared_calendar, teams.SEO.kpi (a team by name), teams.*.shared_weight
  (every team). VALUE is read as TOML (0.8, true, "text", [1, 2]); a bare word
  is text. Quote a variant that holds * or spaces for the shell.

  The first variant is the baseline. Every variant runs on the same seeds
  (common random numbers), so differences are paired run by run.

examples:
  silo compare siloed-marketing siloed-marketing:tools.shared_calendar=true
  silo compare siloed-marketing siloed-marketing@good.toml --replications 30 \\
      --plot compare.png --out compare.csv
  silo compare A.toml B.toml --set weeks=26 --executor dask --scheduler tcp://10.0.0.5:8786

choosing the executor:
  The process pool (the default) is the right choice on one machine, and
  always for a command of under about 30 s of work: it starts in a fraction
  of a second and adds nothing per run. A Dask cluster started by the command
  (--executor dask) costs about 0.6 s to start and measured 5-10% slower than
  the pool on the same cores (its scheduler shares them). Use Dask for more
  cores than one machine has, or to reuse a cluster that is already running:
  start it once and point every command at it, so no command pays a start-up:
    dask scheduler --port 8786 &
    dask worker tcp://127.0.0.1:8786 --nworkers 2 --nthreads 1 &
    silo compare A B --replications 200 --scheduler tcp://127.0.0.1:8786
  Workers need the same silo version installed (results are identical
  whichever executor ran them; seeds never depend on the worker).

output:
  For each headline measure and variant, the mean over the replications and its
  95% confidence interval (Student t), then the paired difference against the
  baseline with its own 95% interval; `*` marks a difference whose interval
  excludes zero (unlikely to be noise at this many replications); the % is the
  difference as a share of the baseline's mean. Spend, value and efficiency are
  always shown.

  Then the weeks, in the --focus measure (value delivered per week unless
  named): per variant, the transition dip (the deepest weekly shortfall of the
  paired difference and the weeks it lasts), the payback week (from which the
  cumulative paired difference stays above zero, with its 95% interval) and
  the gain over the last quarter of the weeks. Then each objective of the
  scenario, met in how many of the runs (judged against the baseline's run on
  the same seed). --weekly and --differences write the weeks as tidy CSV.
"""


def measure_list(text: str) -> list[str]:
    names = [m.strip() for m in text.split(",") if m.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give one or more summary measures, e.g. value,engagement")
    return names


def measures_problem(measures: Sequence[str] | None) -> str | None:
    """An unknown name in --measures, found before anything runs."""
    from sim.results import SUMMARY_KEYS

    for measure in measures or ():
        if measure not in SUMMARY_KEYS:
            return (
                f"--measures: unknown measure {measure!r} (summary measures: "
                + ", ".join(SUMMARY_KEYS)
                + ")"
            )
    return None


class EtaProgress(Progress):
    """The progress bar with the time left, estimated from the pace so far."""

    def advance(self, units: int = 1) -> None:
        stop_if_interrupted()  # each finished run is a safe place to stop
        self.done = min(self.done + units, self.total)
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self._start
        if elapsed < DELAY_S or (now - self._last_draw < REDRAW_S and self.done < self.total):
            return
        self._last_draw = now
        filled = round(BAR_WIDTH * self.done / self.total)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = elapsed * (self.total - self.done) / self.done if self.done else math.nan
        self.stream.write(
            f"\r\x1b[2K{self.label} [{bar}] {self.done}/{self.total} {self.unit}, "
            f"{duration(left)} left"
        )
        self.stream.flush()
        self._drawn = True


def duration(seconds: float) -> str:
    """A short time for people: 42 s, 3 min 5 s, 1 h 20 min."""
    if math.isnan(seconds):
        return "?"
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {s % 3600 // 60} min"


def out_problem(path: str, formats: Sequence[str], option: str = "--out") -> str | None:
    """Why an output path is refused (extension, folder), or None."""
    suffix = Path(path).suffix.lower()
    if suffix not in formats:
        shown = f"extension {suffix!r}" if suffix else "no extension"
        return f"{option} {path}: {shown}; use {' or '.join(formats)}"
    problem = output_problem(path)
    return None if problem is None else f"{option} {problem}"


@dataclass
class VariantSpec:
    """A variant as written on the command line."""

    text: str
    scenario: str
    script: str | None = None
    overrides: list[tuple[str, Any]] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)
    """The overrides as written, KEY=VALUE."""
    label: str | None = None

    def description(self) -> str:
        parts = [Path(self.scenario).stem if self.scenario.endswith(".toml") else self.scenario]
        if self.script is not None:
            parts[0] += f" @{Path(self.script).name}"
        # Overrides as typed (TOML `true`, not Python's True): descriptions are for people.
        parts.extend(self.typed)
        return " ".join(parts)


def parse_variant(text: str) -> VariantSpec:
    """`SCENARIO[@SCRIPT.toml][:KEY=VALUE]...[:label=NAME]` into its parts.

    A colon starts an override only when what follows holds `=`; otherwise it
    belongs to what came before (a path or a value with a colon in it).

    Raises:
        ValueError: an empty scenario, an override without a value, a bad label.
    """
    segments: list[str] = []
    for part in text.split(":"):
        if segments and "=" in part and part.partition("=")[0].strip():
            segments.append(part)
        elif segments:
            segments[-1] += ":" + part
        else:
            segments.append(part)
    head, overrides_text = segments[0], segments[1:]
    scenario, script = head, None
    at = head.rfind("@")
    if at > 0 and head[at + 1 :].lower().endswith(".toml"):
        scenario, script = head[:at], head[at + 1 :]
    if not scenario.strip():
        raise ValueError(f"variant {text!r}: no scenario before the overrides")
    spec = VariantSpec(text=text, scenario=scenario, script=script)
    for segment in overrides_text:
        key = segment.partition("=")[0].strip()
        if key == LABEL_KEY:
            label = segment.partition("=")[2].strip()
            if not label:
                raise ValueError(f"variant {text!r}: empty label")
            spec.label = label
            continue
        try:
            key, values = parse_set(segment)
        except ValueError as exc:
            raise ValueError(f"variant {text!r}: {str(exc).removeprefix('--set ')}") from None
        if len(values) != 1:
            raise ValueError(f"variant {text!r}: {key}: {ONE_VALUE_HINT}")
        spec.overrides.append((key, values[0]))
        spec.typed.append(segment.strip())
    return spec


def variant_arg(text: str) -> VariantSpec:
    try:
        return parse_variant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_variant_options(
    parser: argparse.ArgumentParser, replications: int, per: str, each: str | None = None
) -> None:
    """The options that say what runs (shared by compare and sensitivity): the variants,
    --replications, --seed, --weeks, --set and --script; `per` names what is replicated,
    `each` what --set and --script apply to (default: the same)."""
    each = each or per
    parser.add_argument(
        "variants",
        nargs="+",
        type=variant_arg,
        metavar="VARIANT",
        help="SCENARIO[@SCRIPT.toml][:KEY=VALUE]...[:label=NAME]; the first is the baseline",
    )
    parser.add_argument(
        "--replications",
        "-n",
        type=whole("--replications", 1, MAX_REPLICATIONS),
        default=replications,
        metavar="N",
        help=f"runs of each {per}, on the same N seeds (default: {replications})",
    )
    parser.add_argument(
        "--seed",
        type=whole("--seed", 0, MAX_SEED),
        help="base seed the replications' seeds derive from (default: the first variant's)",
    )
    parser.add_argument(
        "--weeks", type=whole("--weeks", 1, MAX_WEEKS), help="horizon (default: scenario's)"
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        type=one_value_set,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"override a value in every {each}, e.g. params.campaigns_per_week=2 (repeatable)",
    )
    parser.add_argument(
        "--script", metavar="FILE", help=f"TOML file of [[script]] actions for every {each}"
    )


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare variants of a scenario, paired on the same seeds",
        description="Run each variant the same number of times on the same seeds and print,\n"
        "for every headline measure, each variant's mean with its 95% confidence\n"
        "interval and its paired difference from the first variant.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_variant_options(parser, replications=20, per="variant")
    parser.add_argument(
        "--measures",
        type=measure_list,
        metavar="M,M,...",
        help="summary measures to show (default: the headline ones)",
    )
    parser.add_argument("--plot", metavar="FILE.png", help="weekly series and hours, per variant")
    parser.add_argument(
        "--out", metavar="FILE", help="write .csv (one row per run) or .json (runs and summary)"
    )
    parser.add_argument(
        "--weekly",
        metavar="FILE.csv",
        help="write every run's weekly series: variant, replication, seed, week, measures",
    )
    parser.add_argument(
        "--differences",
        metavar="FILE.csv",
        help="write weekly paired differences against the baseline, with 95%% bands",
    )
    parser.add_argument(
        "--teams",
        metavar="FILE.csv",
        help="write per-team results: variant, replication, seed, team, engagement, hours",
    )
    parser.add_argument(
        "--report",
        metavar="FILE.html",
        help="write one self-contained page to forward: the answer, charts, tables, definitions",
    )
    parser.add_argument(
        "--focus",
        default="value",
        metavar="MEASURE",
        help="weekly measure of the dip and payback week (default: value)",
    )
    add_executor_options(parser)
    parser.set_defaults(handler=handle)


PLOT_FORMATS = (".png", ".svg", ".pdf")
OUT_FORMATS = (".csv", ".json")


def handle(args: argparse.Namespace) -> int:
    if len(args.variants) < 2:
        return fail(
            "give at least two variants to compare, e.g. "
            "silo compare siloed-marketing siloed-marketing:tools.shared_calendar=true"
        )
    outputs: tuple[tuple[str | None, tuple[str, ...], str], ...] = (
        (args.out, OUT_FORMATS, "--out"),
        (args.plot, PLOT_FORMATS, "--plot"),
        (args.weekly, (".csv",), "--weekly"),
        (args.differences, (".csv",), "--differences"),
        (args.teams, (".csv",), "--teams"),
        (args.report, (".html",), "--report"),
    )
    for path, formats, option in outputs:
        if path is not None:
            problem = out_problem(path, formats, option)
            if problem is not None:
                return fail(problem)
    problem = executor_problem(args) or measures_problem(args.measures) or focus_problem(args.focus)
    if problem is not None:
        return fail(problem)

    from sim.executors import ExperimentError
    from sim.experiment import compare, measures_of

    scenarios = build_variants(args)  # ScenarioError reaches the CLI's one-line handler
    labels = unique_labels(args.variants)
    check_scripts(labels, scenarios)
    seed = scenarios[0].seed if args.seed is None else args.seed
    total = len(scenarios) * args.replications
    try:
        with open_executor(args) as executor, EtaProgress(total, "compare", "runs") as bar:
            # The seed first, as `silo run` does, once nothing can be refused: it also
            # tells a reader (or a test) that the runs have started.
            print(seed_line(seed, args.replications), flush=True)
            result = compare(
                dict(zip(labels, scenarios, strict=True)),
                args.replications,
                seed=seed,
                executor=executor,
                progress=lambda _done, _total: bar.advance(),
            )
        measures = measures_of(result.runs[0][0], args.measures)
    except ExperimentError as exc:
        return fail(str(exc))

    from game.present.experiment_outputs import findings

    found = findings(result, scenarios, args.focus)
    lines = found.timelines
    if args.out is not None:
        write_comparison(args.out, result, args.variants, scenarios, seed, found)
    write_weekly(args.weekly, args.differences, result, [args.focus, *WEEKLY_MONEY])
    if args.teams is not None:
        from game.cli.commands.common import write_atomic
        from sim.team_results import team_records

        write_atomic(args.teams, records_csv(team_records(result)))
    if args.plot is not None:
        from game.present.plots import save_comparison_plot

        save_comparison_plot(result, args.plot, letters=LETTERS, focus=args.focus)
    if args.report is not None:
        write_report(args, found, with_money(measures))
    print("\n".join(full_lines(result, measures, scenarios, lines)))
    warn_skipped(result)
    for path in (args.out, args.weekly, args.differences, args.teams, args.plot, args.report):
        if path is not None:
            print(f"wrote {path}")
    return int(ExitCode.OK)


def build_variants(args: argparse.Namespace) -> list[Scenario]:
    """Every variant's scenario: global --set, --weeks and --script, then its own parts.

    Raises:
        ScenarioError: a scenario, script or override that cannot be used.
    """
    from game.cli.commands.common import load_scenario_arg
    from game.cli.commands.run import load_script
    from sim.experiment import with_overrides

    scenarios = []
    for spec in args.variants:
        scenario = load_scenario_arg(spec.scenario)
        scenario = with_overrides(scenario, list(args.overrides), spec.scenario)
        if args.script is not None:
            scenario = scenario.with_actions(load_script(args.script, scenario))
        if spec.script is not None:
            scenario = scenario.with_actions(load_script(spec.script, scenario))
        scenario = with_overrides(scenario, spec.overrides, spec.text)
        # Last, so scripts are checked against the whole horizon and cut with it.
        if args.weeks is not None:
            scenario = with_overrides(scenario, [("weeks", args.weeks)], f"{spec.text} --weeks")
        scenarios.append(scenario)
    return scenarios


def unique_labels(specs: Sequence[VariantSpec]) -> list[str]:
    """Each variant's label (given, or its description), made unique."""
    labels: list[str] = []
    for spec in specs:
        label = spec.label or spec.description()
        candidate, n = label, 1
        while candidate in labels:
            n += 1
            candidate = f"{label} ({n})"
        labels.append(candidate)
    return labels


def seed_line(seed: int, n: int) -> str:
    runs = f"{n} replication{'s' if n != 1 else ''}"
    return f"seed: {seed} ({runs} of each variant, on the same seeds)"


def comparison_lines(result: Comparison, measures: Sequence[str], currency: str = "$") -> list[str]:
    """The variants' legend, then one row per measure and variant (after the seed line;
    money in `currency`, the baseline's)."""
    from game.present.tables import measure_label, table
    from game.present.timeline_text import pct

    lines = ["", "variants:"]
    for i, label in enumerate(result.labels):
        role = "  (baseline)" if i == 0 else ""
        lines.append(f"  {LETTERS[i % 26]}  {label}{role}")
    lines.append("")
    rows: list[tuple[str, ...]] = []
    for measure in measures:
        for i in range(len(result.labels)):
            ci = result.interval(i, measure)
            row = [
                measure_label(measure, currency) if i == 0 else "",
                LETTERS[i % 26],
                value_text(measure, ci.mean),
                interval_text(measure, ci.low, ci.high),
            ]
            if i == 0:
                row += ["", "", "", ""]
            else:
                diff = result.difference(i, measure)
                base = result.interval(0, measure).mean
                row += [
                    signed(measure, diff.mean),
                    pct(diff.mean, base),
                    interval_text(measure, diff.low, diff.high, diff=True),
                    "*" if diff.excludes(0.0) else "",
                ]
            rows.append(tuple(row))
    headers = ("measure", "", "mean", "95% CI", "vs A", "%", "95% CI", "")
    lines += table(headers, rows, right=(2, 3, 4, 5, 6))
    lines += ["", "* the 95% interval of the paired difference excludes zero"]
    return lines


def write_comparison(
    path: str,
    result: Comparison,
    specs: Sequence[VariantSpec],
    scenarios: Sequence[Scenario],
    seed: int,
    found: Any = None,
) -> None:
    """CSV: one row per run; JSON: the variants, the summary with differences, the runs,
    and (given the findings) each variant's weeks and objectives: `over_time`."""
    import json

    from game.cli.commands.common import write_atomic
    from game.present.version import silo_version

    if Path(path).suffix.lower() == ".csv":
        write_atomic(path, records_csv(result.to_records()))
        return
    document = {
        "silo_version": silo_version(),
        "seed": seed,
        **result.to_dict(),
        "variant_specs": [
            {
                "label": label,
                "argument": spec.text,
                "scenario_name": scenario.name,
                "scenario": scenario.to_toml_dict(),
            }
            for label, spec, scenario in zip(result.labels, specs, scenarios, strict=True)
        ],
    }
    if found is not None:
        from game.present.experiment_outputs import timeline_summary

        document["over_time"] = timeline_summary(found)
    write_atomic(path, json.dumps(document, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(fail("use `silo compare`"))
