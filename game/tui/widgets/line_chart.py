"""A titled braille line chart: the player's line against the do-nothing line (and,
when the scenario has one, the par plan's).

Colours come from component classes in the app's stylesheet, so the chart
follows the light and dark themes. Optional bands (a spread over replications)
sit behind the lines, and optional markers (the weeks of the player's
decisions) show as triangles under the time axis.

The chart draws through Textual's line API: its rows are made into strips once
for a size, data and theme, and `render_line` hands out the cached strips, so a
repaint of the screen (a card changing beside it, the feed scrolling) costs the
chart nothing, and a new week costs one drawing without Rich's console in the
way. The play screen redraws six charts every week.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.selection import Selection

from game.present.numbers import compact
from game.tui.widgets.braille import Band, Line, draw, value_range
from game.tui.widgets.text_strips import text_strips

GUTTER = 7
WEEK_STEPS = (1, 2, 4, 5, 10, 13, 26, 52)
"""Spacings of the week numbers under a chart, the first that leaves room is used."""


class LineChart(Widget):
    """Two lines (you, do-nothing) over weeks, with optional bands and markers."""

    COMPONENT_CLASSES = {  # noqa: RUF012 - Textual reads this class attribute as a set
        "line-chart--you",
        "line-chart--base",
        "line-chart--par",
        "line-chart--you-band",
        "line-chart--base-band",
        "line-chart--title",
        "line-chart--axis",
        "line-chart--marker",
    }

    def __init__(
        self,
        title: str,
        formatter: Callable[[float], str] = compact,
        you_label: str = "you",
        base_label: str = "do-nothing",
        *,
        labels: bool = True,
        week_axis: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = labels
        """Name each line in the legend; False: its figure alone, the names given once
        for several charts by `key_text` (a title beside three named figures does not
        fit half of a 120-column screen)."""
        self.week_axis = week_axis
        """Whether a row of week numbers runs under the plot (the debrief's charts)."""
        self.chart_title = title
        self.formatter = formatter
        self.you_label = you_label
        self.base_label = base_label
        self.you: Sequence[float] = ()
        self.base: Sequence[float] = ()
        self.par: Sequence[float] = ()
        """The par plan's series (empty: no par line, no par in the legend)."""
        self.you_band: tuple[Sequence[float], Sequence[float]] | None = None
        self.base_band: tuple[Sequence[float], Sequence[float]] | None = None
        self.points = 1
        self.markers: Sequence[int] = ()
        self._strips: list[Strip] = []
        self._drawn_for: tuple[int, int] | None = None
        """The size `_strips` were drawn for; None: the data or the theme changed since."""
        self._styles: dict[str, Style] = {}

    def set_data(
        self,
        you: Sequence[float],
        base: Sequence[float],
        points: int,
        *,
        markers: Sequence[int] = (),
        you_band: tuple[Sequence[float], Sequence[float]] | None = None,
        base_band: tuple[Sequence[float], Sequence[float]] | None = None,
        par: Sequence[float] = (),
    ) -> None:
        """New values; index i of each series is week i + 1 of `points` weeks on the axis."""
        self.you, self.base, self.points = you, base, max(points, 1)
        self.par = par
        self.markers, self.you_band, self.base_band = markers, you_band, base_band
        self._drawn_for = None
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme's colours (or a stylesheet's) reach the strips only by drawing again.
        super().notify_style_update()
        self._drawn_for = None
        self._styles.clear()

    def _style(self, component: str) -> Style:
        """A component's Rich style, kept until the styles change: Textual's own cache of
        them empties on every refresh, and a new week refreshes every chart."""
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def render_line(self, y: int) -> Strip:
        size = (self.size.width, self.size.height)
        if self._drawn_for != size:
            self._strips = self._draw()
            self._drawn_for = size
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(size[0], self.visual_style.rich_style)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """Nothing to copy from a chart (as when it was a Rich renderable): Textual's own
        would copy what `render` gives, which a widget drawn by lines does not use."""
        return None

    def _last(self, values: Sequence[float]) -> str | None:
        finite = [v for v in values if v is not None and math.isfinite(v)]
        return self.formatter(finite[-1]) if finite else None

    def _lines(self, with_par: bool) -> list[tuple[str, str]]:
        """(component class, name) of each line, in the legend's order."""
        named = [("line-chart--you", self.you_label), ("line-chart--base", self.base_label)]
        return [*named, ("line-chart--par", "par")] if with_par else named

    def key_text(self, with_par: bool) -> Text:
        """The lines' names in their colours, once for charts that show figures alone."""
        key = Text()
        for component, name in self._lines(with_par):
            key.append("━ ", style=self._style(component))
            key.append(f"{name}  ")
        key.rstrip()
        return key

    def _legend(self) -> Text:
        """Each line's latest figure; nothing before there is any (week 0), and "none yet"
        for a line without one (no campaign finished yet, say)."""
        series = (self.you, self.base, self.par)
        figures = [self._last(values) for values in series[: 3 if self.par else 2]]
        legend = Text()
        if all(f is None for f in figures):
            return legend
        for (component, name), figure in zip(self._lines(bool(self.par)), figures, strict=True):
            legend.append("  ━ ", style=self._style(component))
            shown = figure if figure is not None else "none yet"
            legend.append(f"{name} {shown}" if self.labels else shown)
        return legend

    def _draw(self) -> list[Strip]:
        """The chart's rows for its current size, data and styles: title and legend, the
        plot with its value axis, then markers and week numbers if it has them."""
        style = self._style
        # Textual renders a widget's content on top of the widget's own style.
        base = self.visual_style.rich_style
        width = self.size.width
        rows = self.size.height - 1 - (1 if self.markers else 0) - (1 if self.week_axis else 0)
        legend = self._legend()
        # A narrow chart shortens its title, never the numbers of its legend.
        title = Text(self.chart_title, style=style("line-chart--title"))
        room = max(width - legend.cell_len, 0)
        if title.cell_len > room:
            title.truncate(room, overflow="ellipsis")
        title.append_text(legend)
        title.truncate(width)
        out = [self._text_strip(title, width, base)]
        if rows < 1 or width <= GUTTER + 2:
            return out
        lines = [
            Line(self.base, style("line-chart--base")),
            *([Line(self.par, style("line-chart--par"))] if self.par else []),
            Line(self.you, style("line-chart--you")),
        ]
        bands = []
        if self.base_band is not None:
            bands.append(Band(*self.base_band, style=style("line-chart--base-band")))
        if self.you_band is not None:
            bands.append(Band(*self.you_band, style=style("line-chart--you-band")))
        lo, hi = value_range(lines, bands)
        plot_width = width - GUTTER
        chart = draw(plot_width, rows, lines, bands, points=self.points, y_range=(lo, hi))
        axis = base + style("line-chart--axis")
        drawn = bool(legend)  # no figure yet: an empty plot, without a made-up scale
        for i, runs in enumerate(chart):
            label = self.formatter(hi) if i == 0 else self.formatter(lo) if i == rows - 1 else ""
            label = label if drawn else ""
            out.append(_plot_strip(label.rjust(GUTTER - 1) + "│", runs, axis, width))
        if self.markers:
            out.append(self._text_strip(self._marker_row(plot_width), width, base))
        if self.week_axis:
            out.append(self._text_strip(self._week_row(plot_width), width, base))
        return out

    def _text_strip(self, text: Text, width: int, base: Style) -> Strip:
        """One row of text (at most `width` cells) on the chart's own style."""
        strips = text_strips([text], width, base, self.app.console)
        return strips[0] if strips else Strip([])

    def _x(self, index: int, plot_width: int) -> int:
        """The column of series index `index` (week index + 1)."""
        return round(index * (plot_width * 2 - 1) / max(self.points - 1, 1)) // 2

    def _week_row(self, plot_width: int) -> Text:
        """Week numbers under the plot, spaced so that none collide."""
        cells = [" "] * plot_width
        step = next(
            (s for s in WEEK_STEPS if plot_width * s / max(self.points, 1) >= 5), self.points
        )
        weeks = [1, *range(step, self.points + 1, step)]
        for week in weeks:
            label = str(week)
            x = self._x(week - 1, plot_width)
            start = min(max(x - len(label) // 2, 0), plot_width - len(label))
            if all(c == " " for c in cells[max(start - 1, 0) : start + len(label) + 1]):
                cells[start : start + len(label)] = label
        row = Text("week".rjust(GUTTER - 1) + " ", style=self._style(
            "line-chart--axis"))  # fmt: skip
        row.append("".join(cells), style=self._style("line-chart--axis"))
        return row

    def _marker_row(self, plot_width: int) -> Text:
        cells = [" "] * plot_width
        dots = plot_width * 2
        for week in self.markers:
            # A decision at week w takes effect in week w + 1, index w on the axis.
            x = round(week * (dots - 1) / max(self.points - 1, 1)) // 2
            if 0 <= x < plot_width:
                cells[x] = "▲"
        row = Text(" " * (GUTTER - 1) + "└", style=self._style("line-chart--axis"))
        row.append("".join(cells), style=self._style("line-chart--marker"))
        return row


def _plot_strip(
    gutter: str, runs: list[tuple[str, Style | None]], axis: Style, width: int
) -> Strip:
    """A plot row: the value axis, then the braille runs, all on the axis style (the Text
    the chart once rendered had the axis as its base style), each styled cell apart and
    the unstyled stretches joined, with the gutter, as Rich would have split them."""
    segments = []
    plain = gutter
    for chars, style in runs:
        if style is None:
            plain += chars
            continue
        if plain:
            segments.append(Segment(plain, axis))
            plain = ""
        segments.append(Segment(chars, axis + style))
    if plain:
        segments.append(Segment(plain, axis))
    return Strip(segments, width)
