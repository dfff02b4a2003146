"""The event feed: the scenario's news comes first; text can be selected and copied."""

from __future__ import annotations

from types import SimpleNamespace

from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test

from game.tui.widgets.event_feed import NEWS_STYLE, SHOWN_PER_WEEK, EventFeed
from sim.results import SCRIPTED, FeedEvent


@pilot_test
async def test_selecting_text_in_the_feed_and_copying_it_does_not_crash(make_app) -> None:
    """Textual copies a selection by rendering the widget it lies in: a feed method
    that shadowed Textual's own `_render` crashed the game on ctrl+c."""
    app = make_app(str(TRIAL))
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 2)
        feed = play.query_one(EventFeed)
        assert feed.lines
        # Drag across the first lines of the feed, as a player selecting with the mouse.
        await pilot.mouse_down(feed, offset=(1, 0))
        await pilot.hover(feed, offset=(30, 2))
        await pilot.mouse_up(feed, offset=(30, 2))
        await pilot.pause()
        assert play.selections, "the drag selected nothing"

        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        # What the drag covered, and only that: from column 1 of the first line to
        # column 30 of the third, the cell under the pointer included.
        shown = [line.text.rstrip() for line in feed.lines[:3]]
        assert copied == ["\n".join([shown[0][1:], shown[1], shown[2][:31]])]


@pilot_test
async def test_the_scenario_news_reaches_the_feed_first_in_its_week(make_app) -> None:
    """The tutorial's client asks for a post early in its second week: the feed names it,
    above the week's other events and in the style that sets the scenario's news apart,
    and a toast says it where the player is looking."""
    app = make_app("tutorial")
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 2)
        feed = play.query_one(EventFeed)
        second = [e for e in feed.entries if e[0] == "W2"]
        assert second[0][1] == (
            "A client asks for a post by the end of next week: it arrives now, due in two weeks."
        )
        assert second[0][2] == NEWS_STYLE
        assert all(e[2] != NEWS_STYLE for e in feed.entries if e[0] == "W1")
        # The feed scrolls to a week's last events: the news comes as a toast too.
        shown = [(n.title, n.message) for n in app._notifications]
        assert ("News, week 2", second[0][1]) in shown


def test_a_busy_week_never_hides_the_news_and_counts_what_it_leaves_out() -> None:
    routine = tuple(FeedEvent(7, "duplicated", f"doubled {i}") for i in range(SHOWN_PER_WEEK + 2))
    news = FeedEvent(7, SCRIPTED, "Sven (Content) is off sick for three weeks.")
    turn = SimpleNamespace(week=7, refused=(), snapshot=SimpleNamespace(feed=(*routine, news)))
    feed = EventFeed()
    feed.add_turn(turn)  # type: ignore[arg-type]
    texts = [e[1] for e in feed.entries]
    assert texts[0] == news.text
    # The news takes one of the week's lines: 11 of the 14 others are shown, 3 counted.
    assert texts[1:-1] == [e.text for e in routine[: SHOWN_PER_WEEK - 1]]
    assert texts[-1] == "... and 3 more events this week"


@pilot_test
async def test_the_feed_shows_its_latest_lines_after_a_week_a_note_and_a_new_width(
    make_app,
) -> None:
    """The feed writes a week's entries, then scrolls to the end once: what it paints at
    its foot is the last line written, also after a note and when a narrow screen
    writes it again at the width of the feed's tab."""
    from textual.geometry import Region

    def foot(feed: EventFeed) -> str:
        painted = feed.render_lines(Region(0, 0, *feed.outer_size))
        return painted[-1].text.rstrip()

    app = make_app("siloed-marketing")  # a dozen events a week: more than the feed shows
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        feed = play.query_one(EventFeed)
        for _ in range(3):
            await next_week(pilot)
            assert feed.max_scroll_y > 0 and feed.scroll_y == feed.max_scroll_y
            assert foot(feed) == feed.lines[-1].text.rstrip()
        feed.note("The facilitator paused the room.")
        await pilot.pause()
        assert foot(feed) == "     The facilitator paused the room."
        await pilot.resize_terminal(80, 24)
        await pilot.press("3")  # the feed's tab
        await pilot.pause()
        assert feed.scroll_y == feed.max_scroll_y
        assert foot(feed) == "     The facilitator paused the room."


@pilot_test
async def test_a_longer_log_moves_the_scrollbar_as_a_layout_would(make_app) -> None:
    """A week's entries lengthen the log without a layout of the screen (the feed's
    watcher moves the scrollbar's thumb): the scrollbar is painted exactly as a full
    layout of the screen then paints it, week after week."""
    from textual.geometry import Region

    def scrollbar(feed: EventFeed) -> tuple[int, int, float, list[str]]:
        bar = feed.vertical_scrollbar
        painted = bar.render_lines(Region(0, 0, *bar.outer_size))
        return (bar.window_virtual_size, bar.window_size, bar.position, [s.text for s in painted])

    app = make_app("siloed-marketing")  # a dozen events a week: the log soon overflows
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        feed = play.query_one(EventFeed)
        await next_week(pilot, 3)
        assert feed.show_vertical_scrollbar
        # Weeks written to the feed alone, so no other widget asks for a layout.
        for week in range(4, 8):
            said = [FeedEvent(week, "duplicated", f"Week {week}, event {i}") for i in range(6)]
            before = feed.virtual_size.height
            feed.add_week(week, said)
            await pilot.pause()
            assert feed.virtual_size.height == before + 6
            shown = scrollbar(feed)
            play.refresh(layout=True)  # the screen laid out from scratch: the oracle
            await pilot.pause()
            assert scrollbar(feed) == shown, f"week {week}"
            assert feed.scroll_y == feed.max_scroll_y
