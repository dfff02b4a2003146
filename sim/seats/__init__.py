"""Playing one org from inside its teams: seats, their views, decisions, messages and bots.

from sim.seats import SeatGame, Decisions
game = SeatGame(scn, seed=1, seats={"SEO": "human", "Email": "human"}, bots_play="selfish")
view = game.view("SEO")          # what SEO's team knows, frozen
game.submit("SEO", Decisions(messages=(("Email", "keywords are done"),)))
game.submit("Email", Decisions())
game.advance()                   # bots decide, the round is played
SeatGame.from_dict(game.to_dict())   # the same game, replayed exactly
"""

from __future__ import annotations

from sim.seats.game import HUMAN, SeatGame, player_kinds
from sim.seats.records import Decisions, Note, Proposal, SeatError, Talk
from sim.seats.reveal import SeatReveal, reveal
from sim.seats.view import NewsItem, OrgReport, SeatTeam, SeatView

__all__ = [
    "HUMAN",
    "Decisions",
    "NewsItem",
    "Note",
    "OrgReport",
    "Proposal",
    "SeatError",
    "SeatGame",
    "SeatReveal",
    "SeatTeam",
    "SeatView",
    "Talk",
    "player_kinds",
    "reveal",
]
