"""The selected team up close: members, what it waits for, what it duplicated, and why.

Engagement is shown with the terms of its target (MODEL.md: baseline, goals,
wasted work, overload, meetings, waiting, exclusion) so a facilitator can say
why a team is unhappy instead of guessing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from game.present.why import term_words
from game.tui.widgets.static_update import update_if_changed
from game.tui.widgets.team_card import engagement_colour, goal_text

if TYPE_CHECKING:
    from sim.results import FeedEvent, TeamView

HOUR_WORDS = {
    "first_time": "new work",
    "routine": "routine",
    "info_wait": "waiting for news",
    "duplicated": "duplicated",
    "rework": "rework",
    "meetings": "meetings",
    "coordination": "coordination",
}
SHOWN_WAITS = 4
SHOWN_DUPLICATES = 3


class TeamDetail(Static):
    """Details of one team, or a hint to pick one."""

    def show_team(
        self,
        team: TeamView | None,
        feed: tuple[FeedEvent, ...] = (),
        seen_from: str | None = None,
    ) -> None:
        if team is None:
            shown = hint_text()
        elif seen_from is not None and team.name != seen_from:
            shown = hidden_text(team.name, seen_from)
        else:
            shown = team_text(team, feed)
        update_if_changed(self, shown)  # most weeks, with no team picked: the same hint


def hint_text() -> Text:
    return Text("Click a team (or tab to it and press enter) to see its people and waits.", "dim")


def hidden_text(name: str, seen_from: str) -> Text:
    text = Text(f"{name}", style="bold")
    text.append(
        f": seen from {seen_from}, its people, its queue and what it duplicated are unknown. "
        f"{seen_from} learns what {name} did only when the news gets through. Press v to "
        "look through another team's eyes, or until the silo view is off.",
        style="italic",
    )
    return text


def team_text(t: TeamView, feed: tuple[FeedEvent, ...] = ()) -> Text:
    text = Text()
    text.append(t.name, style="bold")
    kind = " (agency)" if t.external else ""
    text.append(f"{kind}: {t.headcount} people, {goal_text(t)}\n")
    people = Text("People: ")
    for i, w in enumerate(t.members):
        if i:
            people.append(", ")
        people.append(w.name)
        people.append(f" {w.engagement:.2f}", style=f"{engagement_colour(w.engagement).name}")
        if w.new:
            people.append(" (new)", style="dim")
    text.append_text(people)
    text.append("\n")
    if t.waiting:
        more = len(t.waiting) - SHOWN_WAITS
        text.append("Waiting to hear of: ")
        text.append("; ".join(t.waiting[:SHOWN_WAITS]))
        text.append(f"; and {more} more" if more > 0 else "")
        text.append("\n")
    else:
        text.append("Waiting to hear of: nothing\n")
    text.append(f"Duplicated last week: {t.duplicated_hours:.0f} h\n")
    doubled = [e.text for e in feed if e.kind == "duplicated" and t.name in e.teams]
    for line in doubled[:SHOWN_DUPLICATES]:
        text.append(f"  {line}\n", style="dim")
    if len(doubled) > SHOWN_DUPLICATES:
        text.append(f"  and {len(doubled) - SHOWN_DUPLICATES} more\n", style="dim")
    hours = [(HOUR_WORDS.get(k, k), v) for k, v in t.hours.items() if v >= 0.5]
    if hours:
        text.append("Hours last week: " + ", ".join(f"{k} {v:.0f}" for k, v in hours) + "\n")
    terms = [(k, v) for k, v in t.engagement_terms.items() if abs(v) >= 0.005]
    if terms:
        text.append("Engagement pulled by: ")
        for i, (k, v) in enumerate(terms):
            if i:
                text.append(", ")
            tone = "" if k == "baseline" else "green" if v > 0 else "red"
            text.append(f"{term_words(k, v)} {v:+.2f}", style=tone)
    return text
