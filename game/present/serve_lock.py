"""Which process serves a session: one server per session folder, and no other writer.

`silo serve` holds an exclusive lock on `server.lock` in the session's folder for as
long as it runs (the file holds its process id, for the message). The operating
system drops the lock when the process ends, however it ends, so a killed server
never leaves a session locked. A second `silo serve` of the same session, or a
`silo play --load` of a save the server writes (a room of seats' `seats.json`), asks
here first and is refused in one line. Without `fcntl` (Windows) nothing is locked
and nobody is refused: one facilitator, one server.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

from game.present.room import SESSION_FILE

LOCK = "server.lock"


def hold(session_folder: Path) -> IO[str] | None:
    """Take the session for this process until it ends; the open lock file (keep it).

    Raises:
        OSError: the lock file cannot be opened.
        BlockingIOError: another process serves the session (see `server_of`).
    """
    try:
        import fcntl
    except ImportError:
        return None
    lock = (session_folder / LOCK).open("a+", encoding="utf-8")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise
    lock.seek(0)
    lock.truncate()
    lock.write(f"{os.getpid()}\n")
    lock.flush()
    return lock


def server_of(session_folder: Path) -> int | None:
    """The process id of the server running the session now (0: one whose id cannot be
    read), or None when no server runs it."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        lock = (session_folder / LOCK).open(encoding="utf-8")
    except OSError:
        return None  # never served, or its folder is gone
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = lock.read(20).strip()
            return int(text) if text.isdigit() else 0
        fcntl.flock(lock, fcntl.LOCK_UN)
        return None


def served_session(save: Path) -> tuple[Path, int] | None:
    """The served session a save belongs to (a room of seats' save, or a table's game) and
    its server's process id, or None when no server writes it."""
    with contextlib.suppress(OSError):
        save = save.resolve()
    for folder in (save.parent, save.parent.parent.parent):
        if (folder / SESSION_FILE).is_file():
            pid = server_of(folder)
            if pid is not None:
                return folder, pid
    return None
