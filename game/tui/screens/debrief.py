"""The debrief: the score, the figures against doing nothing, where the hours went,
the decisions on the charts, and the lessons this run showed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from game.present.figures import WASTE_HOURS, figure_lines, hours_per_week
from game.present.lessons import lessons
from game.present.verbs import describe
from game.tui.silo_app import silo_app
from game.tui.widgets.bullets import bullets
from game.tui.widgets.dashboard import Dashboard
from game.tui.widgets.objectives_panel import objectives_text

if TYPE_CHECKING:
    from game.present.session import GameSession
    from sim.actions import Action
    from sim.results import RunResult

BAR_WIDTH = 30


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


def decisions_text(history: Sequence[tuple[int, Action]]) -> Text:
    if not history:
        return Text("No decisions: you let the org run as it was.", style="dim")
    text = Text()
    for week, action in history:
        text.append(f"  ▲ week {week:<3} ", style="bold")
        text.append(describe(action) + "\n")
    text.rstrip()
    return text


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
        history = list(s.history)
        yield Header()
        with VerticalScroll(id="debrief"):
            title = Text(f"Debrief: {s.scenario.title or s.scenario.name}", style="bold")
            title.append(f"  ·  seed {s.seed}  ·  {s.week} weeks", style="dim")
            yield Static(title, id="debrief-title")
            met = f"Objectives met: {turn.met} of {len(turn.objectives)}"
            yield Static(met if turn.objectives else "No objectives", classes="section-title")
            yield Static(objectives_text(s.scenario, turn.objectives), id="debrief-objectives")
            yield Static("The figures, against doing nothing", classes="section-title")
            yield Static(
                "\n".join(figure_lines(result, baseline, s.scenario.currency)),
                id="debrief-figures",
            )
            yield Static("Where the hours went (lost hours a week)", classes="section-title")
            yield Static(hours_text(result, baseline), id="debrief-hours")
            yield Static("Your decisions (▲ on the charts)", classes="section-title")
            yield Static(decisions_text(history), id="debrief-decisions")
            yield Dashboard(s.scenario.currency, id="debrief-charts")
            yield Static("Lessons from this run", classes="section-title")
            yield Static(
                lessons_text(
                    lessons(result, baseline, history, s.scenario.currency), s.scenario.lessons
                ),
                id="debrief-lessons",
            )
        with Horizontal(classes="button-row"):
            yield Button("New game", variant="primary", id="new", compact=True)
            yield Button("Save", id="save", compact=True)
            yield Button("Quit", id="quit", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "debrief"
        turn = self.session.turn()
        self.query_one(Dashboard).update_turn(
            turn, markers=[w for w, _ in self.session.history], whole=True
        )
        self.query_one("#debrief").focus()

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
        from game.present.saves import save_path, write_save

        app = silo_app(self)
        path = save_path(app.saves, self.session.scenario.name, self.session.week)
        try:
            write_save(path, self.session.record())
        except OSError as exc:
            self.notify(f"Could not save: {exc}", severity="error")
            return
        self.notify(f"Saved to {path}", title="Saved")
