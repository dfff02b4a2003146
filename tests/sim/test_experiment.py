"""sim.experiment: seeds, overrides, common random numbers, comparisons and sweeps."""

from __future__ import annotations

import json
import math
import multiprocessing
from concurrent.futures import Executor, Future
from typing import Any

import numpy as np
import pytest

from sim import load_scenario, run
from sim.executors import ExperimentError, SerialExecutor, open_executor
from sim.experiment import (
    compare,
    replicate,
    replication_seed,
    replication_seeds,
    sweep,
    task_sizes,
    with_overrides,
)
from sim.limits import MAX_REPLICATIONS, MAX_SEED
from sim.results import RunResult
from sim.scenario import Scenario, ScenarioError
from sim.stats import unpaired_difference


@pytest.fixture(scope="module")
def short() -> Scenario:
    """siloed-marketing over 8 weeks: the real model, cheap enough for many runs."""
    return with_overrides(load_scenario("siloed-marketing"), {"weeks": 8})


def same_run(a: RunResult, b: RunResult) -> bool:
    """Bit-for-bit the same run: identity, every summary value, series, events, actions."""

    def same_numbers(x: dict[str, Any], y: dict[str, Any]) -> bool:
        return x.keys() == y.keys() and all(
            np.array_equal(np.asarray(x[k]), np.asarray(y[k]), equal_nan=True) for k in x
        )

    return (
        (a.scenario, a.seed, a.weeks, a.version) == (b.scenario, b.seed, b.weeks, b.version)
        and same_numbers(a.summary, b.summary)
        and same_numbers(a.weekly, b.weekly)
        and a.team_weekly.keys() == b.team_weekly.keys()
        and all(same_numbers(a.team_weekly[t], b.team_weekly[t]) for t in a.team_weekly)
        and a.events == b.events
        and a.actions == b.actions
    )


def test_tasks_hold_half_a_second_then_shrink_so_workers_finish_together() -> None:
    # siloed-marketing, 52 weeks: 1,040 person-weeks, about 0.074 s a run here.
    sizes = task_sizes(40, 20 * 52, 2)
    assert sum(sizes) == 40
    assert sizes[0] == 7  # 7 runs: about 0.5 s
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[-3:] == [1, 1, 1]
    assert task_sizes(5, 20 * 52, 1) == [1] * 5  # in process: one run at a time


def test_replication_seeds_depend_only_on_the_base_seed_and_index() -> None:
    seeds = replication_seeds(1, 50)
    assert seeds == replication_seeds(1, 50)
    assert seeds[:10] == replication_seeds(1, 10)  # more replications keep the first ones
    assert len(set(seeds)) == 50
    assert set(seeds).isdisjoint(replication_seeds(2, 50))
    assert all(0 <= s <= MAX_SEED for s in seeds)  # a valid scenario seed
    assert replication_seed(1, 3) == seeds[3]


def test_replications_are_runs_at_the_derived_seeds(short: Scenario) -> None:
    results = replicate(short, 3, executor=SerialExecutor())
    assert [r.seed for r in results] == replication_seeds(short.seed, 3)
    for r in results:
        assert same_run(r, run(short, seed=r.seed))
    other_base = replicate(short, 1, seed=99, executor=SerialExecutor())
    assert other_base[0].seed == replication_seed(99, 0)


def test_serial_and_process_pool_give_identical_results_in_order(short: Scenario) -> None:
    variants = {"today": short, "calendar": with_overrides(short, {"tools.shared_calendar": True})}
    # 2 variants x 8 replications on 2 workers: tasks of 4, 3, 2 and 1 runs,
    # finishing in any order.
    assert task_sizes(16, 20 * 8, 2) == [4, 3, 3, 2, 1, 1, 1, 1]
    serial = compare(variants, 8, executor=SerialExecutor())
    with open_executor("process", workers=2) as pool:
        pooled = compare(variants, 8, executor=pool)
    assert serial.seeds == pooled.seeds
    for runs_a, runs_b in zip(serial.runs, pooled.runs, strict=True):
        assert [r.seed for r in runs_b] == list(pooled.seeds)
        assert all(same_run(a, b) for a, b in zip(runs_a, runs_b, strict=True))


def test_a_variant_compared_with_itself_differs_by_exactly_zero(short: Scenario) -> None:
    copy = short.model_copy()
    result = compare([short, copy], 4, executor=SerialExecutor())
    assert result.labels == ("siloed-marketing", "siloed-marketing (2)")
    for measure in result.runs[0][0].summary:
        diff = result.difference(1, measure)
        if diff.n == 0:  # undefined in every run (no campaign finished): nothing to pair
            continue
        assert (diff.mean, diff.low, diff.high) == (0.0, 0.0, 0.0), measure
        assert not diff.excludes(0.0)


def test_paired_intervals_are_narrower_than_unpaired_ones() -> None:
    # A shared calendar on siloed-marketing, 10 replications of 12 weeks. On
    # common seeds the two variants see the same campaigns, so the noise they
    # share cancels in the paired differences. Measured: paired half-widths
    # are 2-9x narrower than Welch's for these measures; the test asks < 1x.
    scn = with_overrides(load_scenario("siloed-marketing"), {"weeks": 12})
    calendar = with_overrides(scn, {"tools.shared_calendar": True})
    result = compare({"today": scn, "calendar": calendar}, 10)
    for measure in ("value", "efficiency", "engagement", "campaigns_done", "lead_time_mean"):
        paired = result.difference("calendar", measure)
        unpaired = unpaired_difference(result.values(0, measure), result.values(1, measure))
        assert paired.mean == pytest.approx(unpaired.mean), measure
        assert paired.half_width < unpaired.half_width, measure
    # And the calendar's effect on duplicated work is clear of zero.
    assert result.difference("calendar", "hours_duplicated").high < 0


def test_comparison_records_and_json(short: Scenario) -> None:
    result = compare({"a": short, "b": short}, 3, executor=SerialExecutor())
    rows = result.to_records()
    assert len(rows) == 6
    assert rows[0]["variant"] == "a"
    assert rows[3]["variant"] == "b"
    assert [r["seed"] for r in rows[:3]] == [r["seed"] for r in rows[3:]] == list(result.seeds)
    assert {"replication", "efficiency", "hours_duplicated"} <= rows[0].keys()
    summary = result.summary_records(["value"])
    assert [(r["variant"], r["measure"]) for r in summary] == [("a", "value"), ("b", "value")]
    assert summary[1]["diff_mean"] == 0.0
    assert summary[1]["diff_clear"] is False
    document = json.loads(result.to_json())  # strict JSON: no NaN anywhere
    assert document["baseline"] == "a"
    assert len(document["runs"]) == 6
    with pytest.raises(KeyError, match="no variant 'c'"):
        result.interval("c", "value")


def test_overrides_by_star_name_and_index() -> None:
    scn = load_scenario("siloed-marketing")
    changed = with_overrides(
        scn,
        {
            "teams.*.shared_weight": 0.7,
            "teams.SEO.kpi": "campaign",
            "teams.1.engagement": 0.5,
            "tools.shared_calendar": True,
            "params.engagement_rate": 0.2,
            "weeks": 10,
        },
    )
    assert [t.shared_weight for t in changed.teams] == [0.7] * len(scn.teams)
    assert changed.teams[0].kpi == "campaign"
    assert [t.kpi for t in changed.teams[1:]] == [t.kpi for t in scn.teams[1:]]
    assert changed.teams[1].engagement == 0.5
    assert changed.tools.shared_calendar is True
    assert changed.params.engagement_rate == 0.2
    assert changed.weeks == 10
    assert scn.weeks == 52  # the original is untouched


@pytest.mark.parametrize(
    ("overrides", "key", "fragment"),
    [
        ({"params.engagment_rate": 0.2}, "params.engagment_rate", "did you mean 'engagement_rate'"),
        ({"parms.engagement_rate": 0.2}, "parms.engagement_rate", "unknown key 'parms'"),
        ({"params.engagement_rate": "fast"}, "params.engagement_rate", "valid number"),
        ({"teams.*.shared_weight": 2}, "teams.*.shared_weight", "less than or equal to 1"),
        ({"teams.SE0.kpi": "campaign"}, "teams.SE0.kpi", "no item named 'SE0'"),
        ({"teams.9.kpi": "campaign"}, "teams.9.kpi", "no index 9"),
        ({"tools.shared_calendar.on": True}, "tools.shared_calendar.on", "is a value"),
        ({"weeks": 0}, "weeks", "greater than or equal to 1"),
        ({"a..b": 1}, "a..b", "not a key path"),
    ],
)
def test_a_bad_override_is_refused_naming_its_key(
    overrides: dict[str, Any], key: str, fragment: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        with_overrides(load_scenario("siloed-marketing"), overrides)
    assert caught.value.path == key
    assert fragment in caught.value.message
    assert "\n" not in str(caught.value)


class CountingExecutor(Executor):
    """Runs tasks in process and counts them."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def test_a_sweep_validates_every_point_before_running_any(short: Scenario) -> None:
    executor = CountingExecutor()
    with pytest.raises(ScenarioError, match=r"teams\.\*\.shared_weight"):
        sweep(short, {"teams.*.shared_weight": [0.2, 0.5, 1.5]}, 2, executor=executor)
    assert executor.submitted == 0
    with pytest.raises(ExperimentError, match="no values"):
        sweep(short, {"weeks": []}, 2, executor=executor)
    with pytest.raises(ExperimentError, match="seed"):
        sweep(short, {"seed": [1, 2]}, 2, executor=executor)
    assert executor.submitted == 0


def test_sweep_gives_tidy_rows_on_common_seeds(short: Scenario) -> None:
    grid = {"tools.shared_calendar": [False, True], "teams.*.shared_weight": [0.2, 0.8]}
    result = sweep(short, grid, 2, executor=SerialExecutor())
    assert result.points == (
        {"tools.shared_calendar": False, "teams.*.shared_weight": 0.2},
        {"tools.shared_calendar": False, "teams.*.shared_weight": 0.8},
        {"tools.shared_calendar": True, "teams.*.shared_weight": 0.2},
        {"tools.shared_calendar": True, "teams.*.shared_weight": 0.8},
    )
    rows = result.to_records()
    assert len(rows) == 4 * 2
    assert list(rows[0])[:4] == ["tools.shared_calendar", "teams.*.shared_weight",
                                 "replication", "seed"]  # fmt: skip
    assert {r["seed"] for r in rows} == set(result.seeds)  # every point on the same seeds
    # Each point really ran its own values.
    calendar_off = [r["hours_duplicated"] for r in rows if not r["tools.shared_calendar"]]
    calendar_on = [r["hours_duplicated"] for r in rows if r["tools.shared_calendar"]]
    assert sum(calendar_on) < sum(calendar_off)
    summary = result.summary_records(["value"])
    assert len(summary) == 4
    assert summary[0]["n"] == 2
    assert summary[0]["value_ci_low"] <= summary[0]["value_mean"] <= summary[0]["value_ci_high"]
    assert json.loads(result.to_json())["keys"] == list(grid)


def test_a_sweep_of_weeks_keeps_the_summary_weeks_column(short: Scenario) -> None:
    result = sweep(short, {"weeks": [2, 4]}, 1, executor=SerialExecutor())
    rows = result.to_records()
    assert [(r["set.weeks"], r["weeks"]) for r in rows] == [(2, 2.0), (4, 4.0)]


def test_progress_reports_every_replication(short: Scenario) -> None:
    calls: list[tuple[int, int]] = []
    replicate(short, 5, executor=SerialExecutor(), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


@pytest.mark.parametrize("count", [0, -1, 2.5, True, MAX_REPLICATIONS + 1])
def test_replications_must_be_a_positive_whole_number(short: Scenario, count: Any) -> None:
    with pytest.raises(ExperimentError, match="replications"):
        replicate(short, count)


def test_an_interrupt_stops_the_pool_it_started(short: Scenario) -> None:
    def interrupt(done: int, total: int) -> None:
        raise KeyboardInterrupt

    longer = with_overrides(short, {"weeks": 20})
    with pytest.raises(KeyboardInterrupt):
        replicate(longer, 12, progress=interrupt)  # its own process pool
    assert multiprocessing.active_children() == []


def test_unknown_executor_and_unreachable_scheduler_are_refused() -> None:
    unknown = pytest.raises(ExperimentError, match="unknown executor 'threads'")
    with unknown, open_executor("threads"):
        pass
    unreachable = pytest.raises(ExperimentError, match=r"cannot reach the Dask scheduler at tcp")
    with unreachable, open_executor("dask", scheduler="tcp://127.0.0.1:9", connect_timeout=0.5):
        pass


def test_nan_measures_stay_nan_through_the_pool(short: Scenario) -> None:
    # Two weeks from a cold start (no warm-up: the org starts with no work in flight):
    # few campaigns finish, so some runs have no lead time (NaN). With the warm-up,
    # campaigns in flight at week 0 finish within days and every run has one.
    tiny = with_overrides(short, {"weeks": 2, "params.warmup_weeks": 0})
    with open_executor("process", workers=2) as pool:
        pooled = replicate(tiny, 4, executor=pool)
    serial = replicate(tiny, 4, executor=SerialExecutor())
    assert all(same_run(a, b) for a, b in zip(pooled, serial, strict=True))
    assert any(math.isnan(r.summary["lead_time_mean"]) for r in serial)
