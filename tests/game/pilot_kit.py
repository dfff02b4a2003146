"""Helpers for the game's Pilot tests: the trial scenario and waiting for the game.

(A plain module beside the tests: `tests/game` is no package, so that its
name cannot shadow the `game` package under test.)
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRIAL = FIXTURES / "agency-trial.toml"
SIZE = (120, 40)


def trial_offering(folder: Path, levers: Sequence[str]) -> Path:
    """A copy of the trial scenario in `folder` that lists `levers` (set_mix is offered
    only where a scenario lists it)."""
    text = TRIAL.read_text(encoding="utf-8")
    listed = ", ".join(f'"{lever}"' for lever in levers)
    text = text.replace("\n[[teams]]", f"\nlevers = [{listed}]\n\n[[teams]]", 1)
    path = folder / TRIAL.name
    path.write_text(text, encoding="utf-8")
    return path


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no async plugin needed; fixtures still work)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


def plain(widget: Any) -> str:
    """The text a Static shows, without styles (rendered wide, so nothing wraps)."""
    import io

    from rich.console import Console

    console = Console(width=200, file=io.StringIO(), color_system=None, record=True)
    console.print(widget.content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for every worker the game started and the messages they sent back."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_trial(pilot: Pilot[Any]) -> Any:
    """From an app started on a scenario (the trial, or a built-in): through the briefing
    to the play screen."""
    from game.tui.screens.play import PlayScreen

    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PlayScreen), pilot.app.screen
    return pilot.app.screen


async def run_command(pilot: Pilot[Any], text: str) -> None:
    """Pick a command by typing `text` into the command palette, as a player would."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


def hold_weeks(session: Any, first: Callable[[], object] | None = None) -> threading.Event:
    """Make the session's weeks wait, in the game's worker, until the returned event is
    set (30 s at most); `first`, if given, runs there just before each week is played."""
    release = threading.Event()
    advance = session.advance

    def held_advance() -> object:
        release.wait(timeout=30)
        if first is not None:
            first()
        return advance()

    session.advance = held_advance
    return release


async def next_week(pilot: Pilot[Any], times: int = 1) -> None:
    for _ in range(times):
        await pilot.press("space")
        await settle(pilot)


async def to_the_debrief(pilot: Pilot[Any], play: Any, rounds: int = 80) -> Any:
    """Run the game to its end (e) and open the debrief (d), as a player would."""
    from game.tui.screens.debrief import DebriefScreen

    await pilot.press("e")
    for _ in range(rounds):
        await settle(pilot)
        if play.session.done:
            break
    assert play.session.done
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DebriefScreen), pilot.app.screen
    return pilot.app.screen


def game_files(saves: Path) -> list[Path]:
    """The games' own files in a save folder (named by scenario, seed and start time),
    without the copies ctrl+s made."""
    from game.present.saves import is_game_file

    return sorted(p for p in saves.glob("*.json") if is_game_file(p, saves))


def the_game_file(saves: Path) -> Path:
    """The one game's file in a save folder (a test that played one game)."""
    (only,) = game_files(saves)
    return only


async def quit_game(pilot: Pilot[Any]) -> None:
    """Quit from the play screen as a player would: ctrl+q asks, q confirms."""
    from game.tui.screens.leave import LeaveDialog

    await pilot.press("ctrl+q")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LeaveDialog), pilot.app.screen
    await pilot.press("q")
