"""Lessons of one run, drawn from its own numbers and events, for the debrief.

Each decision is read against the measure it was meant to move: the weeks
before it against the weeks after it, and the same weeks of the do-nothing
run beside them, so a trend that would have happened anyway is not credited
to the player. Sentences state what happened; they do not claim more than the
run shows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from game.present.verbs import describe

if TYPE_CHECKING:
    from sim.actions import Action
    from sim.results import FeedEvent, RunResult

BEFORE_WEEKS = 4
MIN_BEFORE_WEEKS = 3
AFTER_WEEKS = 6
"""Weeks read after a decision, from its second week (the first is the change itself)."""
MAX_DECISION_LESSONS = 6

# The measure each decision is meant to move: (weekly key, words, unit).
WATCHED: dict[str, tuple[str, str, str]] = {
    "enable_tool": ("hours_duplicated", "duplicated hours", " a week"),
    "add_link": ("hours_info_wait", "hours waiting for information", " a week"),
    "remove_link": ("hours_meetings", "meeting hours", " a week"),
    "set_goal": ("handoff_wait", "the wait per handoff", " h"),
    "form_squads": ("handoff_wait", "the wait per handoff", " h"),
    "merge_teams": ("handoff_wait", "the wait per handoff", " h"),
    "split_team": ("handoff_wait", "the wait per handoff", " h"),
    "move_worker": ("lead_time", "campaign lead time", " h"),
    "include_agency": ("lead_time", "campaign lead time", " h"),
    "celebrate": ("engagement", "engagement", ""),
    "hire": ("value", "value delivered", " a week"),
    "release": ("value", "value delivered", " a week"),
    "set_mix": ("value", "value delivered", " a week"),
}


def num(x: float) -> str:
    if not math.isfinite(x):
        return "n/a"
    ax = abs(x)
    if ax >= 100:
        return f"{x:,.0f}"
    if ax >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def _mean(values: Iterable[float]) -> float:
    finite = [float(v) for v in values if math.isfinite(float(v))]
    return math.fsum(finite) / len(finite) if finite else math.nan


def decision_lesson(
    week: int, action: Action, result: RunResult, baseline: RunResult
) -> str | None:
    """What moved after one decision, or None when the run is too short to tell."""
    kind = action.action
    if kind not in WATCHED:
        return None
    key, words, unit = WATCHED[kind]
    you, base = result.weekly.get(key), baseline.weekly.get(key)
    if you is None or base is None:
        return None
    n = min(len(you), len(base))
    after = slice(week + 1, min(n, week + 1 + AFTER_WEEKS))
    if after.stop - after.start < 2:
        return None
    you_after, base_after = _mean(you[after]), _mean(base[after])
    head = f"{describe(action)} from week {week}"
    if week < MIN_BEFORE_WEEKS:
        # The first weeks are the org warming up (queues filling), no fair "before".
        return (
            f"{head}: {words} averaged {num(you_after)}{unit} over the next weeks, "
            f"against {num(base_after)} doing nothing."
        )
    before = slice(max(0, week - BEFORE_WEEKS), week)
    you_before, base_before = _mean(you[before]), _mean(base[before])
    if not (math.isfinite(you_before) and math.isfinite(you_after)):
        return None
    verb = "rose" if you_after > you_before else "fell" if you_after < you_before else "held"
    sentence = (
        f"{head}: {words} {verb} from {num(you_before)} to {num(you_after)}{unit} "
        f"(doing nothing: {num(base_before)} to {num(base_after)})"
    )
    if math.isfinite(base_after) and abs(you_after - base_after) >= 0.005 * abs(base_after):
        side = "below" if you_after < base_after else "above"
        sentence += f", {num(abs(you_after - base_after))}{unit} {side} doing nothing after it"
    return sentence + "."


def duplicated_pair(events: Sequence[FeedEvent]) -> str | None:
    """The pair of teams that duplicated each other most often, from the feed."""
    counts: Counter[tuple[str, ...]] = Counter()
    hours: dict[tuple[str, ...], float] = {}
    for e in events:
        if e.kind == "duplicated" and len(e.teams) >= 2:
            pair = tuple(sorted(e.teams))
            counts[pair] += 1
            hours[pair] = hours.get(pair, 0.0) + e.hours
    if not counts:
        return None
    pair, times = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return (
        f"{' and '.join(pair)} duplicated each other most often: {times} times in the feed, "
        f"{num(hours[pair])} h."
    )


def lessons(
    result: RunResult,
    baseline: RunResult,
    history: Sequence[tuple[int, Action]],
    currency: str = "$",
) -> list[str]:
    """The lessons this run showed, most telling first (money in `currency`)."""
    from game.present.figures import change
    from game.present.tables import money, money_unit

    s, b = result.summary, baseline.summary
    out = []
    eff, base_eff = s.get("efficiency", math.nan), b.get("efficiency", math.nan)
    if math.isfinite(eff) and math.isfinite(base_eff) and base_eff:
        moved = change("efficiency", eff, base_eff)
        spend, base_spend = s.get("spend", math.nan), b.get("spend", math.nan)
        extra = spend - base_spend
        if not math.isfinite(extra):
            spent = ""
        elif abs(extra) < 0.5:
            spent = f"; you spent what doing nothing spent, {money(spend, currency)}"
        else:
            more = "more" if extra > 0 else "less"
            spent = (
                f"; you spent {money(spend, currency)}, {money(abs(extra), currency)} {more} "
                "than doing nothing"
            )
        out.append(
            f"You delivered {num(eff)} of value per {money_unit(currency)} spent against "
            f"{num(base_eff)} doing nothing ({moved}){spent}."
        )
    if not history:
        out.append(
            "You changed nothing, so this run is the do-nothing run: every problem in the "
            "briefing stayed. Try a lever next time and watch the lines part."
        )
    for week, action in list(history)[:MAX_DECISION_LESSONS]:
        line = decision_lesson(week, action, result, baseline)
        if line:
            out.append(line)
    out.extend(_hours_lesson(result, baseline))
    pair = duplicated_pair(result.events)
    if pair:
        out.append(pair)
    late, base_late = s.get("campaigns_late", 0.0), b.get("campaigns_late", 0.0)
    done = s.get("campaigns_done", 0.0)
    if done:
        out.append(
            f"{late:.0f} of {done:.0f} campaigns went live late (doing nothing: {base_late:.0f})."
        )
    quits, base_quits = s.get("quits", 0.0), b.get("quits", 0.0)
    if quits or base_quits:
        out.append(
            f"{quits:.0f} people quit (doing nothing: {base_quits:.0f}); engagement ended at "
            f"{num(s.get('engagement', math.nan))} "
            f"(doing nothing: {num(b.get('engagement', math.nan))})."
        )
    return out


def _hours_lesson(result: RunResult, baseline: RunResult) -> list[str]:
    """The category of lost hours that changed most against doing nothing."""
    from game.present.figures import WASTE_HOURS, hours_per_week

    best = None
    for key, label in WASTE_HOURS:
        you, base = hours_per_week(result, key), hours_per_week(baseline, key)
        if best is None or abs(you - base) > abs(best[1] - best[2]):
            best = (label, you, base)
    if best is None or abs(best[1] - best[2]) < 1:
        return []
    label, you, base = best
    verb = "more" if you > base else "fewer"
    return [
        f"The biggest shift in lost hours: {label.lower()}, {num(you)} h a week against "
        f"{num(base)} doing nothing ({num(abs(you - base))} h {verb} a week)."
    ]
