"""`silo sensitivity` as a user runs it: rankings at each end, the tornado, bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .conftest import Silo, assert_one_line_error

SCN = "siloed-marketing"
CALENDAR = f"{SCN}:tools.shared_calendar=true:label=calendar"


def test_rankings_at_each_end_a_verdict_a_csv_and_a_tornado(silo: Silo, tmp_path: Path) -> None:
    out, plot = tmp_path / "s.csv", tmp_path / "t.png"
    proc = silo("sensitivity", SCN, CALENDAR, "--weeks", "4", "-n", "2",
                "--params", "calendar_adoption,reorg_shock", "--measure", "hours_duplicated",
                "--out", str(out), "--plot", str(plot))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "seed: 1 (2 replications of each variant, on the same seeds)"
    base = next(line for line in lines if line.startswith("base case: "))
    assert base.startswith(f"base case: calendar > {SCN} on Duplicated hours; calendar gains")
    header = next(line for line in lines if line.startswith("parameter"))
    assert "ranking at low end" in header and "gain at high" in header
    assert any(line.startswith("calendar_adoption  0.6 to 1") for line in lines)
    assert "stays first at both ends of every range" in proc.stdout or (
        "the winner changes within the range of" in proc.stdout
    )
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["parameter"] for r in rows} == {"calendar_adoption", "reorg_shock"}
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--params", "reorg_shok"), ("--params: no range for 'reorg_shok'",
                                      "did you mean 'reorg_shock'?")),
        (("--measure", "eficiency"), ("--measure: unknown measure 'eficiency'",)),
        (("--plot", "t.txt"), ("--plot t.txt", "use .png")),
    ],
)  # fmt: skip
def test_bad_options_are_one_line_and_write_nothing(
    silo: Silo, tmp_path: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    proc = silo("sensitivity", SCN, CALENDAR, "-n", "2", "--weeks", "2", *args, cwd=tmp_path)
    assert_one_line_error(proc, *fragments)
    assert list(tmp_path.iterdir()) == []


def test_one_option_is_not_a_ranking(silo: Silo) -> None:
    assert_one_line_error(silo("sensitivity", SCN), "at least two options")
