"""SVG snapshots of each step of the game at a fixed size, from fixed data.

Screens with numbers on them show a recorded game (`recorded.py`,
`fixtures/recorded-game.json`), not a live simulation: a change in the
model's numbers leaves these SVGs alone; a change in a screen shows here.
Update with `pytest tests/game/test_game_snapshots.py --snapshot-update` and
review the SVGs (pytest-textual-snapshot's report shows the difference).
"""

from __future__ import annotations

from typing import Any

import pytest
from pilot_kit import SIZE, TRIAL, next_week, open_trial, settle
from recorded import PLAN, RecordedSession, recorded_preview

import scenarios.catalog


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Games are the recorded game, and what-if previews its recorded preview."""
    import game.present.reveal
    import game.present.session
    import game.present.whatif
    from sim.actions import AddLink, EnableTool

    monkeypatch.setattr(game.present.session, "GameSession", RecordedSession)
    monkeypatch.setattr(game.present.whatif, "preview", lambda *a, **k: recorded_preview())
    # The debrief's replays of the game, fixed: the model's numbers never move a snapshot.
    finding = game.present.reveal.Finding
    monkeypatch.setattr(game.present.reveal, "costliest", lambda *a, **k: finding(
        0, EnableTool(tool="shared_calendar"), 5.7, 6.0))  # fmt: skip
    monkeypatch.setattr(game.present.reveal, "missed_lever", lambda *a, **k: finding(
        0, AddLink(kind="chat"), 6.3, 6.0))  # fmt: skip


async def _open_and_decide_as_recorded(pilot: Any) -> None:
    """Into the game, queueing the recorded player's first decision (the shared calendar)."""
    assert PLAN == {0: [{"action": "enable_tool", "tool": "shared_calendar"}]}
    await open_trial(pilot)
    await pilot.press("t")
    await settle(pilot)
    await pilot.click("#queue")
    await settle(pilot)


@pytest.fixture
def only_siloed_marketing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The picker lists one built-in, so new built-ins do not change its snapshot."""
    real = scenarios.catalog.entries
    monkeypatch.setattr(
        scenarios.catalog,
        "entries",
        lambda: [e for e in real() if e.name == "siloed-marketing"],
    )


def test_picker(snap_compare, make_app, only_siloed_marketing) -> None:
    async def highlight_the_file(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("down")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=highlight_the_file)


def test_briefing(snap_compare, make_app) -> None:
    assert snap_compare(make_app(str(TRIAL)), terminal_size=SIZE, run_before=settle)


async def _three_weeks_in(pilot: Any) -> None:
    await _open_and_decide_as_recorded(pilot)
    await next_week(pilot, 3)
    await pilot.click("TeamCard")
    await settle(pilot)


def test_play(snap_compare, make_app, recorded) -> None:
    assert snap_compare(make_app(str(TRIAL)), terminal_size=SIZE, run_before=_three_weeks_in)


def test_play_narrow(snap_compare, make_app, recorded) -> None:
    assert snap_compare(make_app(str(TRIAL)), terminal_size=(80, 24), run_before=_three_weeks_in)


async def _set_goals_with_preview(pilot: Any) -> None:
    await _open_and_decide_as_recorded(pilot)
    await next_week(pilot, 2)
    await pilot.press("g")
    for _ in range(3):
        await pilot.pause(0.1)
        await settle(pilot)


def test_action_dialog_with_preview(snap_compare, make_app, monkeypatch, recorded) -> None:
    import game.tui.screens.action_dialog

    monkeypatch.setattr(game.tui.screens.action_dialog, "PREVIEW_DELAY", 0.01)
    app = make_app(str(TRIAL), previews=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=_set_goals_with_preview)


def test_action_dialog_with_preview_narrow(snap_compare, make_app, monkeypatch, recorded) -> None:
    """At 80x24 the cost and the preview's figures are in sight without scrolling."""
    import game.tui.screens.action_dialog

    monkeypatch.setattr(game.tui.screens.action_dialog, "PREVIEW_DELAY", 0.01)
    app = make_app(str(TRIAL), previews=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_set_goals_with_preview)


async def _play_through(pilot: Any) -> None:
    await _open_and_decide_as_recorded(pilot)
    play = pilot.app.screen
    await pilot.press("e")
    for _ in range(30):
        await settle(pilot)
        if play.session.done:
            break
    await pilot.press("d")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_debrief(snap_compare, make_app, recorded) -> None:
    assert snap_compare(make_app(str(TRIAL)), terminal_size=SIZE, run_before=_play_through)


def test_debrief_narrow(snap_compare, make_app, recorded) -> None:
    """The reveal (score and chart) opens the debrief on one 80x24 screen."""
    assert snap_compare(make_app(str(TRIAL)), terminal_size=(80, 24), run_before=_play_through)


def test_why_late_campaigns(snap_compare, make_app, recorded) -> None:
    async def eight_weeks_in(pilot: Any) -> None:
        await _open_and_decide_as_recorded(pilot)
        await next_week(pilot, 8)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("left")  # from efficiency round to late campaigns
        await settle(pilot)

    assert snap_compare(make_app(str(TRIAL)), terminal_size=SIZE, run_before=eight_weeks_in)
