"""The Decide menu: every verb, the scenario's levers first, picked by key, click or enter."""

from __future__ import annotations

from pilot_kit import SIZE, TRIAL, open_trial, pilot_test, settle
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from game.present.verbs import VERBS
from game.tui.screens.action_dialog import ActionDialog
from game.tui.screens.action_menu import ActionMenu, ordered_verbs, verb_label
from game.tui.screens.play import PlayScreen

LEVERS = ("enable_tool", "celebrate")


class MenuHost(App[None]):
    """An app that opens the menu and keeps what it dismissed with."""

    CSS_PATH = "../../game/tui/app.tcss"

    def __init__(self, levers: tuple[str, ...] = LEVERS) -> None:
        super().__init__()
        self.levers = levers
        self.results: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("the game")

    def on_mount(self) -> None:
        self.push_screen(ActionMenu(self.levers), self.results.append)


def test_the_scenario_s_levers_come_first_then_every_other_verb() -> None:
    ordered = ordered_verbs(LEVERS)
    assert [v.action for v, _ in ordered[:2]] == ["enable_tool", "celebrate"]
    assert [s for _, s in ordered] == [True, True] + [False] * (len(VERBS) - 2)
    assert sorted(v.action for v, _ in ordered) == sorted(v.action for v in VERBS)
    # The rest keep the order of VERBS, which the help screen and the palette use too.
    rest = [v.action for v, _ in ordered[2:]]
    assert rest == [v.action for v in VERBS if v.action not in LEVERS]


def test_no_levers_lists_every_verb_in_its_usual_order() -> None:
    assert [v for v, _ in ordered_verbs(())] == list(VERBS)


def test_a_suggested_verb_says_so_and_shows_its_key_and_blurb() -> None:
    verb = next(v for v in VERBS if v.action == "enable_tool")
    suggested, plain_one = verb_label(verb, True).plain, verb_label(verb, False).plain
    assert suggested.startswith(f"{verb.key}  {verb.label}")
    assert "★ worth trying here" in suggested
    assert "★" not in plain_one
    assert verb.blurb in suggested and verb.blurb in plain_one


@pilot_test
async def test_the_menu_lists_levers_first_with_a_star() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, ActionMenu)
        options = menu.query_one("#verb-list", OptionList)
        assert options.option_count == len(VERBS)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids[:2] == list(LEVERS)
        first = options.get_option_at_index(0).prompt
        assert "★" in str(getattr(first, "plain", first))


@pilot_test
async def test_a_verb_s_key_picks_it() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("M")  # merge teams: not a lever here, still on the menu
        await pilot.pause()
        assert app.results == ["merge_teams"]
        assert not isinstance(app.screen, ActionMenu)


@pilot_test
async def test_enter_picks_the_highlighted_verb() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")  # the second lever
        await pilot.pause()
        assert app.results == ["celebrate"]


@pilot_test
async def test_a_click_picks_a_verb() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#verb-list", OptionList)
        await pilot.click(options, offset=(4, 1))  # the first option's first line
        await pilot.pause()
        assert app.results == ["enable_tool"]


@pilot_test
async def test_escape_picks_nothing() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, ActionMenu)


@pilot_test
async def test_a_key_that_is_no_verb_does_nothing() -> None:
    app = MenuHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert app.results == []
        assert isinstance(app.screen, ActionMenu)


@pilot_test
async def test_decide_opens_the_menu_and_a_pick_opens_its_dialog(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.click("#decide")
        await settle(pilot)
        assert isinstance(app.screen, ActionMenu)
        await pilot.press("t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        assert dialog.verb.action == "enable_tool"
        await pilot.click("#queue")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)
        assert [a.action for a in play.session.queued] == ["enable_tool"]


@pilot_test
async def test_leaving_the_menu_queues_nothing_and_the_game_goes_on(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ActionMenu)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is play
        assert play.session.queued == []


@pilot_test
async def test_the_menu_stays_shut_when_the_game_is_over(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("e")
        for _ in range(30):
            await settle(pilot)
            if play.session.done:
                break
        assert play.session.done
        await pilot.press("a")
        await settle(pilot)
        assert app.screen is play
