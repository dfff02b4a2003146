"""The dashboard's line chart draws its rows once and keeps them: what it paints follows
new data, a new size and a new theme, and is the same the next time it is painted."""

from __future__ import annotations

from pathlib import Path

from pilot_kit import pilot_test
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from game.tui.widgets.line_chart import LineChart

STYLESHEET = Path(__file__).resolve().parents[2] / "game" / "tui" / "app.tcss"
BRAILLE = range(0x2801, 0x2900)  # a cell with at least one dot


class ChartApp(App[None]):
    CSS_PATH = STYLESHEET

    def compose(self) -> ComposeResult:
        yield LineChart("Engagement", labels=False, id="chart", classes="dash-chart")


def painted(chart: LineChart) -> list[Strip]:
    """The chart's lines as the screen asks for them (through Textual's own line cache)."""
    return chart.render_lines(Region(0, 0, *chart.outer_size))


def line_colours(strips: list[Strip]) -> set[str]:
    """The colours of the cells with dots in them."""
    return {
        str(segment.style.color.name)
        for strip in strips
        for segment in strip
        if segment.style is not None
        and segment.style.color is not None
        and any(ord(c) in BRAILLE for c in segment.text)
    }


@pilot_test
async def test_a_chart_paints_new_data_and_the_same_rows_until_then() -> None:
    app = ChartApp()
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(LineChart)
        chart.set_data([0.5, 0.6, 0.7], [0.5, 0.5, 0.5], 12)
        await pilot.pause()
        first = painted(chart)
        assert first[0].text.startswith("Engagement  ━ 0.70  ━ 0.50")
        assert first[1].text.startswith("  0.71│")  # the axis' top: 5% of the range above
        assert painted(chart) == first  # nothing new: the same rows

        chart.set_data([0.5, 0.6, 0.7, 0.4], [0.5, 0.5, 0.5, 0.52], 12)
        await pilot.pause()
        again = painted(chart)
        assert again[0].text.startswith("Engagement  ━ 0.40  ━ 0.52")
        assert again[-1].text.startswith("  0.39│")  # the axis follows the new low


@pilot_test
async def test_a_chart_is_drawn_again_for_a_new_width() -> None:
    app = ChartApp()
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(LineChart)
        chart.set_data([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], 3)  # rising to the right edge
        await pilot.pause()
        rows = painted(chart)
        assert {strip.cell_length for strip in rows} == {60}
        assert ord(rows[1].text[59]) in BRAILLE  # the last week, top right
        await pilot.resize_terminal(44, 12)
        await pilot.pause()
        rows = painted(chart)
        assert {strip.cell_length for strip in rows} == {44}
        assert rows[1].text.startswith("  3.10│")
        assert ord(rows[1].text[43]) in BRAILLE  # drawn for 44 columns, not cut from 60


@pilot_test
async def test_a_chart_takes_the_new_theme_colours() -> None:
    app = ChartApp()
    async with app.run_test(size=(60, 12)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        chart = app.query_one(LineChart)
        chart.set_data([1.0, 3.0, 2.0], [2.0, 2.0, 2.0], 12)
        await pilot.pause()
        dark = line_colours(painted(chart))
        # The do-nothing line is muted text: a different colour in each theme.
        base_dark = chart.get_component_rich_style("line-chart--base").color
        assert base_dark is not None and base_dark.name in dark
        app.theme = "textual-light"
        await pilot.pause()
        light = line_colours(painted(chart))
        base_light = chart.get_component_rich_style("line-chart--base").color
        assert base_light is not None and base_light != base_dark
        assert base_light.name in light and base_dark.name not in light
