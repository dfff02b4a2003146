"""The play screen: the org map, the dashboard and the feed, one week per turn.

Weeks are stepped in a thread worker (the session serialises access to the
simulation) and each finished week comes back as a `WeekDone` message holding
a frozen `Turn`, so the screen never waits on the engine and never reads live
simulation objects. The game is autosaved after every week, in the worker, while
the screen shows the week.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Tab, Tabs

from game.present.verbs import VERB_BY_ACTION, VERBS, describe
from game.tui.screens.commands import GameCommands
from game.tui.silo_app import silo_app
from game.tui.widgets.dashboard import Dashboard
from game.tui.widgets.event_feed import EventFeed
from game.tui.widgets.game_status import GameStatus
from game.tui.widgets.objectives_panel import ObjectivesPanel
from game.tui.widgets.org_map import OrgMap
from game.tui.widgets.team_card import TeamCard
from game.tui.widgets.team_detail import TeamDetail
from sim.engine.collector import hold_collection
from sim.results import SCRIPTED

if TYPE_CHECKING:
    from textual.timer import Timer

    from game.present.session import GameSession, Turn
    from game.tui.table_room import TableRoom
    from sim.actions import Action

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
BUSY_AFTER = 0.1
"""Seconds a week may take before the status line says it is simulating. A shorter
wait would only flash the words, and the frame that drew them would hold the
week's own frame back (Textual draws at most one frame every 1/60 s)."""
NARROW = 110
"""Below this many columns the panels take turns (tabs) instead of sitting side by side."""


class PlayScreen(Screen[None]):
    """One game in progress."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {GameCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,n", "next_week", "Next week", key_display="space"),
        Binding("p", "toggle_play", "Play"),
        Binding("plus,equals_sign", "faster", "Faster", key_display="+", show=False),
        Binding("minus", "slower", "Slower", key_display="-", show=False),
        Binding("e", "run_to_end", "To the end"),
        Binding("a", "actions", "Decide"),
        Binding("y", "why", "Why?"),
        Binding("s", "score_parts", "Score parts", show=False),
        Binding("v", "silo_view", "Silo view", show=False),
        Binding("u", "unqueue", "Undo queued", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("d", "debrief", "Debrief", show=False),
        Binding("escape", "leave", "Leave", show=False),
        Binding("1", "view('org')", "Org", show=False),
        Binding("2", "view('charts')", "Charts", show=False),
        Binding("3", "view('feed')", "Feed", show=False),
        *(Binding(v.key, f"verb('{v.action}')", v.label, show=False) for v in VERBS),
    ]

    class WeekDone(Message):
        """A week was stepped (in the worker); the turn to show."""

        def __init__(self, turn: Turn, notes: list[str]) -> None:
            super().__init__()
            self.turn = turn
            self.notes = notes
            """What the feed says of the room's events taken before the week."""

    class Unsaved(Message):
        """The week's autosave failed (in the worker, after the week was shown)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, session: GameSession, note: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.note = note
        self.turn: Turn | None = None
        self.busy = False
        self.playing = False
        self.to_end = False
        self.speed_index = 2
        self._timer: Timer | None = None
        self._busy_timer: Timer | None = None
        self._collector_holds: list[Callable[[], None]] = []
        """Each lets Python's collector run again once its week is on screen."""
        self.viewpoint: str | None = None
        """The silo view: the team whose eyes the screen shows (None: everything)."""
        self.save_problem: str | None = None
        """Why the game's last save failed (None: it is saved)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield GameStatus(id="status")
        with Horizontal(id="controls"):
            yield Button("Next week", id="next", variant="primary", compact=True)
            yield Button("Play", id="play", compact=True)
            yield Button("To the end", id="end", compact=True)
            yield Button("Decide…", id="decide", variant="success", compact=True)
            yield Button("Undo", id="unqueue", compact=True)
        yield Tabs(
            Tab("1 Org", id="org"),
            Tab("2 Charts", id="charts"),
            Tab("3 Feed", id="feed"),
            id="view-tabs",
        )
        with Horizontal(id="play-main"):
            with VerticalScroll(id="panel-org"):
                yield OrgMap(id="org-map")
                yield TeamDetail(id="detail")
                yield ObjectivesPanel(id="objectives")
            with Vertical(id="panel-right"):
                yield Dashboard(self.session.scenario.currency, id="panel-charts")
                yield EventFeed(id="panel-feed")
        yield Footer()

    def on_mount(self) -> None:
        scenario = self.session.scenario
        self.sub_title = f"{scenario.title or scenario.name} · seed {self.session.seed}"
        self.set_class(True, "-view-org")
        self.query_one(TeamDetail).show_team(None)
        feed = self.query_one(EventFeed)
        turn = self.session.turn()
        if turn.week > 0:  # a loaded game: its whole story, week by week
            feed.add_history(self.session.events(), turn.week)
        if self.note:
            feed.note(self.note)
        if turn.week == 0:
            feed.note("Week 0: the org as it is. Decide (a) or play a week (space).")
        self.show_turn(turn)
        self.query_one(TeamCard).focus()
        self._tell_room()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # Showing a turn.

    def show_turn(self, turn: Turn) -> None:
        self.turn = turn
        status = self.query_one(GameStatus)
        status.waiting = False
        status.week, status.weeks = turn.week, turn.weeks
        status.met = (
            f"objectives {turn.met}/{len(turn.objectives)} on track" if turn.objectives else ""
        )
        org = self.query_one(OrgMap)
        org.update_org(turn.snapshot)
        self._show_detail()
        self.query_one(Dashboard).update_turn(turn)
        self.query_one(ObjectivesPanel).show(self.session.scenario, turn.objectives)
        self._show_queue()
        if turn.done:
            self.query_one("#next", Button).label = "Debrief"
            self.playing = self.to_end = False
            self._sync_clock()

    def _show_detail(self) -> None:
        name = self.query_one(OrgMap).selected
        team = None
        if name is not None and self.turn is not None:
            team = next((t for t in self.turn.snapshot.teams if t.name == name), None)
        feed = self.turn.snapshot.feed if self.turn is not None else ()
        self.query_one(TeamDetail).show_team(team, feed, self.viewpoint)

    def _show_queue(self) -> None:
        self.query_one(GameStatus).queued = tuple(describe(a) for a in self.session.queued)
        self.query_one("#unqueue", Button).disabled = not self.session.queued

    def on_team_card_selected(self, event: TeamCard.Selected) -> None:
        org = self.query_one(OrgMap)
        org.select(None if org.selected == event.name else event.name)
        self._show_detail()

    # The clock.

    def action_next_week(self) -> None:
        if self.session.done:
            self.action_debrief()
            return
        self.to_end = False
        self._advance()

    def _advance(self) -> None:
        if self.busy or self.session.done:
            return
        app = silo_app(self)
        week = self.session.week
        hold = app.check_room(week)  # a served table keeps to the facilitator's pace
        if hold is not None:
            self.pause()
            room = app.room
            if room is not None and room.in_round(room.control(), week):
                room.ready = week
                self.query_one(GameStatus).waiting = True
                self._tell_room()
                hold = (
                    f"Your decisions for week {week + 1} are in. The week plays for every "
                    "table together, when all are in or the round's time is up."
                )
            self.notify(hold, title="Wait")
            return
        events = app.room.events_due(week) if app.room is not None else []
        self.busy = True
        self._busy_timer = self.set_timer(BUSY_AFTER, self._show_busy)
        # No collector passes from the key to the frame that shows the week: they would
        # walk the week's new objects inside the summary and the redraw. One pass runs
        # after that frame instead (sim/engine/collector.py).
        self._collector_holds.append(hold_collection())
        self._step_worker(events)

    def on_unmount(self) -> None:
        for release in self._collector_holds:  # a week still in flight when the screen goes
            release()
        self._collector_holds.clear()

    def _show_busy(self) -> None:
        if self.busy:
            self.query_one(GameStatus).busy = True

    def room_step(self) -> None:
        """The room moved on (lock-step): play the week it is at now."""
        self.to_end = False
        self._advance()

    @work(thread=True, group="advance")
    def _step_worker(self, events: list[dict[str, Any]]) -> None:
        # Python's collector is the engine's to tune while it steps
        # (sim/engine/collector.py): one policy, owned by one layer.
        notes = self._take_events(events)
        turn = self.session.advance()
        room = silo_app(self).room
        if room is not None:  # before the screen shows the week: the console is never behind
            room.notes = (*room.notes, *notes)[-4:]
            room.tell(self.session, turn)
        self.post_message(self.WeekDone(turn, notes))
        # Saved while the screen draws the week, not before it: the write waits on the
        # disk (fsync), which the player need not wait for. The session's lock keeps
        # the save and a next week's step apart; either way the file holds every week
        # played when it was written.
        problem = self._autosave()
        if problem:
            self.post_message(self.Unsaved(problem))

    def _take_events(self, events: list[dict[str, Any]]) -> list[str]:
        """The room's events, injected at this week boundary: what the feed says of each."""
        from game.present.room_events import as_event, describe

        notes = []
        for data in events:
            try:
                problem = self.session.inject(as_event(data, self.session.week))
            except ValueError as exc:
                problem = str(exc)
            said = describe(data)
            if problem is None:
                notes.append(f"From the facilitator: {said}")
            else:
                notes.append(f"The facilitator's event ({said}) does not fit your org: {problem}")
        return notes

    def _tell_room(self) -> None:
        room = silo_app(self).room
        if room is not None:
            self._tell_worker(room)

    @work(thread=True, group="tell", exclusive=True)
    def _tell_worker(self, room: TableRoom) -> None:
        room.tell(self.session, self.turn)

    def _autosave(self) -> str | None:
        """Save the game to its own file (in a worker); the problem in words if it failed."""
        self.save_problem = silo_app(self).save_game(self.session)
        return self.save_problem

    def on_play_screen_week_done(self, message: WeekDone) -> None:
        self.busy = False
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        self.query_one(GameStatus).busy = False
        self.show_turn(message.turn)
        for note in message.notes:
            self.query_one(EventFeed).note(note)
        self.query_one(EventFeed).add_turn(message.turn)
        self._tell_news(message.turn)
        # The app's after-refresh callbacks run once the frame is written; the screen's
        # own may run before its layout and paint.
        if self._collector_holds:
            self.app.call_after_refresh(self._collector_holds.pop(0))
        if message.turn.done:
            self.query_one(EventFeed).note("The last week is played: press d for the debrief.")
            self.notify("The last week is played. Press d (or Debrief) for the debrief.")
        elif self.to_end:
            self._advance()

    def on_play_screen_unsaved(self, message: Unsaved) -> None:
        self.notify(message.problem, severity="warning")

    def _tell_news(self, turn: Turn) -> None:
        """The scenario's news as a toast too: the feed scrolls to the week's last events,
        and a disruption is there to be reacted to. Continuous play pauses for it;
        running to the end does not stop."""
        news = [e.text for e in turn.snapshot.feed if e.kind == SCRIPTED]
        if not news or self.to_end:
            return
        for text in news:
            self.notify(text, title=f"News, week {turn.week}", timeout=12)
        if self.playing:
            self.pause()

    def action_toggle_play(self) -> None:
        if self.session.done:
            return
        self.playing = not self.playing
        self.to_end = False
        self._sync_clock()

    def action_faster(self) -> None:
        self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
        self._sync_clock()

    def action_slower(self) -> None:
        self.speed_index = max(0, self.speed_index - 1)
        self._sync_clock()

    def _sync_clock(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        speed = SPEEDS[self.speed_index]
        if self.playing:
            self._timer = self.set_interval(1 / speed, self._advance)
        status = self.query_one(GameStatus)
        status.playing, status.speed = self.playing or self.to_end, speed
        self.query_one("#play", Button).label = "Pause" if self.playing else "Play"

    def action_run_to_end(self) -> None:
        if self.session.done:
            return
        self.playing = False
        self.to_end = True
        self._sync_clock()
        self._advance()

    def pause(self) -> None:
        self.playing = self.to_end = False
        self._sync_clock()

    # Decisions.

    def action_actions(self) -> None:
        from game.tui.screens.action_menu import ActionMenu

        if self._over():
            return
        self.pause()

        def chosen(action_name: str | None) -> None:
            if action_name is not None:
                self.action_verb(action_name)

        self.app.push_screen(ActionMenu(self.session.scenario.levers), chosen)

    def action_verb(self, action_name: str) -> None:
        from game.tui.screens.action_dialog import ActionDialog
        from game.tui.widgets.action_form import OrgFacts

        if self._over() or self.turn is None:
            return
        self.pause()
        facts = OrgFacts.from_turn(self.turn.snapshot, self.session.scenario)
        app = silo_app(self)
        dialog = ActionDialog(VERB_BY_ACTION[action_name], self.session, facts, app.previews)
        self.app.push_screen(dialog, self._queue)

    def _queue(self, action: Action | None) -> None:
        from sim.actions import ActionError

        if action is None:
            return
        try:
            self.session.queue(action)
        except ActionError as exc:
            self.notify(str(exc), title="Not queued", severity="error")
            return
        week = self.session.week
        self.query_one(EventFeed).note(
            f"Queued for the start of week {week + 1}: {describe(action)}."
        )
        self._show_queue()
        self._save_queue()

    def action_unqueue(self) -> None:
        if not self.session.queued:
            return
        action = self.session.unqueue()
        self.query_one(EventFeed).note(f"Taken back: {describe(action)}.")
        self._show_queue()
        self._save_queue()

    @work(thread=True, group="autosave", exclusive=True)
    def _save_queue(self) -> None:
        """Autosave a changed queue too (in a worker: a week may hold the session)."""
        problem = self._autosave()
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="warning")
        room = silo_app(self).room
        if room is not None:
            room.tell(self.session, self.turn)

    def _over(self) -> bool:
        if self.session.done:
            self.notify("The scenario is over: press d for the debrief.")
            return True
        return False

    # Elsewhere.

    def action_save(self) -> None:
        silo_app(self).save_copy(self.session)

    def action_debrief(self) -> None:
        if not self.session.done:
            self.notify("The debrief opens when the last week is played (e runs to the end).")
            return
        app = silo_app(self)
        if not app.debrief_open():
            self.notify("The facilitator opens the debrief for the whole room: wait for it.")
            return
        app.show_debrief(self.session)

    def action_silo_view(self) -> None:
        """Look through each team's eyes in turn, then at everything again."""
        if self.turn is None:
            return
        names = [t.name for t in self.turn.snapshot.teams]
        order: list[str | None] = [None, *names]
        at = order.index(self.viewpoint) if self.viewpoint in order else 0
        self.viewpoint = order[(at + 1) % len(order)]
        self.query_one(OrgMap).set_viewpoint(self.viewpoint)
        self.query_one(EventFeed).set_viewpoint(self.viewpoint)
        self.query_one(Dashboard).set_viewpoint(self.viewpoint)
        self.query_one(GameStatus).view = self.viewpoint or ""
        self.set_class(self.viewpoint is not None, "-silo")  # the org's scorecard hides too
        self._show_detail()
        if self.viewpoint is None:
            self.notify("Silo view off: the whole org again.")
        else:
            self.notify(
                f"Silo view: the org as {self.viewpoint} sees it. v: the next team's eyes.",
                title="Silo view",
            )

    def on_dashboard_why_asked(self, message: Dashboard.WhyAsked) -> None:
        self.action_why(message.topic)

    def action_score_parts(self) -> None:
        """The score's parts (value, spend, engagement) under the headline, so far, over the
        last 4 weeks, this week, then hidden again."""
        period = self.query_one(Dashboard).toggle_parts()
        if period is not None:
            self.notify(f"The score {period}: s for the next period.", timeout=3)

    def action_why(self, topic: str = "efficiency") -> None:
        from game.tui.screens.why import WhyScreen

        if self.turn is None:
            return
        self.pause()
        self.app.push_screen(WhyScreen(self.turn, topic, currency=self.session.scenario.currency))

    def action_leave(self) -> None:
        """Escape: asked, never done at once (a key pressed once too often loses nothing)."""
        if silo_app(self).table:  # a served table's game is the session's: played to the end
            self.pause()
            self.notify("Your table plays this game to its last week; then the debrief.")
            return
        self.ask_to_leave()

    def ask_to_leave(self, *, quitting: bool = False) -> None:
        """Ask before leaving or quitting, saying where the game is saved."""
        from game.tui.screens.leave import Kept, LeaveDialog

        self.pause()
        app = silo_app(self)
        session = self.session
        saved = app.shown_path(session.save_file) if session.save_file is not None else None
        kept = Kept(session.week, session.weeks, saved, self.save_problem, not app.table)

        def chosen(choice: str | None) -> None:
            if choice == "quit":
                app.exit()
            elif choice == "picker":
                app.new_game()

        app.push_screen(LeaveDialog(kept, quitting=quitting, can_leave=not app.table), chosen)

    def action_view(self, view: str) -> None:
        self.query_one(Tabs).active = view

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        for view in ("org", "charts", "feed"):
            self.set_class(event.tab.id == view, f"-view-{view}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        handlers = {
            "next": self.action_next_week,
            "play": self.action_toggle_play,
            "end": self.action_run_to_end,
            "decide": self.action_actions,
            "unqueue": self.action_unqueue,
        }
        handler = handlers.get(event.button.id or "")
        if handler is not None:
            handler()
