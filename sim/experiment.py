"""Experiments: replications, paired comparisons of variants, and parameter sweeps.

Replication i of a scenario runs with a seed derived from the scenario's seed
and i alone (`replication_seed`), never from the worker that runs it, so an
experiment gives the same numbers serially, on a process pool or on a Dask
cluster. Variants of a comparison and points of a sweep share those seeds
(common random numbers): each replication sees the same arrivals, efforts and
draws under every variant, and the paired differences show the effect of the
change with the shared noise taken out.

Variants are scenarios changed by overrides: dotted key paths into the
scenario's data (`params.engagement_rate`, `teams.*.shared_weight`,
`teams.SEO.kpi`, `tools.shared_calendar`, `weeks`), set on the scenario's JSON
form and validated again by the schema, so an unknown key or a wrong type is
refused, naming the key, before anything runs.

    from sim import load_scenario
    from sim.experiment import compare, sweep, with_overrides
    scn = load_scenario("siloed-marketing")
    calendar = with_overrides(scn, {"tools.shared_calendar": True})
    table = compare({"today": scn, "calendar": calendar}, replications=20)
    table.difference("calendar", "hours_duplicated")    # paired, with a 95% CI
    grid = sweep(scn, {"teams.*.shared_weight": [0.2, 0.5, 0.8]}, replications=10)
    grid.to_records()                                    # tidy rows for pandas
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.executors import (
    ExperimentError,
    SerialExecutor,
    cancel_queued,
    cpu_count,
    process_pool,
    result_from_data,
    run_task,
    stop,
    wait_for_some,
    worker_count,
)
from sim.limits import MAX_REPLICATIONS, MAX_RUNS
from sim.results import SUMMARY_LABELS, RunResult
from sim.scenario import Scenario, ScenarioError, parse_scenario
from sim.stats import LEVEL, Band, Interval, mean_ci, paired_difference, series_band

__all__ = [
    "Comparison",
    "ExperimentError",
    "Sweep",
    "compare",
    "replicate",
    "replication_seed",
    "replication_seeds",
    "sweep",
    "with_overrides",
]

ProgressCallback = Callable[[int, int], object]
"""Called as `progress(done, total)` each time a replication finishes."""

# Tasks of about this long amortize a task's cost on any executor (a Dask task
# costs milliseconds) and still give a progress bar a few steps a second.
TASK_SECONDS = 0.5
# The engine's speed on siloed-marketing (benchmarks/engine.py: about 70,000
# person-days a second): enough to size tasks, not to promise a duration.
PERSON_WEEKS_PER_SECOND = 14_000.0


def replication_seed(seed: int, index: int) -> int:
    """The seed of replication `index` of an experiment whose base seed is `seed`.

    A SeedSequence of the pair: distinct pairs give unrelated streams, and the
    63 bits fit a scenario's seed field.
    """
    words = np.random.SeedSequence([seed, index]).generate_state(2, np.uint32)
    return (int(words[0]) << 31) | (int(words[1]) >> 1)


def replication_seeds(seed: int, replications: int) -> list[int]:
    """Seeds of replications 0 .. replications-1."""
    return [replication_seed(seed, i) for i in range(replications)]


def with_overrides(
    scenario: Scenario,
    overrides: Mapping[str, Any] | Iterable[tuple[str, Any]],
    source: str | None = None,
) -> Scenario:
    """The scenario with each dotted `key: value` set, validated again by the schema.

    A step into a list is `*` (every item), an item's name (`teams.SEO`) or an
    index (`teams.0`). Missing table keys are created, so the schema reports a
    misspelt key as unknown rather than this function guessing.

    Raises:
        ScenarioError: naming the override's key: a path that matches nothing,
            an unknown key, or a value of the wrong type or out of range.
    """
    items = list(overrides.items()) if isinstance(overrides, Mapping) else list(overrides)
    if not items:
        return scenario
    where = scenario.name if source is None else source
    original = scenario.model_dump(mode="json")
    data = scenario.model_dump(mode="json")
    touched = [(key, value, _assign(data, key, value, where)) for key, value in items]
    try:
        return parse_scenario(data, where)
    except ScenarioError as exc:
        raise _blame(exc, touched, original, where) from None


def _assign(data: dict[str, Any], key: str, value: Any, where: str) -> list[str]:
    """Set `key` to `value` in `data`; the concrete paths set, in the schema's notation."""
    steps = key.split(".")
    if not key.strip() or any(not s for s in steps):
        raise ScenarioError("not a key path (e.g. params.engagement_rate)", where, key)
    nodes: list[tuple[Any, str]] = [(data, "")]
    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        reached: list[tuple[Any, str]] = []
        for node, path in nodes:
            if isinstance(node, dict):
                here = f"{path}.{step}" if path else step
                if last:
                    node[step] = value
                reached.append((None if last else node.setdefault(step, {}), here))
            elif isinstance(node, list):
                for i in _indices(node, step, path or key, key, where):
                    if last:
                        node[i] = value
                    reached.append((None if last else node[i], f"{path}.{i}" if path else str(i)))
            else:
                raise ScenarioError(f"{path} is a value, not a table", where, key)
        nodes = reached
    return [path for _, path in nodes]


def _indices(items: list[Any], step: str, where_in: str, key: str, where: str) -> list[int]:
    if step == "*":
        return list(range(len(items)))
    if step.isdigit():
        if int(step) >= len(items):
            message = f"{where_in} has {len(items)} items, so no index {step}"
            raise ScenarioError(message, where, key)
        return [int(step)]
    named = [i for i, it in enumerate(items) if isinstance(it, dict) and it.get("name") == step]
    if not named:
        names = [it["name"] for it in items if isinstance(it, dict) and "name" in it]
        listed = f" (names: {', '.join(names)})" if names else ""
        raise ScenarioError(f"{where_in} has no item named {step!r}{listed}", where, key)
    return named


def _blame(
    exc: ScenarioError,
    touched: list[tuple[str, Any, list[str]]],
    original: dict[str, Any],
    where: str,
) -> ScenarioError:
    """The schema's complaint, told against the override that caused it."""
    for key, value, paths in touched:
        for path in paths:
            inside = exc.path == path or exc.path.startswith(path + ".")
            above = path.startswith(exc.path + ".") if exc.path else len(touched) == 1
            if not (inside or above):
                continue
            if exc.message.startswith("unknown key"):
                name = exc.path.rsplit(".", 1)[-1]
                known = _keys_at(original, exc.path.rsplit(".", 1)[0] if "." in exc.path else "")
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                shown = "" if exc.path == path else f" {name!r}"
                return ScenarioError(f"unknown key{shown}{hint}", where, key)
            # The same refusal for each team of a `*` key is one problem to the user.
            message = re.sub(r" \(and \d+ more problems?\)$", "", exc.message)
            return ScenarioError(f"{message} (got {value!r})", where, key)
    return exc


def _keys_at(data: Any, path: str) -> list[str]:
    node = data
    for step in path.split(".") if path else []:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return []
    return list(node) if isinstance(node, dict) else []


def _check_replications(replications: int) -> None:
    if isinstance(replications, bool) or not isinstance(replications, int):
        raise ExperimentError(f"replications must be a whole number, not {replications!r}")
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise ExperimentError(
            f"replications must be from 1 to {MAX_REPLICATIONS:,}, not {replications}"
        )


def person_weeks(scenario: Scenario, weeks: int | None = None) -> int:
    """The size of one run: head count times the weeks it plays (the warm-up's too)."""
    horizon = scenario.weeks if weeks is None else min(weeks, scenario.weeks)
    played = horizon + scenario.params.warmup_weeks
    return sum(team.head_count for team in scenario.teams) * played


def runs_per_task(run_person_weeks: int) -> int:
    """Replications that make about TASK_SECONDS of work."""
    seconds = max(run_person_weeks / PERSON_WEEKS_PER_SECOND, 1e-4)
    return math.ceil(TASK_SECONDS / seconds)


def task_size(remaining: int, wanted: int, workers: int) -> int:
    """The next task's replications (guided self-scheduling).

    Tasks hold `wanted` runs (about TASK_SECONDS) while much remains, then
    shrink to a single run: the last tasks to finish are short, so no worker
    waits long at the end for another's big task. In process (one worker)
    every task is one run, for progress run by run.
    """
    if workers <= 1:
        return 1
    return max(1, min(wanted, math.ceil(remaining / (2 * workers))))


def task_sizes(runs: int, run_person_weeks: int, workers: int) -> list[int]:
    """The sizes of the tasks of `runs` replications of one scenario, in order."""
    wanted = runs_per_task(run_person_weeks)
    sizes = []
    while runs:
        sizes.append(task_size(runs, wanted, workers))
        runs -= sizes[-1]
    return sizes


def _run_all(
    specs: Sequence[tuple[Scenario, Sequence[int]]],
    weeks: int | None,
    executor: Executor | None,
    progress: ProgressCallback | None,
) -> list[list[RunResult]]:
    """Run each scenario at each of its seeds; results in seed order, whoever ran them."""
    from sim.skips import check_script

    # What can never apply is refused before the first run; what a run's own luck
    # rules out (someone quit) is skipped in that run and counted (sim.skips).
    for scenario, _ in specs:
        check_script(scenario)
    total = sum(len(seeds) for _, seeds in specs)
    workers = cpu_count() if executor is None else worker_count(executor)
    largest = max(person_weeks(scenario, weeks) for scenario, _ in specs)
    wanted = runs_per_task(largest)
    remaining = total
    tasks: list[tuple[int, int, dict[str, Any]]] = []
    for index, (scenario, seeds) in enumerate(specs):
        data = scenario.model_dump(mode="json")
        start = 0
        while start < len(seeds):
            # A task holds one scenario: a size that crosses into the next is cut.
            end = min(start + task_size(remaining, wanted, workers), len(seeds))
            task = {"scenario": data, "seeds": list(seeds[start:end]), "weeks": weeks,
                    "skip_impossible": True}  # fmt: skip
            tasks.append((index, start, task))
            remaining -= end - start
            start = end

    own = executor is None
    results: list[list[RunResult | None]] = [[None] * len(seeds) for _, seeds in specs]
    pending: dict[Future[list[dict[str, Any]]], int] = {}
    submitted = done = 0
    try:
        # Started inside the try: an interrupt just after the pool starts still stops it.
        if executor is None:
            few = len(tasks) <= 1 or workers <= 1
            executor = SerialExecutor() if few else process_pool(min(workers, len(tasks)))
        # In process, submit one task at a time so progress shows as each finishes.
        window = 1 if isinstance(executor, SerialExecutor) else len(tasks)
        while submitted < len(tasks) or pending:
            while submitted < len(tasks) and len(pending) < window:
                pending[executor.submit(run_task, tasks[submitted][2])] = submitted
                submitted += 1
            finished = wait_for_some(pending)
            for future in sorted(finished, key=pending.__getitem__):
                index, start, _task = tasks[pending.pop(future)]
                for offset, data in enumerate(future.result()):
                    results[index][start + offset] = result_from_data(data)
                    done += 1
                    if progress is not None:
                        progress(done, total)
    except BaseException:
        if own and executor is not None:
            stop(executor)
        else:
            cancel_queued(pending)
        raise
    if own:
        executor.shutdown(wait=True)
    return [[r for r in runs if r is not None] for runs in results]


def replicate(
    scenario: Scenario,
    replications: int,
    *,
    seed: int | None = None,
    weeks: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> list[RunResult]:
    """`replications` independent runs of the scenario, in replication order.

    Seeds come from `seed` (default: the scenario's) and the replication index.
    With no executor, a process pool with one worker per core runs them (or
    this process, when there is only one task's worth of work).
    """
    _check_replications(replications)
    seeds = replication_seeds(scenario.seed if seed is None else seed, replications)
    return _run_all([(scenario, seeds)], weeks, executor, progress)[0]


def _labelled(variants: Mapping[str, Scenario] | Sequence[Scenario]) -> list[tuple[str, Scenario]]:
    if isinstance(variants, Mapping):
        pairs = [(str(label), scenario) for label, scenario in variants.items()]
    else:
        pairs = []
        seen: dict[str, int] = {}
        for scenario in variants:
            seen[scenario.name] = seen.get(scenario.name, 0) + 1
            count = seen[scenario.name]
            pairs.append((scenario.name if count == 1 else f"{scenario.name} ({count})", scenario))
    if not pairs:
        raise ExperimentError("nothing to compare: give at least one variant")
    for label, scenario in pairs:
        if not isinstance(scenario, Scenario):
            raise ExperimentError(f"variant {label!r} is not a Scenario")
    return pairs


def _clean(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


def measures_of(run: RunResult, measures: Sequence[str] | None) -> list[str]:
    """The measures a table shows: the headline ones (SUMMARY_LABELS) unless named."""
    if measures is None:
        return [k for k in SUMMARY_LABELS if k in run.summary]
    unknown = [m for m in measures if m not in run.summary]
    if unknown:
        raise ExperimentError(
            f"unknown measure {unknown[0]!r} (summary measures: {', '.join(run.summary)})"
        )
    return list(measures)


@dataclass(frozen=True)
class Comparison:
    """Variants run on the same seeds: per-variant intervals and paired differences.

    Differences are always against the first variant (the baseline).
    """

    labels: tuple[str, ...]
    seeds: tuple[int, ...]
    runs: tuple[tuple[RunResult, ...], ...]
    """Per variant, its runs in replication order (run i of every variant has seed i)."""

    def index(self, variant: int | str) -> int:
        if isinstance(variant, int):
            return variant
        try:
            return self.labels.index(variant)
        except ValueError:
            raise KeyError(f"no variant {variant!r} (variants: {', '.join(self.labels)})") from None

    def values(self, variant: int | str, measure: str) -> list[float]:
        return [float(r.summary[measure]) for r in self.runs[self.index(variant)]]

    def interval(self, variant: int | str, measure: str, level: float = LEVEL) -> Interval:
        """Mean of `measure` under `variant` and its t interval."""
        return mean_ci(self.values(variant, measure), level)

    def difference(self, variant: int | str, measure: str, level: float = LEVEL) -> Interval:
        """Paired difference `variant - baseline` of `measure`; `.excludes(0)` when clear."""
        return paired_difference(self.values(0, measure), self.values(variant, measure), level)

    def band(self, variant: int | str, series: str, level: float = LEVEL) -> Band:
        """A weekly series' mean and interval, week by week, under `variant`."""
        return series_band([r.weekly[series] for r in self.runs[self.index(variant)]], level)

    def summary_records(self, measures: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One row per measure and variant: mean, CI, and the paired difference vs the first."""
        rows: list[dict[str, Any]] = []
        for measure in measures_of(self.runs[0][0], measures):
            for i, label in enumerate(self.labels):
                ci = self.interval(i, measure)
                row: dict[str, Any] = {
                    "measure": measure,
                    "variant": label,
                    "n": ci.n,
                    "mean": ci.mean,
                    "ci_low": ci.low,
                    "ci_high": ci.high,
                }
                diff = self.difference(i, measure) if i else None
                row["diff_mean"] = diff.mean if diff else math.nan
                row["diff_low"] = diff.low if diff else math.nan
                row["diff_high"] = diff.high if diff else math.nan
                row["diff_clear"] = diff.excludes(0.0) if diff else None
                # The difference as a % of the baseline's mean, beside the absolute one.
                base = rows[-i]["mean"] if i else math.nan
                row["diff_pct"] = (
                    100.0 * diff.mean / abs(base)
                    if diff and math.isfinite(base) and base != 0
                    else math.nan
                )
                rows.append(row)
        return rows

    def to_records(self) -> list[dict[str, Any]]:
        """One row per run: variant, replication, seed and every summary measure."""
        return [
            {"variant": label, "replication": j, "seed": run.seed, **run.summary}
            for label, runs in zip(self.labels, self.runs, strict=True)
            for j, run in enumerate(runs)
        ]

    def to_frame(self, weekly: bool = False) -> Any:
        """A pandas DataFrame: one row per run, or per run and week (needs pandas)."""
        from sim.frames import frame
        from sim.timeline import weekly_records

        return frame(weekly_records(self) if weekly else self.to_records())

    def to_dict(self) -> dict[str, Any]:
        return {
            "variants": list(self.labels),
            "baseline": self.labels[0],
            "replications": len(self.seeds),
            "seeds": list(self.seeds),
            "level": LEVEL,
            "summary": [{k: _clean(v) for k, v in row.items()}
                        for row in self.summary_records(list(self.runs[0][0].summary))],
            "runs": [{k: _clean(v) for k, v in row.items()} for row in self.to_records()],
        }  # fmt: skip

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, allow_nan=False)


def compare(
    variants: Mapping[str, Scenario] | Sequence[Scenario],
    replications: int,
    *,
    seed: int | None = None,
    weeks: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Comparison:
    """Run every variant on the same `replications` seeds (common random numbers).

    `variants` maps labels to scenarios, or is a list of scenarios (labelled by
    name). Seeds derive from `seed`, by default the first variant's seed, and
    are the same for every variant.
    """
    _check_replications(replications)
    pairs = _labelled(variants)
    base = pairs[0][1].seed if seed is None else seed
    seeds = replication_seeds(base, replications)
    runs = _run_all([(scenario, seeds) for _, scenario in pairs], weeks, executor, progress)
    return Comparison(
        labels=tuple(label for label, _ in pairs),
        seeds=tuple(seeds),
        runs=tuple(tuple(r) for r in runs),
    )


@dataclass(frozen=True)
class Sweep:
    """A grid of override values, each point replicated on the same seeds."""

    keys: tuple[str, ...]
    points: tuple[dict[str, Any], ...]
    """The grid's points in order (the first key varies slowest)."""
    seeds: tuple[int, ...]
    runs: tuple[tuple[RunResult, ...], ...]
    """Per point, its runs in replication order."""

    def columns(self) -> dict[str, str]:
        """Column name of each key in records: the key, unless a run column has that name."""
        taken = {"replication", "seed", *self.runs[0][0].summary}
        return {k: f"set.{k}" if k in taken else k for k in self.keys}

    def interval(self, point: int, measure: str, level: float = LEVEL) -> Interval:
        return mean_ci((r.summary[measure] for r in self.runs[point]), level)

    def to_records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per run: the grid values, replication, seed, every summary measure."""
        columns = self.columns()
        return [
            {**{columns[k]: v for k, v in point.items()}, "replication": j, "seed": run.seed,
             **run.summary}
            for point, runs in zip(self.points, self.runs, strict=True)
            for j, run in enumerate(runs)
        ]  # fmt: skip

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per run (needs pandas)."""
        from sim.frames import frame

        return frame(self.to_records())

    def summary_records(self, measures: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One row per point: its values and each measure's mean and CI."""
        columns = self.columns()
        rows = []
        chosen = measures_of(self.runs[0][0], measures)
        for p, point in enumerate(self.points):
            row: dict[str, Any] = {columns[k]: v for k, v in point.items()}
            row["n"] = len(self.runs[p])
            for measure in chosen:
                ci = self.interval(p, measure)
                row[f"{measure}_mean"] = ci.mean
                row[f"{measure}_ci_low"] = ci.low
                row[f"{measure}_ci_high"] = ci.high
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        everything = list(self.runs[0][0].summary)
        return {
            "keys": list(self.keys),
            "points": [dict(p) for p in self.points],
            "replications": len(self.seeds),
            "seeds": list(self.seeds),
            "level": LEVEL,
            "summary": [{k: _clean(v) for k, v in row.items()}
                        for row in self.summary_records(everything)],
            "runs": [{k: _clean(v) for k, v in row.items()} for row in self.to_records()],
        }  # fmt: skip

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, allow_nan=False)


def grid_points(grid: Mapping[str, Sequence[Any]], replications: int = 1) -> list[dict[str, Any]]:
    """Every combination of the grid's values, the first key varying slowest.

    The runs (points times `replications`) are counted before any point is
    built: a grid of ten keys with ten values each is 10^10 dicts, which would
    fill memory long before a check on the built list could refuse it.

    Raises:
        ExperimentError: an empty grid or key, a key that is not a list, or more
            than `sim.limits.MAX_RUNS` runs.
    """
    if not grid:
        raise ExperimentError("a sweep needs at least one key and its values")
    if "seed" in grid:
        raise ExperimentError(
            "sweep key 'seed': replications already vary the seed; give --replications instead"
        )
    values = []
    for key, options in grid.items():
        if isinstance(options, str | bytes | Mapping) or not isinstance(options, Iterable):
            raise ExperimentError(f"sweep key {key!r}: give a list of values, not {options!r}")
        listed = list(options)
        if not listed:
            raise ExperimentError(f"sweep key {key!r} has no values")
        values.append(listed)
    points = math.prod(len(v) for v in values)
    if points * replications > MAX_RUNS:
        raise ExperimentError(
            f"{points:,} points x {replications:,} replications is more than "
            f"{MAX_RUNS:,} runs; narrow the grid"
        )
    return [dict(zip(grid, combo, strict=True)) for combo in itertools.product(*values)]


def sweep(
    scenario: Scenario,
    grid: Mapping[str, Sequence[Any]],
    replications: int,
    *,
    seed: int | None = None,
    weeks: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Sweep:
    """Replicate the scenario at every point of `grid` (key path -> values).

    Every point is built and validated before anything runs, and every point
    runs on the same seeds (from `seed`, by default the scenario's).
    """
    _check_replications(replications)
    points = grid_points(grid, replications)
    scenarios = [with_overrides(scenario, point) for point in points]
    seeds = replication_seeds(scenario.seed if seed is None else seed, replications)
    runs = _run_all([(s, seeds) for s in scenarios], weeks, executor, progress)
    return Sweep(
        keys=tuple(grid),
        points=tuple(points),
        seeds=tuple(seeds),
        runs=tuple(tuple(r) for r in runs),
    )
