"""What `silo compare`, `silo experiment` and `silo sensitivity` add to the table.

The checks of what runs (scripts that can never apply, variants that change
nothing), the weeks and objectives printed after the table, the warnings of
skipped actions, and the weekly CSVs and report page of `silo compare`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.present.csv_rows import records_csv

if TYPE_CHECKING:
    from sim.experiment import Comparison
    from sim.scenario import Scenario


# Weekly series whose paired differences are always written: the money and the people.
WEEKLY_MONEY = ("value", "spend", "efficiency", "engagement")
# The money measures every table shows, whatever --measures names.
MONEY_MEASURES = ("spend", "value", "efficiency")


def with_money(measures: Sequence[str]) -> list[str]:
    """The measures asked for, after spend, value and efficiency when they were left out."""
    return [*(m for m in MONEY_MEASURES if m not in measures), *measures]


def check_scripts(labels: Sequence[str], scenarios: Sequence[Scenario]) -> None:
    """Refuse, before the seed line, a scripted action that can never apply; warn of a
    variant that is the same scenario as another.

    Raises:
        ActionError: naming the variant and the action.
    """
    from sim.skips import check_script

    for label, scenario in zip(labels, scenarios, strict=True):
        check_script(scenario, label)
    # A variant that changes nothing is almost always a typo'd value or a default restated.
    for i, (label, scenario) in enumerate(zip(labels, scenarios, strict=True)):
        same = next((labels[j] for j in range(i) if scenarios[j] == scenario), None)
        if same is not None:
            print(f"warning: {label} is the same scenario as {same}: its overrides and script "
                  "change nothing", file=sys.stderr)  # fmt: skip


def warn_skipped(result: Comparison) -> None:
    """On stderr: each scripted action a replication skipped, and in how many runs."""
    from sim.skips import skipped_lines

    for line in skipped_lines(result.labels, result.runs):
        print(f"warning: {line}", file=sys.stderr)


def write_report(args: argparse.Namespace, found: Any, measures: Sequence[str]) -> None:
    """The page to forward, for a comparison typed on the command line."""
    import shlex

    from game.cli.commands.common import write_atomic
    from game.present.experiment_outputs import chart_png, report_html

    labels = found.result.labels
    page = report_html(
        found,
        title="Comparison: " + " / ".join(labels),
        question="",
        descriptions=[spec.description() for spec in args.variants],
        measures=measures,
        rerun=shlex.join(["silo", *sys.argv[1:]]),
        chart=chart_png(found.result, args.focus),
    )
    write_atomic(args.report, page)


def focus_problem(focus: str) -> str | None:
    from sim.results import WEEKLY_KEYS

    if focus in WEEKLY_KEYS:
        return None
    import difflib

    close = difflib.get_close_matches(focus, WEEKLY_KEYS, n=1)
    hint = (
        f"; did you mean {close[0]!r}?"
        if close
        else f" (weekly measures: {', '.join(WEEKLY_KEYS)})"
    )
    return f"--focus: unknown weekly measure {focus!r}{hint}"


def full_lines(
    result: Comparison,
    measures: Sequence[str],
    scenarios: Sequence[Scenario],
    timelines: Sequence[Any],
) -> list[str]:
    """The table, then the weeks (dip, payback, last quarter), then the objectives."""
    from game.cli.commands.compare import LETTERS, comparison_lines
    from game.present.timeline_text import objective_lines, timeline_lines
    from sim.objectives import objectives_met

    currency = scenarios[0].currency
    lines = comparison_lines(result, with_money(measures), currency)
    lines += timeline_lines(timelines, LETTERS, result.runs[0][0].weeks, currency)
    counts = [
        objectives_met(scenario, runs, result.runs[0])
        for scenario, runs in zip(scenarios, result.runs, strict=True)
    ]
    lines += objective_lines(counts, LETTERS)
    return lines


def write_weekly(
    weekly: str | None, differences: str | None, result: Comparison, measures: Sequence[str]
) -> None:
    """The tidy weekly CSVs: every run's series; paired differences with their bands."""
    from game.cli.commands.common import write_atomic
    from sim.timeline import difference_records, weekly_records

    if weekly is not None:
        write_atomic(weekly, records_csv(weekly_records(result)))
    if differences is not None:
        chosen = list(dict.fromkeys(measures))
        write_atomic(differences, records_csv(difference_records(result, chosen)))
