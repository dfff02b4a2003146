"""`silo compare` and `silo sweep` as a user runs them: tables, files, executors, bad input."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CHECKOUT_ENV, REPO, Silo, assert_one_line_error, interrupt_once_started

SCN = "siloed-marketing"
CALENDAR = f"{SCN}:tools.shared_calendar=true"
SHORT = ("--weeks", "8", "--replications", "4")

GOAL_SCRIPT = """
[[script]]
week = 1
do = [{action = "set_goal", team = "*", shared_weight = 0.9, kpi = "campaign"}]
"""


def rows_of(stdout: str, label: str) -> list[list[str]]:
    """The table rows of one measure: its first row and the variants' rows after it."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(label + " "))
    rows = [lines[start][len(label) :].split()]
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        rows.append(line.split())
    return rows


def test_compare_prints_variants_means_and_paired_differences(silo: Silo) -> None:
    proc = silo("compare", SCN, CALENDAR, *SHORT)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.splitlines()[0] == "seed: 1 (4 replications of each variant, on the same seeds)"
    assert f"  A  {SCN}  (baseline)" in out
    assert f"  B  {SCN} tools.shared_calendar=true" in out
    baseline, calendar = rows_of(out, "Duplicated hours")
    assert baseline[0] == "A"
    assert len(baseline) == 4  # letter, mean, CI low, CI high: no difference for the baseline
    assert calendar[0] == "B"
    # B - A: the calendar cuts duplicated work, clearly (marked), even at 4 replications.
    assert calendar[4].startswith("-")
    assert calendar[-1] == "*"
    assert "* the 95% interval of the paired difference excludes zero" in out
    assert proc.stderr == ""  # no progress bar off a terminal


def test_compare_with_script_labels_and_files(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "goals.toml"
    script.write_text(GOAL_SCRIPT)
    out_csv, out_json, plot = tmp_path / "c.csv", tmp_path / "c.json", tmp_path / "c.png"
    proc = silo("compare", SCN, f"{SCN}@{script}:label=shared goals", *SHORT,
                "--out", str(out_csv), "--plot", str(plot))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "  B  shared goals" in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-2:] == [f"wrote {out_csv}", f"wrote {plot}"]
    with out_csv.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * 4
    assert [r["variant"] for r in rows] == [SCN] * 4 + ["shared goals"] * 4
    assert [r["seed"] for r in rows[:4]] == [r["seed"] for r in rows[4:]]  # common seeds
    assert float(rows[4]["engagement"]) > float(rows[0]["engagement"])
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert plot.stat().st_size > 50_000  # a real chart, not an empty canvas

    proc = silo("compare", SCN, CALENDAR, "--weeks", "4", "-n", "3", "--out", str(out_json))
    assert proc.returncode == 0, proc.stderr
    document = json.loads(out_json.read_text())
    assert document["variants"] == [SCN, f"{SCN} tools.shared_calendar=true"]
    assert document["replications"] == 3
    assert len(document["runs"]) == 6
    assert document["variant_specs"][1]["scenario"]["tools"]["shared_calendar"] is True
    # The weeks too: per variant, its dip, payback week and objectives met in k of N.
    calendar = document["over_time"]["options"][1]
    assert calendar["variant"] == f"{SCN} tools.shared_calendar=true"
    assert {"dip_depth", "payback_week", "payback_earliest", "payback_latest"} <= set(calendar)
    assert all(o["runs"] == 3 for o in calendar["objectives"])
    diff = next(r for r in document["summary"]
                if r["measure"] == "hours_duplicated" and r["variant"] != SCN)  # fmt: skip
    assert diff["diff_mean"] < 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.csv", "c.json", "c.png", "goals.toml"]


def test_the_executors_print_the_same_numbers(silo: Silo) -> None:
    args = ("compare", SCN, CALENDAR, "--weeks", "6", "-n", "6")
    serial = silo(*args, "--executor", "serial")
    process = silo(*args, "--executor", "process", "--workers", "2")
    dask = silo(*args, "--executor", "dask", "--workers", "2")
    for proc in (serial, process, dask):
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
    assert serial.stdout == process.stdout == dask.stdout


def test_sweep_writes_one_tidy_row_per_run(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "grid.csv"
    proc = silo("sweep", SCN, "--set", "teams.*.shared_weight=0.2,0.8",
                "--set", "tools.shared_calendar=false,true", "--weeks", "6", "-n", "3",
                "--out", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "seed: 1 (4 points x 3 replications, the same seeds at every point)"
    assert lines[2].split()[:3] == ["teams.*.shared_weight", "tools.shared_calendar", "efficiency"]
    points = [line.split()[:2] for line in lines[3:7]]
    assert points == [["0.2", "false"], ["0.2", "true"], ["0.8", "false"], ["0.8", "true"]]
    assert "±" in lines[3]
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 * 3
    assert list(rows[0])[:4] == ["teams.*.shared_weight", "tools.shared_calendar",
                                 "replication", "seed"]  # fmt: skip
    assert {"efficiency", "hours_duplicated", "engagement", "quits"} <= rows[0].keys()
    assert len({r["seed"] for r in rows}) == 3  # each point on the same three seeds
    assert {r["tools.shared_calendar"] for r in rows} == {"false", "true"}


def test_sweep_json_and_chosen_measures(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "grid.json"
    proc = silo("sweep", SCN, "--set", "params.engagement_rate=0.05,0.2", "--weeks", "4",
                "-n", "2", "--measures", "value,quits", "--out", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[2].split() == ["params.engagement_rate", "value", "quits"]
    document = json.loads(out.read_text())
    assert document["keys"] == ["params.engagement_rate"]
    assert len(document["summary"]) == 2
    assert len(document["runs"]) == 4


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("compare", SCN, f"{SCN}:params.engagment_rate=0.2"),
         ("params.engagment_rate", "unknown key", "engagement_rate")),
        (("compare", SCN, SCN, "--set", "tools.shared_calender=true"),
         ("tools.shared_calender", "unknown key")),
        (("compare", SCN, f"{SCN}:params.engagement_rate=fast"),
         ("params.engagement_rate", "valid number", "fast")),
        (("compare", SCN, f"{SCN}:teams.SE0.kpi=campaign"), ("teams.SE0.kpi", "SEO")),
        (("compare", SCN, SCN, "--replications", "0"), ("--replications", "not 0")),
        (("compare", SCN), ("at least two variants",)),
        (("compare", SCN, f"{SCN}:weeks=4,8"), ("one value", "silo sweep")),
        (("compare", SCN, f"{SCN}@missing.toml"), ("missing.toml", "no such file")),
        (("compare", SCN, SCN, "--measures", "speed"), ("--measures", "speed")),
        (("compare", SCN, SCN, "--executor", "process", "--scheduler", "tcp://x:1"),
         ("--scheduler", "--executor dask")),
        (("compare", SCN, SCN, "--plot", "chart.jpg"), ("--plot", ".jpg")),
        (("sweep", SCN, "--set", "params.engagment_rate=0.1,0.2"),
         ("params.engagment_rate", "unknown key")),
        (("sweep", SCN, "--set", "teams.*.shared_weight=0.5,1.5"),
         ("teams.*.shared_weight", "less than or equal to 1", "1.5")),
        (("sweep", SCN, "--set", "tools.shared_calendar=true,maybe"),
         ("tools.shared_calendar", "boolean", "maybe")),
        (("sweep", SCN, "--set", "weeks=4", "-n", "0"), ("--replications", "not 0")),
        (("sweep", SCN, "--set", "weeks=4", "--set", "weeks=8"), ("weeks", "twice")),
        (("sweep", SCN, "--set", "seed=1,2"), ("seed", "--replications")),
        (("sweep", SCN), ("--set",)),
        (("sweep", SCN, "--set", "weeks=4", "--out", "grid.txt"), ("--out", ".txt")),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "game.cli", *args],
        capture_output=True, text=True, cwd=tmp_path, env=CHECKOUT_ENV, timeout=60, check=False,
    )  # fmt: skip
    assert_one_line_error(proc, *fragments)
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_unreachable_scheduler_fails_fast_with_exit_2(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    proc = silo("compare", SCN, CALENDAR, *SHORT, "--scheduler", "tcp://127.0.0.1:9",
                "--connect-timeout", "1", "--out", str(out))  # fmt: skip
    assert_one_line_error(proc, "cannot reach the Dask scheduler at tcp://127.0.0.1:9", "1 s")
    assert not out.exists()


@pytest.mark.parametrize("option", ["--out", "--plot"])
def test_unwritable_outputs_are_refused_before_running(
    silo: Silo, tmp_path: Path, option: str
) -> None:
    suffix = ".csv" if option == "--out" else ".png"
    missing = tmp_path / "no-such-folder" / f"x{suffix}"
    assert_one_line_error(silo("compare", SCN, CALENDAR, option, str(missing)),
                          str(missing), "does not exist")  # fmt: skip
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    assert_one_line_error(silo("compare", SCN, CALENDAR, option, str(folder)), "is a folder")
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]
    assert list(folder.iterdir()) == []
    sweep = silo("sweep", SCN, "--set", "weeks=2,3", "--out", str(tmp_path / "none" / "g.csv"))
    assert_one_line_error(sweep, "does not exist")


@pytest.mark.parametrize("command", ["compare", "sweep"])
def test_ctrl_c_stops_cleanly_with_exit_130_and_no_file(tmp_path: Path, command: str) -> None:
    out = tmp_path / "out.csv"
    work = (SCN, CALENDAR) if command == "compare" else (SCN, "--set", "weeks=40,52")
    code, stdout, stderr = interrupt_once_started(command, *work, "-n", "400", "--out", str(out))
    assert code == 130, stderr
    assert stderr.strip() == "interrupted"
    assert stdout.startswith("seed: 1 (") and stdout.count("\n") == 1, stdout  # the seed alone
    assert list(tmp_path.iterdir()) == []


def test_help_documents_the_variant_syntax(silo: Silo) -> None:
    proc = silo("compare", "--help")
    assert proc.returncode == 0
    assert "SCENARIO[@SCRIPT.toml][:KEY=VALUE]...[:label=NAME]" in proc.stdout
    assert "siloed-marketing:tools.shared_calendar=true" in proc.stdout
    assert "--executor {serial,process,dask}" in proc.stdout
    sweep = silo("sweep", "--help")
    assert "KEY=V1,V2,..." in sweep.stdout


def test_progress_bar_with_time_left_on_a_terminal() -> None:
    import os
    import pty
    import threading

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.cli", "compare", SCN, CALENDAR, "-n", "24", "--weeks", "26"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # the other end closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    stderr = b"".join(chunks).decode()
    assert proc.returncode == 0
    assert "compare [" in stderr
    assert " left" in stderr  # the estimated time left
    assert "48/48 runs" in stderr
    assert stderr.endswith("\r\x1b[2K")  # erased before the table
    assert "runs," not in stdout


def test_ctrl_c_stops_a_dask_run_and_its_workers_quietly(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, stdout, stderr = interrupt_once_started(
        "run", SCN, "-n", "400", "--executor", "dask", "--workers", "2", "--out", str(out)
    )
    assert code == 130, stderr
    assert stderr.strip() == "interrupted"  # no worker's KeyboardInterrupt traceback
    assert stdout == "seed: 1\n"
    assert list(tmp_path.iterdir()) == []


def test_a_dask_run_shuts_down_without_a_traceback(silo: Silo) -> None:
    proc = silo("run", SCN, "--weeks", "4", "-n", "4", "--executor", "dask", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""  # nothing at all: no shutdown noise from the cluster either
    assert proc.stdout.startswith("seed: 1\nreplications: 4 ")
    serial = silo("run", SCN, "--weeks", "4", "-n", "4", "--executor", "serial")
    assert serial.stdout == proc.stdout  # whichever executor ran them
