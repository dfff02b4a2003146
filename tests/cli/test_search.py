"""`silo search` as a user runs it: the table, the plan file, the screen, Ctrl-C, bad input."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TINY, Silo, assert_one_line_error

pytest.importorskip("optuna")

TINY_SEARCH = ("--trials", "4", "--replications", "2", "--executor", "serial")


def test_a_small_search_writes_a_plan_that_run_and_compare_accept(
    silo: Silo, tmp_path: Path
) -> None:
    best = tmp_path / "best.toml"
    proc = silo("search", "siloed-marketing", "--weeks", "5", *TINY_SEARCH, "--out", str(best))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("silo search siloed-marketing: 4 trials")
    assert "efficiency, fresh" in out and "extra spend" in out
    assert re.search(r"^1  [+-]\d+\.\d%", out, re.MULTILINE), out
    assert re.search(
        r"^on fresh seeds the best plan.s gain went from .*: it (shrank|did not shrink)",
        out,
        re.MULTILINE,
    ), out
    assert f"wrote {best}" in out
    text = best.read_text()
    assert text.startswith("# The best plan found for siloed-marketing")
    assert "# Found by: silo search siloed-marketing" in text
    ran = silo("run", "siloed-marketing", "--weeks", "5", "--script", str(best))
    assert ran.returncode == 0, ran.stderr
    compared = silo("compare", "siloed-marketing", f"siloed-marketing@{best}", "--weeks", "5",
                    "-n", "2", "--executor", "serial")  # fmt: skip
    assert compared.returncode == 0, compared.stderr


def test_the_same_seed_prints_the_same_table() -> None:
    """Past the sampler's 10 random start-up trials, in processes of different hash seeds."""
    args = ["search", "tutorial", "--trials", "16", "-n", "2", "--executor", "serial"]
    outputs = []
    for hash_seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "game.cli", *args, "--seed", "3"],
            capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed},
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]


def test_screen_prints_a_row_per_degenerate_plan(silo: Silo) -> None:
    proc = silo("search", "tutorial", "--screen", "-n", "2", "--executor", "serial")
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stdout.splitlines()
    # Exit 1 exactly when some rule fails (the last line says how many).
    assert (proc.returncode == 1) == ("fail" in lines[-1]), (proc.returncode, lines[-1])
    assert lines[0].startswith("degenerate plans in tutorial against par (")
    rules = ["everything", "merge-all", "celebrate-weekly", "meetings-4x", "liaison-all",
             "all-tools", "goals-1.0", "hire-30"]  # fmt: skip
    for rule in rules:
        row = next(line for line in lines if line.startswith(rule + " "))
        assert row.rstrip().endswith(("pass", "FAIL")), row
        assert "<= -3%" in row if rules.index(rule) < 5 else "< +1%" in row
    assert any(line.startswith("repeat-1 ") for line in lines)
    assert re.search(r"^\d+ of \d+ rules hold", lines[-1]), lines[-1]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("siloed-marketing", "--levers", "teleport"), ("unknown lever 'teleport'",)),
        (("tutorial", "--levers", "merge_teams"), ("not one of tutorial's levers",)),
        (("siloed-marketing", "--budget", "-5"), ("--budget cannot be below zero",)),
        (("siloed-marketing", "--budget", "lots"), ("--budget must be an amount",)),
        ((str(TINY),), ("lists no levers",)),
        (("siloed-marketing", "--trials", "0"), ("--trials must be from 1",)),
        (("no-such-scenario",), ("no built-in scenario or file",)),
        (("siloed-marketing", "--out", "best.csv"), ("--out: a plan is written as a .toml",)),
        (("siloed-marketing", "--par", "x.toml"), ("--par goes with --screen",)),
        ((str(TINY), "--screen"), ("tiny has no par plan",)),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    silo: Silo, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    assert_one_line_error(silo("search", *args), *fragments)


def test_ctrl_c_keeps_the_best_plan_so_far(tmp_path: Path) -> None:
    """Interrupted once the bar shows the first batch measured: the best so far is written."""
    import pty

    best = tmp_path / "best.toml"
    master, slave = pty.openpty()
    # 3 replications: 3 runs of doing nothing, then batches of 8 plans (24 runs).
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "search", "siloed-marketing", "--trials", "400",
         "-n", "3", "--weeks", "13", "--executor", "serial", "--out", str(best)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=slave, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    os.close(slave)
    seen = b""
    try:
        while True:
            chunk = os.read(master, 4096)
            assert chunk, "the search ended before showing progress"
            seen += chunk
            counts = [int(n) for n in re.findall(rb"\] (\d+)/\d+ runs", seen)]
            if counts and max(counts) >= 3 + 2 * 24:
                break
        proc.send_signal(signal.SIGINT)
        stdout, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(master)
    assert proc.returncode == 130
    assert "not checked on fresh seeds" in stdout
    assert best.exists()
    assert "(stopped before the fresh-seed check)" in best.read_text()
