"""The facilitator's console in a browser, at /console of `silo serve`.

The same Textual app as `silo room SESSION --console`, run as one process of its
own (like a table's game) and shown by textual-serve's page. Its door is the
facilitator's code, which is never the tables' join code: a table's code or
cookie does not open it. A browser that gave the code keeps a signed cookie (a
reload or a restarted server lets it back in; a new code voids it). One console
at a time: a second browser takes it over, and the server's end ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import sys
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web

if TYPE_CHECKING:
    from game.cli.commands.serve_room import Seat, SessionServer
    from game.present.room import Session

PATH = "/console"


def console_command(session: Session) -> list[str]:
    """The console's process: this Python, this silo, the session's folder."""
    return [sys.executable, "-m", "game.cli", "room", str(session.folder), "--console"]


def code_page(session: Session, problem: str = "") -> str:
    """The form a browser sees before it has given the facilitator's code."""
    error = f'<p class="problem">{html.escape(problem)}</p>' if problem else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>silo · console of {html.escape(session.name)}</title>
<style>body{{background:#0c181f;color:#eee;font:18px/1.5 system-ui,sans-serif;display:flex;
justify-content:center;margin-top:10vh}}form{{display:flex;flex-direction:column;gap:1em;
min-width:20em}}input,button{{font:inherit;padding:.4em}}.problem{{color:#ff8a80}}</style>
</head><body><form method="post" action="console">
<h1>silo · {html.escape(session.name)} · facilitator</h1>{error}
<p>The facilitator's console. Tables join at the session's address, not here.</p>
<label>Facilitator code <input name="code" autocomplete="off" required></label>
<button type="submit">Open the console</button></form></body></html>
"""


class ConsoleDoor:
    """The console's routes of one session server, and its one live connection."""

    def __init__(self, server: SessionServer) -> None:
        self.server = server
        self.cookie = f"{server.cookie}-console"
        self.seat: Seat | None = None

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get(PATH, self.handle_page)
        app.router.add_post(PATH, self.handle_code)
        app.router.add_get(f"{PATH}/ws", self.handle_websocket)

    def _let_in(self, request: web.Request) -> bool:
        return self.server.session.console_of(request.cookies.get(self.cookie))

    async def handle_page(self, request: web.Request) -> web.StreamResponse:
        if not self._let_in(request):
            return web.Response(text=code_page(self.server.session), content_type="text/html")
        public = self.server.public_url
        ws_url = ("wss:" if public.startswith("https") else "ws:") + public.split(":", 1)[1]
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdigit() and len(font_size) < 3 else 16,
            "app_websocket_url": f"{ws_url}{PATH}/ws",
            "config": {"static": {"url": f"{public}/static/"}},
            "application": {"name": "silo · facilitator"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_code(self, request: web.Request) -> web.StreamResponse:
        if not self.server._origin_ok(request):
            raise web.HTTPForbidden(text="a page of another site may not open the console")
        form = await request.post()
        session = self.server.session
        if not session.console_code_ok(str(form.get("code", ""))[:100]):
            problem = "That is not the facilitator's code (the tables' join code does not open "
            page = code_page(session, problem + "the console).")
            return web.Response(text=page, content_type="text/html", status=403)
        self.server.say("silo serve: the facilitator's console was opened in a browser")
        response = web.Response(status=303, headers={"Location": PATH})
        response.set_cookie(
            self.cookie, session.console_ticket(), httponly=True, samesite="Strict",
            max_age=14 * 24 * 3600, path=PATH,
        )  # fmt: skip
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        from game.cli.commands import serve_room as room

        if not self.server._origin_ok(request):
            raise web.HTTPForbidden(text="a page of another site may not open the console")
        if not self._let_in(request):
            raise web.HTTPForbidden(text="give the facilitator's code first: open /console")
        old = self.seat
        if old is not None:  # one console: the newest browser takes it over
            await old.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"opened elsewhere")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(old.done.wait(), 2 * room.STOP_SECONDS + 1)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=room.MAX_MESSAGE_BYTES)
        await websocket.prepare(request)
        seat = self.seat = room.Seat(websocket)
        service = room.TableService(
            console_command(self.server.session),
            write_bytes=room._quiet(websocket.send_bytes),
            write_str=room._quiet(websocket.send_str),
            close=websocket.close,
            download_manager=self.server.download_manager,
            debug=self.server.debug,
        )
        try:
            width = room.clamp(request.query.get("width"), room.WIDTH, 80)
            height = room.clamp(request.query.get("height"), room.HEIGHT, 24)
            await service.start(width, height)
            await self.server._relay(websocket, service)
        finally:
            await service.end()
            seat.done.set()
            if self.seat is seat:
                self.seat = None
        return websocket

    async def close(self) -> Any:
        """The server stops: the console's process ends with it."""
        seat = self.seat
        if seat is None:
            return
        await seat.websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
        from game.cli.commands.serve_room import STOP_SECONDS

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(seat.done.wait(), 2 * STOP_SECONDS + 0.5)
