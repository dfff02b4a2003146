"""Words for the weeks of a comparison: the dip, the payback week, the last quarter, objectives.

Shared by `silo compare`, `silo experiment` and the experiment report page, so
a dip reads the same in a terminal and in a forwarded page. UI-free.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from game.present.tables import fmt, money, table

if TYPE_CHECKING:
    from sim.objectives import ObjectiveCount
    from sim.timeline import Payback, Timeline

# How each weekly focus measure is named in a sentence ("value delivered per week").
WEEKLY_NAMES: dict[str, str] = {
    "value": "value delivered per week",
    "efficiency": "efficiency per week (value per 1,000 spent)",
    "spend": "spend per week",
    "engagement": "engagement",
    "hours_duplicated": "duplicated hours per week",
    "campaigns_done": "campaigns live per week",
}


def weekly_name(measure: str) -> str:
    return WEEKLY_NAMES.get(measure, measure.replace("_", " ") + " per week")


def amount(measure: str, x: float, currency: str = "$") -> str:
    """An unsigned amount of a weekly measure, money as money."""
    if measure.startswith(("spend", "tool_cost")):
        return money(abs(x), currency)
    return fmt(measure, abs(x))


def pct(change: float, base: float) -> str:
    """A change as a signed % of a baseline ('' when the baseline is 0 or undefined)."""
    if not (math.isfinite(change) and math.isfinite(base)) or base == 0:
        return ""
    p = 100.0 * change / abs(base)
    if abs(p) < 0.05:
        return "0%"
    return f"{p:+.1f}%" if abs(p) < 10 else f"{p:+.0f}%"


def dip_text(t: Timeline, currency: str = "$") -> str:
    """'-12.3 a week (-8%), worst in week 4, weeks 3-7' or 'none'."""
    d = t.dip
    if d.week is None:
        return "none"
    rel = f" ({-100 * d.relative:.0f}%)" if math.isfinite(d.relative) else ""
    span = f"week {d.start}" if d.weeks == 1 else f"weeks {d.start}-{d.end}"
    return f"-{amount(t.measure, d.depth, currency)}{rel} in week {d.week}; {span}"


def payback_text(p: Payback, weeks: int) -> str:
    """'week 14 (95%: 11 to 19)', with the unknown ends said in words."""
    if p.week is None:
        if p.earliest is None:
            return "not within the horizon"
        return f"not by week {weeks} (perhaps from week {p.earliest})"
    latest = f"{p.latest}" if p.latest is not None else f"after week {weeks}"
    earliest = p.earliest if p.earliest is not None else p.week
    if earliest == p.week == p.latest:
        return f"week {p.week}"
    return f"week {p.week} (95%: {earliest} to {latest})"


def quarter_text(t: Timeline, currency: str = "$") -> str:
    """'+8.10 a week (+6%) [+5.2, +11.0] *' : the last-quarter gain and its interval."""
    ci = t.last_quarter
    if math.isnan(ci.mean):
        return "n/a"

    def signed(x: float) -> str:
        if x == 0:
            return "0"
        return ("+" if x > 0 else "-") + amount(t.measure, x, currency)

    share = pct(ci.mean, t.last_quarter_baseline)
    text = signed(ci.mean) + (f" ({share})" if share else "")
    if not (math.isnan(ci.low) or math.isnan(ci.high)):
        text += f" [{signed(ci.low)}, {signed(ci.high)}]"
    return text + (" *" if ci.excludes(0.0) else "")


def timeline_lines(
    timelines: Sequence[Timeline], letters: str, weeks: int, currency: str = "$"
) -> list[str]:
    """The 'over time' section: per variant after the baseline, dip, payback and last quarter."""
    if len(timelines) < 2:
        return []
    first = timelines[0]
    lower = first.measure in _lower()
    gain_word = "a fall" if lower else "a rise"
    q = first.last_quarter_weeks
    lines = [
        "",
        f"over time, in {weekly_name(first.measure)}, paired against A (a gain is {gain_word}):",
    ]
    rows = []
    for i, t in enumerate(timelines[1:], start=1):
        # A variant made by overrides differs from the start, with no action to mark.
        acts = ", ".join(str(w) for w in t.action_weeks) or "from the start"
        rows.append(
            (
                letters[i % len(letters)],
                acts,
                dip_text(t, currency),
                payback_text(t.payback, weeks),
                quarter_text(t, currency),
            )
        )
    headers = ("", "acts after week", "transition dip", "payback week",
               f"gain, last {q} weeks (95% CI)")  # fmt: skip
    lines += ["  " + line for line in table(headers, rows)]
    lines += [
        "",
        "  dip: the deepest weekly shortfall against A and the weeks it lasts; payback: the "
        "week the",
        "  cumulative gain turns positive for good (its 95% interval from the band of the "
        "cumulative gain)",
    ]
    return lines


def _lower() -> frozenset[str]:
    from sim.timeline import LOWER_IS_BETTER

    return LOWER_IS_BETTER


def objective_lines(counts: Sequence[Sequence[ObjectiveCount]], letters: str) -> list[str]:
    """Objectives, one row each, with 'k of N' per variant."""
    if not counts or not counts[0]:
        return []
    headers = ("objective", *(letters[i % len(letters)] for i in range(len(counts))))
    rows = []
    for k, first in enumerate(counts[0]):
        rows.append(
            (first.text, *(f"{c[k].met} of {c[k].runs}" if k < len(c) else "" for c in counts))
        )
    right = tuple(range(1, len(headers)))
    return [
        "",
        "objectives (met in k of N runs):",
        *("  " + x for x in table(headers, rows, right=right)),
    ]
