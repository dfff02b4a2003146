"""Ctrl-C for the `silo` command: raised at once, and never lost.

Python's own handler raises KeyboardInterrupt wherever the main thread is. If
that is inside a finalizer, a weakref callback or an at-fork hook, Python
prints "Exception ignored" and carries on: a Ctrl-C pressed while a process
pool forked its workers was lost that way, and `silo run` kept going. This
handler raises the same KeyboardInterrupt but also remembers the request, and
the command checks it where stopping is safe (each finished unit of work, and
before a file replaces another), so a swallowed interrupt still stops the
command with exit code 130 and writes nothing.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType
from typing import NoReturn


class _Request:
    made = False


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    _Request.made = True
    raise KeyboardInterrupt


def _quiet_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """Python's "Exception ignored" report, minus the interrupts this module remembers.

    A Ctrl-C landing in a finalizer or a callback (Dask's collector diagnosis, say)
    cannot stop the command there; it is remembered and acted on at the next safe
    point, so its traceback is noise a user should not see.
    """
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and _Request.made:
        return
    sys.__unraisablehook__(unraisable)


def catch_interrupts() -> None:
    """Route Ctrl-C through `_on_sigint` (main thread only; Python allows no other)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _on_sigint)
        sys.unraisablehook = _quiet_unraisable


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
    """End the `silo` process after a Ctrl-C with exit code 130, its exit handlers run.

    A normal exit is not enough on CPython 3.11: a KeyboardInterrupt raised
    inside exec() of a source string (dataclasses and pydantic build code that
    way while modules load) is marked unhandled in the interpreter even when
    silo catches it further up, and the interpreter then ends the process by
    SIGINT instead of with the code returned (-2 to a parent process, not 130;
    1 in about 15 Ctrl-Cs in the first second of `silo sweep`). So the exit
    handlers (pools, logging) run here, the streams are flushed, and the
    process ends with os._exit.
    """
    import atexit
    import os
    from contextlib import suppress

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more to say
            stream.flush()
    os._exit(130)
