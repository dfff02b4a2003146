"""Run `silo` as a user would: a subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"
TINY = HERE / "tiny.toml"

Silo = Callable[..., subprocess.CompletedProcess[str]]

# Subprocesses import this checkout's code whatever their working folder, even
# where another copy of silo is installed (an editable install made under the
# distribution's old name, "silo", stays beside "silo-sim" and comes first).
CHECKOUT_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
}


def run_silo(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=CHECKOUT_ENV,
        timeout=timeout,
        check=False,
    )


def interrupt_once_started(*args: str) -> tuple[int, str, str]:
    """Start `silo ARGS`, press Ctrl-C as soon as its first line says the runs started.

    No sleep and no clock: the first stdout line (the seed) is printed just
    before the work starts, so the interrupt lands while the process pool
    starts or its first runs go, the moment a user's Ctrl-C was once lost in.
    As a terminal does, the signal goes to the whole process group, workers
    included. Returns the exit code, stdout (from the first line on) and stderr.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", *args],
        cwd=REPO, env=CHECKOUT_ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own group, so the signal reaches no test runner
    )  # fmt: skip
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("seed: "), first
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    return proc.returncode, first + stdout, stderr


@pytest.fixture
def silo() -> Silo:
    return run_silo


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit code 2, nothing on stdout, one `error:` line on stderr holding each fragment."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stdout == "", proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("error: "), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line
