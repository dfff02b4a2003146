"""SiloApp: the Textual game, from picking a scenario to the debrief.

The app only moves between screens and holds where saves go; every number on
screen comes from `sim` through the session. The simulation modules are
imported after the first screen is up (in a worker), so the picker appears
fast, and a game starts without a visible wait.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from game.tui.screens.picker import PickerScreen

if TYPE_CHECKING:
    from game.present.saves import GameRecord
    from game.present.session import GameSession
    from game.tui.table_room import TableRoom
    from sim.scenario import Scenario

THEMES = ("textual-dark", "textual-light")
WARM_UP_DELAY = 0.5
ROOM_CHECK_SECONDS = 1.0
"""How often a served table looks for the facilitator's messages."""
"""Seconds after start before the engine is imported in the background."""


def preload() -> None:
    """Import what a game needs before its first screen: the engine (numpy, pydantic,
    simpy) and the screens a table opens first (a spare game of `silo serve --warm`)."""
    import game.present.session
    import game.tui.screens.briefing
    import game.tui.screens.play  # noqa: F401


class SiloApp(App[None]):
    """The silo game."""

    CSS_PATH = "app.tcss"
    TITLE = "silo"
    SUB_TITLE = "break the silos"
    BINDINGS = [  # noqa: RUF012
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f2", "toggle_theme", "Light/dark"),
    ]

    def __init__(
        self,
        scenario: str | None = None,
        *,
        seed: int | None = None,
        load: str | Path | None = None,
        replayed: GameSession | None = None,
        saves: Path | None = None,
        folder: Path | None = None,
        previews: bool = True,
        table: bool = False,
    ) -> None:
        super().__init__()
        from game.present.saves import save_dir

        self.start_scenario = scenario
        self.start_seed = seed
        self.start_load = load
        self.replayed = replayed
        """The save at `load`, already replayed (`silo play --load` checks it that way)."""
        self.saves = saves if saves is not None else save_dir()
        self.folder = folder if folder is not None else Path.cwd()
        self.previews = previews
        """Run what-if previews in action dialogs (tests of other things turn them off)."""
        self.table = table
        """A table of a served session: `saves` is the table's own folder; no picker, no
        other scenario or seed, and each game the table starts is a new file there."""
        self.room: TableRoom | None = None
        """A served table's link to its room (None: a game in a terminal)."""
        self.last_saved: Path | None = None
        """The file the last game on screen was saved to (`silo play` says it at the end)."""
        self.theme = THEMES[0]

    def get_default_screen(self) -> Screen[None]:
        """The picker is the bottom screen: every game returns to it (a table's: its sign)."""
        if self.table:
            from game.tui.screens.table import TableScreen

            return TableScreen()
        return PickerScreen(self.folder, self.saves)

    def on_mount(self) -> None:
        from game.present.files import remove_stale_temporaries

        remove_stale_temporaries(self.saves)  # left by a game killed while it saved
        if self.table:
            self._table_start()
        elif self.start_load is not None:
            self.load_game(Path(self.start_load), self.replayed)
        elif self.start_scenario is not None:
            self.open_scenario(self.start_scenario, seed=self.start_seed)
        else:
            # After the first paint: an import in a thread holds the GIL for long stretches.
            self.set_timer(WARM_UP_DELAY, self._warm_up)

    def _table_start(self) -> None:
        """A table back after a reload or a restart continues its last game; else a new one."""
        from game.present.room import game_files
        from game.tui.table_room import TableRoom

        games = game_files(self.saves)
        self.room = TableRoom(self.saves, returning=bool(games))
        self.set_interval(ROOM_CHECK_SECONDS, self._room_tick)
        if games:
            self.load_game(games[-1])
        elif self.start_scenario is not None:
            self.open_scenario(self.start_scenario, seed=self.start_seed)

    @property
    def session_folder(self) -> Path:
        """A served table's session folder (its own folder is SESSION/tables/TABLE)."""
        return self.saves.parent.parent

    def check_room(self, week: int = 0) -> str | None:
        """Show the facilitator's new message, if any; why a table at `week` must wait
        before it plays the next, or None."""
        if self.room is None:
            return None
        control = self.room.control()
        message = self.room.news(control)
        if message is not None:
            self.notify(message, title="From the facilitator", timeout=30)
        return control.hold(week)

    def _room_tick(self) -> None:
        """Hear the room; in lock-step, play the week the room has moved on to."""
        from game.tui.screens.play import PlayScreen

        if self.room is None:
            return
        control = self.room.control()
        message = self.room.news(control)
        if message is not None:
            self.notify(message, title="From the facilitator", timeout=30)
        play = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if play is not None and control.lockstep and control.round > play.session.week:
            play.room_step()

    def debrief_open(self) -> bool:
        """A served table's debrief waits until the facilitator opens it (`silo room`)."""
        return self.room is None or self.room.control().debrief

    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        """Import the engine while the player reads the picker."""
        import game.present.session  # noqa: F401

    def action_help(self, tab: str = "help") -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self._scenario_on_screen(), tab))

    def _scenario_on_screen(self) -> Scenario | None:
        """The scenario of the game or briefing under the help (its prices), if any."""
        for screen in reversed(self.screen_stack):
            session = getattr(screen, "session", None)
            scenario = getattr(session, "scenario", None) or getattr(screen, "scenario", None)
            if scenario is not None:
                return scenario  # type: ignore[no-any-return]
        return None

    async def action_quit(self) -> None:
        """Quitting from a game asks first (the dialog says where it is saved); quitting
        from that dialog (ctrl+q twice) or from any other screen quits."""
        from game.tui.screens.leave import LeaveDialog
        from game.tui.screens.play import PlayScreen

        games = [s for s in self.screen_stack if isinstance(s, PlayScreen)]
        if not games or isinstance(self.screen, LeaveDialog):
            self.exit()
            return
        games[-1].ask_to_leave(quitting=True)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    # Moving between screens. Scenario loading and replays run in workers.

    @work(thread=True, exclusive=True, group="open")
    def open_scenario(
        self, name_or_path: str, *, builtin: bool | None = None, seed: int | None = None
    ) -> None:
        """Validate a scenario (a built-in name or a file) and show its briefing."""
        from scenarios.catalog import builtin_path
        from sim import load_scenario
        from sim.scenario import ScenarioError

        try:
            scenario = load_scenario(name_or_path)
        except ScenarioError as exc:
            self.call_from_thread(self.notify, str(exc), title="Cannot open", severity="error")
            return
        if builtin is None:
            builtin = not name_or_path.endswith(".toml") and builtin_path(name_or_path) is not None
        self.call_from_thread(self.show_briefing, scenario, builtin, seed)

    def show_briefing(self, scenario: Scenario, builtin: bool, seed: int | None) -> None:
        from game.tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(scenario, builtin, seed))

    @work(thread=True, exclusive=True, group="open")
    def begin(self, scenario: Scenario, builtin: bool, seed: int | None) -> None:
        """Build the game (the live run and its do-nothing twin), then play."""
        from game.present.session import GameSession

        session = GameSession(scenario, scenario.seed if seed is None else seed, builtin)
        problem = self.save_game(session)  # saved from week 0, in a file of its own
        if problem is not None:
            self.call_from_thread(self.notify, problem, severity="warning", timeout=10)
        self.call_from_thread(self.show_play, session)
        self._run_baseline_ahead(session)

    @work(thread=True, exclusive=True, group="open")
    def load_game(self, path: Path, replayed: GameSession | None = None) -> None:
        """Read a save, replay it to where it stopped and continue (`replayed`: done already)."""
        from game.present.saves import SaveError, is_game_file, read_save
        from game.present.session import GameSession
        from sim.actions import ActionError

        try:
            if replayed is None:
                record: GameRecord = read_save(path)
                if record.weeks_played:
                    note = f"Replaying {record.weeks_played} weeks of {path.name}…"
                    self.call_from_thread(self.notify, note, timeout=3)
                replayed = GameSession.from_record(record)
        except (SaveError, ActionError) as exc:
            self.call_from_thread(self.notify, str(exc), title="Cannot load", severity="error")
            return
        session = replayed
        note = f"Loaded {path.name}, week {session.week} of {session.weeks}."
        if self.table or is_game_file(path, self.saves):
            session.save_file = path  # the game goes on in its own file
        problem = self.save_game(session)
        if problem is not None:
            self.call_from_thread(self.notify, problem, severity="warning", timeout=10)
        elif session.save_file != path and session.save_file is not None:
            # A copy, or a file from elsewhere, stays as it was: the game goes on in a new file.
            note += f" It goes on saving to {self.shown_path(session.save_file)}."
        self.call_from_thread(self.show_play, session, note)
        self._run_baseline_ahead(session)

    def _run_baseline_ahead(self, session: GameSession) -> None:
        """In the opening worker, once the game is on screen: do-nothing and par to the end."""
        worker = get_current_worker()
        session.run_ahead(lambda: worker.is_cancelled)

    def show_play(self, session: GameSession, note: str | None = None) -> None:
        from game.tui.screens.play import PlayScreen

        self._to_base()
        if self.room is not None:
            self.room.start_game(session)
        self.push_screen(PlayScreen(session, note=note))

    def show_debrief(self, session: GameSession) -> None:
        from game.tui.screens.debrief import DebriefScreen

        self._to_base()
        self.push_screen(DebriefScreen(session))

    def new_game(self) -> None:
        self.workers.cancel_group(self, "open")  # the last game's do-nothing run
        self._to_base()
        if self.table and self.start_scenario is not None:
            # The session's scenario and seed again, never the picker.
            self.open_scenario(self.start_scenario, seed=self.start_seed)

    def save_game(self, session: GameSession) -> str | None:
        """Save the game to its own file (a new one at its first save); None, or what went
        wrong in words. Called from workers: the session's lock keeps a week's save and a
        decision's from both making the game's first file."""
        from game.present.saves import game_file_names, save_game

        with session.lock:
            record = session.record()
            if self.table:
                from game.present.room import new_game_names

                names: Iterable[str] = new_game_names(self.saves)
            else:
                names = game_file_names(record.scenario.name, record.seed, datetime.now())
            try:
                session.save_file = save_game(record, session.save_file, self.saves, names)
            except OSError as exc:
                return f"The game could not be saved: {exc.strerror or exc}"
            self.last_saved = session.save_file
        return None

    def save_copy(self, session: GameSession) -> None:
        """Ctrl+s: a copy of the game as it is now, beside its own file, named by the week."""
        from game.present.saves import copy_path, write_save

        problem = self.save_game(session)
        if problem is not None or session.save_file is None:
            self.notify(problem or "The game could not be saved.", severity="error")
            return
        path = copy_path(session.save_file, session.week)
        try:
            write_save(path, session.record())
        except OSError as exc:
            self.notify(f"Could not save: {exc.strerror or exc}", severity="error")
            return
        self.notify(
            f"A copy of week {session.week} is in {self.shown_path(path)}; the game goes on "
            f"saving to {self.shown_path(session.save_file)}.",
            title="Saved",
        )

    def shown_path(self, path: Path) -> str:
        """A path as a player may see it: a served table never sees the server's folders."""
        return path.name if self.table else str(path)

    def _to_base(self) -> None:
        """Back to the picker, closing every screen above it."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
