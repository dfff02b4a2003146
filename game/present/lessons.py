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

from game.present.numbers import count, num
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


# What each decision is paid with, every week (the model's upkeep: MODEL.md mechanic 12
# and Economics E3): (weekly key, words). Meetings and guilds cost meeting hours; chat,
# liaisons, shared goals, tools' upkeep and every reorg's handover cost coordination.
PRICED: dict[str, tuple[str, str]] = {
    "merge_teams": ("hours_coordination", "coordination"),
    "split_team": ("hours_coordination", "coordination"),
    "form_squads": ("hours_coordination", "coordination"),
    "move_worker": ("hours_coordination", "coordination"),
    "set_goal": ("hours_coordination", "coordination"),
    "enable_tool": ("hours_coordination", "coordination"),
    "add_link": ("hours_coordination", "coordination"),
    "celebrate": ("hours_meetings", "meetings"),
}
MEETING_LINKS = ("meeting", "guild")
MIN_PRICE_HOURS = 1.0
"""A price under this many hours a week is not worth a clause."""


def _mean(values: Iterable[float]) -> float:
    finite = [float(v) for v in values if math.isfinite(float(v))]
    return math.fsum(finite) / len(finite) if finite else math.nan


def decision_lesson(
    week: int, action: Action, result: RunResult, baseline: RunResult
) -> str | None:
    """What moved after one decision, or None when the run is too short to tell."""
    return week_lesson(week, [action], result, baseline)


def week_lesson(
    week: int, actions: Sequence[Action], result: RunResult, baseline: RunResult
) -> str | None:
    """What moved after the decisions of one week, judged together (their effects cannot
    be told apart in one run), or None when the run is too short to tell.

    Each measure the decisions were meant to move is read once, however many of them
    watch it.
    """
    watched: list[tuple[str, str, str]] = []
    for action in actions:
        entry = WATCHED.get(action.action)
        if entry is not None and entry not in watched:
            watched.append(entry)
    clauses = [c for c in (_clause(week, entry, result, baseline) for entry in watched) if c]
    if not clauses:
        return None
    priced: list[tuple[str, str]] = []
    for action in actions:
        price = PRICED.get(action.action)
        if getattr(action, "kind", None) in MEETING_LINKS:
            price = ("hours_meetings", "meetings")
        if price is not None and price not in priced:
            priced.append(price)
    prices = [c for c in (_price(week, p, result, baseline) for p in priced) if c]
    if prices:
        clauses.append("paid for with " + _and(prices))
    described = [describe(a) for a in actions]
    names = _and(described if len(described) == 1 else [_lower_first(d) for d in described])
    head = (
        f"{names} from week {week}"
        if len(actions) == 1
        else (f"Together from week {week}, {_lower_first(names)}")
    )
    return f"{head}: {'; '.join(clauses)}."


def _clause(
    week: int, entry: tuple[str, str, str], result: RunResult, baseline: RunResult
) -> str | None:
    key, words, unit = entry
    you, base = result.weekly.get(key), baseline.weekly.get(key)
    if you is None or base is None:
        return None
    n = min(len(you), len(base))
    after = slice(week + 1, min(n, week + 1 + AFTER_WEEKS))
    if after.stop - after.start < 2:
        return None
    you_after, base_after = _mean(you[after]), _mean(base[after])
    if not (math.isfinite(you_after) and math.isfinite(base_after)):
        return None
    if week < MIN_BEFORE_WEEKS:
        # The first weeks are the org warming up (queues filling), no fair "before".
        return (
            f"{words} averaged {num(you_after)}{unit} over the next weeks, "
            f"against {num(base_after)} doing nothing"
        )
    before = slice(max(0, week - BEFORE_WEEKS), week)
    you_before, base_before = _mean(you[before]), _mean(base[before])
    if not math.isfinite(you_before):
        return None
    verb = "rose" if you_after > you_before else "fell" if you_after < you_before else "held"
    clause = (
        f"{words} {verb} from {num(you_before)} to {num(you_after)}{unit} "
        f"(doing nothing: {num(base_before)} to {num(base_after)})"
    )
    if abs(you_after - base_after) >= 0.005 * abs(base_after):
        side = "below" if you_after < base_after else "above"
        clause += f", {num(abs(you_after - base_after))}{unit} {side} doing nothing after it"
    return clause


def _price(week: int, entry: tuple[str, str], result: RunResult, baseline: RunResult) -> str | None:
    """What the decisions cost in hours over the weeks after: against doing nothing in the
    first weeks ("coordination of 31 h a week (doing nothing: 12)"), later against the
    weeks before, so earlier decisions' upkeep is not charged again ("coordination up from
    31 to 52 h a week"); None when they cost no more hours."""
    key, words = entry
    you, base = result.weekly.get(key), baseline.weekly.get(key)
    if you is None or base is None:
        return None
    after = slice(week + 1, min(len(you), len(base), week + 1 + AFTER_WEEKS))
    you_after = _mean(you[after])
    if week < MIN_BEFORE_WEEKS:
        base_after = _mean(base[after])
        if not you_after - base_after >= MIN_PRICE_HOURS:
            return None
        return f"{words} of {num(you_after)} h a week (doing nothing: {num(base_after)})"
    you_before = _mean(you[max(0, week - BEFORE_WEEKS) : week])
    if not you_after - you_before >= MIN_PRICE_HOURS:
        return None
    return f"{words} up from {num(you_before)} to {num(you_after)} h a week"


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(dict.fromkeys(items))  # the same words twice read as a stutter
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    head = text.split(" ", 1)[0]
    return text if not text or head.isupper() else text[0].lower() + text[1:]


def duplicated_pair(events: Sequence[FeedEvent]) -> str | None:
    """The pair of teams that duplicated each other most often, from the feed."""
    counts: Counter[tuple[str, ...]] = Counter()
    hours: dict[tuple[str, ...], float] = {}
    for e in events:
        pair = tuple(sorted(set(e.teams)))
        if e.kind == "duplicated" and len(pair) >= 2:
            counts[pair] += 1
            hours[pair] = hours.get(pair, 0.0) + e.hours
    if not counts:
        return None
    pair, times = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return (
        f"{_and(pair)} duplicated each other most often: {count(times, 'time')} in the feed, "
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
    weeks: dict[int, list[Action]] = {}
    for week, action in history:
        weeks.setdefault(week, []).append(action)
    for week in sorted(weeks)[:MAX_DECISION_LESSONS]:
        line = week_lesson(week, weeks[week], result, baseline)
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
            f"{late:.0f} of {count(done, 'campaign')} went live late "
            f"(doing nothing: {base_late:.0f})."
        )
    quits, base_quits = s.get("quits", 0.0), b.get("quits", 0.0)
    if quits or base_quits:
        line = f"{count(quits, 'person', 'people')} quit (doing nothing: {base_quits:.0f})"
        end, base_end = s.get("engagement", math.nan), b.get("engagement", math.nan)
        if math.isfinite(end) and math.isfinite(base_end):
            line += f"; engagement ended at {num(end)} (doing nothing: {num(base_end)})"
        out.append(line + ".")
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
