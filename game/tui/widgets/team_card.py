"""A team on the org map: head count, engagement bar, queue, and what its goal is.

A card repaints only when its team changed, and then only the rows inside its
border: the name and head count sit in the border, whose labels are the costly
part of a card's paint, and they repaint themselves when they change. (Nearly
every card's figures move every week, so comparing what a card would show
first costs more than it saves: a 1,000-person org has a hundred cards, of
which only those on screen are ever drawn.)

The rows inside draw through Textual's line API, as the dashboard's charts do:
made into strips once per team figures, width and styles, without Textual's
content pipeline, which cost a 1,000-person week half a millisecond per card
on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.color import Color
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from game.tui.widgets.text_strips import text_strips
from sim.params import DEFAULTS

if TYPE_CHECKING:
    from textual.selection import Selection

    from sim.results import TeamView

BAR_CELLS = 10


def engagement_colour(value: float) -> Color:
    """Red at 0.3 and below, through amber, to green at 0.8 and above."""
    t = min(1.0, max(0.0, (value - 0.3) / 0.5))
    if t < 0.5:
        r, g = 220, int(60 + 2 * t * 150)
    else:
        r, g = int(220 - (t - 0.5) * 2 * 170), 200
    return Color.from_rgb(r, g, 60)


def engagement_bar(value: float, cells: int = BAR_CELLS) -> Text:
    filled = round(min(1.0, max(0.0, value)) * cells)
    bar = Text("█" * filled, style=Style(color=engagement_colour(value)))
    bar.append("░" * (cells - filled), style="dim")
    return bar


def goal_text(team: TeamView) -> str:
    """The team's goal as the card shows it: a local KPI or a shared goal."""
    if team.kpi == "campaign":
        return f"campaign KPI · {team.shared_weight:.0%} shared"
    if team.shared_weight >= DEFAULTS.shared_goal_threshold:
        return f"shared goals · {team.shared_weight:.0%}"
    return f"local KPI · {team.shared_weight:.0%} shared"


class TeamCard(Widget, can_focus=True):
    """One team; click it (or press enter on it) to see its members and waits."""

    BINDINGS = [Binding("enter", "select", "Show team", show=False)]  # noqa: RUF012

    class Selected(Message):
        """The player picked this team."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, team: TeamView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.team = team
        self.seen_from: str | None = None
        """In the silo view, the team whose eyes the map shows; None: everything."""
        self.route = ""
        """In the silo view, how news from this team reaches `seen_from`."""
        self._titles: tuple[str, str] | None = None
        self._apply_titles()
        self._strips: list[Strip] = []
        self._drawn_for: int | None = None
        """The width `_strips` were drawn for; None: the team or the styles changed since."""

    def set_viewpoint(self, seen_from: str | None, route: str) -> None:
        """Hide this card's numbers from another team's eyes (None: show everything)."""
        if seen_from == self.team.name:
            seen_from = None
        if (seen_from, route) != (self.seen_from, self.route):
            self.seen_from, self.route = seen_from, route
            self.set_class(seen_from is not None, "-unknown")
            self._drawn_for = None
            self.refresh()

    def update_team(self, team: TeamView, *, on_screen: bool = True) -> None:
        """Show `team`'s figures; a card off screen (scrolled away, or its panel hidden)
        is only marked for drawing again, whenever it is next drawn."""
        if team == self.team:
            return
        self.team = team
        self._apply_titles()
        self._drawn_for = None
        mark_stale = getattr(self, "_set_dirty", None)  # Textual's own (8.2), not public
        if not on_screen and mark_stale is not None:
            # A refresh is a round of messages through the card and the screen, for a
            # frame that would not show the card: a hundred a week in a big org. Marking
            # its lines stale is what a refresh does to them, and whatever shows the
            # card again (a scroll, a layout, its tab) draws them anew.
            mark_stale()
            return
        inside = self.content_size
        if inside:  # the rows inside the border; it repaints itself when its labels change
            self.refresh(Region(0, 0, *inside))
        else:
            self.refresh()

    def _apply_titles(self) -> None:
        # Set only on change: each assignment repaints the whole card, border and all.
        t = self.team
        people = f"{t.headcount} {'person' if t.headcount == 1 else 'people'}"
        subtitle = f"agency · {people}" if t.external else people
        if self._titles != (t.name, subtitle):
            if self._titles is None or self._titles[0] != t.name:
                self.border_title = t.name
            if self._titles is None or self._titles[1] != subtitle:
                self.border_subtitle = subtitle
            self._titles = (t.name, subtitle)
        self.set_class(t.external and not t.included, "-left-out")

    def notify_style_update(self) -> None:
        # A theme, a hover or a selection changes the colours: they reach the strips only
        # by drawing them again.
        super().notify_style_update()
        self._drawn_for = None

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._drawn_for != width:
            self._strips = self._draw(width)
            self._drawn_for = width
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return None  # a card is a button to the team's detail, with nothing to copy

    def _draw(self, width: int) -> list[Strip]:
        """The rows inside the border: `render`'s text wrapped to the width, in the
        segments Rich's console makes of it, on the card's own style."""
        base = self.visual_style.rich_style
        text = self.render()
        if max(cell_len(line) for line in text.plain.split("\n")) <= width:
            lines = text.split("\n", allow_blank=True)  # as wrapping leaves it, for less
        else:
            lines = text.wrap(self.app.console, width)
        return text_strips(lines, width, base, self.app.console)

    def render(self) -> Text:
        """What the card says (drawn by `render_line`; tests read it as text)."""
        t = self.team
        if self.seen_from is not None:
            text = Text(f"unseen from {self.seen_from}:\n", style="dim")
            text.append("its people, queue and\nduplicates are a mystery\n", style="dim italic")
            text.append(f"news by {self.route}", style="bold")
            return text
        text = Text("engaged ")
        text.append_text(engagement_bar(t.engagement))
        text.append(f" {t.engagement:.2f}\n")
        waits = f" · waits for {len(t.waiting)}" if t.waiting else ""
        text.append(f"queue {t.queue}{waits}\n")
        if t.duplicated_hours >= 0.5:
            text.append(f"duplicated {t.duplicated_hours:.0f} h\n", style="bold")
        else:
            text.append("no duplicated work\n", style="dim")
        goal = goal_text(t)
        if t.external and not t.included:
            goal = "left out of planning"
        text.append(goal, style="italic")
        return text

    def on_click(self) -> None:
        self.action_select()

    def action_select(self) -> None:
        self.post_message(self.Selected(self.team.name))
