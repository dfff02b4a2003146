"""The debrief, built on a reveal: it opens on one chart (the player's cumulative value
against do-nothing and par, decisions marked), then par's plan beside the player's week
by week and what a search of the player's own game found (in a worker), then where the
hours went against do-nothing, the objectives and figures, and the lessons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from game.present.figures import WASTE_HOURS, figure_lines, hours_per_week
from game.present.lessons import lessons
from game.present.numbers import compact
from game.present.reveal import cumulative, script_steps, side_by_side
from game.present.score import headline, score
from game.tui.silo_app import silo_app
from game.tui.widgets.bullets import bullets
from game.tui.widgets.dashboard import Dashboard
from game.tui.widgets.line_chart import LineChart
from game.tui.widgets.objectives_panel import objectives_text

if TYPE_CHECKING:
    from game.present.session import GameSession
    from sim.actions import Action
    from sim.results import RunResult

BAR_WIDTH = 24
"""Cells of the longest bar: the rows fit 80 columns with the debrief's padding."""


def hours_text(result: RunResult, baseline: RunResult) -> Text:
    """Paired bars per category of lost hours: this run against doing nothing."""
    rows = [
        (label, hours_per_week(result, key), hours_per_week(baseline, key))
        for key, label in WASTE_HOURS
    ]
    top = max([max(you, base) for _, you, base in rows] + [1.0])
    text = Text()
    for label, you, base in rows:
        for who, value, style in (("you", you, "bold"), ("do-nothing", base, "dim")):
            name = label if who == "you" else ""
            text.append(f"{name:<24}{who:>10} ")
            text.append("█" * round(BAR_WIDTH * value / top), style=style)
            text.append(f" {value:,.0f} h/wk\n")
    text.rstrip()
    return text


def decisions_table(
    history: Sequence[tuple[int, Action]], par: Sequence[tuple[int, Action]] | None
) -> RenderableType:
    """The player's decisions week by week, par's beside them when there is a par."""
    if not history and par is None:
        return Text("No decisions: you let the org run as it was.", style="dim")
    grid = Table(box=None, padding=(0, 1), show_edge=False, expand=True)
    grid.add_column("week", no_wrap=True, style="bold")
    grid.add_column("you (▲ on the charts)", ratio=1)
    if par is not None:
        grid.add_column("par", ratio=1, style="green")
    for week, yours, pars in side_by_side(history, par or ()):
        grid.add_row(week, yours, *((pars,) if par is not None else ()))
    return grid


def lessons_text(found: list[str], scenario_lessons: tuple[str, ...]) -> RenderableType:
    if not scenario_lessons:
        return bullets(found)
    about = Text("\nWhat this scenario is about", style="bold")
    return Group(bullets(found), about, bullets(scenario_lessons, "italic"))


class DebriefScreen(Screen[None]):
    """How the game went, against doing nothing."""

    BINDINGS = [  # noqa: RUF012
        Binding("n", "new_game", "New game"),
        Binding("y", "why", "Why?"),
        Binding("ctrl+s", "save", "Save"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, session: GameSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        turn = s.turn()
        result = s.result()
        baseline = s.baseline.result_at(s.week)
        par = s.par.script if s.par is not None else None
        history = list(s.history)
        yield Header()
        with VerticalScroll(id="debrief"):
            title = Text(f"Debrief: {s.scenario.title or s.scenario.name}", style="bold")
            title.append(f"  ·  seed {s.seed}  ·  {s.week} weeks", style="dim")
            yield Static(title, id="debrief-title")
            now = score(turn.weekly, turn.baseline_weekly, turn.par_weekly)
            yield Static(headline(now), id="debrief-score", classes="section-title")
            yield LineChart(
                "Value delivered, added up",
                compact,
                week_axis=True,
                id="debrief-reveal",
            )
            yield Static(
                "Par's plan beside yours" if par is not None else "Your decisions",
                classes="section-title",
            )
            yield Static(
                decisions_table(history, script_steps(par) if par is not None else None),
                id="debrief-decisions",
            )
            yield Static("What a replay of your game finds (same seed)", classes="section-title")
            yield Static(
                Text("Replaying your game without each decision…", style="italic dim"),
                id="debrief-search",
            )
            yield Static("Where the hours went (lost hours a week)", classes="section-title")
            yield Static(hours_text(result, baseline), id="debrief-hours")
            met = f"Objectives met: {turn.met} of {len(turn.objectives)}"
            yield Static(met if turn.objectives else "No objectives", classes="section-title")
            yield Static(objectives_text(s.scenario, turn.objectives), id="debrief-objectives")
            yield Static("The figures, against doing nothing", classes="section-title")
            yield Static(
                "\n".join(figure_lines(result, baseline, s.scenario.currency)),
                id="debrief-figures",
            )
            yield Static("Lessons from this run", classes="section-title")
            yield Static(
                lessons_text(
                    lessons(result, baseline, history, s.scenario.currency), s.scenario.lessons
                ),
                id="debrief-lessons",
            )
            yield Static("Week by week", classes="section-title")
            yield Dashboard(s.scenario.currency, week_axis=True, id="debrief-charts")
        with Horizontal(classes="button-row"):
            yield Button("New game", variant="primary", id="new", compact=True)
            yield Button("Save", id="save", compact=True)
            yield Button("Quit", id="quit", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "debrief"
        turn = self.session.turn()
        markers = sorted({w for w, _ in self.session.history})
        self.query_one(Dashboard).update_turn(turn, markers=markers, whole=True)
        self.query_one("#debrief-reveal", LineChart).set_data(
            cumulative(turn.weekly.get("value", ())),
            cumulative(turn.baseline_weekly.get("value", ())),
            turn.weeks,
            markers=markers,
            par=cumulative(turn.par_weekly.get("value", ())),
        )
        self.query_one("#debrief").focus()
        self.search_game()

    @work(thread=True, exclusive=True, group="reveal")
    def search_game(self) -> None:
        """The costliest decision, then the missed lever: replays of the player's game."""
        from textual.worker import get_current_worker

        from game.present.reveal import (
            Cancelled,
            costliest,
            costliest_text,
            missed_lever,
            missed_text,
        )

        worker = get_current_worker()
        s = self.session
        history = list(s.history)
        actual = float(s.result().summary.get("efficiency", float("nan")))
        found: list[str] = []
        try:
            worst = costliest(
                s.scenario, s.seed, history, s.week, actual, lambda: worker.is_cancelled
            )
            found.append(costliest_text(worst))
            self.app.call_from_thread(self._show_search, found, True)
            missed = missed_lever(
                s.scenario, s.seed, history, s.week, actual, lambda: worker.is_cancelled
            )
            found.append(missed_text(missed))
        except Cancelled:
            return
        self.app.call_from_thread(self._show_search, found, False)

    def _show_search(self, found: list[str], more: bool) -> None:
        shown: list[RenderableType] = [bullets(found)]
        if more:
            shown.append(Text("Trying the levers you did not use…", style="italic dim"))
        self.query_one("#debrief-search", Static).update(Group(*shown))

    def action_why(self, topic: str = "efficiency") -> None:
        from game.tui.screens.why import WhyScreen

        self.app.push_screen(
            WhyScreen(self.session.turn(), topic, currency=self.session.scenario.currency)
        )

    def on_dashboard_why_asked(self, message: Dashboard.WhyAsked) -> None:
        self.action_why(message.topic)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "new":
            self.action_new_game()
        elif event.button.id == "save":
            self.action_save()
        else:
            self.app.exit()

    def action_new_game(self) -> None:
        app = silo_app(self)
        app.new_game()

    def action_save(self) -> None:
        silo_app(self).save_copy(self.session)
