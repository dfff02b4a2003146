"""`silo serve --seats`: one org for the whole room, a team (a seat) per browser.

The session's server of tables (`serve_room`), with another door and another
referee: a browser joins with the join code and a team nobody has taken; its
cookie brings it back to that seat. The server holds the one shared seat game
and is the only one to write its save; each seat's process replays the save and
sends its decisions (see `game.present.seat_room` for the files and the rule of
a round). The referee plays a round in a worker thread, so the browsers' keys
keep flowing while the week is simulated.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from game.cli.commands.serve_room import SessionServer, form_page
from game.present import seat_room
from game.present.room import RoomError, Session, table_key
from game.present.room_control import Control, read_control, update_control

if TYPE_CHECKING:
    from sim.seats import Decisions, SeatGame

TICK_SECONDS = 0.3
"""How often the referee looks at the seats' decisions."""


def seat_command(session_folder: Path, seat: str) -> list[str]:
    """The process of one seat's screen (this Python, this silo)."""
    return [sys.executable, "-m", "game.cli", "play", "--table", "--seat", seat,
            "--saves", str(session_folder)]  # fmt: skip


def seat_page(session: Session, teams: list[str], problem: str = "", chosen: str = "") -> str:
    """The form a browser sees before it has a seat: the code, and a team to play."""
    taken = set(session.tables())
    options = "".join(
        f'<option value="{html.escape(t)}"{" selected" if t == chosen else ""}>'
        f"{html.escape(t)}{' (taken)' if table_key(t) in taken else ''}</option>"
        for t in teams
    )
    intro = "\n<p>One org, a team per player: you see only what your team knows.</p>"
    field_html = f'<label>Your team <select name="team" required>{options}</select></label>'
    return form_page(session, field_html, "Take the seat", problem, intro)


class SeatServer(SessionServer):
    """The session's server when the room plays one org by seats."""

    def __init__(self, session: Session, game: SeatGame, **kwargs: Any) -> None:
        folder = session.folder
        super().__init__(
            session,
            lambda key: seat_command(folder, session.display_name(key)),
            game.sim.weeks,
            **kwargs,
        )
        self.game = game
        """The shared game: only the referee plays it, only this process saves it."""

    async def _start_referee(self, app: web.Application) -> None:
        self._stop_referee = asyncio.Event()
        app["referee"] = asyncio.ensure_future(self._referee(self._stop_referee))

    def _teams(self) -> list[str]:
        return list(self.game.order)

    async def handle_index(self, request: web.Request) -> Any:
        if self.session.table_of(request.cookies.get(self.cookie)) is None:
            page = seat_page(self.session, self._teams())
            return web.Response(text=page, content_type="text/html")
        return await super().handle_index(request)

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="a page of another site may not join this session")
        form = await request.post()
        team = str(form.get("team", ""))[:100]
        if not self.session.code_ok(str(form.get("code", ""))[:100]):
            page = seat_page(self.session, self._teams(), "That is not this session's join code.")
            return web.Response(text=page, content_type="text/html", status=403)
        mine = self.session.table_of(request.cookies.get(self.cookie))
        if mine is not None and mine == table_key(" ".join(team.split())):
            return web.Response(status=303, headers={"Location": "./"})  # its own seat again
        try:
            key = seat_room.take_seat(self.session, self._teams(), team)
        except RoomError as exc:
            page = seat_page(self.session, self._teams(), str(exc), team)
            return web.Response(text=page, content_type="text/html", status=409)
        self.say(f"silo serve: {self.session.display_name(key)}'s seat taken")
        return self.admit(key)

    async def _referee(self, stop: asyncio.Event) -> None:
        """Until `stop`: tell the seats where the round is, and play it when it is over:
        every open browser's seat has sent, the round's time is up, or the facilitator
        ended it (seats without decisions are then played by their bots)."""
        folder = self.session.folder
        said = None
        played = False
        # The round's clock starts now: a restarted server does not play at once the round
        # whose time ran out while it was down.
        await asyncio.to_thread(self._restart_clock)
        was_held = False
        while not stop.is_set():
            if not played:  # right after a round, the new week's state is written at once
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), TICK_SECONDS)
            played = False
            game = self.game
            control = await asyncio.to_thread(read_control, folder)
            connected = [self.session.display_name(k) for k in list(self.seats)]
            sent = {
                s: d
                for s in game.order
                if (d := seat_room.read_decisions(folder, s, game.week)) is not None
            }
            waiting = seat_room.waiting_for(game, connected, sent)
            held = self._held(game, control)
            if was_held and not held:  # a hold does not eat the seats' time
                control = await asyncio.to_thread(self._restart_clock)
            was_held = bool(held)
            ends = None
            if not held and control.round_seconds:
                ends = control.round_started + control.round_seconds
            here = tuple(s for s in game.order if s in connected)
            state = seat_room.RoundState(game.week, waiting, held, here, ends, control.message)
            if state != said:
                with contextlib.suppress(OSError):
                    await asyncio.to_thread(seat_room.write_round, folder, state)
                    said = state
            if held or game.done:
                continue
            by_hand = control.end_week == game.week
            if (
                seat_room.round_over(game, waiting, sent, held)
                or by_hand
                or seat_room.time_up(ends, time.time(), connected)
            ):
                await asyncio.to_thread(self._play, sent)
                played = True
        # The server stops: no browser is open any more (silo room says so).
        with contextlib.suppress(OSError):
            seat_room.write_round(folder, replace(said or seat_room.RoundState(), here=(),
                                                  waiting=(), ends=None))  # fmt: skip

    def _restart_clock(self) -> Control:
        """The round's time starts now (the controls as they are then)."""
        try:
            return update_control(self.session.folder,
                                  lambda c: replace(c, round_started=time.time()))  # fmt: skip
        except OSError as exc:  # the folder cannot be written: the rounds go on untimed
            self.say(f"silo serve: the round's clock not restarted: {exc.strerror or exc}")
            return read_control(self.session.folder)

    def _held(self, game: SeatGame, control: Control) -> str:
        if control.paused:
            return "The facilitator has paused the room: wait for the go."
        if control.week_cap is not None and game.week >= control.week_cap:
            return f"The room stops at week {control.week_cap} for now: wait for the facilitator."
        if game.done:
            return "The game is over: r shows what your team did not know."
        return ""

    def _play(self, sent: dict[str, Decisions]) -> None:
        """One round, then the save (in a worker thread: the only writer of the game)."""
        from game.present.files import OutputError

        game = self.game
        problems = seat_room.play_round(game, sent, self.session.seats)
        for line in problems:
            self.say(f"silo serve: {line}")
        try:
            seat_room.save_shared(self.session.folder, game)
        except OutputError as exc:
            self.say(f"silo serve: week {game.week} not saved: {exc}")
        self._restart_clock()  # the next round's time starts with it
        humans = ", ".join(s for s in game.order if s in sent)
        who = f"seats: {humans}; bots in the others" if humans else "no seat sent: bots in all"
        self.say(f"silo serve: week {game.week} played ({who})")
