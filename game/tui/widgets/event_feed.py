"""The event feed: what happened each week, in the engine's plain words.

Decisions the org refused at the week's start are written first, then the
scenario's own news (a disruption: a campaign pulled forward, someone on
leave, a change of course, a budget cut), so a busy week never hides it, then
the week's events, the player's decisions among them. A big org can have
dozens of events a week: the feed shows the first few and says how many more.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import RichLog

from game.present.refusals import plain_reason
from game.present.verbs import describe
from sim.results import SCRIPTED

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from rich.console import Console, ConsoleOptions
    from textual.selection import Selection

    from game.present.session import Turn
    from sim.actions import Action
    from sim.results import FeedEvent

SHOWN_PER_WEEK = 12
NEWS_STYLE = "bold magenta"
"""The scenario's news stands out from the week's routine events in any theme."""
MAX_ENTRIES = 1500
WEEK_COLUMN = 5
"""Width of the week label; wrapped text hangs under the event, not the label."""


class _Wrapped:
    """An entry the feed wrapped itself (`textwrap`, with its hanging indent), for Rich to
    lay out as given: its lines, in the segments Rich makes of a Text's lines, without
    measuring and wrapping them once more (a week writes a dozen entries)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.width = max(cell_len(line) for line in text.plain.split("\n"))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.width, self.width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        if self.width > options.max_width:  # wide characters: let Rich fold them
            yield from console.render(self.text, options)
            return
        yield from Text("\n").join(self.text.split("\n", allow_blank=True)).render(console)
        yield Segment.line()


class EventFeed(RichLog):
    """A scrolling log of the weeks played.

    Entries are kept as plain (week, text, style) and wrapped here, with a
    hanging indent, for the width the feed has; when that width changes (a
    narrow screen shows the feed only on its tab) they are written again.
    """

    # A growing log asks the whole screen for a layout (Textual's `virtual_size` is a
    # layout reactive), and in a 100-team org that layout, every card arranged again,
    # was a quarter of the week's frame. While the scrollbar shows and goes on showing,
    # a longer log changes only the scrollbar's thumb, which the watcher sets; any
    # other change (the first overflow, a clear, a new width) lays out as before.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        if self.show_vertical_scrollbar and new.width == old.width and new.height >= old.height:
            self.vertical_scrollbar.window_virtual_size = new.height
        else:
            self.refresh(layout=True)

    def __init__(self, *, id: str | None = None) -> None:
        # Scrolled to the end once for a week's entries (or a note, or a rewrite), not after
        # each of them: each scroll waits for the next refresh.
        super().__init__(
            wrap=True,
            markup=False,
            max_lines=4 * MAX_ENTRIES,
            min_width=20,
            auto_scroll=False,
            id=id,
        )
        self.entries: list[tuple[str, str, str, tuple[str, ...]]] = []
        self.viewpoint: str | None = None
        """In the silo view, the team whose news alone is shown; None: all news."""
        self._width = 0

    def add(self, week: str, text: str, style: str = "", teams: tuple[str, ...] = ()) -> None:
        """One entry; `teams` are the teams it concerns (none: news for everyone)."""
        entry = (week, text, style, teams)
        self.entries.append(entry)
        if len(self.entries) > MAX_ENTRIES:
            del self.entries[: len(self.entries) - MAX_ENTRIES]
        if self._width and self._shown(entry):
            self.write(_Wrapped(self._entry_text(week, text, style)))

    def _shown(self, entry: tuple[str, str, str, tuple[str, ...]]) -> bool:
        teams = entry[3]
        return self.viewpoint is None or not teams or self.viewpoint in teams

    def set_viewpoint(self, name: str | None) -> None:
        """Show only the news one team would see (the silo view), or all (None)."""
        if name != self.viewpoint:
            self.viewpoint = name
            self._rewrite()

    def _rewrite(self) -> None:
        self.clear()
        for entry in self.entries:
            if self._shown(entry):
                self.write(_Wrapped(self._entry_text(*entry[:3])))
        self.scroll_end(animate=False, x_axis=False)

    def _entry_text(self, week: str, text: str, style: str) -> Text:
        width = max(self._width - 1 - WEEK_COLUMN, 10)  # one column for the scrollbar
        lines = textwrap.wrap(text, width) or [""]
        out = Text(week.ljust(WEEK_COLUMN), style="dim")
        out.append(lines[0], style=style)
        for line in lines[1:]:
            out.append("\n" + " " * WEEK_COLUMN)
            out.append(line, style=style)
        return out

    # Selecting and copying. Textual copies a selection by asking the widget for its text;
    # RichLog has none to give (and a helper here once named `_render` shadowed
    # Textual's own and crashed ctrl+c). Cells carry their offsets so that a drag
    # selects from where it started to where it ended, and the selection is shown.

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        text = "\n".join(line.text.rstrip() for line in self.lines)
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._line_cache.clear()
        self.refresh()

    def _render_line(self, y: int, scroll_x: int, width: int) -> Strip:
        line = super()._render_line(y, scroll_x, width)
        selection = self.text_selection
        if selection is not None and y < len(self.lines):
            span = selection.get_span(y)
            if span is not None:
                start, end = span
                start = max(start - scroll_x, 0)
                end = width if end == -1 else max(end - scroll_x, 0)
                style = self.screen.get_component_rich_style("screen--selection")
                before, picked, after = line.divide([start, end, width])
                line = Strip.join([before, picked.apply_style(style), after])
        return line.apply_offsets(scroll_x, y)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._rewrite()

    def add_turn(self, turn: Turn) -> None:
        self.add_week(turn.week, turn.snapshot.feed, turn.refused)

    def add_history(self, events: Sequence[FeedEvent], weeks: int) -> None:
        """Weeks 1 to `weeks` of a game's feed, each as it was shown when it was played
        (a loaded game tells its whole story, not only its last week)."""
        by_week: dict[int, list[FeedEvent]] = {week: [] for week in range(1, weeks + 1)}
        for event in events:
            if event.week in by_week:
                by_week[event.week].append(event)
        for week, said in by_week.items():
            self.add_week(week, said)

    def add_week(
        self,
        week_number: int,
        feed: Sequence[FeedEvent],
        refused: Sequence[tuple[Action, str]] = (),
    ) -> None:
        """A week's entries: decisions refused at its start, then its events."""
        week = f"W{week_number}"
        for action, reason in refused:
            self.add(week, f"Not done: {describe(action)}: {plain_reason(reason)}.", "red")
        news = [e for e in feed if e.kind == SCRIPTED]
        for event in news:
            self.add(week, event.text, NEWS_STYLE, tuple(event.teams))
        feed = tuple(e for e in feed if e.kind != SCRIPTED)
        shown = max(SHOWN_PER_WEEK - len(news), 0)
        for event in feed[:shown]:
            # The engine reports the player's own decisions as "action" events.
            style = "bold" if event.kind == "action" else ""
            self.add(week, event.text, style, tuple(event.teams))
        if len(feed) > shown:
            more = len(feed) - shown
            noun = "event" if more == 1 else "events"
            self.add(week, f"... and {more} more {noun} this week", "dim")
        if not feed and not news and not refused:
            self.add(week, "A quiet week.", "dim")
        if self._width:
            # At the end now, in the frame that shows the week: each write's own scroll
            # waits for a refresh, which drew the week once more, one frame later.
            self.scroll_end(animate=False, immediate=True, x_axis=False)

    def note(self, text: str, style: str = "italic") -> None:
        self.add("", text, style)
        if self._width:
            self.scroll_end(animate=False, x_axis=False)
