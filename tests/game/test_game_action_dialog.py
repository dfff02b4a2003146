"""The action dialog refuses up front, in the player's words, and works from the keyboard."""

from __future__ import annotations

from pilot_kit import SIZE, TRIAL, open_trial, pilot_test, plain, settle
from textual.widgets import Button, Input, Label, Select, Static

from game.present.refusals import plain_reason
from game.tui.screens.action_dialog import ActionDialog
from game.tui.widgets.checklist import CheckList

INTERNAL = ("set_goal", "shared_weight", "add_link", "per_week", "Input should", "''")


def test_schema_limits_read_as_the_dialog_names_them() -> None:
    from sim.actions import ActionError, action_from_dict

    def reason(**data: object) -> str:
        try:
            action_from_dict(data)
        except ActionError as exc:
            return plain_reason(str(exc))
        raise AssertionError(f"accepted: {data}")

    assert reason(action="set_goal", team="*", shared_weight=2) == (
        "Weight of shared goals: at most 1"
    )
    assert reason(action="hire", team="SEO", skill="seo", count=500) == "How many: at most 100"
    assert reason(action="add_link", kind="meeting", per_week=11) == "Meetings a week: at most 10"
    assert reason(action="add_link", kind="meeting", hours=9) == "Hours per meeting: at most 8"
    assert reason(action="add_link", kind="meeting", per_week=10, hours=8) == (
        "10 meetings a week of 8 h each take 80 h of each attendee's week; "
        "a link's meetings may take at most 20 h a week"
    )
    assert reason(action="merge_teams", teams=["SEO"]) == "Teams to merge: pick at least 2"
    assert plain_reason("this scenario does not offer set_mix") == (
        "this scenario does not offer change the campaign mix"
    )


async def _open(pilot, key: str) -> ActionDialog:
    await pilot.press(key)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ActionDialog), dialog
    return dialog


@pilot_test
async def test_absurd_settings_are_refused_with_the_limit(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        dialog = await _open(pilot, "g")
        dialog.query_one("#f-shared_weight", Input).value = "2"
        await pilot.pause()
        box = dialog.query_one("#action-cost", Static)
        assert (box.border_title, plain(box)) == (
            "Cannot do this",
            "Weight of shared goals: at most 1",
        )
        assert dialog.query_one("#queue", Button).disabled
        dialog.query_one("#f-shared_weight", Input).value = ""
        await pilot.pause()
        assert plain(box) == "Weight of shared goals (0 to 1): enter a number"
        for text in (plain(box), box.border_title or ""):
            assert not any(word in text for word in INTERNAL), text
        await pilot.press("ctrl+s")  # refused: nothing is queued
        await settle(pilot)
        assert pilot.app.screen is dialog


@pilot_test
async def test_a_meeting_taking_most_of_the_week_is_refused_with_the_limit(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        dialog = await _open(pilot, "l")
        dialog.query_one("#f-kind", Select).value = "meeting"
        await pilot.pause()
        dialog.query_one("#f-per_week", Input).value = "10"
        dialog.query_one("#f-hours", Input).value = "8"  # each within its own bound
        await pilot.pause()
        box = dialog.query_one("#action-cost", Static)
        assert box.border_title == "Cannot do this"
        assert plain(box) == (
            "10 meetings a week of 8 h each take 80 h of each attendee's week; "
            "a link's meetings may take at most 20 h a week"
        )
        assert dialog.query_one("#queue", Button).disabled
        dialog.query_one("#f-hours", Input).value = "2"  # 20 h a week: the limit itself
        await pilot.pause()
        assert box.border_title == "Cost" and not dialog.query_one("#queue", Button).disabled


@pilot_test
async def test_queue_has_a_key_and_pagedown_reaches_the_charts(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_trial(pilot)
        dialog = await _open(pilot, "l")
        dialog.query_one("#f-kind", Select).value = "meeting"
        await pilot.pause()
        teams = dialog.query_one("#f-teams", CheckList)
        teams.focus()
        await pilot.pause()
        body = dialog.query_one("#action-body")
        body.scroll_home(animate=False)
        await pilot.pause()
        # A focused list would take PageDown for itself; the dialog's scrolls the form.
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is play
        assert [a.kind for a in play.session.queued] == ["meeting"]


@pilot_test
async def test_an_action_the_preview_finds_impossible_cannot_be_queued(
    make_app, monkeypatch
) -> None:
    import game.present.whatif
    import game.tui.screens.action_dialog
    from sim.actions import ActionError

    def refuses(*args: object, **kwargs: object) -> None:
        raise ActionError("add_link.hours: Input should be less than or equal to 8")

    monkeypatch.setattr(game.present.whatif, "preview", refuses)
    monkeypatch.setattr(game.tui.screens.action_dialog, "PREVIEW_DELAY", 0.01)
    app = make_app(str(TRIAL), previews=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        dialog = await _open(pilot, "t")
        await pilot.pause(0.05)
        await settle(pilot)
        box = dialog.query_one("#action-cost", Static)
        assert (box.border_title, plain(box)) == (
            "Refused by the preview",
            "Hours per meeting: at most 8",
        )
        assert dialog.query_one("#queue", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog


@pilot_test
async def test_number_fields_keep_every_keystroke_while_a_preview_runs(
    make_app, monkeypatch
) -> None:
    """Keys typed while the what-if runs in its thread all land in the field."""
    import game.tui.screens.action_dialog

    monkeypatch.setattr(game.tui.screens.action_dialog, "PREVIEW_DELAY", 0.01)
    app = make_app(str(TRIAL), previews=True)
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        dialog = await _open(pilot, "h")
        field = dialog.query_one("#f-count", Input)
        field.focus()
        field.value = ""
        for key in "12":
            await pilot.press(key)
            await pilot.pause(0.02)  # a preview starts between the keys
        await pilot.press("backspace", "3")
        assert field.value == "13"
        await settle(pilot)
        assert field.value == "13"
        assert dialog.query_one("#action-cost", Static).border_title == "Cost"


@pilot_test
async def test_focus_and_picks_read_without_colour(make_app) -> None:
    """In 16 colours a colour may be lost: the focused field's label is reversed, a picked
    option reads [x]."""
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        dialog = await _open(pilot, "M")
        teams = dialog.query_one("#f-teams", CheckList)
        teams.focus()
        teams.select("SEO")
        await pilot.pause()
        label = dialog.query_one("#row-teams Label", Label)
        assert label.rich_style.reverse
        other = dialog.query_one("#row-name Label", Label)
        assert not other.rich_style.reverse
        lines = [teams.render_line(y).text for y in range(len(teams.options))]
        assert lines[0].startswith("[x] SEO")
        assert all(line.startswith("[ ] ") for line in lines[1:])
        # The option under the cursor is underlined, not only tinted.
        cursor = teams.render_line(teams.highlighted or 0)
        assert any(seg.style and seg.style.underline for seg in cursor)
        assert not any(seg.style and seg.style.underline for seg in teams.render_line(1))


def test_amounts_in_a_cost_carry_the_scenarios_currency() -> None:
    from game.present.session import GameSession
    from sim import load_scenario
    from sim.actions import EnableTool, Hire

    scenario = load_scenario(str(TRIAL)).model_copy(update={"currency": "€"})
    session = GameSession(scenario, scenario.seed, builtin=False)
    licence = session.cost_of(EnableTool(tool="shared_calendar"))[0]
    assert licence.startswith("Licence: €") and " a week for " in licence, licence
    pay = session.cost_of(Hire(team="SEO", skill="seo", count=1))
    assert any(line.startswith("Pay from the day they start: €") for line in pay), pay
