"""The event feed: text in it can be selected and copied like any text on screen."""

from __future__ import annotations

from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test

from game.tui.widgets.event_feed import EventFeed


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
