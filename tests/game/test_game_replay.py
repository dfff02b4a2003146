"""`silo replay` reproduces a game headless, and a killed game keeps its last autosave."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test, plain, settle, the_game_file
from textual.widgets import Static

from game.present.saves import read_save, write_save
from game.present.session import GameSession
from game.tui.app import SiloApp
from sim import load_scenario
from sim.actions import EnableTool

REPO = Path(__file__).resolve().parents[2]


def silo(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pilot_test
async def test_replay_prints_the_figures_the_debrief_showed(make_app, saves: Path) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.click("#queue")
        await next_week(pilot, 3)
        await pilot.press("e")
        for _ in range(30):
            await settle(pilot)
            if play.session.done:
                break
        await pilot.press("d")
        await settle(pilot)
        shown = plain(app.screen.query_one("#debrief-figures", Static))
        score = plain(app.screen.query_one("#debrief-score", Static))
        objectives = plain(app.screen.query_one("#debrief-objectives", Static))
    proc = silo("replay", str(the_game_file(saves)))
    assert proc.returncode == 0, proc.stderr
    assert shown in proc.stdout
    assert score in proc.stdout.splitlines()  # the debrief's headline, word for word
    assert "weeks played: 10 of 10" in proc.stdout
    assert "week 0: Goals for every team: 80% shared" in proc.stdout
    assert objectives.count("✓") == proc.stdout.count("[x]")
    assert objectives.count("✗") == proc.stdout.count("[ ]")
    for line in objectives.splitlines():  # the same judgement, in plain text
        text = line.strip().lstrip("✓✗ ").split("  (")[0].strip()
        assert text in proc.stdout


def test_replay_never_loads_the_screen(tmp_path: Path) -> None:
    session = GameSession(load_scenario("siloed-marketing"), 1)
    session.queue(EnableTool(tool="shared_calendar"))
    session.advance(report=False)
    write_save(tmp_path / "g.json", session.record())
    code = f"""
import sys, game.cli
assert game.cli.main(["replay", {str(tmp_path / "g.json")!r}]) == 0
print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert "Switched on the shared calendar" in proc.stdout


def test_a_bad_save_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "silo-save", "version": 7}', encoding="utf-8")
    for path, fragment in ((bad, "this silo reads format 1"), (tmp_path / "none.json", "no such")):
        proc = silo("replay", str(path))
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ")
        assert fragment in proc.stderr and "Traceback" not in proc.stderr
    proc = silo("play", "--load", str(bad))
    assert proc.returncode == 2 and "this silo reads format 1" in proc.stderr


def test_play_refuses_a_bad_scenario_before_the_screen_opens(tmp_path: Path) -> None:
    for args, fragment in (
        (("play", "no-such-scenario"), "no built-in scenario or file by that name"),
        (("play", str(tmp_path / "missing.toml")), "no such file"),
        (("play", "siloed-marketing", "--load", "x.json"), "not both"),
        (("play", "siloed-marketing", "--seed", "-1"), "--seed must be from 0"),
    ):
        proc = silo(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and fragment in proc.stderr, proc.stderr


KILLED_GAME = """
import asyncio, os, sys, threading
from pathlib import Path
sys.path.insert(0, {tests!r})
from pilot_kit import next_week, open_trial
from game.tui.app import SiloApp

async def main():
    app = SiloApp({trial!r}, saves=Path({saves!r}), previews=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_trial(pilot)
        await next_week(pilot, 3)
        # The next autosave stalls mid-write, its temporary file half there.
        def stall(fd):
            print("writing", flush=True)
            threading.Event().wait()  # stalled until the test kills the process
        os.fsync = stall
        await pilot.press("space")
        await asyncio.Event().wait()

asyncio.run(main())
"""


def test_a_killed_game_loses_at_most_the_week_in_progress(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    script = KILLED_GAME.format(
        tests=str(Path(__file__).parent), trial=str(TRIAL), saves=str(saves)
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "writing", line
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    game = the_game_file(saves)
    record = read_save(game)
    assert record.weeks_played == 3
    leftovers = [p.name for p in saves.iterdir() if p != game]
    assert leftovers and all(name.endswith(".tmp") for name in leftovers)  # died mid-write
    assert GameSession.from_record(record).week == 3
    asyncio.run(start_and_quit(saves))  # the next game's start removes what the last one left
    assert list(saves.iterdir()) == [game]


async def start_and_quit(saves: Path) -> None:
    async with SiloApp(saves=saves, previews=False).run_test(size=SIZE) as pilot:
        await pilot.pause()


def test_a_temporary_file_a_live_game_is_writing_is_left_alone(tmp_path: Path) -> None:
    # `silo serve` runs a game per browser, all saving into one folder.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    stale = tmp_path / f".autosave-x.json.{ended.stdout.strip()}-0a1b2c3d.tmp"
    live = tmp_path / f".autosave-y.json.{os.getppid()}-0a1b2c3d.tmp"
    for path in (stale, live):
        path.write_text("{")
    asyncio.run(start_and_quit(tmp_path))
    assert sorted(tmp_path.iterdir()) == [live]
