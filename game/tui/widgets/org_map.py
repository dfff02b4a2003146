"""The org map: a card per team and the links between teams, grouped by kind.

Cards are kept by team name and updated in place each week; teams that merge
away lose their card and new teams (a split, squads) get one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Static

from game.tui.widgets.static_update import update_if_changed
from game.tui.widgets.team_card import TeamCard

if TYPE_CHECKING:
    from sim.results import LinkView, Snapshot

LINK_WORDS = {
    "email": "email (slow)",
    "chat": "chat channel",
    "meeting": "meeting",
    "liaison": "liaison",
    "guild": "guild",
}


def links_text(links: tuple[LinkView, ...], tools: dict[str, bool]) -> Text:
    """One line per link, by kind, then the tools that are on."""
    text = Text()
    order = list(LINK_WORDS)
    for link in sorted(links, key=lambda lk: order.index(lk.kind) if lk.kind in order else 99):
        teams = "everyone" if "*" in link.teams else " ↔ ".join(link.teams)
        detail = ""
        if link.kind in ("meeting", "guild"):
            detail = f", {link.per_week:g} x {link.hours:g} h a week"
        if link.liaison:
            detail += f", by {link.liaison}"
        if link.skill:
            detail += f", {link.skill} people"
        text.append(f"{LINK_WORDS.get(link.kind, link.kind):>13} ", style="bold")
        text.append(f"{teams}{detail}\n")
    on = [name.replace("_", " ") for name, enabled in tools.items() if enabled]
    text.append(f"{'tools':>13} ", style="bold")
    text.append(", ".join(on) if on else "none")
    return text


# Routes from fastest to slowest (MODEL.md's information table).
ROUTE_ORDER = ("liaison", "chat", "meeting", "guild", "email")


def fastest_route(links: tuple[LinkView, ...], a: str, b: str) -> str:
    """How news from team b reaches team a at best, in words."""
    kinds = {lk.kind for lk in links if "*" in lk.teams or (a in lk.teams and b in lk.teams)}
    for kind in ROUTE_ORDER:
        if kind in kinds:
            return LINK_WORDS[kind]
    return "hallway talk only"


def linked_teams(links: tuple[LinkView, ...], team: str) -> set[str]:
    """Teams that share a link faster than email with `team`."""
    out: set[str] = set()
    for link in links:
        if link.kind == "email":
            continue
        if "*" in link.teams or team in link.teams:
            out.update(link.teams)
    out.discard(team)
    return out


class OrgMap(Vertical):
    """Team cards in a grid and the list of links."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards: dict[str, TeamCard] = {}
        self.selected: str | None = None
        self.viewpoint: str | None = None
        self._links: tuple[LinkView, ...] = ()

    def compose(self) -> ComposeResult:
        yield Grid(id="cards")
        yield Static(id="links")

    def update_org(self, snapshot: Snapshot) -> None:
        grid = self.query_one("#cards", Grid)
        names = [t.name for t in snapshot.teams]
        for name in [n for n in self.cards if n not in names]:
            self.cards.pop(name).remove()
        new = []
        # What the org map's panel shows of it (nothing while the panel is hidden).
        window = self.parent.region if isinstance(self.parent, Widget) else self.region
        for team in snapshot.teams:
            card = self.cards.get(team.name)
            if card is None:
                card = self.cards[team.name] = TeamCard(team)
                new.append(card)
            else:
                card.update_team(team, on_screen=card.region.overlaps(window))
        if new:
            grid.mount(*new)
        self._links = snapshot.links
        # Most weeks: the same links, nothing to repaint.
        update_if_changed(
            self.query_one("#links", Static), links_text(snapshot.links, snapshot.tools)
        )
        if self.selected not in self.cards:
            self.selected = None
        if self.viewpoint not in self.cards:
            self.viewpoint = None
        self._mark()
        self._apply_view()

    def set_viewpoint(self, name: str | None) -> None:
        """Show the org through one team's eyes (the silo view), or everything (None)."""
        self.viewpoint = name if name in self.cards else None
        self._apply_view()

    def _apply_view(self) -> None:
        seen_from = self.viewpoint
        for name, card in self.cards.items():
            route = fastest_route(self._links, seen_from, name) if seen_from else ""
            card.set_viewpoint(seen_from, route)

    def select(self, name: str | None) -> None:
        self.selected = name
        self._mark()

    def _mark(self) -> None:
        linked = linked_teams(self._links, self.selected) if self.selected else set()
        everyone = "*" in linked
        for name, card in self.cards.items():
            card.set_class(name == self.selected, "-selected")
            card.set_class(name != self.selected and (everyone or name in linked), "-linked")
