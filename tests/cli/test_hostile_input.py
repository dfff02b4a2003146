"""A corpus of hostile inputs, each answered by one line and exit code 2, and nothing written.

The families are issue 16's: files that are not regular or too large, sizes
that would drive unbounded work, numbers (NaN, infinity, 4,300-digit
integers), nesting thousands deep, wrong types, and arguments past what the
machine can use. Every case runs `silo` as a user would, with a time bound: a
refusal comes before the work, so none may take long.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sim.limits import MAX_ACTIONS, MAX_EVENTS, MAX_LINKS, MAX_SKILLS, MAX_TASKS, MAX_TEMPLATES

from .conftest import TINY, Silo, assert_one_line_error

SECONDS = 30
"""Longest a refusal may take: the start-up of Python and the imports, no runs."""


def toml(value: Any) -> str:
    """A TOML value for the plain data these cases need (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return str(value)


def tiny_with(top: str = "", tail: str = "") -> str:
    """tiny.toml with `top` among its top-level keys and `tail` after its tables."""
    text = TINY.read_text().replace("weeks = 4\n", f"weeks = 4\n{top}\n", 1)
    return f"{text}\n{tail}\n"


def script(actions: list[dict[str, Any]], week: int = 1) -> str:
    return f"[[script]]\nweek = {week}\ndo = {toml(actions)}\n"


def hire(count: int = 100) -> dict[str, Any]:
    return {"action": "hire", "team": "SEO", "skill": "seo", "count": count}


def task(i: int) -> dict[str, Any]:
    return {"name": f"t{i}", "skill": "seo", "effort": 1}


def template(i: int, tasks: int) -> str:
    return f"[[demand.templates]]\nname = 'k{i}'\ntasks = {toml([task(j) for j in range(tasks)])}\n"


def skills(team: int) -> list[str]:
    return [f"s{team}-{j}" for j in range(20)]


def fifo(path: Path) -> None:
    os.mkfifo(path)


# Scenario files: (text, words the error line holds besides the file's name).
SCENARIOS: dict[str, tuple[str, list[str]]] = {
    "20,000 channels": (
        tiny_with(tail=f"[demand]\nchannels = {toml([f'c{i}' for i in range(20_000)])}"),
        ["demand.channels", f"more than the {MAX_SKILLS} allowed"],
    ),
    "300 templates of 50 tasks": (
        tiny_with(tail="".join(template(i, 50) for i in range(300))),
        ["demand.templates", f"more than the {MAX_TEMPLATES} allowed"],
    ),
    "too many tasks in all": (
        tiny_with(tail="".join(template(i, 50) for i in range(MAX_TASKS // 50 + 1))),
        ["demand.templates", f"more than the {MAX_TASKS} allowed"],
    ),
    "too many skills": (
        tiny_with(
            tail="".join(
                f"[[teams]]\nname = 'T{i}'\nskills = {toml(skills(i))}\nsize = 1\n"
                for i in range(MAX_SKILLS // 20 + 1)
            )
        ),
        ["teams", f"more than the {MAX_SKILLS} allowed"],
    ),
    "too many links": (
        tiny_with(tail="[[links]]\nkind = 'email'\n" * (MAX_LINKS + 1)),
        ["links", f"more than the {MAX_LINKS} allowed"],
    ),
    "too many events": (
        tiny_with(tail="[[events]]\nweek = 1\nkind = 'campaign'\ntemplate = 'post'\n" * 1001),
        ["events", f"more than the {MAX_EVENTS:,} allowed"],
    ),
    "too many actions": (
        tiny_with(tail=script([{"action": "celebrate"}] * (MAX_ACTIONS + 1))),
        ["script", f"more than the {MAX_ACTIONS:,} allowed"],
    ),
    "hires past the people limit": (
        tiny_with(tail=script([hire()] * 1000)),
        ["script", "100,004 people", "20,000 allowed"],
    ),
    "too many people": (
        tiny_with(
            tail="".join(
                f"[[teams]]\nname = 'T{i}'\nskills = ['seo']\nsize = 2000\n" for i in range(11)
            )
        ),
        ["teams", "22,004 people"],
    ),
    "NaN objective target": (
        tiny_with(tail="[[objectives]]\nmeasure = 'efficiency'\ntarget = nan\n"),
        ["objectives.0.target", "finite number"],
    ),
    "infinite objective target": (
        tiny_with(tail="[[objectives]]\nmeasure = 'efficiency'\ntarget = inf\n"),
        ["objectives.0.target", "finite number"],
    ),
    "NaN mix weight": (
        tiny_with(
            top="levers = ['set_mix']",
            tail=script([{"action": "set_mix", "weights": {"post": float("nan")}}]).replace(
                "NaN", "nan"
            ),
        ),
        ["script.0.do.0.set_mix.weights.post", "finite number"],
    ),
    "NaN campaign weight": (
        tiny_with(tail="").replace('name = "post"', 'name = "post"\nweight = nan'),
        ["demand.templates.0.weight"],
    ),
    "a 5,000-digit integer": (tiny_with(top=f"seed = {'9' * 5000}"), ["4300 digits"]),
    "nested 3,000 deep": (tiny_with(top=f"topics = {'[' * 3000}{']' * 3000}"), ["nested"]),
    "nested 150 deep": (tiny_with(top=f"topics = {'[' * 150}{']' * 150}"), ["nested"]),
    "name is a path": (
        TINY.read_text().replace('name = "tiny"', 'name = "x/../../ESCAPED"', 1),
        [": name:", "'/'"],
    ),
    "larger than the limit": (tiny_with(tail="#" * 1_000_001), ["1,000,000 bytes"]),
    "not UTF-8": ("name = '\xff'", ["not a text file"]),
    "empty": ("", ["empty"]),
}


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_a_hostile_scenario_file(silo: Silo, tmp_path: Path, case: str, command: str) -> None:
    text, words = SCENARIOS[case]
    path = tmp_path / "hostile.toml"
    path.write_bytes(text.encode("utf-8") if case != "not UTF-8" else b"name = '\xff'\n")
    out = ["--out", str(tmp_path / "out.json")] if command == "run" else []
    started = time.monotonic()
    proc = silo(command, str(path), *out, timeout=SECONDS)
    assert_one_line_error(proc, str(path), *words)
    assert time.monotonic() - started < SECONDS
    assert [p.name for p in tmp_path.iterdir()] == ["hostile.toml"]  # nothing written


# Files that are not regular files: each must be refused at once, never read.
SPECIAL: dict[str, Callable[[Path], Path]] = {
    "a FIFO": lambda tmp: (fifo(tmp / "in.toml"), tmp / "in.toml")[1],
    "/dev/zero": lambda tmp: Path("/dev/zero"),
    "/dev/urandom": lambda tmp: Path("/dev/urandom"),
    "a folder": lambda tmp: (tmp / "in.toml").mkdir() or tmp / "in.toml",
}


@pytest.mark.parametrize(
    "where",
    ["validate {}", "run {T} --script {}", "replay {}", "play --load {}", "report {} --out {O}"],
)
@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_file_that_is_not_a_regular_file(
    silo: Silo, tmp_path: Path, kind: str, where: str
) -> None:
    path = SPECIAL[kind](tmp_path)
    before = sorted(tmp_path.iterdir())
    out = tmp_path / "report.html"
    args = where.format(path, T=TINY, O=out).split()
    proc = silo(*args, timeout=SECONDS)
    line = assert_one_line_error(proc, str(path))
    assert "regular file" in line or "folder" in line, line
    assert sorted(tmp_path.iterdir()) == before


def save(scenario: Any = "siloed-marketing", **fields: Any) -> dict[str, Any]:
    record = {"format": "silo-save", "version": 1, "scenario": scenario, "seed": 1}
    return {**record, "weeks_played": 1, "actions": [], **fields}


# Save files: (raw JSON text, words the line holds besides the file's name).
SAVES: dict[str, tuple[str, list[str]]] = {
    "nested 100,000 deep": ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", ["nested"]),
    "a 5,000-digit seed": (
        json.dumps(save()).replace('"seed": 1', '"seed": ' + "9" * 5000),
        ["4300 digits"],
    ),
    "NaN in an action": (
        json.dumps(
            save(
                actions=[
                    {"week": 0, "action": {"action": "set_goal", "shared_weight": float("nan")}}
                ]
            )
        ),
        ["actions[0].action.shared_weight", "finite number"],
    ),
    "a built-in that is a path": (json.dumps(save("../../../etc/x")), ["scenario"]),
    "a scenario name that is a path": (
        json.dumps(
            save({"name": "../../ESCAPED", "teams": [{"name": "A", "skills": ["a"], "size": 1}]})
        ),
        ["scenario", "name"],
    ),
    "an action refused on replay": (
        json.dumps(save(actions=[{"week": 0, "action": {"action": "release", "worker": "Zed"}}])),
        ["week 0", "refused on replay", "no one called 'Zed'"],
    ),
    "a weight that is true": (
        json.dumps(
            save(actions=[{"week": 0, "action": {"action": "set_goal", "shared_weight": True}}])
        ),
        ["actions[0].action.shared_weight", "valid number"],
    ),
    "weeks_played true": (json.dumps(save(weeks_played=True)), ["weeks_played"]),
    "not a save": (json.dumps({"hello": 1}), ["not a silo saved game"]),
    "larger than the limit": (json.dumps(save()) + " " * 5_000_001, ["5,000,000 bytes"]),
}


@pytest.mark.parametrize("command", ["replay", "play --load"])
@pytest.mark.parametrize("case", sorted(SAVES))
def test_a_hostile_save(silo: Silo, tmp_path: Path, case: str, command: str) -> None:
    text, words = SAVES[case]
    path = tmp_path / "game.json"
    path.write_text(text)
    saves = ["--saves", str(tmp_path / "saves")] if command != "replay" else []
    proc = silo(*command.split(), str(path), *saves, timeout=SECONDS)
    assert_one_line_error(proc, str(path), *words)
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]


T = str(TINY)
GRID = ",".join(str(i) for i in range(1, 101))

# Command lines: (arguments, words the error line holds).
ARGUMENTS: dict[str, tuple[list[str], list[str]]] = {
    "a sweep of 10^8 points": (
        [
            "sweep",
            T,
            *[
                f"--set=params.{k}={GRID}"
                for k in ("campaigns_per_week", "own_effort", "own_value", "topics")
            ],
        ],
        ["100,000,000 points", "100,000 runs"],
    ),
    "--workers 1024": (["run", T, "-n", "2", "--workers", "1024"], ["--workers 1024", "cores"]),
    "--workers with a scheduler": (
        ["run", T, "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"],
        ["--workers", "scheduler's cluster"],
    ),
    "--workers with serial": (["run", T, "--executor", "serial", "--workers", "2"], ["serial"]),
    "--set a 5,000-digit integer": (["run", T, "--set", f"seed={'9' * 5000}"], ["4300 digits"]),
    "--set NaN target": (
        ["run", T, "--set", "objectives=[{measure='efficiency', target=nan}]"],
        ["objectives", "finite number"],
    ),
    "--set inf weight": (["run", T, "--set", "demand.templates.0.weight=inf"], ["weight"]),
    "--set nested 3,000 deep": (
        ["run", T, "--set", f"topics={'[' * 3000}{']' * 3000}"],
        ["too deeply"],
    ),
}


@pytest.mark.parametrize("case", sorted(ARGUMENTS))
def test_a_hostile_command_line(silo: Silo, tmp_path: Path, case: str) -> None:
    args, words = ARGUMENTS[case]
    out = tmp_path / "out.json"
    proc = silo(*args, "--out", str(out), timeout=SECONDS)
    assert_one_line_error(proc, *words)
    assert list(tmp_path.iterdir()) == []


def test_a_long_value_gives_a_short_line(silo: Silo) -> None:
    line = assert_one_line_error(silo("run", T, "--set", f"teams.SEO.kpi={'x' * 5000}"))
    assert len(line) <= 250, len(line)
    assert "teams.SEO.kpi" in line


def test_labels_and_names_are_plain_text_in_charts(silo: Silo, tmp_path: Path) -> None:
    # matplotlib would read "$x^$" as maths, and fail the whole figure.
    plot = tmp_path / "plot.png"
    variants = [f"{T}:label=$\\frac{{a}}{{$", f"{T}:label=$x^$"]
    proc = silo("compare", *variants, "-n", "2", "--weeks", "2", "--plot", str(plot), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert plot.read_bytes().startswith(b"\x89PNG")


def test_escape_codes_in_a_file_name_never_reach_the_terminal(silo: Silo, tmp_path: Path) -> None:
    path = tmp_path / "e\x1b[2Jvil\x07.toml"
    line = assert_one_line_error(silo("run", str(path)))
    assert "\x1b" not in line and "\x07" not in line
    assert "e?[2Jvil?.toml" in line


def test_out_onto_a_link_writes_the_file_it_points_to(silo: Silo, tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(target)
    proc = silo("run", T, "--weeks", "1", "--out", str(link), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert json.loads(target.read_text())["seed"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_writer_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    from game.present.files import write_atomic

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    left = tmp_path / f".out.json.{ended.stdout.strip()}-0a1b2c3d.tmp"
    writing = tmp_path / f".out.json.{os.getppid()}-0a1b2c3d.tmp"  # a live process's
    other = tmp_path / f".other.json.{ended.stdout.strip()}-0a1b2c3d.tmp"  # not this file's
    for path in (left, writing, other):
        path.write_text("{")
    write_atomic(tmp_path / "out.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.json", writing.name, other.name]
    )


@pytest.mark.parametrize("executor", ["process", "dask"])
def test_a_run_refused_in_a_worker_is_one_line(silo: Silo, tmp_path: Path, executor: str) -> None:
    # The schema cannot know that no one is called Zed; the engine refuses the
    # action in a worker. Dask's own workers once printed its traceback first.
    plan = tmp_path / "plan.toml"
    plan.write_text('[[script]]\nweek = 1\ndo = [{action = "release", worker = "Zed"}]\n')
    out = tmp_path / "out.json"
    args = ["--executor", executor, "--workers", "1", "--script", str(plan), "--out", str(out)]
    proc = silo("run", T, "-n", "2", *args, timeout=120)
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith("error: script at week 1: there is no one called 'Zed' in the org")
    assert not out.exists()


def test_replay_prints_no_escape_code_from_a_save(silo: Silo, tmp_path: Path) -> None:
    from sim.scenario import read_toml

    scenario = read_toml(TINY)
    scenario["title"] = "\x1b[2J\x1b]0;pwned\x07Tiny"
    path = tmp_path / "g.json"
    path.write_text(json.dumps(save(scenario, weeks_played=1)))
    proc = silo("replay", str(path), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "?[2J?]0;pwned?Tiny" in proc.stdout
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
