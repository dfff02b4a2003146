"""The Why screen: what is behind efficiency, engagement and every late campaign.

A facilitator must never have to guess why a number moved: this screen opens
each headline number to its causes, from the turn the play screen already
holds (frozen data, no simulation access).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TabbedContent, TabPane

from game.tui.why_text import efficiency_text, engagement_text, late_text

if TYPE_CHECKING:
    from game.present.session import Turn

TOPICS = ("efficiency", "engagement", "late")


class WhyScreen(ModalScreen[None]):
    """Efficiency, engagement and late campaigns, each opened to its causes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,y,q", "close", "Close"),
        Binding("left", "topic(-1)", "Previous", show=False),
        Binding("right", "topic(1)", "Next", show=False),
    ]

    def __init__(self, turn: Turn, topic: str = "efficiency", *, currency: str = "$") -> None:
        super().__init__()
        self.turn = turn
        self.currency = currency
        self.topic = topic if topic in TOPICS else TOPICS[0]

    def compose(self) -> ComposeResult:
        turn = self.turn
        late = len(turn.snapshot.late)
        with Vertical(classes="dialog", id="why"):
            yield Static(f"Why? Week {turn.week} of {turn.weeks}", classes="dialog-title")
            with TabbedContent(initial=self.topic, id="why-tabs"):
                with TabPane("Efficiency", id="efficiency"), VerticalScroll():
                    yield Static(
                        efficiency_text(
                            turn.summary, turn.baseline_summary, self.currency, turn.par_summary
                        ),
                        id="why-efficiency",
                    )
                with TabPane("Engagement", id="engagement"), VerticalScroll():
                    yield Static(engagement_text(turn.snapshot), id="why-engagement")
                with TabPane(f"Late campaigns ({late})", id="late"), VerticalScroll():
                    yield Static(late_text(turn.snapshot.late, turn.week), id="why-late")
            yield Button("Close", id="close", compact=True)

    def action_topic(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        index = TOPICS.index(tabs.active) if tabs.active in TOPICS else 0
        tabs.active = TOPICS[(index + step) % len(TOPICS)]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
