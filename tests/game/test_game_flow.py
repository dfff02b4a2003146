"""Playing the game with a Pilot: pick, read, play, decide, reach the debrief."""

from __future__ import annotations

from pathlib import Path

from pilot_kit import (
    SIZE,
    TRIAL,
    game_files,
    hold_weeks,
    next_week,
    open_trial,
    pilot_test,
    plain,
    quit_game,
    run_command,
    settle,
    the_game_file,
    to_the_debrief,
    trial_offering,
)
from textual.widgets import OptionList, Static

from game.tui.screens.briefing import BriefingScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.picker import PickerScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.event_feed import EventFeed
from game.tui.widgets.game_status import GameStatus
from game.tui.widgets.line_chart import LineChart
from game.tui.widgets.team_card import TeamCard
from game.tui.widgets.team_detail import TeamDetail


@pilot_test
async def test_pick_a_scenario_read_the_briefing_and_play_weeks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        labels = [c.label for c in picker.choices]
        assert "siloed-marketing" in labels  # a built-in
        index = labels.index("agency-trial.toml")  # and the folder's scenario file
        picker.query_one(OptionList).highlighted = index
        await pilot.pause()
        preview = plain(picker.query_one("#picker-preview", Static))
        assert "A small department and a content agency nobody briefs." in preview
        assert "tutorial · 10 weeks" in preview

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        briefing = plain(app.screen.query_one("#briefing-text", Static))
        assert "content studio outside the building" in briefing
        assert "Deliver 5% more value per $1,000 spent than doing nothing." in briefing
        assert "Include an agency" in briefing  # every lever, as the scenario names none
        assert "10 turns" in briefing

        await pilot.press("enter")
        await settle(pilot)
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.session.week == 0
        assert len(play.query(TeamCard)) == 4
        chart = play.query_one("#chart-efficiency", LineChart)
        feed = play.query_one(EventFeed)
        lines_before = len(feed.lines)

        await next_week(pilot, 2)
        assert play.session.week == 2
        status = play.query_one(GameStatus)
        assert (status.week, status.weeks) == (2, 10)
        assert len(chart.you) == 2 and len(chart.base) == 2
        assert len(feed.lines) > lines_before


@pilot_test
async def test_a_slow_week_says_it_is_simulating_until_it_is_shown(make_app) -> None:
    # A quick week shows no "simulating" at all (it would only flash); one that takes
    # longer than a tenth of a second says so, and the word goes with the week's frame.
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        status = play.query_one(GameStatus)
        release = hold_weeks(play.session)  # the week finishes once the test saw the word
        await pilot.press("space")
        for _ in range(200):  # until the status says so (10 s at most)
            if status.busy:
                break
            await pilot.pause(0.05)
        assert status.busy and "simulating…" in status.render().plain
        assert play.session.week == 0
        release.set()
        await settle(pilot)
        assert play.session.week == 1 and status.week == 1
        assert not status.busy and "simulating" not in status.render().plain


@pilot_test
async def test_every_action_goes_through_its_dialog(make_app, tmp_path: Path) -> None:
    """Each verb is set up in its dialog, costed, queued and applied at the next week;
    an impossible one is refused with the engine's reason and cannot be queued."""
    from textual.widgets import Button, Select, SelectionList

    from game.tui.screens.action_dialog import ActionDialog
    from sim.actions import ACTION_KINDS

    # The campaign mix is a lever only where a scenario lists it: this trial lists them all.
    app = make_app(str(trial_offering(tmp_path, ACTION_KINDS)))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)

        async def decide(key: str, **values: object) -> ActionDialog:
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ActionDialog), dialog
            for name, value in values.items():
                widget = dialog.query_one(f"#f-{name}")
                if isinstance(widget, SelectionList):
                    widget.deselect_all()
                    for v in value:  # type: ignore[attr-defined]
                        widget.select(v)
                elif isinstance(widget, Select):
                    widget.value = value
                else:
                    widget.value = str(value)  # type: ignore[attr-defined]
                await pilot.pause()
            return dialog

        async def queue(key: str, **values: object) -> None:
            dialog = await decide(key, **values)
            box = dialog.query_one("#action-cost", Static)
            assert box.border_title == "Cost", plain(box)
            queued = len(play.session.queued)
            await pilot.click("#queue")
            await settle(pilot)
            assert len(play.session.queued) == queued + 1

        await queue("g", shared_weight=0.7)
        await queue("t", tool="knowledge_base")
        await next_week(pilot)
        await queue("l", kind="meeting", teams=["SEO", "Social"], per_week=1)

        # Refused: moving Ana to the team she is in. The reason is the engine's.
        dialog = await decide("w", worker="Ana", to_team="SEO")
        box = dialog.query_one("#action-cost", Static)
        assert (box.border_title, plain(box)) == ("Cannot do this", "Ana is already in SEO")
        assert dialog.query_one("#queue", Button).disabled
        dialog.query_one("#f-to_team", Select).value = "Social"
        await pilot.pause()
        assert box.border_title == "Cost"
        await pilot.click("#queue")
        await settle(pilot)
        await queue("h", team="Content", skill="content", count=2)
        await next_week(pilot)

        await queue("L", link=1)  # the meeting just added (link 0 is email)
        await queue("i", team="Studio")
        await queue("r", worker="Ben")
        await next_week(pilot)
        await queue("S", team="Content", members=["Omar"], new_team="Content B")
        await queue("x", **{"weights-0": 1, "weights-1": 3})
        await next_week(pilot)
        await queue("M", teams=["SEO", "Social"], name="Growth")
        await next_week(pilot)
        await queue("f")
        await queue("c")  # wins to celebrate by now
        await next_week(pilot)

        taken = [a.action for _, a in play.session.history]
        assert sorted(taken) == sorted(ACTION_KINDS)
        names = [t.name for t in play.turn.snapshot.teams]
        assert "Growth" not in names  # squads re-cut the whole org after the merge
        assert play.session.week == 6


@pilot_test
async def test_the_campaign_mix_is_refused_where_the_scenario_does_not_list_it(make_app) -> None:
    from textual.widgets import Button

    from game.tui.screens.action_dialog import ActionDialog

    app = make_app(str(TRIAL))  # lists no levers: all of them but set_mix
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ActionDialog), dialog
        cost = plain(dialog.query_one("#action-cost", Static))
        assert cost == "This scenario does not let you change the campaign mix"
        assert dialog.query_one("#queue", Button).disabled


@pilot_test
async def test_queued_decision_can_be_taken_back(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.click("#queue")
        await settle(pilot)
        assert play.query_one(GameStatus).queued == ("Switched on the shared calendar",)
        await pilot.press("u")
        await pilot.pause()
        assert play.session.queued == []
        await next_week(pilot)
        assert play.session.history == []


@pilot_test
async def test_selecting_a_team_shows_its_people_and_waits(make_app) -> None:
    selected: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, TeamCard.Selected):
            selected.append(message.name)

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 2)
        card = next(c for c in play.query(TeamCard) if c.team.name == "Content")
        await pilot.click(card)
        await pilot.pause()
        assert selected == ["Content"]
        assert card.has_class("-selected")
        detail = plain(play.query_one(TeamDetail))
        assert detail.startswith("Content: 3 people")
        assert "Omar" in detail and "Waiting to hear of:" in detail
        assert "Engagement pulled by:" in detail


@pilot_test
async def test_the_collector_waits_for_the_weeks_frame_then_frees_its_cycles(make_app) -> None:
    # Python's cyclic collector stays off from the key to the frame that shows the week
    # (its passes would walk the week's new objects inside the redraw), and runs then.
    import gc
    import weakref

    class Node:
        other: object = None

    gc.enable()
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        during: list[bool] = []
        made: list[weakref.ref[Node]] = []

        def in_the_worker() -> None:
            a, b = Node(), Node()
            a.other, b.other = b, a  # garbage only the cyclic collector frees
            made.append(weakref.ref(a))
            during.append(gc.isenabled())

        release = hold_weeks(play.session, in_the_worker)
        await pilot.press("space")
        assert not gc.isenabled()  # the week is in flight
        release.set()
        await settle(pilot)
        assert play.session.week == 1 and during == [False]
        assert gc.isenabled() and made[0]() is None

        await to_the_debrief(pilot, play)  # weeks played back to back, each shown
        assert gc.isenabled()


@pilot_test
async def test_run_to_the_end_and_read_the_debrief(make_app, saves: Path) -> None:
    from game.present.figures import figure_lines
    from game.present.saves import read_save

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.click("#queue")
        await next_week(pilot, 2)
        debrief = await to_the_debrief(pilot, play)
        session = play.session
        figures = plain(debrief.query_one("#debrief-figures", Static))
        expected = figure_lines(session.result(), session.baseline.result_at(10))
        assert figures == "\n".join(expected)
        titles = [plain(t) for t in debrief.query("Static.section-title")]
        assert any(t.startswith("Objectives met:") for t in titles), titles
        # A scenario of the player's own has no par: none shown, and no error.
        score = plain(debrief.query_one("#debrief-score", Static))
        assert score.startswith("Efficiency so far: you ") and "par" not in score
        assert "Your decisions" in titles and session.par is None
        decisions = plain(debrief.query_one("#debrief-decisions", Static))
        assert "week" in decisions and "Switched on the shared calendar" in decisions
        lessons = plain(debrief.query_one("#debrief-lessons", Static))
        assert "Switched on the shared calendar from week 0: duplicated hours" in lessons
        assert "Bring the agency into planning." in lessons  # the scenario's own
        charts = debrief.query_one("#debrief-charts")
        assert list(charts.query_one("#chart-efficiency", LineChart).markers) == [0]
        assert read_save(the_game_file(saves)).weeks_played == 10
        # The debrief can still ask why: the Why screen on the final week.
        from game.tui.screens.why import WhyScreen

        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, WhyScreen) and app.screen.turn.week == 10
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


@pilot_test
async def test_time_controls(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        status = play.query_one(GameStatus)
        await pilot.press("plus", "plus")
        assert status.speed == 8.0
        await pilot.press("minus")
        assert status.speed == 4.0
        await pilot.press("p")
        assert status.playing
        await pilot.pause(0.8)
        await pilot.press("p")
        await settle(pilot)
        assert not status.playing
        played = play.session.week
        assert played >= 1
        await pilot.pause(0.5)
        assert play.session.week == played  # paused means paused


@pilot_test
async def test_help_theme_and_narrow_screen(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_trial(pilot)
        assert play.has_class("-narrow")
        assert play.query_one("#panel-org").display
        assert not play.query_one("#panel-charts").region.area
        await pilot.press("2")
        await pilot.pause()
        assert play.query_one("#panel-charts").region.area
        assert not play.query_one("#panel-org").region.area
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play
        await pilot.press("f2")
        assert app.theme == "textual-light"


@pilot_test
async def test_command_palette_opens_a_decision(make_app) -> None:
    from game.tui.screens.action_dialog import ActionDialog

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        await run_command(pilot, "merge teams")
        assert isinstance(app.screen, ActionDialog)
        assert app.screen.verb.action == "merge_teams"


@pilot_test
async def test_a_scenario_that_cannot_be_used_says_why(make_app, tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text("name = 'x'\nteams = [", encoding="utf-8")
    (tmp_path / "unknown-key.toml").write_text(
        "name = 'x'\ncolour = 'red'\n[[teams]]\nname = 'A'\nskills = ['seo']\nsize = 2\n",
        encoding="utf-8",
    )
    app = make_app(folder=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.screen
        labels = [c.label for c in picker.choices]
        for name in ("broken.toml", "unknown-key.toml"):
            picker.query_one(OptionList).highlighted = labels.index(name)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is picker
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("broken.toml: ") for m in messages), messages
        assert any("colour: unknown key" in m for m in messages), messages


@pilot_test
async def test_save_quit_load_and_continue(make_app, saves: Path) -> None:
    from game.present.saves import read_save
    from game.present.session import GameSession
    from game.tui.screens.load import LoadScreen

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.click("#queue")
        await next_week(pilot, 2)
        await pilot.press("ctrl+s")
        await settle(pilot)
        history = list(play.session.history)
        await quit_game(pilot)
    game = the_game_file(saves)
    saved = game.with_name(f"{game.stem}-week002.json")  # the copy, beside the game's file
    assert read_save(saved).weeks_played == 2

    app = make_app()  # a new game: the picker, then "load a saved game"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        loader = app.screen
        assert isinstance(loader, LoadScreen)
        assert saved in loader.paths
        loader.query_one(OptionList).highlighted = loader.paths.index(saved)
        await pilot.press("enter")
        await settle(pilot)
        play = app.screen
        assert isinstance(play, PlayScreen)
        assert play.session.week == 2 and play.session.history == history
        await next_week(pilot)
        assert play.session.week == 3
        continued = play.session.result().summary
    assert read_save(saved).weeks_played == 2  # a copy is kept as it was ...
    (continued_in,) = set(game_files(saves)) - {game}  # ... and the game goes on in a new file
    assert read_save(game).weeks_played == 2
    replayed = GameSession.from_record(read_save(continued_in))
    assert replayed.week == 3 and replayed.result().summary == continued


@pilot_test
async def test_team_detail_lists_what_the_team_duplicated(make_app) -> None:
    app = make_app("siloed-marketing")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 6)
        feed = play.turn.snapshot.feed
        doubled = [e for e in feed if e.kind == "duplicated"]
        assert doubled, "siloed-marketing duplicates work from the first weeks"
        team = doubled[0].teams[0]
        card = next(c for c in play.query(TeamCard) if c.team.name == team)
        await pilot.click(card)
        await pilot.pause()
        assert doubled[0].text in plain(play.query_one(TeamDetail))


@pilot_test
async def test_a_queued_decision_is_autosaved_before_the_week_is_played(
    make_app, saves: Path
) -> None:
    from game.present.saves import read_save

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.click("#queue")
        await settle(pilot)
        queued = list(play.session.queued)
        assert len(queued) == 1
        await quit_game(pilot)  # quit mid-turn: nothing decided is lost
    record = read_save(the_game_file(saves))
    assert record.weeks_played == 1
    assert list(record.queued) == queued


@pilot_test
async def test_the_silo_view_shows_the_org_through_each_teams_eyes(make_app) -> None:
    from game.tui.widgets.dashboard import Dashboard

    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 3)
        teams = [t.name for t in play.turn.snapshot.teams]
        feed = play.query_one(EventFeed)
        everything = len(feed.entries)
        for name in teams:  # v: each team's eyes in turn
            await pilot.press("v")
            await pilot.pause()
            assert play.query_one(GameStatus).view == name
            for card in play.query(TeamCard):
                hidden = card.team.name != name
                assert card.has_class("-unknown") == hidden
                shown = str(card.render())
                assert ("engaged" in shown) != hidden
                if hidden:
                    assert "news by email (slow)" in shown  # the trial links everyone by email
            assert play.query_one(Dashboard).has_class("-silo")
            assert not play.query_one("#objectives").display
            # The feed keeps only news that concerns this team, or everyone.
            written = " ".join(" ".join(seg.text for seg in line) for line in feed.lines)
            written = " ".join(written.split())
            for _week, text, _style, about in feed.entries:
                first_words = " ".join(text.split()[:4])
                if about and name not in about:
                    assert first_words not in written, (name, text)
                elif not about or name in about:
                    assert first_words in written, (name, text)
        await pilot.press("v")  # after the last team: everything again
        await pilot.pause()
        assert play.query_one(GameStatus).view == ""
        assert not any(c.has_class("-unknown") for c in play.query(TeamCard))
        assert not play.query_one(Dashboard).has_class("-silo")
        assert play.query_one("#objectives").display
        assert len(feed.entries) == everything  # nothing was lost, only hidden
