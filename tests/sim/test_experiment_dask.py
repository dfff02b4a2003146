"""The Dask executor: a real LocalCluster gives the same runs as this process.

The cluster has 2 single-threaded worker *processes* (processes=True, as
`silo --executor dask` starts it); it starts in about a second here.
"""

from __future__ import annotations

import numpy as np

from sim import load_scenario
from sim.executors import SerialExecutor, open_executor, worker_count
from sim.experiment import compare, sweep, with_overrides


def test_dask_local_cluster_matches_serial_bit_for_bit() -> None:
    short = with_overrides(load_scenario("siloed-marketing"), {"weeks": 8})
    variants = {
        "today": short,
        "shared goals": with_overrides(short, {"teams.*.shared_weight": 0.8}),
    }
    grid = {"tools.shared_calendar": [False, True]}
    serial = compare(variants, 6, executor=SerialExecutor())
    serial_grid = sweep(short, grid, 3, executor=SerialExecutor())
    with open_executor("dask", workers=2, processes=True) as executor:
        assert worker_count(executor) == 2
        remote = compare(variants, 6, executor=executor)
        remote_grid = sweep(short, grid, 3, executor=executor)

    assert remote.seeds == serial.seeds
    for here, there in zip(serial.runs, remote.runs, strict=True):
        for a, b in zip(here, there, strict=True):
            assert a.seed == b.seed
            assert a.events == b.events
            for k in a.summary:
                assert np.array_equal(a.summary[k], b.summary[k], equal_nan=True), k
            for k in a.weekly:
                assert np.array_equal(a.weekly[k], b.weekly[k], equal_nan=True), k
    assert remote_grid.to_json() == serial_grid.to_json()
