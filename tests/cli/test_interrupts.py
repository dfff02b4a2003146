"""One Ctrl-C, at any moment, ends compare and sweep: exit 130 within 2 s, no files, no orphans.

The moments are drawn (from a fixed seed, so a failure can be replayed) over
the first three seconds: the imports, the process pool starting, the first
runs and the steady state. They start at 0.2 s: before that the interpreter
itself is starting and looking for `game.cli`, with Python's own Ctrl-C
handler, before any line of silo runs.
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


@pytest.mark.parametrize("command", sorted(WORK))
def test_ctrl_c_at_random_moments(tmp_path: Path, command: str) -> None:
    moments = np.random.default_rng(sorted(WORK).index(command)).uniform(0.2, 3.0, TRIALS)
    failures = []
    for trial, moment in enumerate(moments):
        folder = tmp_path / str(trial)
        folder.mkdir()
        out = folder / "out"
        args = [a.format(out=out) for a in WORK[command]]
        proc = subprocess.Popen(
            [sys.executable, "-m", "game.cli", *args, "--out", f"{out}.json"],
            cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, start_new_session=True,  # its own group, as a terminal's job is
        )  # fmt: skip
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=moment)  # the moment: it must still be running then
        assert proc.returncode is None, f"{command} ended before {moment:.2f} s"
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole group, workers too
        pressed = time.monotonic()
        try:
            _, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        took = time.monotonic() - pressed
        left = sorted(p.name for p in folder.iterdir())
        orphans = not group_gone(proc.pid, within=max(0.0, 2.0 - took) + 0.1)
        if (proc.returncode, stderr.strip(), left, orphans) != (130, "interrupted", [], False) or (
            took > 2.0
        ):
            failures.append(
                f"at {moment:.2f} s: exit {proc.returncode} after {took:.2f} s, files {left}, "
                f"orphans {orphans}, stderr {stderr.strip()[-200:]!r}"
            )
    assert not failures, "\n".join(failures)
