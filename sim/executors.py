"""Where replications run: in this process, in a process pool or on a Dask cluster.

All three are `concurrent.futures.Executor`s, so an experiment takes any of
them (or one of its caller's own). What crosses to a worker is plain data: a
task is the scenario as a JSON-ready dict, a list of seeds and a horizon, and
each run comes back as a dict of lists and numbers. Nothing depends on which
worker ran what, so results are identical whichever executor ran them.

Workers are long-lived (a pool for the whole experiment, not a process per
run) and ignore Ctrl-C: the parent process decides how to stop, by cancelling
what is queued and ending the workers, so an interrupt never leaves a
traceback from a worker on the terminal.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, InvalidStateError, wait
from contextlib import contextmanager, suppress
from typing import Any, ClassVar

import numpy as np

from sim.results import FeedEvent, RunResult

EXECUTORS: tuple[str, ...] = ("serial", "process", "dask")
DEFAULT_CONNECT_TIMEOUT_S = 10.0
TERMINATE_WAIT_S = 0.5
"""How long a process pool may take to end its workers itself before they are killed."""


class ExperimentError(ValueError):
    """An experiment that cannot run as asked (bad count, executor, scheduler)."""


class SerialExecutor(Executor):
    """Runs each task in this process when it is submitted (no workers, no copies).

    The future is already done when `submit` returns, so submitting one task
    at a time gives progress task by task.
    """

    def __init__(self) -> None:
        self._shutdown = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future: Future[Any] = Future()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # an interrupt is not the task's result: let it through
            future.set_exception(exc)
        else:
            future.set_result(result)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._shutdown = True


def cpu_count() -> int:
    """Cores this process may use (its affinity mask, not the machine's total)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_count(executor: Executor) -> int:
    """How many tasks `executor` runs at once (a guess of one per core when it cannot tell)."""
    if isinstance(executor, SerialExecutor):
        return 1
    workers = getattr(executor, "_max_workers", None)  # process and thread pools
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # a Dask ClientExecutor
    if client is not None:
        try:
            return max(1, sum(client.nthreads().values()))
        except Exception:  # a client that went away: the guess below is as good
            return cpu_count()
    return cpu_count()


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; only the parent acts on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _load_engine() -> None:
    """Import what a task needs, so the first task does not pay for it."""
    import sim.engine  # noqa: F401


def _prepare_worker() -> None:
    _ignore_interrupts()
    # SIGTERM is how the pool ends its workers: its default (end quietly), not the
    # handler a forked worker inherits from a command that stops on SIGTERM.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        # Born with both blocked (see `interrupts_held`); handled now, so let them through.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _load_engine()


@contextmanager
def interrupts_held(*, for_exec: bool = False, terminate: bool = False) -> Iterator[None]:
    """Hold Ctrl-C back from this thread for the block, then deliver it (POSIX).

    Around the start of worker processes: a SIGINT handled during a fork runs
    Python's handler inside an at-fork hook (logging registers one), where the
    KeyboardInterrupt is printed as "Exception ignored" and lost, and the
    command went on running. Blocked, the signal waits and is raised when the
    block ends, in ordinary code. Workers inherit the blocked mask (through
    fork, and through exec for new interpreters, as Dask's are), so a Ctrl-C
    cannot kill one with a traceback before it ignores or unblocks the signal.

    Blocked rather than ignored: a process-wide SIG_IGN drops a Ctrl-C that
    the kernel hands to any other thread (numpy's BLAS threads do not block it),
    and the command then ran on, as it did while the Dask cluster started.

    With `terminate`, SIGTERM is held too: a forked worker inherits the
    command's SIGTERM handler, and must not run it before `_prepare_worker`
    restores the default (the pool ends its workers with SIGTERM).
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    if for_exec:
        from multiprocessing import resource_tracker

        # The resource tracker, started by the first spawned child, unblocks
        # SIGINT in the thread that starts it (bpo-33613): inside the block, the
        # workers spawned after it would not inherit the block. Started first,
        # it stays out of the way.
        resource_tracker.ensure_running()
    held = {signal.SIGINT, signal.SIGTERM} if terminate else {signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def start_method() -> str:
    """How the process pool starts its workers, named rather than left to Python's default.

    "fork" where this process has one thread (the `silo` command): workers
    start in milliseconds with the engine already imported, where a fresh
    interpreter ("forkserver", "spawn") costs about half a second per pool on
    these machines, a tenth of a short experiment. With other threads running
    (a notebook's kernel, the game) fork can copy a lock another thread holds
    and hang a worker, so "forkserver" (Python 3.14's Linux default) is used
    there; "spawn" where neither exists (Windows). Results do not depend on it.
    """
    import multiprocessing

    available = multiprocessing.get_all_start_methods()
    if "fork" in available and threading.active_count() == 1:
        return "fork"
    if "forkserver" in available:
        return "forkserver"
    return "spawn"


class ProcessPool(Executor):
    """A pool of long-lived worker processes behind the `Executor` interface.

    Built on `multiprocessing.Pool` rather than `ProcessPoolExecutor`: ending
    workers in the middle of a task (Ctrl-C) is what `Pool.terminate` is made
    for, whereas a `ProcessPoolExecutor` whose worker dies while sending a
    large result can leave its manager thread waiting forever, and the
    interpreter with it at exit.
    """

    def __init__(self, workers: int | None = None) -> None:
        import multiprocessing

        _load_engine()  # forked workers start with it loaded
        self._max_workers = workers or cpu_count()
        self.start_method = start_method()
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(["sim.engine"])
        pool = None
        try:
            # SIGTERM too: a forked worker must not run the command's SIGTERM handler
            # before `_prepare_worker` restores the default.
            with interrupts_held(for_exec=self.start_method != "fork", terminate=True):
                pool = context.Pool(self._max_workers, initializer=_prepare_worker)
        except BaseException:  # Ctrl-C held during the start arrives here: end what started
            if pool is not None:
                pool.terminate()
                pool.join()
            raise
        self._pool = pool
        self._closed = False

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self._closed:
            raise RuntimeError("cannot schedule new futures after shutdown")
        future: Future[Any] = Future()

        def settle(outcome: Any, failed: bool = False) -> None:
            # Runs in the pool's result thread; a cancelled future takes no outcome.
            if future.cancelled():
                return
            try:
                if failed:
                    future.set_exception(outcome)
                else:
                    future.set_result(outcome)
            except InvalidStateError:  # cancelled in between
                pass

        self._pool.apply_async(
            fn, args, kwargs, callback=settle, error_callback=lambda e: settle(e, failed=True)
        )
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        if cancel_futures or not wait:
            self.terminate()
            return
        self._pool.close()
        self._pool.join()

    def terminate(self) -> None:
        """End the workers now, running tasks included.

        `Pool.terminate` first takes the task queue's read lock, which an idle
        worker holds while it waits for a task: a worker ended meanwhile (a
        SIGTERM to the whole process group ends them all) holds it for good, and
        the pool waited for it forever. So it gets a moment, then every worker
        is killed and reaped, and the pool's own clean-up is left to finish (or
        not) in the background.
        """
        self._closed = True
        workers = list(self._pool._pool)  # type: ignore[attr-defined]
        ender = threading.Thread(target=self._pool.terminate, name="silo-pool-end", daemon=True)
        ender.start()
        ender.join(TERMINATE_WAIT_S)
        if not ender.is_alive():
            self._pool.join()
            return
        for worker in [*workers, *self._pool._pool]:  # type: ignore[attr-defined]
            if worker.is_alive():
                worker.kill()
            worker.join()


def process_pool(workers: int | None = None) -> ProcessPool:
    """A pool of long-lived worker processes, one per core unless told otherwise."""
    return ProcessPool(workers)


WAIT_POLL_S = 0.2
"""How often an experiment waiting for its runs calls the registered checks (seconds)."""


class _Waiting:
    checks: ClassVar[list[Callable[[], None]]] = []


def check_while_waiting(check: Callable[[], None]) -> None:
    """Have experiments call `check()` at least every WAIT_POLL_S while they wait for runs.

    The command line registers its interrupt check: a Ctrl-C whose exception a
    library swallowed (raised inside a finalizer) is acted on within a fraction
    of a second, not when the next task of runs finishes, seconds later.
    """
    if check not in _Waiting.checks:
        _Waiting.checks.append(check)


def wait_for_some(pending: Iterable[Future[Any]]) -> set[Future[Any]]:
    """The futures of `pending` that are done, once at least one is (checks run meanwhile)."""
    while True:
        finished, _ = wait(pending, timeout=WAIT_POLL_S, return_when=FIRST_COMPLETED)
        for check in _Waiting.checks:
            check()
        if finished:
            return finished


def cancel_queued(futures: Iterable[Future[Any]]) -> None:
    """Cancel `futures` (an interrupted experiment's) without waiting for their executor.

    A Dask future's cancel is a round trip to its scheduler, a second or more
    for a few dozen on a loaded machine: a helper thread does it, so a Ctrl-C
    is not held up (a command ends its own cluster anyway; a notebook's goes on
    without our runs).
    """
    queued = list(futures)

    def cancel() -> None:
        for future in queued:
            with suppress(Exception):  # an executor already shut down: nothing to cancel
                future.cancel()

    threading.Thread(target=cancel, name="silo-cancel", daemon=True).start()


def stop(executor: Executor) -> None:
    """Stop at once: drop queued tasks and end running ones (after Ctrl-C or an error)."""
    if isinstance(executor, ProcessPool):
        executor.terminate()
        return
    try:
        executor.shutdown(wait=False, cancel_futures=True)
    except TypeError:  # Dask's ClientExecutor cancels on shutdown(wait=False) by itself
        executor.shutdown(wait=False)


@contextmanager
def open_executor(
    kind: str = "process",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    processes: bool = True,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_S,
) -> Iterator[Executor]:
    """An executor of `kind` ("serial", "process" or "dask") for the `with` block.

    "dask" connects to the scheduler at `scheduler`, or starts a LocalCluster of
    `workers` single-threaded workers (processes unless `processes` is False)
    when none is given. On leaving the block normally the executor finishes its
    work and shuts down; on an exception (Ctrl-C included) it stops at once.

    Raises:
        ExperimentError: an unknown kind, Dask not installed, or a scheduler that
            cannot be reached within `connect_timeout` seconds.
    """
    if kind not in EXECUTORS:
        raise ExperimentError(f"unknown executor {kind!r} (choose from {', '.join(EXECUTORS)})")
    if workers is not None and workers < 1:
        raise ExperimentError(f"workers must be at least 1, not {workers}")
    if kind == "dask":
        with _dask_executor(workers, scheduler, processes, connect_timeout) as client_executor:
            yield client_executor
        return
    executor: Executor = SerialExecutor() if kind == "serial" else process_pool(workers)
    try:
        yield executor
    except BaseException:
        stop(executor)
        raise
    executor.shutdown(wait=True)


@contextmanager
def _dask_executor(
    workers: int | None, scheduler: str | None, processes: bool, connect_timeout: float
) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError:
        message = "the dask executor needs Dask: pip install 'silo-sim[dask]'"
        raise ExperimentError(message) from None
    from sim.dask_cluster import end_workers, start_cluster

    cluster = client = None
    executor: Executor | None = None
    cluster_ended = False
    logging_was = logging.NOTSET
    try:
        if scheduler is None:
            # Workers' stack profiler samples every 10 ms: CPU taken from the runs.
            # A worker holds one task at a time, so the next goes to whichever is free
            # first (the default queues a second task on a worker that may still be busy).
            # Housekeeping on a 20 ms tick and 0.5 s monitors takes the GIL from the
            # runs, on a machine whose cores the runs already fill: slowed, the
            # cluster's overhead against a process pool fell from about 12% to 5%.
            settings = {
                "distributed.worker.profile.enabled": False,
                "distributed.scheduler.worker-saturation": 1.0,
                "distributed.admin.tick.interval": "1s",
                "distributed.admin.system-monitor.interval": "5s",
                "distributed.admin.system-monitor.gil.enabled": False,
                "distributed.worker.memory.monitor-interval": "2s",
                # Tasks are already balanced (guided self-scheduling, one at a time per
                # worker): stealing and memory management only add periodic work.
                "distributed.scheduler.work-stealing": False,
                "distributed.scheduler.active-memory-manager.start": False,
            }
            # Ctrl-C is held back from the threads and processes that start the
            # cluster: its worker processes keep it blocked for good, as the process
            # pool's ignore it (the parent decides how to stop). This thread waits
            # with it open, so a Ctrl-C during the start ends the start at once.
            cluster = start_cluster(
                settings,
                n_workers=workers or cpu_count(),
                threads_per_worker=1,
                processes=processes,
                dashboard_address="127.0.0.1:0",  # no fixed port to collide on; local only
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            try:
                client = Client(scheduler, timeout=connect_timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ExperimentError(
                    f"cannot reach the Dask scheduler at {scheduler} within "
                    f"{connect_timeout:g} s ({' '.join(str(exc).split()) or type(exc).__name__})"
                ) from None
        # Workers load the engine now, as part of starting, not during the first tasks.
        client.run(_load_engine)
        if cluster is not None and processes:
            client.run(_quiet_task_errors)
        # pure=False: identical tasks (a variant compared with itself) must not be merged.
        executor = client.get_executor(pure=False)
        yield executor
        # In order, each part idle before the next closes: no future in flight
        # when the client disconnects, no client when the scheduler stops.
        executor.shutdown(wait=True)
    except BaseException:
        if cluster is not None and processes:
            # Our own workers, busy in runs they cannot leave: asked to close, each
            # waits out its nanny's timeout (about 4 s) while the nanny starts a new
            # one; killed, the cluster closes in milliseconds, as a Ctrl-C should.
            # The scheduler logs each request it was handling as an error when its
            # workers go, and when it closes under them: after an interrupt that is
            # no news, and a traceback is no way to say it.
            logging_was = logging.root.manager.disable
            logging.disable(logging.CRITICAL)
            end_workers(cluster)
            cluster_ended = True
        elif executor is not None:
            stop(executor)  # someone else's cluster: drop our tasks, leave the workers
        raise
    finally:
        if cluster is not None and cluster_ended:
            try:
                if client is not None:
                    client.close()
                cluster.close()
            finally:
                logging.disable(logging_was)
        else:
            if client is not None:
                if cluster is not None:
                    _quiet_for_shutdown(client)
                client.close()
            if cluster is not None:
                cluster.close()


class _FailedTasksToClient(logging.Filter):
    """Drops a worker's "Compute Failed" report, traceback and all.

    The client raises the task's error again, where the command says it in
    one line; our local workers share the terminal, so their own report of
    it came first, as a page of traceback above that line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Compute Failed")


def _quiet_task_errors() -> None:
    logging.getLogger("distributed.worker").addFilter(_FailedTasksToClient())


def _quiet_workers() -> None:
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _quiet_for_shutdown(client: Any) -> None:
    """Silence our own local cluster's workers and nannies as it closes.

    Closing races their periodic calls: a worker whose heartbeat is in flight
    when the scheduler drops it logs "Failed to communicate with scheduler
    during heartbeat" with a traceback (seen 1 in about 20 closes beside
    CPU-bound jobs), after every result is in. During the run their errors
    still show; a remote cluster's workers are someone else's and left alone.
    """
    for nanny in (False, True):
        # A cluster already failing cannot be asked anything: closing it is all that is left.
        with suppress(Exception):
            client.run(_quiet_workers, nanny=nanny)


def result_to_data(result: RunResult) -> dict[str, Any]:
    """A run as plain data (lists and numbers; NaN stays NaN, floats stay exact)."""
    return {
        "scenario": result.scenario,
        "seed": result.seed,
        "weeks": result.weeks,
        "version": result.version,
        "summary": dict(result.summary),
        "weekly": {k: v.tolist() for k, v in result.weekly.items()},
        "team_weekly": {
            team: {k: v.tolist() for k, v in series.items()}
            for team, series in result.team_weekly.items()
        },
        "events": [[e.week, e.kind, e.text, list(e.teams), e.hours] for e in result.events],
        "actions": [[week, action] for week, action in result.actions],
    }


def result_from_data(data: dict[str, Any]) -> RunResult:
    """The RunResult that `result_to_data` was made from, exactly."""
    return RunResult(
        scenario=data["scenario"],
        seed=data["seed"],
        weeks=data["weeks"],
        version=data["version"],
        weekly={k: np.array(v, dtype=float) for k, v in data["weekly"].items()},
        team_weekly={
            team: {k: np.array(v, dtype=float) for k, v in series.items()}
            for team, series in data["team_weekly"].items()
        },
        summary=dict(data["summary"]),
        events=tuple(
            FeedEvent(week, kind, text, tuple(teams), hours)
            for week, kind, text, teams, hours in data["events"]
        ),
        actions=tuple((week, action) for week, action in data["actions"]),
    )


def run_task(task: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one task on a worker: the scenario at each of its seeds, results as plain data.

    A task is `{"scenario": dict, "seeds": [int, ...], "weeks": int | None}`, and
    optionally `"skip_impossible": true` (see `sim.engine.run`).
    """
    from sim.engine import run
    from sim.scenario import parse_scenario

    scenario = parse_scenario(task["scenario"], "task")
    weeks = task.get("weeks")
    skip = bool(task.get("skip_impossible", False))
    return [
        result_to_data(run(scenario, seed=seed, weeks=weeks, skip_impossible=skip))
        for seed in task["seeds"]
    ]
