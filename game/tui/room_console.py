"""The facilitator's console: every table of a served session, live, and the room's controls.

`silo room SESSION --console`, in the terminal beside `silo serve` (or any terminal
of the machine that holds the session's folder). It reads what each table reports
(`game.present.room_status`) once a second, in a worker, and acts only by changing
the session's controls (`game.present.room_actions`), as `silo room` does: the
server's referee ends rounds in step, the tables obey the controls.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Input, OptionList, Static

from game.present import room_actions as act

if TYPE_CHECKING:
    from game.present.room_control import Control
    from game.present.room_status import TableStatus
    from sim.scenario import Scenario

REFRESH_SECONDS = 1.0
Seen = tuple[str, "TableStatus | None"]
"""A table's name and its last status."""
COLUMNS = ("table", "week", "in", "efficiency", "do-nothing", "par", "engagement", "last decision")


class Ask(ModalScreen[str | None]):
    """One line from the facilitator (a message, a week, seconds); Escape: none."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(self.question)
            yield Input(self.value, id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class PickEvent(ModalScreen[str | None]):
    """One of the scenario's events, to inject into every table."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, labels: list[str]) -> None:
        super().__init__()
        self.labels = labels

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static("Inject into every table at the room's week:")
            yield OptionList(*self.labels, id="events")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.labels[event.option_index].split()[0])


class RoomConsole(App[None]):
    """Every table, live; the facilitator's controls as keys."""

    CSS_PATH = "room_console.tcss"
    TITLE = "silo · facilitator"
    COLUMNS: ClassVar[tuple[str, ...]] = COLUMNS
    UNIT = "table"
    """What the room is made of, in the facilitator's prompts."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rounds", "Rounds in step/free"),
        Binding("n", "next_round", "End round"),
        Binding("t", "timer", "Timer"),
        Binding("p", "pause", "Pause/go"),
        Binding("c", "cap", "Week cap"),
        Binding("m", "say", "Message"),
        Binding("i", "inject", "Inject event"),
        Binding("o", "debrief", "Debrief open/closed"),
        Binding("b", "report", "Room report"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, folder: Path, scenario: Scenario) -> None:
        super().__init__()
        self.folder = folder
        self.scenario = scenario
        self.control: Control | None = None
        self.tables: dict[str, Seen] = {}
        """By key: the table's name and its last status."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="room-state")
        with Horizontal():
            yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
            yield Static("Choose a table to see its screen.", id="table-screen")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.folder.name} · {self.scenario.title or self.scenario.name}"
        self.query_one(DataTable).add_columns(*self.COLUMNS)
        self.refresh_room()
        self.set_interval(REFRESH_SECONDS, self.refresh_room)

    @work(thread=True, exclusive=True, group="read")
    def refresh_room(self) -> None:
        """Read the controls and every table's status (in a worker: files)."""
        from game.present.room import Session
        from game.present.room_control import read_control

        control = read_control(self.folder)
        session = Session(self.folder, self.folder.name, "", None, "", 0, "")
        tables = {k: (session.display_name(k), s) for k, s in act.statuses(self.folder).items()}
        self.call_from_thread(self.show_room, control, tables)

    def show_room(self, control: Control, tables: dict[str, Seen]) -> None:
        self.control, self.tables = control, tables
        words = act.state_words(control)
        left = control.time_left(time.time()) if control.lockstep else None
        if left is not None:
            words += f" · {left:.0f} s left in the round"
        ready = sum(1 for _, s in tables.values() if s is not None and s.submitted)
        if control.lockstep:
            words += f" · {ready} of {len(tables)} tables in"
        if control.message:
            words += f" · said: {control.message}"
        self.query_one("#room-state", Static).update(f"Room: {words}")
        self.fill({key: _row(name, status) for key, (name, status) in tables.items()})

    def fill(self, rows: dict[str, tuple[str, ...]]) -> None:
        """The grid's rows by key (a row already there is updated in place)."""
        grid = self.query_one(DataTable)
        for key, row in rows.items():
            if key in grid.rows:
                for column, value in zip(grid.columns, row, strict=True):
                    grid.update_cell(key, column, value)
            else:
                grid.add_row(*row, key=key)
        self._show_table()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_table()

    def highlighted(self) -> str | None:
        """The key of the row under the cursor (None: no rows yet)."""
        grid = self.query_one(DataTable)
        if not grid.row_count:
            return None
        return str(grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value)

    def _show_table(self) -> None:
        """The highlighted table's screen, as text: its figures, decisions and events."""
        key = self.highlighted()
        if key is None:
            return
        name, status = self.tables.get(key, ("", None))
        if status is None:
            text = f"{name}: no week played yet."
        else:
            lines = [name, *status.screen, "", "Decisions taken:"]
            lines += list(status.decisions) or ["  none yet"]
            lines += ["Queued:", *(status.queued or ("  none",))]
            lines += ["Room events:", *(status.events or ("  none",))]
            text = "\n".join(lines)
        self.query_one("#table-screen", Static).update(text)

    # The controls: each one change of the session's controls, then a fresh look.

    def _done(self, note: str) -> None:
        self.notify(note, timeout=4)
        self.refresh_room()

    def action_rounds(self) -> None:
        if self.control is not None and self.control.lockstep:
            act.free_play(self.folder)
            self._done("Each table at its own pace.")
        else:
            control = act.rounds_in_step(self.folder, None)
            self._done(f"Rounds in step from week {control.round}.")

    def action_next_round(self) -> None:
        control = act.end_round(self.folder, self.scenario.weeks)
        self._done(f"The room moves to week {control.round}.")

    def action_timer(self) -> None:
        def chosen(text: str | None) -> None:
            if text is None:
                return
            if not text.strip().isdigit():
                self.notify("Seconds, as a whole number (0: no timer).", severity="error")
                return
            act.set_timer(self.folder, int(text) or None)
            self._done(f"A round lasts {int(text)} s." if int(text) else "No round timer.")

        self.push_screen(Ask(f"Seconds a round lasts (0: until every {self.UNIT} is in):"), chosen)

    def action_pause(self) -> None:
        paused = not (self.control is not None and self.control.paused)
        act.pause(self.folder, paused)
        self._done("The room is paused." if paused else "The room plays on.")

    def action_cap(self) -> None:
        def chosen(text: str | None) -> None:
            if text is None:
                return
            if text.strip() and not text.strip().isdigit():
                self.notify("A week, as a whole number (empty: no cap).", severity="error")
                return
            week = int(text) if text.strip() else None
            act.cap(self.folder, week)
            self._done(f"The room stops at week {week}." if week is not None else "No week cap.")

        self.push_screen(Ask(f"Hold every {self.UNIT} at week (empty: lift the cap):"), chosen)

    def action_say(self) -> None:
        def chosen(text: str | None) -> None:
            if text and text.strip():
                act.say(self.folder, text)
                self._done(f"Said to every {self.UNIT}.")

        self.push_screen(Ask(f"A message for every {self.UNIT}:"), chosen)

    def action_inject(self) -> None:
        from game.present.room_events import event_choices

        def chosen(key: str | None) -> None:
            if key is None:
                return
            try:
                _, week = act.inject(self.folder, self.scenario, key)
            except ValueError as exc:
                self.notify(str(exc), severity="error")
                return
            self._done(f"Every table takes {key} as week {week} ends.")

        labels = [label for label, _ in event_choices(self.scenario)]
        self.push_screen(PickEvent(labels), chosen)

    def action_debrief(self) -> None:
        open_ = not (self.control is not None and self.control.debrief)
        act.debrief(self.folder, open_)
        self._done("Tables may open their debrief." if open_ else "The debrief waits for you.")

    def action_report(self) -> None:
        self.notify("Building the room's report (finished games only)…", timeout=3)
        self._report_worker()

    @work(thread=True, exclusive=True, group="report")
    def _report_worker(self) -> None:
        """`silo report SESSION` into the session's folder, as the facilitator would type it."""
        import subprocess
        import sys

        out, csv = self.folder / "room.html", self.folder / "room-weekly.csv"
        command = [sys.executable, "-m", "game.cli", "report", str(self.folder),
                   "--out", str(out), "--csv", str(csv)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            self.call_from_thread(self.notify, f"Wrote {out} and {csv.name}.", timeout=10)
        else:
            problem = (done.stderr.strip().splitlines() or ["the report failed"])[-1]
            self.call_from_thread(self.notify, problem, severity="error", timeout=10)


def _row(name: str, status: TableStatus | None) -> tuple[str, ...]:
    if status is None:
        return (name, "-", "", "", "", "", "", "")

    def fig(x: float | None) -> str:
        return f"{x:.2f}" if x is not None else "-"

    return (
        name,
        f"{status.week}/{status.weeks}",
        "in" if status.submitted else "",
        fig(status.efficiency),
        fig(status.do_nothing),
        fig(status.par),
        fig(status.engagement),
        status.decisions[-1] if status.decisions else "",
    )


def console_for(folder: Path, scenario: Scenario) -> RoomConsole:
    """The session's console: a row per seat for a room of seats, else one per table."""
    from game.present.seat_room import SAVE

    if (folder / SAVE).exists():
        from game.tui.seat_console import SeatConsole

        return SeatConsole(folder, scenario)
    return RoomConsole(folder, scenario)
