"""Safe file writes: a reader sees the old file or the whole new one, never half.

Used by saves (autosaved every week, so a game killed mid-write keeps its last
save) and by every command that writes an output file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def output_problem(path: str | Path) -> str | None:
    """Why `path` cannot be written, or None when it can; checked before any work."""
    p = Path(path)
    if str(path).strip() == "":
        return "the output path is empty"
    if p.is_dir():
        return f"{path}: is a folder, not a file"
    folder = p.parent if str(p.parent) else Path()
    if not folder.exists():
        return f"{path}: folder {folder} does not exist"
    if not folder.is_dir():
        return f"{path}: {folder} is not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{path}: folder {folder} is not writable"
    if p.exists() and not os.access(p, os.W_OK):
        return f"{path}: file is not writable"
    return None


class OutputError(OSError):
    """An output file that cannot be written; the message says which and why."""


def write_atomic(path: str | Path, text: str) -> None:
    """Write `text` to `path` so readers see the old file or the whole new one.

    The text goes to a temporary file in the same folder (a rename is only
    atomic within one file system), is flushed to disk, then renamed over
    `path`. On any failure the temporary file is removed and `path` is untouched.

    Raises:
        OutputError: the folder is missing or not writable (checked before writing).
    """
    problem = output_problem(path)
    if problem is not None:
        raise OutputError(problem)
    p = Path(path)
    folder = p.parent if str(p.parent) else Path()
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file private (0600); give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
