"""Reading an input file the user named: a regular file, up to a size limit, never hanging.

Every file silo reads on a user's word (scenarios, scripts, sweeps, saves) comes
through here. A FIFO would block the open until a writer came, `/dev/urandom`
never ends and `/dev/zero` fills memory; so the file is opened without
blocking, checked to be a regular file, and read no further than its limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(ValueError):
    """A file that cannot be read as input; the message says why, without the path."""


def read_regular(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes.

    Args:
        path: the file.
        limit: most bytes accepted (a limit from `sim.limits` or the caller's own).
        what: what the file should be, for messages ("scenario file", "saved game").

    Raises:
        UnreadableFile: missing, a folder, not a regular file, unreadable or too large.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(f"is a folder, not a {what}") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)  # of what was opened: no swap between a check and the read
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile(f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file (a pipe, device or socket), not a {what}")
        if info.st_size > limit:
            raise UnreadableFile(_too_large(limit, what))
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)  # the file may have grown since fstat
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UnreadableFile(_too_large(limit, what))
    return data


def _too_large(limit: int, what: str) -> str:
    return f"file is larger than {limit:,} bytes, the limit for a {what}"
