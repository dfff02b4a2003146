"""The seat screen: one team's view of the org, its decisions, proposals and messages.

Everything shown is the seat's frozen view from `sim.seats` (what its team
knows); the screen only queues decisions, checks each with the game as it is
queued (a refusal is one line), and ends the round. In a room (`silo serve
--seats`) ending the round sends the decisions to the server, which holds the one
shared game; the screen then waits, and shows the seat's new view once the room
has played the week.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.present import seat_play
from game.tui.screens.seat_dialogs import PickDialog, TextDialog

if TYPE_CHECKING:
    from game.present.seat_room import SeatLink
    from sim.seats import SeatGame

PROPOSALS = (
    ("Shared goals for every team (50% shared)", {"action": "set_goal", "shared_weight": 0.5}),
    ("Switch on the shared calendar", {"action": "enable_tool", "tool": "shared_calendar"}),
    ("A weekly meeting of every team", {"action": "add_link", "kind": "meeting"}),
    ("Re-cut the org into campaign squads", {"action": "form_squads"}),
    ("Celebrate the wins together", {"action": "celebrate"}),
)
"""What a seat can put to the others from this screen (cross-team changes)."""
GOAL_STEP = 0.1
DECIDING = frozenset({"goal", "link", "lend", "propose", "message", "answer", "undo"})
"""Actions that change this round's decisions: closed in a room once they are sent."""
POLL_SECONDS = 0.5
"""How often a seat in a room looks for the round's end (the server saves the game)."""


class SeatScreen(Screen[None]):
    """Play one team of the org, seeing only what it knows."""

    BINDINGS = [  # noqa: RUF012
        Binding("n", "end_round", "End round"),
        Binding("plus,equals_sign", "goal(1)", "Goal +", key_display="+"),
        Binding("minus", "goal(-1)", "Goal -", key_display="-"),
        Binding("c", "link('chat')", "Chat with"),
        Binding("w", "link('meeting')", "Meet weekly"),
        Binding("l", "lend", "Lend"),
        Binding("p", "propose", "Propose"),
        Binding("m", "message", "Message"),
        Binding("1", "answer(0)", "Accept/refuse", key_display="1-9"),
        *(Binding(str(k), f"answer({k - 1})", show=False) for k in range(2, 10)),
        Binding("u", "undo", "Undo"),
        Binding("r", "reveal", "Reveal"),
        Binding("q", "quit_game", "Quit"),
    ]

    def __init__(self, game: SeatGame, seat: str, room: SeatLink | None = None) -> None:
        super().__init__()
        self.game = game
        self.seat = seat
        self.room = room
        """The room's shared game (None: alone, this screen plays the rounds)."""
        self.sent = False
        """In a room: this round's decisions are sent, the seat waits for the others."""
        self.queued: list[tuple[str, Any]] = []
        """This round's decisions in the order made: ('action' or 'proposal', action) or
        ('message', (seat, text))."""
        self.answers: dict[int, bool] = {}
        self._view: Any = None
        """The seat's view on screen (computed once a week, not at every look at the room)."""
        self.played = ""
        """In a room: the line saying the room has played a week (shown until the next)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with VerticalScroll(id="seat-left"):
                yield Static(id="seat-team", classes="seat-panel")
                yield Static(id="seat-waiting", classes="seat-panel")
                yield Static(id="seat-report", classes="seat-panel")
            with Vertical(id="seat-right"):
                with VerticalScroll(id="seat-inbox-box", classes="seat-panel"):
                    yield Static(id="seat-inbox")
                yield Static(id="seat-proposals", classes="seat-panel")
                yield Static(id="seat-round", classes="seat-panel")
        yield Footer()

    def on_mount(self) -> None:
        if self.room is not None:
            self.sent = self.room.sent(self.game.week)  # sent before a reload
            self.set_interval(POLL_SECONDS, self._poll)
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.room is None:
            return True
        if action in DECIDING and (self.sent or self.game.done):
            return None  # shown, greyed: the decisions are in
        # The reveal is for the debrief, not a peek at the others while the room plays.
        return action != "reveal" or self.game.done

    # drawing

    def show(self) -> None:
        view = self._view = self.game.view(self.seat)
        where = " in the room" if self.room is not None else ""
        self.app.sub_title = f"{self.seat}'s seat{where}, week {view.week} of {view.weeks}" + (
            f" (now {view.team.name})" if view.team.name != self.seat else ""
        )
        self.query_one("#seat-team", Static).update("\n".join(seat_play.team_lines(view)))
        waiting = ["Waiting for (as far as you know):", *seat_play.awaiting_lines(view)]
        self.query_one("#seat-waiting", Static).update("\n".join(waiting))
        self.query_one("#seat-report", Static).update("\n".join(seat_play.report_lines(view)))
        inbox = ["Inbox (the week each arrived):", *seat_play.inbox_lines(view)]
        self.query_one("#seat-inbox", Static).update("\n".join(inbox))
        box = self.query_one("#seat-inbox-box", VerticalScroll)
        self.call_after_refresh(box.scroll_end, animate=False)
        proposals = ["Proposals put to you (1-9: accept/refuse):"]
        proposals += seat_play.proposal_lines(view, self.answers)
        self.query_one("#seat-proposals", Static).update("\n".join(proposals))
        self.query_one("#seat-round", Static).update("\n".join(self._round_lines(view)))

    def _round_lines(self, view: Any) -> list[str]:
        from sim.verbs import title

        end = "send your decisions" if self.room is not None else "end it"
        lines = [f"This round (n: {end}):"]
        for kind, item in self.queued:
            if kind == "message":
                lines.append(f"- message to {item[0]}: '{item[1]}'")
            else:
                lines.append(f"- {'propose: ' if kind == 'proposal' else ''}{title(item)}")
        if len(lines) == 1:
            lines.append("- nothing yet" if not self.sent else "- (sent before you came back)")
        if self.room is not None:
            lines += self._room_lines()
        lines += ["Since last round:", *seat_play.notes_lines(view, 3)]
        return lines

    def _room_lines(self) -> list[str]:
        assert self.room is not None
        state = self.room.round()
        out = [self.played] if self.played else []
        if state.said:
            out.append(f"From the facilitator: {state.said}")
        if self.game.done:
            return [*out, "The game is over: r shows what your team did not know."]
        now = state.week == self.game.week
        if now and state.ends is not None and not state.held:
            left = max(0, math.ceil(state.ends - time.time()))
            out.append(f"{left} s left in this round: then a bot plays each seat that has not "
                       "sent its decisions.")  # fmt: skip
        if self.sent:
            out.append("Sent. The room plays the week when every seat in it has sent its own.")
            others = (
                [s for s in state.waiting if s != self.seat] if state.week == self.game.week else []
            )
            if others:
                out.append(f"Waiting for: {', '.join(others)}")
        if state.held and now:
            out.append(state.held)
        return out

    # deciding

    def _queue(self, action: Any) -> None:
        from sim.seats import SeatError
        from sim.seats.scope import OWN

        try:
            kind, _ = self.game.scope_of(self.seat, action)
        except SeatError as exc:
            self.notify(str(exc), severity="error")
            return
        reason = self.game.refused(action)
        if reason is not None:
            self.notify(reason, severity="error")
            return
        self.queued.append(("action" if kind == OWN else "proposal", action))
        self.show()

    def action_goal(self, step: int) -> None:
        from sim.actions import SetGoal

        team = self.game.view(self.seat).team
        weight = team.shared_weight
        for kind, item in self.queued:
            if kind == "action" and isinstance(item, SetGoal):
                weight = item.shared_weight
        weight = round(min(1.0, max(0.0, weight + step * GOAL_STEP)), 2)
        self.queued = [q for q in self.queued if not isinstance(q[1], SetGoal) or q[0] != "action"]
        self._queue(SetGoal(team=team.name, shared_weight=weight))

    def _others(self) -> list[str]:
        return list(self.game.view(self.seat).teams)

    def action_link(self, kind: str) -> None:
        from sim.actions import AddLink

        others = self._others()
        own = self.game.view(self.seat).team.name

        def chosen(i: int | None) -> None:
            if i is not None:
                self._queue(AddLink(kind=kind, teams=(own, others[i])))  # type: ignore[arg-type]

        words = "Open a chat channel with" if kind == "chat" else "Meet weekly with"
        self.app.push_screen(PickDialog(words, others), chosen)

    def action_lend(self) -> None:
        from sim.actions import MoveWorker

        view = self.game.view(self.seat)
        people = [m[0] for m in view.team.members]
        others = list(view.teams)

        def to_team(person: str, i: int | None) -> None:
            if i is not None:
                self._queue(MoveWorker(worker=person, to_team=others[i]))

        def who(i: int | None) -> None:
            if i is not None:
                person = people[i]
                self.app.push_screen(
                    PickDialog(f"Lend {person} to", others), lambda j: to_team(person, j)
                )

        labels = [f"{name} ({skill})" for name, skill, _ in view.team.members]
        self.app.push_screen(PickDialog("Lend whom?", labels), who)

    def action_propose(self) -> None:
        from sim.actions import action_from_dict

        def chosen(i: int | None) -> None:
            if i is not None:
                self._queue(action_from_dict(PROPOSALS[i][1]))

        self.app.push_screen(
            PickDialog("Propose to the teams it touches", [p[0] for p in PROPOSALS]), chosen
        )

    def action_message(self) -> None:
        from sim.seats.records import MAX_MESSAGES, MAX_TEXT

        if sum(1 for q in self.queued if q[0] == "message") >= MAX_MESSAGES:
            self.notify(f"at most {MAX_MESSAGES} messages a round", severity="error")
            return
        seats = [s for s in self.game.order if s != self.seat]

        def text(to: str, line: str | None) -> None:
            if line:
                self.queued.append(("message", (to, line)))
                self.show()

        def chosen(i: int | None) -> None:
            if i is not None:
                to = seats[i]
                self.app.push_screen(
                    TextDialog(f"Message to {to} (it travels your teams' routes)", MAX_TEXT),
                    lambda line: text(to, line),
                )

        self.app.push_screen(PickDialog("Write to", seats), chosen)

    def action_answer(self, i: int) -> None:
        """Accept the proposal numbered i + 1, or refuse it again (refused unless accepted)."""
        proposals = self.game.view(self.seat).proposals
        if i >= len(proposals):
            self.notify(f"no proposal {i + 1} this round", severity="warning")
            return
        pid = proposals[i].id
        self.answers[pid] = not self.answers.get(pid, False)
        self.show()

    def action_undo(self) -> None:
        if self.queued:
            self.queued.pop()
            self.show()

    # the round

    def decisions(self) -> Any:
        from sim.seats import Decisions

        return Decisions(
            actions=tuple(a for k, a in self.queued if k == "action"),
            proposals=tuple(a for k, a in self.queued if k == "proposal"),
            answers=tuple(sorted(self.answers.items())),
            messages=tuple(m for k, m in self.queued if k == "message"),
        )

    def action_end_round(self) -> None:
        from sim.seats import SeatError

        game = self.game
        if self.room is not None:
            self._send()
            return
        if game.done:
            self.action_reveal()
            return
        try:
            game.submit(self.seat, self.decisions())
            game.advance()
        except SeatError as exc:
            self.notify(str(exc), severity="error")
            return
        self.queued = []
        self.answers = {}
        self.app.save_seat_game()  # type: ignore[attr-defined]
        self.show()
        if game.done:
            self.action_reveal()

    def _send(self) -> None:
        """In a room: send this round's decisions to the shared game, then wait."""
        from game.present.files import OutputError
        from sim.seats import SeatError

        assert self.room is not None
        if self.game.done:
            self.action_reveal()
            return
        if self.sent:
            self.notify("Your decisions are in: the round ends when every seat has decided.")
            return
        try:
            self.room.send(self.game, self.decisions())
        except (SeatError, OutputError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.sent = True
        self.refresh_bindings()
        self.show()

    def _poll(self) -> None:
        """In a room: the new week once the room has played it; else who it waits for."""
        from sim.scenario import ScenarioError
        from sim.seats import SeatError

        assert self.room is not None
        try:
            fresh = self.room.newer(self.game.week)
        except (SeatError, ScenarioError) as exc:
            self.notify(f"the room's game cannot be read: {exc}", severity="error")
            return
        if fresh is None:
            # Who the room waits for, the round's time, the facilitator's word.
            self.query_one("#seat-round", Static).update("\n".join(self._round_lines(self._view)))
            return
        self.game = fresh
        self.app.game = fresh  # type: ignore[attr-defined]
        self.queued = []
        self.answers = {}
        self.sent = self.room.sent(fresh.week)
        # Said in the round's panel, not in a toast: a toast would cover the notes below.
        self.played = f"The room played the week: now week {fresh.week} of {fresh.sim.weeks}."
        self.refresh_bindings()
        self.show()
        if fresh.done:
            self.action_reveal()

    def action_reveal(self) -> None:
        from game.tui.screens.seat_reveal import SeatRevealScreen

        self.app.push_screen(SeatRevealScreen(self.game, self.seat))

    def action_quit_game(self) -> None:
        self.app.exit()


class RoomSeatScreen(SeatScreen):
    """One seat of a room (`silo serve --seats`): `n` sends the decisions to the room."""

    BINDINGS = [Binding("n", "end_round", "Send decisions")]  # noqa: RUF012
