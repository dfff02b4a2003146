"""The line above the map: week, clock state, speed and the queued decisions."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class GameStatus(Widget):
    """Week counter and what the clock is doing, as reactive values."""

    week: reactive[int] = reactive(0)
    weeks: reactive[int] = reactive(1)
    playing: reactive[bool] = reactive(False)
    busy: reactive[bool] = reactive(False)
    speed: reactive[float] = reactive(2.0)
    queued: reactive[tuple[str, ...]] = reactive(())
    met: reactive[str] = reactive("")
    view: reactive[str] = reactive("")
    """The team whose eyes the silo view shows ('' when it is off)."""
    waiting: reactive[bool] = reactive(False)
    """A served table's decisions are in: it waits for the room's round."""

    def render(self) -> Text:
        text = Text()
        text.append(f" Week {self.week} of {self.weeks} ", style="bold reverse")
        if self.waiting:
            text.append("  decisions in: waiting for the room", style="bold")
        else:
            clock = "▶ playing" if self.playing else "❚❚ paused"
            text.append(f"  {clock} · {self.speed:g} wk/s")
        if self.busy:
            text.append(" · simulating…", style="italic")
        if self.view:
            text.append(f"  │ silo view: {self.view}", style="bold yellow")
        if self.met:
            text.append(f"  │ {self.met}")
        if self.queued:
            text.append("  │ next week: ", style="bold")
            listed = "; ".join(self.queued)
            if text.cell_len + len(listed) > self.size.width:
                n = len(self.queued)
                listed = f"{n} decision{'s' if n > 1 else ''} queued (u takes back)"
            text.append(listed)
        return text
