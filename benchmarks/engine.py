"""Engine speed, event economy and memory, as ratios to a bare SimPy loop measured around each run.

    python benchmarks/engine.py [--repeats 5] [--cases 20,100,1000,3000] [--memory-years 3]
                                [--memory-repeats 2] [--baseline OTHER_CHECKOUT]

(`--memory-repeats 0` skips the memory run, e.g. for a quick look at two cases.)

Every measured run is a fresh process (so its peak RSS is its own and no heap
is carried from one run into the next) that measures R0, a bare SimPy loop of
timeouts, just before and just after the run; the run's cost is judged
against the mean of the two. The cases are interleaved (repeat 1 of every
case, then repeat 2, ...) so the machine's drift falls on all of them alike,
and each figure is the median of the repeats with its min-max. Load average,
CPU time and peak RSS are recorded with every run, because these machines are
shared.

Targets (ARCHITECTURE.md and issue 17):
- at most 8 SimPy events per person-day;
- a person-day costs at most 20 R0 events (the 1,000-person org at most 22; the
  3,000-person org is judged by its growth alone);
- from 100 to 1,000 people the cost per person-day grows at most 1.4x, and at
  3,000 people at most 1.8x of 100;
- peak RSS of a 1,000-person year under 80 MiB, and RSS grows less than
  3 MiB per further simulated year.

Growth is paired: each repeat's 1,000-person cost over the same repeat's
100-person cost. SimPy's own kernel gets slower per event as its heap deepens,
which no engine can help; the script measures that (a bare loop with as many
processes as the org has people) and the kernel's share of the engine's time
(events times the bare per-event cost, over the run's time), and reports the
growth beyond the kernel as growth / (1 + share x (kernel growth - 1)).

Before and after a change, `--baseline DIR` (another checkout, e.g. a `git
worktree` of the commit before) runs that tree's engine beside this one: in
every repeat the two runs of a case go one after the other (in alternating
order), and each case's cost is also given as this tree's over the baseline's,
paired by repeat. Runs minutes apart differ by 10-20% here; paired runs do not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

R0_EVENTS = 200_000
"""Timeouts in one R0 sample (about 0.2 s here)."""
EVENTS_PER_DAY = 8.0
COST_R0 = 20.0
COST_R0_1000 = 22.0
GROWTH_1000 = 1.4
GROWTH_3000 = 1.8
PEAK_MIB = 80.0
GROWTH_MIB_PER_YEAR = 3.0


def r0_events_per_second(n: int = R0_EVENTS) -> float:
    """Events per second of a bare SimPy loop of timeouts (one process)."""
    import simpy

    def loop(env: simpy.Environment) -> Any:
        for _ in range(n):
            yield env.timeout(1)

    env = simpy.Environment()
    env.process(loop(env))
    start = time.perf_counter()
    env.run()
    return n / (time.perf_counter() - start)


def kernel_seconds_per_event(processes: int, total: int = 200_000) -> float:
    """Seconds per event of a bare SimPy loop with this many concurrent processes."""
    import simpy

    env = simpy.Environment()
    per = max(1, total // processes)

    def loop(k: int) -> Any:
        for _ in range(per):
            yield env.timeout(1.0 + (k % 7) * 0.01)

    for k in range(processes):
        env.process(loop(k))
    start = time.perf_counter()
    env.run()
    return (time.perf_counter() - start) / (per * processes)


def scenario_for(people: int, weeks: int = 52) -> Any:
    from scenarios.generate import big_org
    from sim import load_scenario, parse_scenario

    if people == 20:
        return load_scenario("siloed-marketing")
    return parse_scenario(big_org(people, max(4, people // 10), weeks=weeks))


def rss_mib() -> float:
    """Resident set size now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text(encoding="ascii").split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def git_commit(tree: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or "?"


def child_run(people: int) -> dict[str, Any]:
    """One measured year, in this fresh process, between two R0 samples."""
    from sim import Simulation

    scn = scenario_for(people)
    sim = Simulation(scn, scn.seed)  # the warm-up plays here, untimed
    env = sim.clock.env
    # Events processed so far: scheduled (the id counter; reading it takes one) less pending
    # (in SimPy's heap, or among the clock's events due now, in a tree that has them).
    soon = getattr(sim.clock, "soon", ())
    events_before = next(env._eid) - len(env._queue) - len(soon)  # type: ignore[attr-defined]
    r0_before = r0_events_per_second()
    wall, cpu = time.perf_counter(), time.process_time()
    sim.step(sim.weeks)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    r0_after = r0_events_per_second()
    pending = len(env._queue) + len(soon)  # type: ignore[attr-defined]
    events = next(env._eid) - 1 - pending - events_before  # type: ignore[attr-defined]
    kernel = kernel_seconds_per_event(len(sim.workers))
    return {
        "people": people,
        "wall": wall,
        "cpu": cpu,
        "r0": (r0_before + r0_after) / 2,
        "r0_before": r0_before,
        "r0_after": r0_after,
        "person_days": float(sum(sim.weekly["headcount"])) * 5,
        "events": events,
        "kernel_s_per_event": kernel,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }


def child_memory(people: int, years: int) -> dict[str, Any]:
    """RSS at the end of each simulated year of a long run."""
    from sim import Simulation

    sim = Simulation(scenario_for(people, 52 * years))
    by_year = [rss_mib()]
    for _ in range(years):
        sim.step(52)
        by_year.append(rss_mib())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"people": people, "rss_by_year": by_year, "peak_rss_mib": peak}


def in_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a fresh process in child mode and read its JSON line."""
    out = subprocess.run(
        [sys.executable, __file__, *args], check=False, cwd=REPO, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """Median [min-max] of the values."""
    med = statistics.median(values)
    return f"{fmt.format(med)} [{fmt.format(min(values))}-{fmt.format(max(values))}]"


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per case (default 5)")
    parser.add_argument("--cases", default="20,100,1000,3000", help="people per case (20: siloed)")
    parser.add_argument("--memory-years", type=int, default=3, help="years of the memory run")
    parser.add_argument("--memory-repeats", type=int, default=2, help="memory runs (default 2)")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout to run beside this one, paired"
    )
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tree:  # a baseline child: that tree's engine, this script's measurement
        sys.path.insert(0, str(args.tree.resolve()))
    if args.repeats < 1:
        parser.error("--repeats: at least 1")
    if args.memory_repeats and args.memory_years < 2:
        parser.error(
            "--memory-years: at least 2 (the growth is per further year); "
            "--memory-repeats 0 skips the memory run"
        )
    if args.baseline and not (args.baseline / "sim" / "__init__.py").is_file():
        parser.error(f"--baseline {args.baseline}: not a checkout of silo (no sim/ in it)")
    if args.child:
        print(json.dumps(child_run(int(args.child))))
        return 0
    if args.memory_child:
        print(json.dumps(child_memory(int(args.memory_child), args.memory_years)))
        return 0

    cases = [int(c) for c in args.cases.split(",")]
    runs: dict[int, list[dict[str, Any]]] = {c: [] for c in cases}
    base_runs: dict[int, list[dict[str, Any]]] = {c: [] for c in cases}
    started = time.time()
    for repeat in range(args.repeats):
        for people in cases:
            if not args.baseline:
                runs[people].append(in_child(["--child", str(people)]))
                continue
            base = ["--child", str(people), "--tree", str(args.baseline.resolve())]
            pair = [(base_runs, base), (runs, ["--child", str(people)])]
            for into, child in pair if repeat % 2 == 0 else pair[::-1]:
                into[people].append(in_child(child))
    memory = [
        in_child(["--memory-child", "1000", "--memory-years", str(args.memory_years)])
        for _ in range(args.memory_repeats)
    ]
    loads = [r["load"] for rs in runs.values() for r in rs]
    print(
        f"{args.repeats} interleaved runs per case, each a fresh process between two R0 "
        f"samples; {time.time() - started:.0f} s; load average (1 min) during the runs "
        f"{spread(loads, '{:.1f}')} on {os.cpu_count()} cores\n"
    )
    ok = True
    cost: dict[int, list[float]] = {}
    share: dict[int, list[float]] = {}
    kernel: dict[int, list[float]] = {}
    for people, rs in runs.items():
        label = "siloed-marketing (20 people)" if people == 20 else f"generated {people:,} people"
        cost[people] = [r["wall"] * r["r0"] / r["person_days"] for r in rs]
        per_day = [r["events"] / r["person_days"] for r in rs]
        share[people] = [r["events"] * r["kernel_s_per_event"] / r["wall"] for r in rs]
        kernel[people] = [r["kernel_s_per_event"] * r["r0"] for r in rs]
        # The 3,000-person org's target is its growth over 100 people (below), not a cost.
        cost_target = {1000: COST_R0_1000, 3000: None}.get(people, COST_R0)
        med_cost = statistics.median(cost[people])
        ok &= statistics.median(per_day) <= EVENTS_PER_DAY
        ok &= cost_target is None or med_cost <= cost_target
        print(f"{label}, 52 weeks: median [min-max] of {len(rs)}")
        print(f"  R0                     {spread([r['r0'] / 1e6 for r in rs])} M events/s")
        print(f"  wall / CPU time        {spread([r['wall'] for r in rs], '{:.3f}')} s / "
              f"{spread([r['cpu'] for r in rs], '{:.3f}')} s")  # fmt: skip
        speed = [r["person_days"] / r["wall"] for r in rs]
        print(f"  person-days/s          {spread(speed, '{:,.0f}')}")
        print(f"  SimPy events/day       {spread(per_day)}  target <= {EVENTS_PER_DAY:.0f}: "
              f"{verdict(statistics.median(per_day), EVENTS_PER_DAY)}")  # fmt: skip
        target_text = (
            "target: growth over 100 people, below"
            if cost_target is None
            else f"target <= {cost_target:.0f}: {verdict(med_cost, cost_target)}"
        )
        print(f"  person-day cost        {spread(cost[people], '{:.1f}')} R0 events  {target_text}")
        print(f"  kernel share of time   {spread(share[people])}")
        print(f"  peak RSS               {spread([r['peak_rss_mib'] for r in rs], '{:.1f}')} MiB")
    for big, target in ((1000, GROWTH_1000), (3000, GROWTH_3000)):
        if big not in cost or 100 not in cost:
            continue
        growth = [b / s for b, s in zip(cost[big], cost[100], strict=True)]
        k_growth = [b / s for b, s in zip(kernel[big], kernel[100], strict=True)]
        fair = [1 + sh * (k - 1) for sh, k in zip(share[100], k_growth, strict=True)]
        own = [g / f for g, f in zip(growth, fair, strict=True)]
        med = statistics.median(growth)
        ok &= med <= target
        head = f"cost per person-day, {big:,} vs 100 people (paired by repeat)"
        print(f"\n{head}: {spread(growth)}x  target <= {target}: {verdict(med, target)}")
        print(f"  bare SimPy per event, {big:,} vs 100 processes: {spread(k_growth)}x")
        print(f"  weighted by the kernel's share at 100 people: {spread(fair, '{:.3f}')}x")
        print(f"  the engine's growth beyond SimPy's own: {spread(own)}x")
    if args.baseline:
        print(f"\nthis tree ({git_commit(REPO)}) over the baseline {args.baseline} "
              f"({git_commit(args.baseline)}), paired by repeat, median [min-max]:")  # fmt: skip
        for people, rs in runs.items():
            ratio = [
                (r["wall"] * r["r0"] / r["person_days"]) / (b["wall"] * b["r0"] / b["person_days"])
                for r, b in zip(rs, base_runs[people], strict=True)
            ]
            base_cost = [b["wall"] * b["r0"] / b["person_days"] for b in base_runs[people]]
            print(f"  {people:>5,} people: cost {spread(ratio, '{:.3f}')}x "
                  f"(baseline {spread(base_cost, '{:.1f}')} R0 events a person-day)")  # fmt: skip
    if 1000 in runs:
        peak = statistics.median(r["peak_rss_mib"] for r in runs[1000])
        ok &= peak < PEAK_MIB
        peaks = spread([r["peak_rss_mib"] for r in runs[1000]], "{:.1f}")
        print(f"\npeak RSS of a 1,000-person year: {peaks} MiB  target < {PEAK_MIB:.0f}: ", end="")
        print(verdict(peak, PEAK_MIB))
    years = args.memory_years
    per_year = [(m["rss_by_year"][-1] - m["rss_by_year"][1]) / (years - 1) for m in memory]
    if memory and years > 1:
        med = statistics.median(per_year)
        ok &= med < GROWTH_MIB_PER_YEAR
        rss = ", ".join(f"{x:.1f}" for x in memory[0]["rss_by_year"])
        print(f"RSS growth per further simulated year, 1,000 people over {years} years: "
              f"{spread(per_year, '{:.1f}')} MiB  target < {GROWTH_MIB_PER_YEAR:.0f}: "
              f"{verdict(med, GROWTH_MIB_PER_YEAR)}")  # fmt: skip
        print(f"  RSS (MiB) after the warm-up and at each year's end, first run: {rss}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
