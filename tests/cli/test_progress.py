"""The progress bar: on a terminal, long runs show one on stderr and erase it;
piped or redirected, stderr stays clean."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading

from .conftest import REPO, Silo


def drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: the other end is closed
            return
        if not data:
            return
        chunks.append(data)


def test_progress_bar_on_a_terminal_is_drawn_then_erased() -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "run", "siloed-marketing", "--replications", "25"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    # Read the terminal while the run goes on: once the run exits and its
    # end closes, Linux drops what was not read.
    # 25 runs take about 2 s here, well past the bar's 0.3 s delay.
    reader = threading.Thread(target=drain, args=(master, chunks))
    reader.start()
    stdout, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    stderr = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "siloed-marketing [" in stderr
    assert "25/25 runs" in stderr
    assert stderr.endswith("\r\x1b[2K")  # erased: the terminal is left clean
    assert "runs" not in stdout  # the table on stdout never mixes with the bar


def test_no_progress_output_when_stderr_is_not_a_terminal(silo: Silo) -> None:
    proc = silo("run", "siloed-marketing", "--replications", "2")
    assert proc.returncode == 0
    assert proc.stderr == ""
