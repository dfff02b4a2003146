"""Par to beat: the built-ins' par plans found by the catalog, run beside the player's
game on the same seed, and shown on the dashboard and the debrief (issue 12, part 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pilot_kit import open_trial, pilot_test, plain, settle, to_the_debrief
from textual.widgets import Select, Static

from game.present.score import score
from game.present.session import GameSession
from scenarios import catalog
from sim import Simulation, load_scenario

PAR_BUILTINS = [e.name for e in catalog.entries() if catalog.par_path(e.name) is not None]


def test_every_builtin_but_none_lacks_a_par_plan_and_each_fits_its_scenario() -> None:
    assert len(PAR_BUILTINS) >= 5
    for name in PAR_BUILTINS:
        scn = load_scenario(name)
        script = catalog.par_script(name, scn)
        assert script, name
        # Shipped inside the package, beside the scenarios, so an installed silo finds them.
        assert catalog.par_path(name).is_relative_to(Path(catalog.__file__).parent)


def test_a_scenario_of_ones_own_has_no_par(tmp_path: Path) -> None:
    assert catalog.par_path("no-such-scenario") is None
    scn = load_scenario("siloed-marketing")
    assert catalog.par_script("no-such-scenario", scn) is None
    # A file of the player's own, even named like a built-in, is played without par.
    session = GameSession(scn, 1, builtin=False)
    assert session.par is None
    turn = session.advance()
    assert turn.par_weekly == {} and turn.par_summary == {}


@pytest.mark.parametrize("name", ["siloed-marketing", "new-agency"])
def test_par_runs_beside_the_game_on_the_same_seed(name: str) -> None:
    scn = load_scenario(name)
    session = GameSession(scn, 7)
    assert session.par is not None
    for _ in range(4):
        turn = session.advance()
    # Par in the game is par headless: the scenario with its par script, same seed.
    alone = Simulation(scn.model_copy(update={"script": catalog.par_script(name, scn)}), 7)
    alone.step(4)
    assert turn.par_summary["efficiency"] == pytest.approx(alone.result().summary["efficiency"])
    # The one score reads the same figure off the weekly series.
    now = score(turn.weekly, turn.baseline_weekly, turn.par_weekly)
    assert now.par is not None
    assert now.par.efficiency == pytest.approx(turn.par_summary["efficiency"])
    assert now.you.efficiency == pytest.approx(turn.summary["efficiency"])


def _played(scn: object, seed: int, steps: list, weeks: int) -> GameSession:
    """A game of `scn` taking (week, action) `steps`, played `weeks` weeks."""
    game = GameSession(scn, seed)  # type: ignore[arg-type]
    for week in range(weeks):
        for w, action in steps:
            if w == week:
                game.queue(action)
        game.advance(report=False)
    return game


def _percent(text: str, who: str) -> int:
    found = re.search(rf"{who} ([+-]?\d+)%", text)
    assert found, text
    return int(found.group(1))


@pilot_test
async def test_the_novice_plan_meets_par_on_the_debrief(make_app) -> None:
    """Shared goals, the calendar and a weekly meeting at week 0, queued in their
    dialogs; the dashboard and debrief show par beside do-nothing, par above the novice,
    and every efficiency figure agrees with the run's summary."""
    from game.present.numbers import num, signed_percent
    from game.present.tables import fmt
    from game.tui.screens.action_dialog import ActionDialog

    app = make_app("siloed-marketing")
    async with app.run_test(size=(120, 40)) as pilot:
        play = await open_trial(pilot)
        for key, values in (("g", {}), ("t", {"tool": "shared_calendar"}),
                            ("l", {"kind": "meeting"})):  # fmt: skip
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ActionDialog)
            for field, value in values.items():
                dialog.query_one(f"#f-{field}", Select).value = value
                await pilot.pause()
            await pilot.click("#queue")
            await settle(pilot)
        assert [a.action for a in play.session.queued] == ["set_goal", "enable_tool", "add_link"]
        await pilot.press("space")
        await settle(pilot)
        headline = plain(play.query_one("#dash-score", Static))
        assert headline.startswith("Efficiency so far: you ") and ", par " in headline
        debrief = await to_the_debrief(pilot, play)
        session = play.session
        assert session.par is not None

        text = plain(debrief.query_one("#debrief-score", Static))
        you, par = _percent(text, "you"), _percent(text, "par")
        assert par > you > 0, text
        reveal = debrief.query_one("#debrief-reveal")
        assert set(reveal.markers) == {0} and len(reveal.par) == session.weeks
        decisions = plain(debrief.query_one("#debrief-decisions", Static))
        assert "par" in decisions.splitlines()[0]
        assert "Switched on the shared calendar" in decisions
        search = plain(debrief.query_one("#debrief-search", Static))
        assert "costliest decision" in search or "Every decision paid" in search
        assert "lever" in search  # the missed lever (or that every lever was used)

        # One definition of efficiency everywhere: the summary's, as each screen shows it.
        eff = session.result().summary["efficiency"]
        base = session.baseline.result_at(session.weeks).summary["efficiency"]
        assert you == round(100 * (eff / base - 1))
        figures = plain(debrief.query_one("#debrief-figures", Static))
        eff_row = next(line for line in figures.splitlines() if line.startswith("Efficiency"))
        assert fmt("efficiency", eff) in eff_row
        lessons = plain(debrief.query_one("#debrief-lessons", Static))
        assert f"You delivered {num(eff)} of value" in lessons
        objectives = plain(debrief.query_one("#debrief-objectives", Static))
        assert f"so far {signed_percent(eff / base - 1, 1)} vs do-nothing" in objectives


@pilot_test
@pytest.mark.parametrize("name", PAR_BUILTINS)
async def test_each_par_plan_played_in_the_game_scores_as_par(make_app, name: str) -> None:
    """Par's decisions, queued in the game at their weeks, give par's own figures."""
    app = make_app(name)
    async with app.run_test(size=(120, 40)) as pilot:
        play = await open_trial(pilot)
        session = play.session
        assert session.par is not None
        plan: dict[int, list[object]] = {}
        for step in session.par.script:
            plan.setdefault(step.week, []).extend(step.do)
        while not session.done:
            for action in plan.get(session.week, []):
                session.queue(action)  # what each dialog's Queue does
            await pilot.press("space")
            await settle(pilot)
        turn = play.turn
        assert turn is not None and turn.done
        assert turn.summary["efficiency"] == pytest.approx(turn.par_summary["efficiency"])
        headline = plain(play.query_one("#dash-score", Static))
        assert _percent(headline, "you") == _percent(headline, "par")


def test_the_report_draws_par_beside_the_tables() -> None:
    from game.present.report import replay, report_html
    from game.present.report_charts import PAR_GREEN, report_figure
    from sim.actions import EnableTool

    scn = load_scenario("siloed-marketing")
    players = []
    for name, builtin in (("calendar", True), ("own-file", False)):
        session = GameSession(scn, 3, builtin=builtin)
        session.queue(EnableTool(tool="shared_calendar"))
        for _ in range(6):
            session.advance(report=False)
        players.append(replay(name, session))
    assert players[0].par is not None and players[1].par is None
    page = report_html(players, scn)
    assert "par (the best plan a search found)" in page
    fig = report_figure(players)
    efficiency = fig.axes[0]
    assert any(line.get_color() == PAR_GREEN for line in efficiency.get_lines())
    # Games of a scenario without par: no par row, no par line.
    alone = report_html(players[1:], scn)
    assert "par (the best plan" not in alone
    assert not any(line.get_color() == PAR_GREEN for line in report_figure(players[1:]).axes[0]
                   .get_lines())  # fmt: skip


def test_the_replay_names_the_costliest_decision_and_a_missed_lever() -> None:
    from game.present.reveal import costliest, costliest_text, missed_lever, missed_text
    from sim.actions import EnableTool, MergeTeams

    scn = GameSession(load_scenario("siloed-marketing"), 2).scenario  # as the game plays it
    history = [(0, EnableTool(tool="shared_calendar")), (4, MergeTeams(teams=("SEO", "Social")))]
    actual = _played(scn, 2, history, 12).result().summary["efficiency"]
    worst = costliest(scn, 2, history, 12, actual)
    assert worst is not None and (worst.week, worst.action) in history
    # Without the decision named, the same seed gives the efficiency reported.
    others = [h for h in history if h != (worst.week, worst.action)]
    again = _played(scn, 2, others, 12)
    assert worst.efficiency == pytest.approx(again.result().summary["efficiency"])
    assert "week" in costliest_text(worst)
    missed = missed_lever(scn, 2, history, 12, actual)
    assert missed is not None and missed.action.action not in ("enable_tool", "merge_teams")
    assert "from week 0" in missed_text(missed)
    assert costliest_text(None).startswith("You took no decisions")


def test_a_loaded_game_of_a_builtin_keeps_its_par() -> None:
    session = GameSession(load_scenario("new-agency"), 5)
    session.advance(report=False)
    loaded = GameSession.from_record(session.record())
    assert loaded.par is not None and loaded.par.script == session.par.script
    assert loaded.turn().par_summary == session.turn().par_summary
