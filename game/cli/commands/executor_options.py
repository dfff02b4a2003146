"""The options that say where replications run, shared by run, compare and sweep.

--executor, --scheduler, --workers and --connect-timeout, their checks before
anything starts, and the executor they ask for. Kept apart and light (argparse
only at import): `silo run --help` builds these options and must start fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from game.cli.commands.common import whole
from sim.limits import MAX_WORKERS

if TYPE_CHECKING:
    from concurrent.futures import Executor

CONNECT_TIMEOUT_S = 5.0


WORKERS_PER_CORE = 2
"""Most local workers per core this process may use (`--workers`)."""


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a number of seconds, not {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"seconds must be above 0 and at most 600, not {text}")
    return value


def add_executor_options(parser: argparse.ArgumentParser) -> None:
    """--executor, --scheduler, --workers and --connect-timeout, in a group of their own."""
    group = parser.add_argument_group("where the runs go")
    group.add_argument(
        "--executor",
        choices=("serial", "process", "dask"),
        help="serial: this process; process: a pool of one worker per core (default); "
        "dask: a Dask cluster (pip install 'silo-sim[dask]')",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (implies --executor dask; "
        "without it, dask starts a local cluster)",
    )
    group.add_argument(
        "--workers",
        type=whole("--workers", 1, MAX_WORKERS),
        metavar="N",
        help="worker processes for process or a local Dask cluster (default: one per core)",
    )
    group.add_argument(
        "--connect-timeout",
        type=positive_seconds,
        default=CONNECT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"give up on an unreachable Dask scheduler after this long (default: "
        f"{CONNECT_TIMEOUT_S:g})",
    )


def executor_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the executor options, before anything starts."""
    if args.scheduler is not None and args.executor not in (None, "dask"):
        return f"--scheduler goes with --executor dask, not --executor {args.executor}"
    if args.workers is not None and args.scheduler is not None:
        return "--workers is for workers on this machine; a scheduler's cluster has its own"
    if args.workers is not None and args.executor == "serial":
        return "--workers goes with --executor process or dask; serial runs in this process"
    if args.workers is not None:
        from sim.executors import cpu_count

        # Runs are CPU-bound: workers past the cores only take turns on them
        # (each holding a copy of the engine), so more than two a core is a typo.
        most = WORKERS_PER_CORE * cpu_count()
        if args.workers > most:
            return (
                f"--workers {args.workers}: this machine has {cpu_count()} cores for silo, "
                f"so at most {most} workers"
            )
    if args.executor == "dask" or args.scheduler is not None:
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            return "--executor dask needs Dask: pip install 'silo-sim[dask]'"
    return None


@contextmanager
def open_executor(args: argparse.Namespace) -> Iterator[Executor]:
    """The executor the options ask for; an unreachable scheduler is a one-line error."""
    import logging

    from game.cli.commands.interrupts import watch_experiments
    from sim.executors import open_executor as sim_open_executor

    watch_experiments()

    kind = args.executor or ("dask" if args.scheduler is not None else "process")
    # Dask logs to stderr on its own; the command's messages are the ones that matter.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    with sim_open_executor(
        kind,
        workers=args.workers,
        scheduler=args.scheduler,
        connect_timeout=args.connect_timeout,
    ) as executor:
        yield executor
