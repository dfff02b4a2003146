"""The dialog of one decision: its options, its cost, a what-if preview, then queue it.

Every change of an input rebuilds the action and asks the engine, through the
session, what it costs or why the org cannot take it; an impossible action
cannot be queued. The preview runs in a thread worker (the newest request
replaces any older one) and reports back by message, so typing never waits
for the simulation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Static
from textual.worker import get_current_worker

from game.present.refusals import plain_reason
from game.present.verbs import Verb
from game.tui.widgets.action_form import ActionForm, FormError, OrgFacts
from game.tui.widgets.bullets import bullets
from game.tui.widgets.line_chart import LineChart

if TYPE_CHECKING:
    from textual.timer import Timer

    from game.present.session import GameSession
    from game.present.whatif import Preview
    from sim.actions import Action

PREVIEW_DELAY = 0.4
"""Seconds of quiet after the last change before a preview starts."""

PREVIEW_CHARTS = (
    ("efficiency", "Efficiency"),
    ("engagement", "Engagement"),
    ("hours_duplicated", "Duplicated h/wk"),
)
KEYS_HINT = "f1 glossary · PgDn charts"
"""Keys the buttons do not name: the lever's glossary entry, the preview's charts."""

CHART_TITLES = {"efficiency": "Efficiency, week by week"}
"""A chart's title where it differs from its line in the text: the chart's legend gives
the last week, the text the whole preview."""


def change_text(preview: Preview, currency: str = "$") -> Text:
    """One line per measure: mean over the preview weeks, with against without; spend
    (a week, in the scenario's money) beside efficiency (value per 1,000 spent)."""
    from game.present.figures import change
    from game.present.tables import fmt, money_unit

    text = Text()
    for key, name in PREVIEW_CHARTS:
        with_, without = preview.overall("with", key), preview.overall("without", key)
        moved = change(key, with_, without)
        label = name
        if key == "efficiency":  # the score's definition in its label: one line, not two
            label = f"{name} (value per {money_unit(currency)} spent)"
        text.append(f"  {label}: {fmt(key, with_)} with, {fmt(key, without)} without")
        text.append(f" ({moved})\n" if moved else "\n")
        if key == "efficiency":
            text.append_text(_spend_line(preview, currency))
    text.rstrip()
    return text


def _spend_line(preview: Preview, currency: str) -> Text:
    """Spend a week with and without, and the difference in money ('' if not previewed)."""
    from game.present.tables import money

    if "spend" not in preview.with_ or "spend" not in preview.without:
        return Text()
    with_, without = preview.overall("with", "spend"), preview.overall("without", "spend")
    diff = with_ - without
    extra = "same" if abs(diff) < 0.5 else ("+" if diff > 0 else "") + money(diff, currency)
    return Text(
        f"  Spend a week: {money(with_, currency)} with, {money(without, currency)} "
        f"without ({extra})\n"
    )


class ActionDialog(ModalScreen["Action | None"]):
    """Set up one action; dismisses with the action to queue, or None."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel"),
        # Priority: a focused list or field would take these keys for itself.
        Binding("ctrl+s", "queue", "Queue", priority=True),
        Binding("pagedown", "scroll_body(1)", "Charts", priority=True),
        Binding("pageup", "scroll_body(-1)", "Back up", priority=True),
        # The lever's entry in the glossary: its price, when it pays, where it stops paying.
        Binding("f1", "app.help('levers')", "Glossary"),
    ]

    class PreviewReady(Message):
        def __init__(self, preview: Preview, token: int) -> None:
            super().__init__()
            self.preview = preview
            self.token = token

    class PreviewFailed(Message):
        def __init__(self, reason: str, token: int) -> None:
            super().__init__()
            self.reason = reason
            self.token = token

    class PreviewProgress(Message):
        def __init__(self, done: float, token: int) -> None:
            super().__init__()
            self.done = done
            self.token = token

    def __init__(
        self, verb: Verb, session: GameSession, facts: OrgFacts, preview: bool = True
    ) -> None:
        super().__init__()
        self.verb = verb
        self.session = session
        self.facts = facts
        self.want_preview = preview
        self.action: Action | None = None
        self._token = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        # The cost and the preview's figures sit outside the scrolling part, under the
        # form, so that both are in sight at 80x24 whatever the form's length; the
        # preview's charts follow the form and are a PageDown away.
        with Vertical(classes="dialog", id="action-dialog"):
            yield Static(self.verb.label, classes="dialog-title")
            yield Static(self.verb.blurb, classes="dialog-blurb")
            with VerticalScroll(id="action-body"):
                yield ActionForm(self.verb, self.facts, id="action-form")
                with Vertical(id="whatif-charts"):
                    for key, label in PREVIEW_CHARTS:
                        yield LineChart(
                            CHART_TITLES.get(key, label),
                            you_label="with",
                            base_label="without",
                            id=f"whatif-{key}",
                            classes="whatif-chart",
                        )
            yield Static(id="action-cost")
            with Vertical(id="whatif"):
                yield Static("What if", classes="section-title", id="whatif-title")
                yield ProgressBar(total=1.0, show_eta=False, id="whatif-progress")
                yield Static(id="whatif-summary")
            with Horizontal(classes="button-row"):
                yield Button("Queue for next week ^s", variant="primary", id="queue", compact=True)
                yield Button("Cancel esc", id="cancel", compact=True)
                yield Static(KEYS_HINT, classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#whatif").display = False
        self.query_one("#whatif-charts").display = False
        self.query_one("#action-cost").border_title = "Cost"
        self.refresh_action()
        form = self.query_one(ActionForm)
        focusable = [w for w in form.query("Select, Input, SelectionList") if w.display]
        if focusable:
            focusable[0].focus()
        else:
            self.query_one("#queue", Button).focus()

    def on_action_form_changed(self, event: ActionForm.Changed) -> None:
        self.refresh_action()

    def refresh_action(self) -> None:
        """Rebuild the action from the form; show its cost or why it cannot be done."""
        from sim.actions import ActionError, action_from_dict

        cost = self.query_one("#action-cost", Static)
        queue = self.query_one("#queue", Button)
        self._token += 1
        self.action = None
        try:
            action = action_from_dict(self.query_one(ActionForm).action_data())
            costs = self.session.cost_of(action)
        except (FormError, ActionError) as exc:
            self._refuse(plain_reason(str(exc)))
            return
        self.action = action
        cost.update(bullets(costs or ["Nothing noticeable"]))
        cost.set_class(False, "-refused")
        cost.border_title = "Cost"
        queue.disabled = False
        if self.want_preview:
            self._schedule_preview()

    def _refuse(self, reason: str, preview_found: bool = False) -> None:
        """Say why the action cannot be taken, and keep it from being queued."""
        cost = self.query_one("#action-cost", Static)
        cost.update(Text(reason[:1].upper() + reason[1:], style="bold red"))
        cost.border_title = "Refused by the preview" if preview_found else "Cannot do this"
        cost.set_class(True, "-refused")
        self.query_one("#queue", Button).disabled = True
        self.action = None
        self.query_one("#whatif").display = False
        self.query_one("#whatif-charts").display = False

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#action-body", VerticalScroll)
        if pages > 0:
            body.scroll_page_down()
        else:
            body.scroll_page_up()

    def _schedule_preview(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#whatif").display = True
        self.query_one("#whatif-title", Static).update("What if: running the next weeks both ways…")
        bar = self.query_one("#whatif-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self._timer = self.set_timer(PREVIEW_DELAY, self._start_preview)

    def _start_preview(self) -> None:
        if self.action is not None:
            self.run_preview(self.action, self._token)

    @work(thread=True, exclusive=True, group="whatif")
    def run_preview(self, action: Action, token: int) -> None:
        from game.present.whatif import Cancelled, preview, replications_for
        from sim.actions import ActionError

        worker = get_current_worker()
        with self.session.lock:
            history = list(self.session.history)
            queued = list(self.session.queued)
            now = self.session.week

        def stale() -> bool:
            return worker.is_cancelled or token != self._token

        def progress(done: float) -> None:
            self.post_message(self.PreviewProgress(done, token))

        try:
            result = preview(
                self.session.scenario,
                self.session.seed,
                history,
                now,
                queued,
                action,
                replications=replications_for(self.session.scenario),
                cancelled=stale,
                progress=progress,
            )
        except Cancelled:
            return
        except ActionError as exc:
            self.post_message(self.PreviewFailed(str(exc), token))
            return
        self.post_message(self.PreviewReady(result, token))

    def on_action_dialog_preview_progress(self, message: PreviewProgress) -> None:
        if message.token == self._token:
            self.query_one("#whatif-progress", ProgressBar).update(progress=message.done)

    def on_action_dialog_preview_failed(self, message: PreviewFailed) -> None:
        # The preview ran the action and the org refused it: it must not be queued.
        if message.token == self._token:
            self._refuse(plain_reason(message.reason), preview_found=True)

    def on_action_dialog_preview_ready(self, message: PreviewReady) -> None:
        if message.token != self._token:
            return
        p = message.preview
        self.query_one("#whatif-progress", ProgressBar).display = False
        if p.weeks == 0:
            self.query_one("#whatif-title", Static).update("No weeks left to preview.")
            return
        reps = len(p.with_["efficiency"])
        runs = "one run each way" if reps == 1 else f"mean of {reps} runs each way"
        weeks = (
            f"week {p.start_week + 1}"
            if p.weeks == 1
            else (f"weeks {p.start_week + 1}-{p.start_week + p.weeks}")
        )
        self.query_one("#whatif-title", Static).update(f"What if, {weeks} ({runs}):")
        self.query_one("#whatif-summary", Static).update(
            change_text(p, self.session.scenario.currency)
        )
        self.query_one("#whatif-charts").display = True
        for key, _ in PREVIEW_CHARTS:
            self.query_one(f"#whatif-{key}", LineChart).set_data(
                p.mean("with", key),
                p.mean("without", key),
                p.weeks,
                you_band=p.band("with", key),
                base_band=p.band("without", key),
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field queues the action, as the Queue button does."""
        event.stop()
        self.action_queue()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "queue":
            self.action_queue()
        else:
            self.action_cancel()

    def action_queue(self) -> None:
        if self.action is not None:
            self._token += 1  # any preview still running is no longer wanted
            self.dismiss(self.action)

    def action_cancel(self) -> None:
        self._token += 1
        self.dismiss(None)
