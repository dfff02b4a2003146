"""The briefing: the story, what winning means, the levers, and how many turns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from game.present.prose import paragraphs
from game.present.verbs import VERB_BY_ACTION, VERBS
from game.tui.silo_app import silo_app

if TYPE_CHECKING:
    from sim.scenario import Scenario


def briefing_text(scenario: Scenario, seed: int) -> Text:
    text = Text()
    text.append(scenario.title or scenario.name, style="bold")
    text.append(f"\n{scenario.difficulty} · {scenario.weeks} weeks · seed {seed}\n\n", style="dim")
    text.append("\n\n".join(paragraphs(scenario.briefing)) or scenario.summary)
    text.append("\n\nYour org\n", style="bold underline")
    for team in scenario.teams:
        kind = " (agency)" if team.external else ""
        text.append(f"  {team.name}{kind}: {team.head_count} people, {', '.join(team.skills)}\n")
    links = ", ".join(
        f"{lk.kind} ({'everyone' if '*' in lk.teams else ', '.join(lk.teams)})"
        for lk in scenario.links
    )
    text.append(f"  Links: {links or 'none'}\n")
    text.append("\nWhat winning means\n", style="bold underline")
    if scenario.objectives:
        for o in scenario.objectives:
            text.append(f"  • {o.text or o.measure}\n")
    else:
        text.append("  No set objectives: explore what changes what.\n")
    text.append("\nYour levers\n", style="bold underline")
    levers = [VERB_BY_ACTION[name] for name in scenario.levers if name in VERB_BY_ACTION]
    for verb in levers or VERBS:
        text.append(f"  {verb.key}  ", style="bold")
        text.append(f"{verb.label}: {verb.blurb}\n")
    if levers:
        text.append("  a  every other action, from the actions menu\n", style="dim")
    text.append("\nTurns\n", style="bold underline")
    text.append(
        f"  One turn is one week; {scenario.weeks} turns in all. Decisions take effect at the\n"
        "  start of the next week. Space plays a week, p plays on, e runs to the end.\n"
    )
    return text


class BriefingScreen(Screen[None]):
    """Read the story, then start."""

    BINDINGS = [  # noqa: RUF012
        Binding("enter,s", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, scenario: Scenario, builtin: bool, seed: int | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.builtin = builtin
        self.seed = scenario.seed if seed is None else seed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="briefing"):
            yield Static(briefing_text(self.scenario, self.seed), id="briefing-text")
        with Horizontal(classes="button-row"):
            yield Button("Start", variant="primary", id="start", compact=True)
            if not silo_app(self).table:  # a served table has nowhere else to go
                yield Button("Back", id="back", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "briefing"
        self.query_one("#briefing").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def action_start(self) -> None:
        start = self.query_one("#start", Button)
        start.disabled = True
        start.label = "Setting up…"
        app = silo_app(self)
        app.begin(self.scenario, self.builtin, self.seed)

    def action_back(self) -> None:
        if silo_app(self).table:  # a served table plays the session's scenario, nothing else
            self.notify("Your session plays this scenario: press Enter to start.")
            return
        self.app.pop_screen()
