"""`silo search`: the best plan over a scenario's levers (its par plan), and the degenerate screen.

The work is `sim.search` and `sim.screen`; this module parses, checks every
input before the first run, shows a progress bar, prints a table a manager
can read and writes the best plan as a script file (`silo run --script`,
`silo compare A A@best.toml`). Ctrl-C keeps the best plan so far: it is
printed, written when `--out` was given, and the exit code is 130.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING, Any

from game.cli.commands.common import ExitCode, fail, load_scenario_arg, output_problem, whole

if TYPE_CHECKING:
    from sim.plan_screen import ScreenRow
    from sim.scenario import Scenario
    from sim.search_result import Candidate, SearchResult

MAX_TRIALS = 100_000
MAX_REPLICATIONS = 100_000
MAX_SEED = 2**63 - 1

EPILOG = """\
examples:
  silo search siloed-marketing --trials 100 --out best.toml
  silo compare siloed-marketing siloed-marketing@best.toml
  silo search new-agency --levers include_agency,set_goal --budget 5000
  silo search siloed-marketing --screen --par best.toml

output:
  The best plans found, best first. "efficiency, chosen" is the gain on the
  seeds the search chose on; "fresh" measures the same plan again on seeds it
  never saw, with 95% intervals: trust those. Gains are paired against doing
  nothing on the same seeds; extra spend is the plan's spend minus doing
  nothing's. The last line says how much the best plan's gain shrank on fresh
  seeds (luck in the choice).

  --screen runs MODEL.md's degenerate plans (doing everything at once, one
  giant team, weekly celebrations, ...) against a par plan and gives each a
  verdict: below +1% of par, and at least 3% below for the first five. It exits
  with 1 when any rule fails (0 when all hold), so a script can check it.
"""


def budget_amount(text: str) -> float:
    """An argparse type: a spend of zero or more."""
    try:
        value = float(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--budget must be an amount, not {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"--budget cannot be below zero (got {text})")
    return value


def lever_list(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise argparse.ArgumentTypeError(
            "--levers: give one or more levers, e.g. set_goal,add_link"
        )
    return names


def add_parser(subparsers: Any) -> None:
    from game.cli.commands.compare import add_executor_options

    parser = subparsers.add_parser(
        "search",
        help="find the best plan over a scenario's levers (par), or screen degenerate plans",
        description="Search plans made of the scenario's levers (which actions, in which week,\n"
        "with which settings) for the best efficiency gain over doing nothing, and\n"
        "check the winners on fresh seeds.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="built-in name or scenario file")
    parser.add_argument(
        "--budget",
        type=budget_amount,
        metavar="AMOUNT",
        help="cap on a plan's extra spend over doing nothing",
    )
    parser.add_argument(
        "--levers",
        type=lever_list,
        metavar="A,B,...",
        help="levers to search over (default: the scenario's)",
    )
    parser.add_argument(
        "--trials",
        type=whole("--trials", 1, MAX_TRIALS),
        default=100,
        metavar="T",
        help="plans to try (default: 100)",
    )
    parser.add_argument(
        "--replications",
        "-n",
        type=whole("--replications", 1, MAX_REPLICATIONS),
        metavar="N",
        help="runs per plan (default: 10; 20 with --screen)",
    )
    parser.add_argument(
        "--weeks",
        type=whole("--weeks", 1, 520),
        metavar="W",
        help="horizon (default: the scenario's)",
    )
    parser.add_argument(
        "--seed",
        type=whole("--seed", 0, MAX_SEED),
        metavar="S",
        help="seed of the search and its replications (default: scenario's)",
    )
    parser.add_argument("--out", metavar="FILE.toml", help="write the best plan as a script file")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="screen MODEL.md's degenerate plans against the par plan instead",
    )
    parser.add_argument(
        "--par",
        metavar="FILE.toml",
        help="the par plan for --screen (default: the built-in's par.toml, else good.toml)",
    )
    add_executor_options(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from game.cli.commands.compare import executor_problem

    problem = executor_problem(args)
    if args.out is not None and problem is None:
        problem = (
            "--out: a plan is written as a .toml script file"
            if not args.out.endswith(".toml")
            else output_problem(args.out)
        )
    if args.par is not None and not args.screen and problem is None:
        problem = "--par goes with --screen"
    if problem is not None:
        return fail(problem)
    import importlib.util

    if importlib.util.find_spec("optuna") is None and not args.screen:
        return fail("silo search needs Optuna: pip install 'silo[search]'")
    scenario = load_scenario_arg(args.scenario)  # ScenarioError: the CLI's one-line handler
    if args.weeks is not None:
        from sim.experiment import with_overrides

        scenario = with_overrides(scenario, {"weeks": args.weeks}, f"{args.scenario} --weeks")
    from sim.executors import ExperimentError
    from sim.plan_space import PlanSpaceError, plan_space

    try:
        if args.screen:
            return _screen(args, scenario)
        plan_space(scenario, args.levers)  # refuse a bad lever before anything starts
        return _search(args, scenario)
    except (PlanSpaceError, ExperimentError) as exc:
        return fail(str(exc))


def _search(args: argparse.Namespace, scenario: Scenario) -> int:
    from game.cli.commands.compare import EtaProgress, open_executor
    from sim.plan_search import search

    replications = args.replications or 10
    seed = scenario.seed if args.seed is None else args.seed
    latest: list[SearchResult] = []
    try:
        with open_executor(args) as executor, EtaProgress(1, "search", "runs") as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.advance(done - bar.done)

            result = search(
                scenario,
                args.trials,
                replications,
                levers=args.levers,
                budget=args.budget,
                seed=seed,
                executor=executor,
                progress=progress,
                on_batch=latest.append,
            )
    except KeyboardInterrupt:
        if not latest:
            print("interrupted before the first plans were measured", file=sys.stderr)
            return int(ExitCode.INTERRUPTED)
        result = latest[-1]
        print(
            f"interrupted after {result.trials} of {args.trials} trials: the best so far "
            "(not checked on fresh seeds)",
            file=sys.stderr,
        )
        print("\n".join(search_lines(result, args)))
        _write_best(result, args)
        return int(ExitCode.INTERRUPTED)
    print("\n".join(search_lines(result, args)))
    _write_best(result, args)
    return int(ExitCode.OK)


def _write_best(result: SearchResult, args: argparse.Namespace) -> None:
    # Not the guarded write of the commands: after a Ctrl-C this is the point (best so far).
    from game.present.files import write_atomic
    from sim.plans import script_toml

    if args.out is None:
        return
    best = result.best
    if best is None or not best.plan.steps:
        print(f"not writing {args.out}: no plan beat doing nothing")
        return
    write_atomic(args.out, script_toml(best.plan, best_comment(result, args)))
    name = args.scenario
    print(
        f"wrote {args.out}: silo run {name} --script {args.out}; "
        f"silo compare {name} {name}@{args.out}"
    )


def best_comment(result: SearchResult, args: argparse.Namespace) -> str:
    """The header of a written plan: what it is, the command that found it, its gain."""
    best = result.best
    assert best is not None
    command = (
        " ".join(["silo search", *sys.argv[2:]])
        if sys.argv[1:2] == ["search"]
        else (f"silo search {args.scenario} --trials {args.trials} --seed {result.seed}")
    )
    fresh = (
        f"; on {len(result.fresh_seeds)} fresh seeds {pct(best.fresh.efficiency.mean)}"
        if best.fresh is not None
        else " (stopped before the fresh-seed check)"
    )
    return (
        f"The best plan found for {result.scenario}: {best.plan.label}\n"
        f"Found by: {command}\n"
        f"Efficiency vs doing nothing: {pct(best.gain)} on the {result.replications} "
        f"seeds it was chosen on{fresh}."
    )


def pct(x: float, digits: int = 1) -> str:
    return "n/a" if math.isnan(x) else f"{x:+.{digits}f}%"


def _num(x: float, digits: int = 2) -> str:
    return "n/a" if math.isnan(x) else f"{x:+,.{digits}f}"


def _ci(low: float, high: float, fmt: Any) -> str:
    if math.isnan(low) or math.isnan(high):
        return ""
    return f" ({fmt(low).rstrip('%')} to {fmt(high)})"


def _row(c: Candidate, checked: bool) -> list[str]:
    fresh = c.fresh
    cells = [f"{c.rank}", pct(c.gain)]
    if fresh is None:
        # Checked but no figure: the engine refused the plan at a fresh seed.
        why = "refused on a fresh seed" if checked else "not checked"
        return [*cells, why, "-", _num(c.selection.spend.mean, 0)]
    e, g, s = fresh.efficiency, fresh.engagement, fresh.spend
    return [
        *cells,
        pct(e.mean) + _ci(e.low, e.high, pct),
        _num(g.mean) + _ci(g.low, g.high, _num),
        _num(s.mean, 0),
    ]


def search_lines(result: SearchResult, args: argparse.Namespace) -> list[str]:
    """The report: what was searched, the top plans, and the shrinkage on fresh seeds."""
    budget = "none" if result.budget is None else f"{result.budget:,.0f} extra spend"
    lines = [
        f"silo search {result.scenario}: {result.trials} trials, {result.plans_run} plans run "
        f"({result.refused} refused by the engine, {result.over_budget} over budget), "
        f"{result.replications} replications each, seed {result.seed}",
        f"levers: {', '.join(result.levers)}; budget: {budget}",
        "gains are paired against doing nothing on the same seeds; 95% intervals",
        "",
    ]
    if not result.top:
        return [*lines, "no plan was measured (every plan was refused or over budget)"]
    head = ["#", "efficiency, chosen", "efficiency, fresh", "engagement, fresh", "extra spend"]
    rows = [_row(c, bool(result.fresh_seeds)) for c in result.top]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:>{w}}}" if i in (0,) else f"{{:<{w}}}" for i, w in enumerate(widths))
    lines.append(fmt.format(*head).rstrip())
    for c, r in zip(result.top, rows, strict=True):
        lines.append(fmt.format(*r).rstrip())
        lines.append(f"{'':>{widths[0]}}  {c.plan.label}")
    best = result.best
    assert best is not None
    lines.append("")
    if best.fresh is None:
        lines.append("the best plan was not checked on fresh seeds (the search was stopped)")
    else:
        shrink = result.shrinkage
        verdict = (
            f"it shrank by {shrink:.1f} points (the luck in choosing it)"
            if shrink > 0
            else f"it did not shrink ({-shrink:+.1f} points): no sign of luck in choosing it"
        )
        lines.append(
            f"on fresh seeds the best plan's gain went from {pct(best.gain)} to "
            f"{pct(best.fresh.efficiency.mean)}: {verdict}"
        )
    return lines


def _par_plan(args: argparse.Namespace, scenario: Scenario) -> Any:
    """The par plan to screen against: --par, else the built-in's par.toml, else good.toml."""
    from pathlib import Path

    import scenarios
    from game.cli.commands.run import load_script
    from sim.executors import ExperimentError
    from sim.plans import Plan, step

    path = args.par
    if path is None:
        folder = Path(scenarios.__file__).parent / "strategies" / scenario.name
        found = [folder / f for f in ("par.toml", "good.toml") if (folder / f).exists()]
        if not found:
            raise ExperimentError(f"{scenario.name} has no par plan: give one with --par FILE.toml")
        path = str(found[0])
    steps = tuple(step(s.week, a) for s in load_script(path, scenario) for a in s.do)
    return Plan(f"par ({Path(path).name})", steps)


def _screen(args: argparse.Namespace, scenario: Scenario) -> int:
    from game.cli.commands.compare import EtaProgress, open_executor
    from sim.plan_screen import screen

    par = _par_plan(args, scenario)
    replications = args.replications or 20
    seed = scenario.seed if args.seed is None else args.seed
    with open_executor(args) as executor, EtaProgress(1, "screen", "runs") as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.advance(done - bar.done)

        rows = screen(scenario, par, replications, seed=seed, executor=executor, progress=progress)
    print("\n".join(screen_lines(rows, par.label, scenario.name, replications, seed)))
    # Like a test runner: a script or CI job can tell a failed screen from a passed one.
    return int(ExitCode.OK if all(r.passed for r in rows) else ExitCode.FAILURE)


def screen_lines(
    rows: list[ScreenRow], par: str, name: str, replications: int, seed: int
) -> list[str]:
    """The screen as a table: rule, plan, paired difference, interval, bound, verdict."""
    head = ["rule", "plan", "vs par", "95% interval", "must be", "verdict"]
    table = [
        [
            r.rule,
            r.plan.label,
            pct(r.difference.mean),
            _ci(r.difference.low, r.difference.high, pct).strip(" ()") or "-",
            "<= -3%" if r.far else "< +1%",
            r.verdict,
        ]
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [head, *table]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    failed = sum(not r.passed for r in rows)
    return [
        f"degenerate plans in {name} against {par}: efficiency, paired on "
        f"{replications} seeds of base seed {seed}",
        "",
        fmt.format(*head).rstrip(),
        *(fmt.format(*x).rstrip() for x in table),
        "",
        f"{len(rows) - failed} of {len(rows)} rules hold" + (f"; {failed} fail" if failed else ""),
    ]
