"""The numbers behind the Why screen: hour and value rows, engagement terms, what moved.

UI-free, so the same causes can be listed on screen (`game.tui.why_text`), in a
report or in a notebook.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.results import TeamView


HOUR_ROWS: tuple[tuple[str, str], ...] = (
    ("first_time", "New work (campaigns, initiatives)"),
    ("routine", "Routine channel work"),
    ("info_wait", "Waiting for information"),
    ("duplicated", "Duplicated work"),
    ("rework", "Rework"),
    ("meetings", "Meetings"),
    ("coordination", "Coordination"),
)
VALUE_ROWS: tuple[tuple[str, str], ...] = (
    ("value_campaigns", "Campaigns"),
    ("value_initiatives", "Own initiatives"),
    ("value_routine", "Routine work"),
)
# Hours that make nothing new: fewer is better. The rest: more is better.
LOST = frozenset({"info_wait", "duplicated", "rework", "meetings", "coordination"})

TERM_WORDS = {
    "baseline": "baseline mood",
    "goals": "shared goals",
    "ownership": "nobody owning a channel's results",
    "wasted": "duplicated and redone work",
    "overload": "overload",
    "meetings": "meeting fatigue (every meeting hour)",
    "waiting": "waiting for news",
    "excluded": "left out of planning",
    "isolated": "alone with their craft (no peer, no guild)",
    "celebration": "celebrated wins (wearing off)",
}


def term_words(key: str, value: float) -> str:
    """An engagement term as the player sees its cause. The goals term is negative while
    shared goals weigh less than half (MODEL.md: purpose rises with the weight): the team
    then feels its local KPIs, not shared goals it was never given."""
    if key == "goals" and value < 0:
        return "local KPIs"
    return TERM_WORDS.get(key, key.replace("_", " "))


def num(summary: Mapping[str, float], key: str) -> float:
    """summary[key] as a float; NaN when missing or None (not measured)."""
    value = summary.get(key, math.nan)
    return float(value) if value is not None else math.nan


def hour_moves(
    summary: Mapping[str, float], baseline: Mapping[str, float], weeks: float
) -> list[tuple[str, float, bool]]:
    """(label, hours a week more than doing nothing, good?) of each category that moved.

    Biggest move first; a move under half an hour a week is noise, not a decision's doing.
    """
    moves = []
    for key, label in HOUR_ROWS:
        diff = (num(summary, f"hours_{key}") - num(baseline, f"hours_{key}")) / weeks
        if math.isfinite(diff) and abs(diff) >= 0.5:
            good = diff < 0 if key in LOST else diff > 0
            moves.append((abs(diff), label, diff, good))
    moves.sort(reverse=True)
    return [(label, diff, good) for _, label, diff, good in moves]


def org_terms(teams: Sequence[TeamView]) -> dict[str, float]:
    """The engagement target's terms averaged over everyone (teams weighted by head count)."""
    people = sum(t.headcount for t in teams)
    if not people:
        return {}
    keys = list(dict.fromkeys(k for t in teams for k in t.engagement_terms))
    return {
        k: sum(t.engagement_terms.get(k, 0.0) * t.headcount for t in teams) / people for k in keys
    }
