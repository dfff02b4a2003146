"""`silo run`: the seed, the summary table, replications and output files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sim.results import SUMMARY_LABELS, WEEKLY_KEYS

from .conftest import TINY, Silo, assert_one_line_error, interrupt_once_started

GOAL_SCRIPT = """
[[script]]
week = 2
do = [{action = "set_goal", team = "*", shared_weight = 0.9, kpi = "campaign"}]
"""


def table_values(stdout: str, currency: str = "$") -> dict[str, str]:
    """The summary table as measure key -> its cells (labels as the CLI shows them: money
    in the scenario's currency, "Efficiency (value per $1,000 spent)", "Spend ($)")."""
    from game.present.tables import measure_label

    out = {}
    for line in stdout.splitlines():
        for key in SUMMARY_LABELS:
            label = measure_label(key, currency)
            if line.startswith(label + " "):
                out[key] = line[len(label) :].split()
    return out


def test_run_prints_the_seed_then_a_summary_table(silo: Silo) -> None:
    proc = silo("run", str(TINY))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "seed: 1"  # the scenario's seed
    assert lines[2].split() == ["measure", "value"]
    values = table_values(proc.stdout)
    for key in ("efficiency", "value", "spend", "campaigns_done", "hours_duplicated",
                "engagement", "quits", "consistency", "silo_index"):  # fmt: skip
        assert len(values[key]) == 1, key
    # Money is the measure: efficiency per 1,000 spent, the spend beside it (MODEL.md E2).
    assert lines[3].startswith("Efficiency (value per $1,000 spent) ")
    assert lines[5].startswith("Spend ($) ")
    # Numbers right-aligned in one column.
    ends = {len(line) for line in lines[3:] if line}
    assert len(ends) == 1


def test_same_seed_same_numbers_in_separate_processes(silo: Silo) -> None:
    first = silo("run", str(TINY), "--seed", "42")
    second = silo("run", str(TINY), "--seed", "42")
    other = silo("run", "siloed-marketing", "--seed", "43", "--weeks", "3")
    assert first.stdout.splitlines()[0] == "seed: 42"
    assert first.stdout == second.stdout
    assert other.stdout.splitlines()[0] == "seed: 43"


def test_replications_show_mean_and_interval(silo: Silo) -> None:
    proc = silo("run", "siloed-marketing", "--weeks", "3", "--replications", "3")
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.splitlines()[:2]
    assert first == "seed: 1"
    # Each replication's seed is derived from the base seed and its index.
    assert second.startswith("replications: 3 (seeds ")
    assert "mean" in proc.stdout
    assert "95% CI" in proc.stdout
    low_mean_high = table_values(proc.stdout)["engagement"]
    mean, low, high = (float(x) for x in low_mean_high)
    assert low <= mean <= high


def test_csv_has_one_row_per_run_and_week(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "runs.csv"
    proc = silo("run", str(TINY), "--weeks", "3", "--replications", "2", "--seed", "5",
                "--out", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with out.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    seeds = list(dict.fromkeys(r["seed"] for r in rows))
    assert len(seeds) == 2  # two replications, two seeds
    assert [(r["seed"], r["week"]) for r in rows] == [(s, str(w)) for s in seeds for w in (1, 2, 3)]
    assert list(rows[0])[:3] == ["scenario", "seed", "week"]
    assert set(WEEKLY_KEYS) <= set(rows[0])
    assert all(r["scenario"] == "tiny" for r in rows)
    assert float(rows[0]["hours_paid"]) > 0
    assert [p.name for p in tmp_path.iterdir()] == ["runs.csv"]  # no temporary file left


def test_json_holds_version_seed_scenario_series_and_summary(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "goals.toml"
    script.write_text(GOAL_SCRIPT)
    out = tmp_path / "run.json"
    proc = silo("run", str(TINY), "--seed", "3", "--script", str(script),
                "--set", "params.campaigns_per_week=2.5", "--out", str(out))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["silo_version"] == "0.1.0"
    assert doc["seed"] == 3
    assert doc["weeks"] == 4
    assert doc["scenario"]["name"] == "tiny"
    assert doc["scenario"]["params"]["campaigns_per_week"] == 2.5
    (run,) = doc["runs"]
    assert run["seed"] == 3
    assert len(run["weekly"]["efficiency"]) == 4
    assert set(SUMMARY_LABELS) <= set(doc["summary"])
    assert run["actions"][0]["week"] == 2
    assert run["actions"][0]["action"] == "set_goal"
    # The table printed and the file agree.
    printed = table_values(proc.stdout)["quits"][0]
    assert float(printed) == doc["summary"]["quits"]


def test_script_changes_the_outcome(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "goals.toml"
    script.write_text(GOAL_SCRIPT)
    plain = silo("run", "siloed-marketing", "--weeks", "6")
    scripted = silo("run", "siloed-marketing", "--weeks", "6", "--script", str(script))
    assert scripted.returncode == 0, scripted.stderr
    assert table_values(plain.stdout) != table_values(scripted.stdout)


def test_weeks_sets_the_horizon(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "short.json"
    proc = silo("run", "siloed-marketing", "--weeks", "2", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["weeks"] == 2
    assert len(doc["runs"][0]["weekly"]["value"]) == 2


def test_a_script_for_the_whole_run_plays_its_first_weeks(silo: Silo, tmp_path: Path) -> None:
    # social-strategy's par plan acts at weeks 0 and 17; cut at 8 weeks, the run is the
    # first 8 weeks of the whole one (the week-17 step is simply not reached).
    par = Path(__file__).parents[2] / "scenarios/strategies/social-strategy/par.toml"
    short, full = tmp_path / "short.json", tmp_path / "full.json"
    cut = silo("run", "social-strategy", "--weeks", "8", "--script", str(par), "--out", str(short))
    assert cut.returncode == 0, cut.stderr
    whole = silo("run", "social-strategy", "--script", str(par), "--out", str(full))
    assert whole.returncode == 0, whole.stderr
    first = json.loads(full.read_text())["runs"][0]["weekly"]
    assert json.loads(short.read_text())["runs"][0]["weekly"] == {
        k: v[:8] for k, v in first.items()
    }


def test_failed_run_writes_nothing_and_keeps_the_old_file(silo: Silo, tmp_path: Path) -> None:
    # The script is valid data but names a team the org does not have: the
    # run fails at week 2, after the simulation started.
    script = tmp_path / "ghost.toml"
    script.write_text(
        '[[script]]\nweek = 2\ndo = [{action = "set_goal", team = "Ghost", shared_weight = 1}]\n'
    )
    fresh = tmp_path / "fresh.csv"
    old = tmp_path / "old.json"
    old.write_text("old results\n")
    for out in (fresh, old):
        proc = silo("run", str(TINY), "--script", str(script), "--out", str(out))
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert "Ghost" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
    assert not fresh.exists()
    assert old.read_text() == "old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghost.toml", "old.json"]


@pytest.mark.parametrize("replications", ["500", "1"])
def test_ctrl_c_stops_cleanly_with_130_and_no_file(tmp_path: Path, replications: str) -> None:
    out = tmp_path / "long.csv"
    out.write_text("old results\n")  # an interrupted run leaves the old file as it was
    code, stdout, stderr = interrupt_once_started(
        "run", "siloed-marketing", "--replications", replications, "--weeks", "520",
        "--out", str(out),
    )  # fmt: skip
    assert code == 130, stderr
    assert stderr.strip() == "interrupted"  # no traceback, no worker's "Exception ignored"
    assert stdout == "seed: 1\n"
    assert out.read_text() == "old results\n"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left


def test_run_accepts_a_scenario_name_and_unknown_names_list_builtins(silo: Silo) -> None:
    line = assert_one_line_error(silo("run", "siloed-marketting"), "siloed-marketting")
    assert "siloed-marketing" in line  # the built-ins are named, so the typo is easy to fix


def test_output_files_get_the_users_umask_and_keep_a_replaced_files_mode(tmp_path: Path) -> None:
    import os
    import stat
    import subprocess
    import sys

    from .conftest import REPO

    def run_with_umask(out: Path) -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "game.cli", "run", str(TINY), "--weeks", "2", "--out", str(out)],
            cwd=REPO, capture_output=True, text=True, check=False, timeout=120,
            preexec_fn=lambda: os.umask(0o027),  # a user who keeps files from "others"
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr

    new, private = tmp_path / "new.csv", tmp_path / "private.csv"
    private.write_text("old\n")
    private.chmod(0o600)
    run_with_umask(new)
    run_with_umask(private)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0o666 less the umask, as open() gives
    assert stat.S_IMODE(private.stat().st_mode) == 0o600  # replacing keeps the old mode
    assert private.read_text() != "old\n"
