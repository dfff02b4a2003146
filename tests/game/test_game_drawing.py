"""What the play screen paints follows its data, though it draws as little as it can.

The dashboard's line chart draws its rows once and keeps them: what it paints follows
new data, a new size and a new theme, and is the same the next time it is painted. A
team card repaints the rows inside its border alone, and its border when the head
count changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pilot_kit import SIZE, TRIAL, next_week, open_trial, pilot_test, settle
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

from game.tui.widgets.line_chart import LineChart
from game.tui.widgets.team_card import TeamCard

STYLESHEET = Path(__file__).resolve().parents[2] / "game" / "tui" / "app.tcss"
BRAILLE = range(0x2801, 0x2900)  # a cell with at least one dot


class ChartApp(App[None]):
    CSS_PATH = STYLESHEET

    def compose(self) -> ComposeResult:
        yield LineChart("Engagement", labels=False, id="chart", classes="dash-chart")


def painted(widget: LineChart | TeamCard) -> list[Strip]:
    """A widget's lines as the screen asks for them (through Textual's own line cache)."""
    return widget.render_lines(Region(0, 0, *widget.outer_size))


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


@pilot_test
async def test_a_card_paints_its_new_figures_and_its_new_head_count(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot)
        card = play.query(TeamCard).first()
        team = card.team
        rows = [strip.text for strip in painted(card)]
        assert f"{team.engagement:.2f}" in rows[1] and f"queue {team.queue}" in rows[2]
        assert f"{team.headcount} people" in rows[-1]

        card.update_team(replace(team, queue=team.queue + 7))  # the figures inside alone
        await pilot.pause()
        rows = [strip.text for strip in painted(card)]
        assert f"queue {team.queue + 7}" in rows[2] and team.name in rows[0]

        hired = replace(team, members=team.members + team.members[:1])  # and the border
        card.update_team(hired)
        await pilot.pause()
        rows = [strip.text for strip in painted(card)]
        assert f"{team.headcount + 1} people" in rows[-1] and f"queue {team.queue}" in rows[2]


def text_style(strips: list[Strip], word: str) -> tuple[str | None, str | None]:
    """The foreground and background colours of the segment that shows `word`."""
    for strip in strips:
        for segment in strip:
            if word in segment.text and segment.style is not None:
                fg, bg = segment.style.color, segment.style.bgcolor
                return (fg.name if fg else None, bg.name if bg else None)
    raise AssertionError(f"{word!r} is not painted")


@pilot_test
async def test_a_card_takes_the_theme_and_its_classes_and_wraps_to_its_width(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-dark"
        play = await open_trial(pilot)
        await next_week(pilot)
        card = play.query(TeamCard).first()
        dark = text_style(painted(card), "queue")
        app.theme = "textual-light"
        await pilot.pause()
        light = text_style(painted(card), "queue")
        assert light[0] != dark[0] and light[1] != dark[1]

        card.add_class("-left-out")  # an agency left out of planning: muted text
        await pilot.pause()
        assert text_style(painted(card), "queue")[0] != light[0]

        width = card.size.width
        long_goal = replace(card.team, kpi="campaign", shared_weight=1.0)
        card.update_team(long_goal)  # "campaign KPI · 100% shared" is wider than the card
        await pilot.pause()
        rows = painted(card)
        assert all(strip.cell_length == card.outer_size.width for strip in rows)
        inside = " ".join(strip.text.strip(" │╭╮╰╯─") for strip in rows[1:-1])
        assert "campaign KPI ·" in inside and len("campaign KPI · 100% shared") > width


def shows(card: TeamCard) -> bool:
    """Whether the card paints its team's current figures."""
    rows = " ".join(strip.text for strip in painted(card))
    team = card.team
    return f"{team.engagement:.2f}" in rows and f"queue {team.queue}" in rows


@pilot_test
async def test_a_card_off_screen_shows_the_new_week_once_scrolled_or_its_tab_is_back(
    make_app,
) -> None:
    # Cards out of sight are only marked stale each week (a big org has a hundred):
    # whatever brings one into sight draws the week it is at, never an older one.
    from scenarios.generate import big_org
    from sim.scenario import parse_scenario

    scenario = parse_scenario(big_org(200, 20, 26, 3))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.begin(scenario, False, None)
        await settle(pilot)
        play = app.screen
        panel = play.query_one("#panel-org")
        cards = list(play.query(TeamCard))
        assert len(cards) == 20
        await next_week(pilot)
        far = cards[-1]
        assert not far.region.overlaps(panel.region)  # below the panel's fold
        panel.scroll_to_widget(far, animate=False)
        await pilot.pause()
        assert far.region.overlaps(panel.region) and shows(far)
        panel.scroll_home(animate=False)
        await pilot.pause()
        assert not far.region.overlaps(panel.region)

        before = far.team
        await next_week(pilot, 2)  # played while the card was out of sight
        assert far.team != before
        panel.scroll_to_widget(far, animate=False)
        await pilot.pause()
        assert shows(far)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # a narrow screen: the org on its tab
        app.begin(scenario, False, None)
        await settle(pilot)
        play = app.screen
        await next_week(pilot)
        first = play.query(TeamCard).first()
        assert shows(first)
        await pilot.press("2")  # the charts' tab: the org panel is hidden
        await pilot.pause()
        before = first.team
        await next_week(pilot, 2)
        assert first.team != before
        await pilot.press("1")
        await pilot.pause()
        assert shows(first)
