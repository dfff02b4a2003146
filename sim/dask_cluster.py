"""Our own local Dask cluster: started so that Ctrl-C is never lost, ended at once.

A Ctrl-C must end a Dask run in well under two seconds, whenever it comes.
Two things stood in the way. Starting the cluster (a fresh interpreter per
worker) takes seconds, and Ctrl-C used to be held back for all of it, so that
the workers are born with it blocked (they must not die of it with a
traceback: the parent decides how to stop). And a cluster closed politely
retires its workers, each of which is busy in a run it cannot leave, while
their nannies start new workers in place of ended ones.

So the cluster starts in a helper thread born with Ctrl-C blocked (the
threads and worker processes it starts inherit that), while the main thread
waits for it with Ctrl-C open; and ending the cluster tells each nanny that
it is closing (it then starts no new worker) and kills the worker processes
outright, before the cluster is closed.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from concurrent.futures import Future
from contextlib import suppress
from typing import Any


def start_cluster(settings: dict[str, Any], **options: Any) -> Any:
    """A `distributed.LocalCluster(**options)` started under dask `settings`.

    Ctrl-C while it starts ends the worker processes started so far and raises
    KeyboardInterrupt at once; the half-started cluster is closed in the
    background if this process lives on (a notebook), silently.
    """
    import multiprocessing

    import dask
    from distributed import LocalCluster

    from sim.executors import interrupts_held

    started: Future[Any] = Future()
    abandoned = threading.Event()

    def start() -> None:
        try:
            with dask.config.set(settings):
                cluster = LocalCluster(**options)
        except BaseException as exc:  # handed to the waiting thread, whatever it is
            started.set_exception(exc)
            return
        started.set_result(cluster)
        if abandoned.is_set():
            end_cluster(cluster)

    before = {p.pid for p in multiprocessing.active_children()}
    with interrupts_held(for_exec=True):  # the helper and all it starts: born blocked
        helper = threading.Thread(target=start, name="silo-dask-start", daemon=True)
        helper.start()
    try:
        return started.result()
    except BaseException:
        abandoned.set()
        if started.done() and not started.cancelled() and started.exception() is None:
            end_cluster(started.result())  # started just as the interrupt came
        else:
            # Nannies still starting log each worker they lose as an error:
            # this run is over, and none of that is news to the user.
            logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)
            pids = [p.pid for p in multiprocessing.active_children() if p.pid not in before]
            end_processes([pid for pid in pids if pid is not None])
        raise


def worker_pids(cluster: Any) -> list[int]:
    """The process ids of a local cluster's workers, read from their nannies (no messages)."""
    return [pid for nanny in list(cluster.workers.values()) if (pid := nanny.pid) is not None]


def end_cluster(cluster: Any) -> None:
    """End a local cluster's workers now (their runs included), then close it."""
    end_workers(cluster)
    with suppress(Exception):  # a cluster already failing: its workers are ended
        cluster.close()


def end_workers(cluster: Any) -> None:
    """Kill a local cluster's worker processes; their nannies start no new ones."""
    from distributed.core import Status

    pids = worker_pids(cluster)
    for nanny in list(cluster.workers.values()):
        # What a cluster's own close sets first: a nanny whose worker ends then
        # closes instead of starting another (a second or two, outliving us).
        nanny.status = Status.closing_gracefully
    end_processes(pids)


def end_processes(pids: list[int]) -> None:
    """Kill our child processes `pids` and reap them (no zombie outlives the command)."""
    for pid in pids:
        with suppress(OSError):  # ended already
            os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))  # no SIGKILL on Windows
    for pid in pids:
        # Killed, each ends at once; whichever of us and its nanny's watcher reaps it
        # first, the other is told it is gone.
        with suppress(ChildProcessError, OSError):
            os.waitpid(pid, 0)
