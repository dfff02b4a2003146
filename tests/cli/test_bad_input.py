"""Every bad argument or file: exit code 2, one line on stderr, no traceback, no output."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import TINY, Silo, assert_one_line_error

T = str(TINY)

BAD_ARGUMENTS = {
    "unknown scenario": (["run", "no-such-scenario"], ["no-such-scenario", "no built-in"]),
    "missing scenario file": (["run", "gone/nothing.toml"], ["gone/nothing.toml", "no such file"]),
    "negative weeks": (["run", T, "--weeks", "-3"], ["--weeks", "1 to 520"]),
    "zero weeks": (["run", T, "--weeks", "0"], ["--weeks"]),
    "too many weeks": (["run", T, "--weeks", "100000"], ["--weeks"]),
    "fractional weeks": (["run", T, "--weeks", "2.5"], ["--weeks", "whole number"]),
    "seed not a number": (["run", T, "--seed", "abc"], ["--seed", "'abc'"]),
    "negative seed": (["run", T, "--seed", "-1"], ["--seed"]),
    "huge seed": (["run", T, "--seed", str(2**64)], ["--seed"]),
    "zero replications": (["run", T, "--replications", "0"], ["--replications"]),
    "unknown extension": (["run", T, "--out", "results.txt"], ["'.txt'", ".csv or .json"]),
    "no extension": (["run", T, "--out", "results"], ["no extension"]),
    "out folder missing": (["run", T, "--out", "no/such/dir/r.csv"], ["no/such/dir", "not exist"]),
    "set without value": (["run", T, "--set", "weeks"], ["KEY=VALUE"]),
    "set unknown key": (["run", T, "--set", "params.nope=1"], ["params.nope", "unknown key"]),
    "set unknown team": (["run", T, "--set", "teams.Ghost.size=3"], ["Ghost"]),
    "set bad value": (["run", T, "--set", "teams.SEO.size=-1"], ["teams.SEO.size", "got -1"]),
    "set too deep": (["run", T, "--set", f"weeks={'[' * 3000}1{']' * 3000}"], ["too deeply"]),
    "weeks before script": (["run", "siloed-marketing", "--weeks", "0"], ["--weeks"]),
    "unknown option": (["run", T, "--fast"], ["--fast"]),
    "no scenario": (["run"], ["scenario", "required"]),
    "unknown command": (["rnu"], ["'rnu'", "invalid choice"]),
    "validate without file": (["validate"], ["file"]),
}


@pytest.mark.parametrize("case", sorted(BAD_ARGUMENTS))
def test_bad_argument(silo: Silo, case: str) -> None:
    args, fragments = BAD_ARGUMENTS[case]
    assert_one_line_error(silo(*args), *fragments)


@pytest.mark.parametrize("key", ["params.engagment_rate", "teams.Ghost.size", "tools.calender"])
def test_every_command_answers_a_set_typo_the_same_way(silo: Silo, key: str) -> None:
    # One implementation of --set (sim.experiment.with_overrides) behind every command.
    answers = {
        command: assert_one_line_error(silo(*args))
        for command, args in {
            "run": ["run", "siloed-marketing", "--set", f"{key}=1"],
            "compare": ["compare", "siloed-marketing", "siloed-marketing", "--set", f"{key}=1"],
            "sweep": ["sweep", "siloed-marketing", "--set", f"{key}=1,2"],
        }.items()
    }
    assert answers["run"] == answers["compare"] == answers["sweep"], answers
    assert answers["run"].startswith(f"error: siloed-marketing: {key}: ")


@pytest.mark.parametrize(
    "args",
    [
        ["run", T, "-n", "10001"],
        ["compare", T, T, "-n", "10001"],
        ["sweep", T, "--set", "weeks=2,3", "-n", "10001"],
    ],
)
def test_every_command_has_the_same_replication_limit(silo: Silo, args: list[str]) -> None:
    # One bound, from sim.limits, where compare and sweep once allowed ten times more.
    assert_one_line_error(silo(*args), "--replications must be from 1 to 10,000, not 10001")


def test_out_under_a_file_is_refused_before_running(silo: Silo, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    out = a_file / "r.csv"
    assert_one_line_error(silo("run", T, "--out", str(out)), str(out), "not a folder")


def test_out_that_is_a_folder_is_refused(silo: Silo, tmp_path: Path) -> None:
    folder = tmp_path / "r.json"
    folder.mkdir()
    assert_one_line_error(silo("run", T, "--out", str(folder)), "is a folder")


# Script files and what their error line must say (file name is checked too).
BAD_SCRIPTS = {
    "not toml": ("[[script]\nweek = 1\n", ["not valid TOML"]),
    "empty": ("", ["file is empty"]),
    "no steps": ("# nothing here\ntitle = 'x'\n", ["title", "unknown key"]),
    "steps not tables": ("script = 3\n", ["script", "[[script]]"]),
    "unknown action": (
        '[[script]]\nweek = 1\ndo = [{action = "fire_everyone"}]\n',
        ["script.0.do.0", "fire_everyone"],
    ),
    "bad field": (
        '[[script]]\nweek = 1\ndo = [{action = "set_goal", shared_weight = 2}]\n',
        ["script.0.do.0", "shared_weight", "less than or equal to 1"],
    ),
    "missing do": ("[[script]]\nweek = 1\n", ["script.0.do", "Field required"]),
    "meetings past half the week": (
        '[[script]]\nweek = 1\ndo = [{action = "add_link", kind = "meeting", per_week = 10, '
        "hours = 8}]\n",
        ["script.0.do.0", "80 h of each attendee's week", "at most 20 h a week"],
    ),
    "negative week": (
        '[[script]]\nweek = -1\ndo = [{action = "celebrate"}]\n',
        ["script.0.week"],
    ),
    "after the horizon": (
        '[[script]]\nweek = 9\ndo = [{action = "celebrate"}]\n',
        ["script[0]", "week 9", "after the last week"],
    ),
    "unknown step key": (
        '[[script]]\nweek = 1\nwhen = 2\ndo = [{action = "celebrate"}]\n',
        ["script.0.when", "unknown key"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_SCRIPTS))
def test_bad_script_file(silo: Silo, tmp_path: Path, case: str) -> None:
    text, fragments = BAD_SCRIPTS[case]
    script = tmp_path / "plan.toml"
    script.write_text(text)
    out = tmp_path / "out.csv"
    proc = silo("run", T, "--script", str(script), "--out", str(out))
    assert_one_line_error(proc, str(script), *fragments)
    assert not out.exists()


def test_binary_script_file(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "plan.toml"
    script.write_bytes(b"\x00\xff\xfe garbage \x80\x81")
    assert_one_line_error(silo("run", T, "--script", str(script)), str(script), "not a text file")


def test_missing_script_file(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "nothing.toml"
    assert_one_line_error(silo("run", T, "--script", str(script)), str(script), "no such file")
