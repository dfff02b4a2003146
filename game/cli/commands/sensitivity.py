"""`silo sensitivity`: does the ranking of the options survive the model's uncertain numbers?

The options are written as for `silo compare` (the first is the baseline).
Every option runs at the base values and at both ends of each uncertain
parameter's range (`sim.sensitivity`), on the same seeds; the table says, per
parameter, the ranking at each end and the leading option's gain, and
--plot draws the tornado chart.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import ExitCode, fail
from game.cli.commands.executor_options import add_executor_options, executor_problem, open_executor

if TYPE_CHECKING:
    from sim.sensitivity import Sensitivity

EPILOG = """\
examples:
  silo sensitivity siloed-marketing siloed-marketing@squads.toml siloed-marketing@calendar.toml
  silo sensitivity A.toml A.toml@plan.toml --params reorg_shock,forming_weeks --plot tornado.png

Each uncertain parameter runs from half to twice the scenario's value (a
probability: 0.2 either side), one at a time, every option on the base case's
seeds: (1 + 2 x parameters) x options x replications runs in all.
"""


def add_parser(subparsers: Any) -> None:
    from game.cli.commands.compare import add_variant_options, measure_list

    parser = subparsers.add_parser(
        "sensitivity",
        help="does the ranking of options survive the model's uncertain parameters (tornado)",
        description="Run each option at the base values and at both ends of each uncertain\n"
        "parameter, one at a time, and say whether the ranking of the options changes.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Each option at each end of each range: fewer runs per point than compare's 20.
    add_variant_options(parser, replications=10, per="option at each point", each="option")
    parser.add_argument(
        "--measure",
        default="efficiency",
        metavar="MEASURE",
        help="summary measure that ranks the options (default: efficiency)",
    )
    parser.add_argument(
        "--params",
        type=measure_list,
        metavar="P,P,...",
        help="uncertain parameters to vary (default: all of them)",
    )
    parser.add_argument("--plot", metavar="FILE.png", help="write the tornado chart")
    parser.add_argument("--out", metavar="FILE.csv", help="write one row per parameter")
    add_executor_options(parser)
    parser.set_defaults(handler=handle)


def params_problem(params: list[str] | None) -> str | None:
    import difflib

    from sim.sensitivity import UNCERTAIN

    for key in params or ():
        if key not in UNCERTAIN:
            close = difflib.get_close_matches(key, list(UNCERTAIN), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            return (
                f"--params: no range for {key!r}{hint} (uncertain parameters: "
                f"{', '.join(UNCERTAIN)})"
            )
    return None


def handle(args: argparse.Namespace) -> int:
    from game.cli.commands.compare import (
        PLOT_FORMATS,
        EtaProgress,
        build_variants,
        measures_problem,
        out_problem,
        seed_line,
        unique_labels,
    )

    if len(args.variants) < 2:
        return fail("give at least two options to rank (the first is the baseline)")
    for path, formats, option in (
        (args.plot, PLOT_FORMATS, "--plot"),
        (args.out, (".csv",), "--out"),
    ):
        if path is not None:
            problem = out_problem(path, formats, option)
            if problem is not None:
                return fail(problem)
    measure_error = measures_problem([args.measure])
    problem = (
        executor_problem(args)
        or (measure_error and measure_error.replace("--measures", "--measure"))
        or params_problem(args.params)
    )
    if problem is not None:
        return fail(problem)

    from game.cli.commands.compare_more import check_scripts
    from sim.executors import ExperimentError
    from sim.sensitivity import assumptions, sensitivity

    scenarios = build_variants(args)
    labels = unique_labels(args.variants)
    check_scripts(labels, scenarios)
    points = 1 + 2 * len(assumptions(scenarios[0], args.params))
    seed = scenarios[0].seed if args.seed is None else args.seed
    total = points * len(scenarios) * args.replications
    try:
        with open_executor(args) as executor, EtaProgress(total, "sensitivity", "runs") as bar:
            print(seed_line(seed, args.replications), flush=True)
            result = sensitivity(
                dict(zip(labels, scenarios, strict=True)),
                args.replications,
                measure=args.measure,
                keys=args.params,
                seed=seed,
                executor=executor,
                progress=lambda _done, _total: bar.advance(),
            )
    except ExperimentError as exc:
        return fail(str(exc))

    from game.cli.commands.common import write_atomic
    from game.present.tables import measure_label

    if args.out is not None:
        from game.present.csv_rows import records_csv

        write_atomic(args.out, records_csv(result.to_records()))
    if args.plot is not None:
        from game.present.plots import save_figure
        from game.present.tornado import tornado_figure

        save_figure(
            tornado_figure(result, measure_label(args.measure, scenarios[0].currency)), args.plot
        )
    print("\n".join(sensitivity_lines(result, measure_label(args.measure, scenarios[0].currency))))
    for path in (args.out, args.plot):
        if path is not None:
            print(f"wrote {path}")
    return int(ExitCode.OK)


def sensitivity_lines(s: Sensitivity, label: str) -> list[str]:
    """The base case, one row per parameter (widest swing first), and the verdict."""
    from game.present.tables import table

    def gain(ci: Any) -> str:
        return f"{ci.mean:+.3g}" + ("" if ci.excludes(0.0) else " (n.s.)")

    lines = [
        "",
        f"base case: {' > '.join(s.base_ranking)} on {label}; {s.winner} gains "
        f"{gain(s.base_gain)} over {s.labels[0]}",
        "",
    ]
    rows = []
    for sw in s.swings:
        a = sw.assumption
        rows.append(
            (
                a.key,
                f"{a.low:g} to {a.high:g}",
                "same" if sw.ranking_low == s.base_ranking else " > ".join(sw.ranking_low),
                "same" if sw.ranking_high == s.base_ranking else " > ".join(sw.ranking_high),
                gain(sw.gain_low),
                gain(sw.gain_high),
                "winner changes" if sw.winner_changes else "",
            )
        )
    headers = (
        "parameter",
        "range",
        "ranking at low end",
        "ranking at high end",
        "gain at low",
        "gain at high",
        "",
    )
    lines += table(headers, rows, right=(4, 5))
    flips = [sw.assumption.key for sw in s.swings if sw.winner_changes]
    lines.append("")
    if flips:
        lines.append(
            f"the winner changes within the range of: {', '.join(flips)}; "
            "the answer depends on these assumptions"
        )
    else:
        lines.append(
            f"{s.base_ranking[0]} stays first at both ends of every range: the answer "
            "is robust to these assumptions"
        )
    lines.append("(n.s.: the gain's 95% interval includes zero)")
    return lines
