"""Ctrl-C (and SIGTERM) for the `silo` command: raised at once, and never lost.

Python's own handler raises KeyboardInterrupt wherever the main thread is. If
that is inside a finalizer, a weakref callback or an at-fork hook, Python
prints "Exception ignored" and carries on: a Ctrl-C pressed while a process
pool forked its workers was lost that way, and `silo run` kept going. This
handler raises the same KeyboardInterrupt but also remembers the request, and
the command checks it where stopping is safe (each finished unit of work, and
before a file replaces another), so a swallowed interrupt still stops the
command with exit code 130 and writes nothing.

SIGTERM (`kill`, a job scheduler, a container stopping) ends a batch command
the same way, with exit code 143 (128 + 15, as shells report it): the same
workers ended, no file written, no process left.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType
from typing import NoReturn


class _Request:
    made = False
    signum = signal.SIGINT


def _on_signal(signum: int, frame: FrameType | None) -> None:
    if not _Request.made:
        _Request.signum = signal.Signals(signum)
    _Request.made = True
    # The command is ending: what a library logs as its threads and event loops are
    # cut short (Dask's client, mid-request) is no news, and its tracebacks would bury
    # the one word the user should read.
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.disable(logging.CRITICAL)
    raise KeyboardInterrupt


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Python's "Exception ignored" report, minus the interrupts this module remembers.

    A Ctrl-C landing in a finalizer or a callback (Dask's collector diagnosis, say)
    cannot stop the command there; it is remembered and acted on at the next safe
    point, so its traceback is noise a user should not see.
    """
    if _Request.made:
        return  # the interrupt itself, or an error of something it cut short
    sys.__unraisablehook__(unraisable)


def _quiet_thread_errors(args: threading.ExceptHookArgs) -> None:
    """A thread's traceback, unless the command is ending on an interrupt (which cut it short)."""
    if _Request.made:
        return
    threading.__excepthook__(args)


def catch_interrupts() -> None:
    """Route Ctrl-C through `_on_signal` (main thread only; Python allows no other)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_signal)
        sys.unraisablehook = _quiet_unraisable
        threading.excepthook = _quiet_thread_errors


def catch_terminate() -> None:
    """End on SIGTERM as on Ctrl-C (batch commands; the game keeps Textual's own way out)."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _on_signal)


def watch_experiments() -> None:
    """Have experiments waiting for their runs act on a lost interrupt within a moment."""
    from sim.executors import check_while_waiting

    check_while_waiting(stop_if_interrupted)


def interrupted_by() -> tuple[int, str]:
    """The exit code and the one word to say: Ctrl-C (130, interrupted) or SIGTERM (143)."""
    from game.cli.commands.common import ExitCode

    if _Request.signum == getattr(signal, "SIGTERM", None):
        return int(ExitCode.TERMINATED), "terminated"
    return int(ExitCode.INTERRUPTED), "interrupted"


def interrupted() -> bool:
    """Whether Ctrl-C was pressed since `catch_interrupts`, even if its exception was lost."""
    return _Request.made


def stop_if_interrupted() -> None:
    """Raise KeyboardInterrupt again if Ctrl-C was pressed and its exception was lost.

    Called from the main thread only: elsewhere the interrupt would end a worker
    thread rather than the command.
    """
    if _Request.made and threading.current_thread() is threading.main_thread():
        raise KeyboardInterrupt


def exit_interrupted() -> NoReturn:
    """End the `silo` process after a Ctrl-C with exit code 130 (143 after SIGTERM),
    its exit handlers run.

    A normal exit is not enough on CPython 3.11: a KeyboardInterrupt raised
    while the interpreter runs code built from a source string (dataclasses and
    pydantic build code that way while modules load) is marked unhandled in the
    interpreter even when silo catches it further up, and the interpreter then
    ends the process by SIGINT instead of with the code returned (-2 to a parent
    process, not 130;
    1 in about 15 Ctrl-Cs in the first second of `silo sweep`). So the exit
    handlers (pools, logging) run here, the streams are flushed, and the
    process ends with os._exit.
    """
    import atexit
    import os
    from contextlib import suppress

    atexit._run_exitfuncs()
    _stop_resource_tracker()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(interrupted_by()[0])


def _stop_resource_tracker() -> None:
    """End multiprocessing's resource tracker, if a Dask cluster started one, and reap it.

    It ends by itself once this process is gone, but as a child nobody waits
    for: until the system reaps it, the command's process group lives on, and
    whatever waits for the group (a shell's job, a test) waits with it.
    """
    module = sys.modules.get("multiprocessing.resource_tracker")
    stop = getattr(getattr(module, "_resource_tracker", None), "_stop", None)
    if stop is not None:
        from contextlib import suppress

        with suppress(Exception):  # already ended, or not ours: nothing to reap
            stop()
