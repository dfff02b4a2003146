"""The web server of a workshop session: textual-serve's, with a door and a register.

textual-serve gives every websocket a fresh process of the command. For a room
that is not enough: this server lets a browser in only with the session's join
code and a table name, remembers the table in a signed cookie (so a reload, a
closed tab or a restarted server brings the table back to its own game), runs
one game per table in the table's own folder, refuses websockets from other
web origins, caps the terminal size a browser may ask for, and on Ctrl+C closes
every table at once, its game saved, within a second or two.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from game.cli.commands.orphan import SERVER_PID_ENV
from game.cli.commands.serve_pool import TablePool
from game.present.room import RoomError, Session

LISTENING = "silo serve: listening"
"""Printed once the server accepts connections: scripts and tests wait for it."""
WIDTH = (20, 240)
HEIGHT = (8, 80)
"""The terminal sizes a browser may ask for: a huge one costs the game its CPU."""
STOP_SECONDS = 1.5
"""How long a table's game has to end before it is killed (its autosave is already on disk)."""
MAX_MESSAGE_BYTES = 64 * 1024
FIRST_SCREEN_SECONDS = 20
"""After this long with no screen, the page tells the table what may be wrong."""


def clamp(value: Any, bounds: tuple[int, int], default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = default
    return max(bounds[0], min(bounds[1], number))


def origin_of(url: str) -> str:
    """'scheme://host:port' of a URL, the port written out (how origins compare)."""
    parts = urlsplit(url.strip().lower())
    port = parts.port or (443 if parts.scheme in ("https", "wss") else 80)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return f"{scheme}://{parts.hostname}:{port}"


class TableService(AppService):
    """One table's game: the command's process, without a shell in between (so a
    signal reaches the game itself), ended for sure when the table leaves."""

    def __init__(
        self, argv: list[str], pool: TablePool | None = None, folder: Path | None = None,
        **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv
        self.pool = pool
        """Games started ahead (None: start one now); `folder` is the table's."""
        self.folder = folder

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.pool is not None and self.folder is not None:
            spare = await self.pool.take(self.folder, width, height)
            if spare is not None:
                self._process, self._stdin = spare, spare.stdin
                return spare
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
        )
        self._stdin = process.stdin
        return process

    async def end(self) -> None:
        """Ask the game to quit; kill it if it has not within STOP_SECONDS."""
        process = self._process
        with contextlib.suppress(TimeoutError, OSError, RuntimeError):
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
            if process is not None:
                await asyncio.wait_for(process.wait(), STOP_SECONDS)
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


@dataclass
class Seat:
    """A table's live connection."""

    websocket: web.WebSocketResponse
    done: asyncio.Event = field(default_factory=asyncio.Event)


def form_page(
    session: Session, fields: str, button: str, problem: str = "", intro: str = ""
) -> str:
    """The join form of a session: its `fields`, the join code when it has one, and a
    one-line `problem` from the last try."""
    code = (
        '<label>Join code <input name="code" autocomplete="off" required></label>'
        if session.code
        else ""
    )
    error = f'<p class="problem">{html.escape(problem)}</p>' if problem else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>silo · join {html.escape(session.name)}</title>
<style>body{{background:#0c181f;color:#eee;font:18px/1.5 system-ui,sans-serif;display:flex;
justify-content:center;margin-top:10vh}}form{{display:flex;flex-direction:column;gap:1em;
min-width:20em}}input,select,button{{font:inherit;padding:.4em}}.problem{{color:#ff8a80}}</style>
</head><body><form method="post" action="join">
<h1>silo · {html.escape(session.name)}</h1>{intro}{error}
{fields}{code}
<button type="submit">{button}</button></form></body></html>
"""


def join_page(session: Session, problem: str = "", name: str = "") -> str:
    """The form a browser sees before it has a table."""
    field_html = (
        '<label>Your table\'s name <input name="table" maxlength="24" required\n'
        f' value="{html.escape(name)}"></label>'
    )
    return form_page(session, field_html, "Join", problem)


FIRST_SCREEN_SCRIPT = """
<script>
setTimeout(function () {
  if (!document.body.classList.contains("-first-byte")) {
    var box = document.querySelector(".intro div");
    if (box) box.textContent = "No game reached this page from " + WSURL + ". If that is not the "
      + "address of the silo server, ask the facilitator to restart it with --public-url "
      + "set to the address in your browser's address bar.";
  }
}, SECONDS * 1000);
</script>
"""


class SessionServer(Server):
    """textual-serve's Server for one session's tables."""

    def __init__(
        self,
        session: Session,
        play: Callable[[str], list[str]],
        horizon: int,
        spare: list[str] | None = None,
        warm: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(" ".join(play("TABLE")), **kwargs)
        self.session = session
        self.log: Path | None = None
        """Where the server's lines go while the console has the terminal (None: printed)."""
        self.loop: asyncio.AbstractEventLoop | None = None
        self.pool = TablePool(spare, warm) if spare is not None and warm else None
        """Tables' games started ahead (`--warm`)."""
        self.horizon = horizon
        """The scenario's weeks: the last round of the room."""
        self._stop_referee = asyncio.Event()
        self.play = play
        """The command of a table's game, given the table's key."""
        self.seats: dict[str, Seat] = {}
        self.cookie = f"silo-{session.name}"
        self.origins = {origin_of(self.public_url)}
        if self.host in ("localhost", "127.0.0.1", "::1"):
            self.origins |= {f"http://{h}:{self.port}" for h in ("localhost", "127.0.0.1", "[::1]")}
        self._warned: set[str] = set()
        from game.cli.commands.serve_console import ConsoleDoor

        self.facilitator = ConsoleDoor(self)
        """The facilitator's console at /console, behind the facilitator's code."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_post("/join", self.handle_join)
        self.facilitator.add_routes(app)
        app.on_startup.append(self._start_referee)
        return app

    async def _start_referee(self, app: web.Application) -> None:
        from game.cli.commands.serve_referee import referee

        self._stop_referee = asyncio.Event()
        if self.pool is not None:
            self.pool.start()
        app["referee"] = asyncio.ensure_future(
            referee(self.session.folder, lambda: sorted(self.seats), self.horizon,
                    self._stop_referee)
        )  # fmt: skip

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `silo serve` prints its own lines (textual-serve's logo would bury them)."""

    def _origin_ok(self, request: web.Request) -> bool:
        """Browsers always say their page's origin; only pages of this server may play."""
        origin = request.headers.get("Origin")
        return origin is None or origin_of(origin) in self.origins

    async def handle_index(self, request: web.Request) -> Any:  # type: ignore[override]
        if self.session.table_of(request.cookies.get(self.cookie)) is None:
            return web.Response(text=join_page(self.session), content_type="text/html")
        shown = origin_of(f"http://{request.host}")
        if shown not in self.origins and shown not in self._warned:
            self._warned.add(shown)
            self.say(
                f"silo serve: a browser opened {shown}, but the page sends it to "
                f"{self.public_url}: if tables see only the logo, restart with "
                f"--public-url {shown}"
            )
        page = await super().handle_index(request)
        assert isinstance(page, web.Response)  # aiohttp_jinja2 renders a whole page
        ws_url = self.public_url.replace("http", "ws", 1) + "/ws"
        quoted = json.dumps(ws_url).replace("</", "<\\/")  # a JS string, never markup
        script = FIRST_SCREEN_SCRIPT.replace("WSURL", quoted)
        script = script.replace("SECONDS", str(FIRST_SCREEN_SECONDS))
        page.text = (page.text or "").replace("</body>", script + "</body>")
        return page

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="a page of another site may not join this session")
        form = await request.post()
        name = str(form.get("table", ""))[:100]
        if not self.session.code_ok(str(form.get("code", ""))[:100]):
            page = join_page(self.session, "That is not this session's join code.", name)
            return web.Response(text=page, content_type="text/html", status=403)
        try:
            key = self.session.join(name)
        except RoomError as exc:
            page = join_page(self.session, str(exc), name)
            return web.Response(text=page, content_type="text/html", status=409)
        self.say(f"silo serve: table {self.session.display_name(key)!r} joined")
        return self.admit(key)

    def admit(self, key: str) -> web.Response:
        """Back to the room's page, with the cookie that tells this browser's table (or
        seat) `key` from now on."""
        response = web.Response(status=303, headers={"Location": "./"})
        # Lax, not Strict: a table that opens the room's address from a link (a chat, a
        # QR code) must still be recognised; other sites' pages are refused by origin.
        response.set_cookie(
            self.cookie, self.session.ticket(key), httponly=True, samesite="Lax",
            max_age=14 * 24 * 3600,
        )  # fmt: skip
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="a page of another site may not open a table")
        key = self.session.table_of(request.cookies.get(self.cookie))
        if key is None:
            raise web.HTTPForbidden(text="join the session first: open the page and give the code")
        old = self.seats.get(key)
        if old is not None:  # the table reloaded or opened a second tab: one game per table
            await old.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"opened elsewhere")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(old.done.wait(), 2 * STOP_SECONDS + 1)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
        await websocket.prepare(request)
        seat = self.seats[key] = Seat(websocket)
        service = TableService(
            self.play(key),
            self.pool,
            self.session.table_folder(key),
            write_bytes=_quiet(websocket.send_bytes),
            write_str=_quiet(websocket.send_str),
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            width = clamp(request.query.get("width"), WIDTH, 80)
            height = clamp(request.query.get("height"), HEIGHT, 24)
            await service.start(width, height)
            await self._relay(websocket, service)
        finally:
            await service.end()
            seat.done.set()
            if self.seats.get(key) is seat:
                del self.seats[key]
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: TableService) -> None:
        """The browser's keys and sizes to the game; anything malformed is dropped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = clamp(data.get("width"), WIDTH, 80)
                await service.set_terminal_size(width, clamp(data.get("height"), HEIGHT, 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every table's game ends at once (each ends saved; see TableService.end)."""
        self._stop_referee.set()
        if self.pool is not None:
            await self.pool.close()
        await self.facilitator.close()
        seats = list(self.seats.values())
        for seat in seats:
            await seat.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
        if seats:
            await asyncio.wait(
                [asyncio.ensure_future(s.done.wait()) for s in seats],
                timeout=2 * STOP_SECONDS + 0.5,
            )

    def say(self, line: str) -> None:
        """A line for the facilitator: on the terminal, or (under the console, which owns
        the terminal) in the session's serve.log."""
        if self.log is None:
            print(line, flush=True)
            return
        with contextlib.suppress(OSError), self.log.open("a", encoding="utf-8") as log:
            log.write(line + "\n")

    def serve(self, debug: bool = False, beside_console: bool = False) -> None:
        """`Server.serve` (textual-serve 1.1), listening with address reuse and saying when.

        `beside_console`: run in a thread while the facilitator's console has the terminal
        (no signal handlers there; `stop` ends it), its log lines in the session's folder.
        """
        import logging
        import signal

        self.debug = debug
        if beside_console:
            self.log = self.session.folder / "serve.log"
            logging.basicConfig(filename=self.log, level=logging.WARNING, force=True)
        else:
            self.initialize_logging()
        os.environ[SERVER_PID_ENV] = str(os.getpid())  # each table's game ends with us
        self.loop = loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        if not beside_console:
            with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C as KeyboardInterrupt
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            reuse_address=sys.platform != "win32",
            shutdown_timeout=2 * STOP_SECONDS + 1,
            print=lambda _message: self.say(f"{LISTENING} on {self.host}:{self.port}"),
        )

    def stop(self) -> None:
        """End a server serving in another thread (as Ctrl+C would: every table saved)."""
        if self.loop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop has closed meanwhile
                self.loop.call_soon_threadsafe(self.request_exit)


def _quiet(send: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A send to the browser that drops what comes after the browser left."""

    async def quiet(data: Any) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError):
            await send(data)

    return quiet
