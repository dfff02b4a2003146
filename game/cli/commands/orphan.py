"""A served table's game ends when its server does, even when the server is killed.

The server talks to each table's game over its stdin and stdout; Textual's web
driver stops reading at end of input but keeps the app alive, so without this a
`kill -9` of the server left every table's game running for good. Each game
autosaves after every week and every decision, so ending it loses nothing.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

SERVER_PID_ENV = "SILO_SERVER_PID"
"""Set by `silo serve` for its tables: the process whose death ends them."""
POLL_SECONDS = 1.0


def end_with_server() -> None:
    """Have this process get SIGTERM (Textual's way out) when the server is gone."""
    server = int(os.environ.get(SERVER_PID_ENV, "0") or 0)
    if not server:
        return
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != server:  # the server died before the line above took hold
        os.kill(os.getpid(), signal.SIGTERM)
    # Elsewhere (and as a second lock): look for a new parent now and then.
    threading.Thread(target=_watch, args=(server,), daemon=True, name="server-watch").start()


def _watch(server: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != server:
            os.kill(os.getpid(), signal.SIGTERM)
            return
