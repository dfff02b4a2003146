"""The event feed: what happened each week, in the engine's plain words.

Decisions the org refused at the week's start are written first, then the
week's events, the player's decisions among them. A big org can have dozens
of events a week: the feed shows the first few and says how many more.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.widgets import RichLog

from game.widgets.action_fields import describe

SHOWN_PER_WEEK = 12
MAX_ENTRIES = 1500


class EventFeed(RichLog):
    """A scrolling log of the weeks played.

    RichLog wraps a line once, at the width it has when written; the feed keeps
    its entries and writes them again when its width changes (a narrow screen
    shows it only on its tab, so it may be written to while hidden).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(wrap=True, markup=False, max_lines=MAX_ENTRIES, min_width=20, **kwargs)
        self.entries: list[RenderableType] = []
        self._width = 0

    def add(self, entry: RenderableType) -> None:
        self.entries.append(entry)
        if len(self.entries) > MAX_ENTRIES:
            del self.entries[: len(self.entries) - MAX_ENTRIES]
        if self.size.width:
            self.write(entry)

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self.clear()
            for entry in self.entries:
                self.write(entry)

    def add_turn(self, turn: Any) -> None:
        week = f"W{turn.week}"
        for action, reason in turn.refused:
            self.add(_line(week, f"Not done: {describe(action)}: {reason}.", "red"))
        events = turn.snapshot.feed
        for event in events[:SHOWN_PER_WEEK]:
            # The engine reports the player's own decisions as "action" events.
            self.add(_line(week, event.text, "bold" if event.kind == "action" else ""))
        if len(events) > SHOWN_PER_WEEK:
            more = len(events) - SHOWN_PER_WEEK
            events_word = "event" if more == 1 else "events"
            self.add(_line(week, f"... and {more} more {events_word} this week", "dim"))
        if not events and not turn.refused:
            self.add(_line(week, "A quiet week.", "dim"))

    def note(self, text: str, style: str = "italic") -> None:
        self.add(Text(text, style=style))


def _line(week: str, text: str, style: str) -> RenderableType:
    """The week in a narrow column and the event beside it, wrapped under itself."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=4, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(week, Text(text, style=style))
    return grid
