"""Safe file writes: a reader sees the old file or the whole new one, never half.

Used by saves (autosaved every week, so a game killed mid-write keeps its last
save) and by every command that writes an output file.
"""

from __future__ import annotations

import errno
import glob
import os
import secrets
import stat
from collections.abc import Callable
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


def write_atomic(
    path: str | Path, text: str | bytes, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Write `text` (or bytes, e.g. a PNG) to `path`: readers see the old file or the new one.

    The text goes to a temporary file in the same folder (a rename is only
    atomic within one file system), is flushed to disk, then renamed over
    `path`. On any failure the temporary file is removed and `path` is untouched.

    Args:
        path: the file to write.
        text: its whole new content.
        before_replace: called after the data is on disk and before the rename;
            whatever it raises leaves `path` untouched (the command line stops
            there when Ctrl-C was pressed during the work).

    Raises:
        OutputError: the folder is missing or not writable (checked before writing).
    """
    p = Path(path)
    if p.is_symlink():
        # Onto a link, the file it points to is written, as the shell's `>` does:
        # renaming over the link would replace it with a file, silently.
        p = Path(os.path.realpath(p))
    problem = output_problem(p)
    if problem is not None:
        raise OutputError(problem)
    folder = p.parent if str(p.parent) else Path()
    remove_stale_temporaries(folder, p.name)
    fd, tmp = _create_temporary(folder, p.name)
    try:
        if p.exists():
            # Replacing a file keeps its permissions, as writing it in place would.
            os.fchmod(fd, stat.S_IMODE(p.stat().st_mode))
        with os.fdopen(fd, "wb") as fh:
            fh.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
        tmp.replace(p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_atomic(path: str | Path, text: str) -> None:
    """Write a new file at `path` whole, never replacing one that is there.

    As `write_atomic`, the text goes to a temporary file first; it is then
    hard-linked to `path`, which fails if `path` exists (a rename would replace
    it), so two writers claiming one name cannot both win. On a file system
    without hard links the name is claimed empty (exclusive create) and the
    temporary file renamed over it.

    Raises:
        FileExistsError: `path` exists; nothing was written.
        OutputError: the folder is missing or not writable.
    """
    p = Path(path)
    if os.path.lexists(p):
        raise FileExistsError(errno.EEXIST, "file exists", str(p))
    problem = output_problem(p)
    if problem is not None:
        raise OutputError(problem)
    folder = p.parent if str(p.parent) else Path()
    fd, tmp = _create_temporary(folder, p.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, p)
        except OSError as exc:
            if isinstance(exc, FileExistsError) or exc.errno not in _NO_HARD_LINKS:
                raise
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            tmp.replace(p)
    finally:
        tmp.unlink(missing_ok=True)


_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK}
"""What `os.link` says on a file system that has no hard links (FAT, some shares)."""


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty file beside the target, with the permissions a new file gets here.

    Opened with mode 0o666 so the kernel applies the process's umask, as for
    any new file. `tempfile.mkstemp` makes it 0o600 instead, and reading the
    umask to widen that means setting it (`os.umask` has no getter): for a
    moment the process's umask is 0, and a file the game's autosave thread
    creates in that moment is world-writable.
    """
    while True:
        # The writer's process id in the name tells a later writer whether the
        # file is in progress or was left by a process killed mid-write.
        tmp = folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # another writer's temporary file: draw another name
            continue


STALE_AFTER_S = 24 * 3600
"""A temporary file this old is stale whoever wrote it: a write takes milliseconds."""


def remove_stale_temporaries(folder: Path, name: str = "*") -> list[Path]:
    """Remove the temporary files that killed writers left beside `name` in `folder`.

    A writer killed by SIGKILL (or a power cut) cannot remove its temporary
    file; the next writer of the same file, or the game at its start, does.
    A temporary file is stale when the process named in it is gone, or when
    it is a day old; one a live process is writing is left alone (`silo serve`
    runs a game per browser, all saving into one folder).

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f".{name if name == '*' else glob.escape(name)}.*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        if _stale(tmp):
            try:
                tmp.unlink()
            except OSError:
                continue  # gone already, or not ours to remove
            removed.append(tmp)
    return removed


def _stale(tmp: Path) -> bool:
    import time

    try:
        if time.time() - tmp.lstat().st_mtime > STALE_AFTER_S:
            return True
    except OSError:
        return False
    writer = tmp.name.rsplit(".", 2)[-2].split("-")[0]
    return writer.isdigit() and not _alive(int(writer))


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # on Windows, os.kill(pid, 0) would end the process: rely on age
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True
