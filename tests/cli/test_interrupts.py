"""One Ctrl-C, at any moment, ends compare and sweep: exit 130 within 2 s, no files, no orphans.

The moments are drawn (from a fixed seed, so a failure can be replayed) over
the first three seconds: the imports, the process pool starting, the first
runs and the steady state. They start at 0.2 s: before that the interpreter
itself is starting and looking for `game.cli`, with Python's own Ctrl-C
handler, before any line of silo runs.

A Dask compare is stopped at two moments found by waiting for them, not by
the clock: while its cluster starts (a worker process has appeared) and once
its runs have started (the seed line, printed when the cluster is up). SIGTERM
(`kill`, a job scheduler) ends a run as Ctrl-C does, with exit code 143,
whether it reaches the command alone or its whole process group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .conftest import CHECKOUT_ENV, REPO

TRIALS = 10
"""Interrupts per command: 20 in all."""

WORK = {
    "compare": [
        "compare", "siloed-marketing", "siloed-marketing:tools.shared_calendar=true",
        "-n", "400", "--weeks", "104", "--plot", "{out}.png",
    ],
    "sweep": [
        "sweep", "siloed-marketing", "--set", "params.campaigns_per_week=1,2",
        "-n", "200", "--weeks", "104",
    ],
}  # fmt: skip
"""Work that lasts well past the last moment drawn, on any machine."""


def group_gone(pgid: int, within: float) -> bool:
    """Whether every process of the group has ended within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)  # polling the kernel for the group's end: there is no event for it
    return False


def stop_and_check(
    proc: subprocess.Popen[str], folder: Path, sig: int, to_group: bool
) -> tuple[int | None, str, float, list[str], bool]:
    """Send `sig` to the command (or its whole group, as a terminal does), then say how
    it ended: exit code, stderr, seconds to exit, files left, processes left."""
    (os.killpg if to_group else os.kill)(proc.pid, sig)
    sent = time.monotonic()
    try:
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    orphans = not group_gone(proc.pid, within=max(0.0, 2.0 - took) + 0.1)
    return proc.returncode, stderr.strip(), took, sorted(p.name for p in folder.iterdir()), orphans


def start_silo(args: list[str], out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "game.cli", *args, "--out", f"{out}.json"],
        cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,  # its own group, as a terminal's job is
    )  # fmt: skip


@pytest.mark.parametrize("command", sorted(WORK))
def test_ctrl_c_at_random_moments(tmp_path: Path, command: str) -> None:
    moments = np.random.default_rng(sorted(WORK).index(command)).uniform(0.2, 3.0, TRIALS)
    failures = []
    for trial, moment in enumerate(moments):
        folder = tmp_path / str(trial)
        folder.mkdir()
        out = folder / "out"
        args = [a.format(out=out) for a in WORK[command]]
        proc = start_silo(args, out)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=moment)  # the moment: it must still be running then
        assert proc.returncode is None, f"{command} ended before {moment:.2f} s"
        # Ctrl-C reaches the whole group, workers too.
        code, stderr, took, left, orphans = stop_and_check(proc, folder, signal.SIGINT, True)
        if (code, stderr, left, orphans) != (130, "interrupted", [], False) or took > 2.0:
            failures.append(
                f"at {moment:.2f} s: exit {code} after {took:.2f} s, files {left}, "
                f"orphans {orphans}, stderr {stderr[-200:]!r}"
            )
    assert not failures, "\n".join(failures)


DASK_WORK = [
    "compare", "siloed-marketing", "siloed-marketing:tools.shared_calendar=true",
    "-n", "400", "--weeks", "104", "--executor", "dask", "--workers", "2",
]  # fmt: skip
"""A Dask compare that lasts well past every moment the tests below stop it at."""


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The name (field 2) is in parentheses and may hold spaces: fields after it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def workers_starting(proc: subprocess.Popen[str]) -> bool:
    """Wait until the command has started a Dask worker process (its cluster is starting)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        for child in children_of(proc.pid):
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    return True
        time.sleep(0.01)  # polling the kernel: there is no event for a new process
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux's /proc")
@pytest.mark.parametrize("moment", ["cluster starting", "runs started"])
def test_ctrl_c_ends_a_dask_compare_at_once(tmp_path: Path, moment: str) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    proc = start_silo(DASK_WORK, out)
    assert proc.stdout is not None
    if moment == "cluster starting":
        assert workers_starting(proc), "no Dask worker was started"
    else:
        first = proc.stdout.readline()  # printed once the cluster is up, as the runs start
        assert first.startswith("seed: "), first
    code, stderr, took, left, orphans = stop_and_check(proc, tmp_path, signal.SIGINT, True)
    assert (code, stderr, left, orphans) == (130, "interrupted", [], False)
    assert took <= 2.0, f"{took:.2f} s"  # the bound; about 0.1 s when measured


@pytest.mark.parametrize(
    ("executor", "to_group"),
    [("process", False), ("process", True), ("dask", False), ("dask", True)],
)
def test_sigterm_ends_a_run_as_ctrl_c_does(tmp_path: Path, executor: str, to_group: bool) -> None:
    """`kill` (the command alone) or a job's end (its whole group): exit 143, nothing left."""
    if executor == "dask":
        pytest.importorskip("distributed")
    args = [*DASK_WORK[:-4], "--executor", executor, "--workers", "2"]
    out = tmp_path / "out"
    proc = start_silo(args, out)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("seed: "), first
    code, stderr, took, left, orphans = stop_and_check(proc, tmp_path, signal.SIGTERM, to_group)
    assert (code, stderr, left, orphans) == (143, "terminated", [], False)
    assert took <= 2.0, f"{took:.2f} s"
