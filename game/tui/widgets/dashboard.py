"""The dashboard: the run's key measures week by week against doing nothing.

Above them the one score (efficiency so far against do-nothing and par, from
`game.present.score`), its parts a keypress away. Six charts (efficiency per
1,000 spent with the spend beside it, engagement, duplicated hours, lead time,
consistency); each draws the player's run, the do-nothing run and the par plan
under the same seed on the same axes, so a decision's effect shows as the lines
parting. The lines are named once, above the charts, and each chart's legend
gives their latest figures alone: a title beside three named figures does not
fit the dashboard's half of a 120-column screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from game.present.numbers import compact
from game.present.score import ORDER, SO_FAR, headline, parts, score
from game.present.tables import money_unit, table
from game.tui.widgets.line_chart import LineChart
from game.tui.widgets.static_update import update_if_changed

if TYPE_CHECKING:
    from game.present.session import Turn

# (weekly series key, chart title); {k} is 1,000 of the scenario's money ("$1,000"),
# {c} its currency. Each point is one week, and the legend gives this week's figures,
# so efficiency is labelled "this week" (the headline above is "so far").
CHARTS: tuple[tuple[str, str], ...] = (
    ("efficiency", "Value per {k} this week"),
    ("spend", "Spend this week ({c})"),
    ("engagement", "Engagement"),
    ("hours_duplicated", "Duplicated hours a week"),
    ("lead_time", "Lead time (h)"),
    ("consistency", "Consistency (on message)"),
)

# Which part of the Why screen explains each chart.
WHY_TOPIC: dict[str, str] = {
    "efficiency": "efficiency",
    "spend": "efficiency",
    "engagement": "engagement",
    "hours_duplicated": "efficiency",
    "lead_time": "late",
    "consistency": "late",
}

MIN_AXIS_WEEKS = 12
"""Early in a long game the axis spans this many weeks, not the whole horizon,
so the first weeks are not squeezed into a corner."""


def money_compact(x: float) -> str:
    """Money in at most six characters: 812, 48.1k, 1.25M."""
    if x is None or not math.isfinite(x):
        return "n/a"
    ax = abs(x)
    if ax >= 999_500:
        return f"{x / 1e6:.2f}M"
    if ax >= 9_995:
        return f"{x / 1000:.1f}k"
    return f"{round(x):,}"


class Dashboard(Vertical):
    """A column of charts, one per headline measure; a click on one asks why."""

    def __init__(
        self, currency: str = "$", *, week_axis: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.currency = currency
        self.week_axis = week_axis
        self.period = SO_FAR
        """The period the score line and its parts cover (`game.present.score.PERIODS`)."""
        self._turn: Turn | None = None

    class WhyAsked(Message):
        """The player clicked a chart: open the Why screen on what explains it."""

        def __init__(self, topic: str) -> None:
            super().__init__()
            self.topic = topic

    def on_click(self, event: events.Click) -> None:
        widget = event.widget
        while widget is not None and not isinstance(widget, LineChart):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        if widget is not None and widget.id and widget.id.startswith("chart-"):
            key = widget.id.removeprefix("chart-")
            self.post_message(self.WhyAsked(WHY_TOPIC.get(key, "efficiency")))

    def compose(self) -> ComposeResult:
        yield Static(id="dash-hidden")
        yield Static(id="dash-score")
        yield Static(id="dash-parts")
        yield Static(id="dash-key")
        for key, title in CHARTS:
            shown = title.format(k=money_unit(self.currency), c=self.currency)
            formatter = money_compact if key == "spend" else compact
            yield LineChart(
                shown,
                formatter,
                labels=False,  # named once, in the key above the charts
                week_axis=self.week_axis,
                id=f"chart-{key}",
                classes="dash-chart",
            )

    def set_viewpoint(self, name: str | None) -> None:
        """In the silo view the org-wide charts give way to what they would show."""
        self.set_class(name is not None, "-silo")
        if name is not None:
            self.query_one("#dash-hidden", Static).update(
                f"Silo view: {name}.\n\nNobody in {name} sees the org's efficiency, spend, "
                "engagement, duplicated hours, lead time or consistency: each team sees its "
                "own work and the news that reaches it. The charts come back when the silo "
                "view is off (v until it says so)."
            )

    def toggle_parts(self) -> str | None:
        """Step through the score's views: its parts (value, spend, engagement) so far, over
        the last 4 weeks, this week, then the headline alone. Returns the period shown
        (None: parts hidden); the headline follows the period."""
        order = ORDER
        if not self.has_class("-parts"):
            self.period = order[0]
            self.add_class("-parts")
        elif order.index(self.period) + 1 < len(order):
            self.period = order[order.index(self.period) + 1]
        else:
            self.period = SO_FAR
            self.remove_class("-parts")
        if self._turn is not None:
            self._show_score(self._turn)
        return self.period if self.has_class("-parts") else None

    def _show_score(self, turn: Turn) -> None:
        now = score(turn.weekly, turn.baseline_weekly, turn.par_weekly, self.period)
        update_if_changed(self.query_one("#dash-score", Static), headline(now))
        if not self.has_class("-parts"):  # hidden: drawn when `toggle_parts` shows it
            return
        heads = (self.period, "you", "do-nothing", "par" if now.par else "")
        update_if_changed(
            self.query_one("#dash-parts", Static),
            "\n".join(table(heads, parts(now, self.currency), right=(1, 2, 3))),
        )

    def update_turn(self, turn: Turn, markers: Sequence[int] = (), whole: bool = False) -> None:
        """Draw the weeks played; the time axis grows with the game unless `whole`."""
        self._turn = turn
        self._show_score(turn)
        names = self.query_one(LineChart).key_text(with_par=bool(turn.par_weekly))
        update_if_changed(self.query_one("#dash-key", Static), names)
        points = turn.weeks if whole else min(turn.weeks, max(MIN_AXIS_WEEKS, turn.week + 4))
        for key, _ in CHARTS:
            chart = self.query_one(f"#chart-{key}", LineChart)
            chart.set_data(
                turn.weekly.get(key, ()),
                turn.baseline_weekly.get(key, ()),
                points,
                markers=markers,
                par=turn.par_weekly.get(key, ()),
            )
