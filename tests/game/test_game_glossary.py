"""The glossary: every measure and lever, from the definitions the command line uses,
priced with the scenario's own parameters, a tab away from help, the palette and a dialog."""

from __future__ import annotations

from pilot_kit import SIZE, TRIAL, open_trial, pilot_test, plain, run_command, settle
from textual.widgets import Static, TabbedContent

from game.present.glossary import levers, measures
from game.present.verbs import VERBS
from sim import load_scenario
from sim.measures import MEASURES


def test_every_measure_with_the_clis_label_unit_and_definition() -> None:
    entries = {e.key: e for e in measures()}
    assert list(entries) == [m.key for m in MEASURES]
    for m in MEASURES:
        e = entries[m.key]
        assert (e.name, e.unit, e.what) == (m.label, m.unit, m.definition)


def test_every_lever_has_a_price_from_the_scenarios_parameters() -> None:
    scn = load_scenario("siloed-marketing")
    entries = levers(scn)
    assert [e.key for e in entries] == [v.action for v in VERBS]
    assert all(e.price and e.pays and e.limits for e in entries)
    tool = next(e for e in entries if e.key == "enable_tool")
    assert f"${scn.params.tool_cost_per_seat:,.0f} a seat a week" in tool.price
    pricier = scn.model_copy(update={"params": scn.params.model_copy(
        update={"tool_cost_per_seat": 25.0})})  # fmt: skip
    assert "$25 a seat a week" in next(e for e in levers(pricier) if e.key == "enable_tool").price
    # Worth trying: what the briefing lists and the engine allows; the mix only where listed.
    assert {e.key for e in entries if e.suggested} == set(scn.levers)
    mix = next(e for e in entries if e.key == "set_mix")
    assert not mix.available and not mix.suggested


@pilot_test
async def test_the_glossary_is_a_tab_of_help_in_the_palette_and_from_a_dialog(make_app) -> None:
    from game.tui.screens.help import HelpScreen

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "measures"
        text = plain(app.screen.query_one("#glossary-measures", Static))
        assert all(m.label in text for m in MEASURES)
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "levers"
        text = plain(app.screen.query_one("#glossary-levers", Static))
        assert play.session.scenario.title in text and "a seat a week" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play

        await run_command(pilot, "Glossary: levers")
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one(TabbedContent).active == "levers"
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("t")  # a lever's dialog
        await settle(pilot)
        dialog = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one(TabbedContent).active == "levers"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog
