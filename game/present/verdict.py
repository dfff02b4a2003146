"""The answer to a what-if in one paragraph: which option wins on what, by how much, how sure.

Written from a comparison's numbers alone, for the experiment report's first
paragraph and the end of `silo experiment`'s output: the option with the most
value per 1,000 spent, its paired difference from the baseline with its 95%
interval, how clearly it beats the runner-up (paired too: the same seeds), its
spend, the transition dip and the payback week; then each other option in a
sentence. Plain words; numbers rounded for reading, not for recomputing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from game.present.tables import money, money_unit
from game.present.timeline_text import amount, pct

if TYPE_CHECKING:
    from sim.experiment import Comparison
    from sim.objectives import ObjectiveCount
    from sim.sensitivity import Sensitivity
    from sim.stats import Interval
    from sim.timeline import Timeline

PRIMARY = "efficiency"
"""Options are ranked on value per 1,000 spent (MODEL.md E2: money is the common measure)."""


def _pct_range(ci: Interval, base: float) -> str:
    low, high = pct(ci.low, base), pct(ci.high, base)
    return f"95% CI {low} to {high}" if low and high else "interval undefined"


def _count(n: int, one: str) -> str:
    return f"{n} {one}{'' if n == 1 else 's'}"


def _dip_words(t: Timeline, currency: str, base: str = "today") -> str:
    d = t.dip
    if d.week is None:
        return f"no weekly shortfall against {escape(base)} at any point"
    rel = f" ({100 * d.relative:.0f}% of {escape(base)}'s)" if math.isfinite(d.relative) else ""
    unit = t.measure.replace("_", " ")
    span = "one week" if d.weeks == 1 else f"{d.weeks} weeks (weeks {d.start}-{d.end})"
    return (
        f"a transition dip of {amount(t.measure, d.depth, currency)} of {unit} a week at worst"
        f"{rel}, in week {d.week}, lasting {span}"
    )


def _payback_words(t: Timeline, weeks: int) -> str:
    p = t.payback
    unit = t.measure.replace("_", " ")
    if p.week is None:
        if p.earliest is None:
            return f"the cumulative {unit} does not pay back within the {_count(weeks, 'week')}"
        return (
            f"the cumulative {unit} has not paid back by week {weeks} (at the earliest it "
            f"could from week {p.earliest})"
        )
    if p.latest is None:
        sure = f"95% interval from week {p.earliest or p.week} to beyond week {weeks}"
    elif p.earliest == p.latest == p.week:
        sure = "the same in every run's band"
    else:
        sure = f"95% interval week {p.earliest or p.week} to {p.latest}"
    return f"the cumulative {unit} pays back in week {p.week} ({sure})"


def _objective_words(counts: Sequence[ObjectiveCount]) -> str:
    if not counts:
        return ""
    said = "; ".join(f"'{escape(c.text)}' in {c.met} of {c.runs}" for c in counts)
    return f" Objectives met: {said} runs."


def _b(label: str) -> str:
    return f"<b>{escape(label)}</b>"


def plain(text: str) -> str:
    """The answer for a terminal: tags dropped, entities read."""
    import re
    from html import unescape

    return unescape(re.sub(r"</?b>", "", text))


def answer(
    result: Comparison,
    timelines: Sequence[Timeline],
    counts: Sequence[Sequence[ObjectiveCount]] = (),
    currency: str = "$",
    sensitivity: Sensitivity | None = None,
) -> str:
    """The one-paragraph answer of a comparison (the first variant is today)."""
    from sim.stats import paired_difference

    n = len(result.seeds)
    weeks = result.runs[0][0].weeks
    base_label = result.labels[0]  # escaped where it goes into the page
    base_eff = result.interval(0, PRIMARY).mean
    options = range(1, len(result.labels))
    diffs = {i: result.difference(i, PRIMARY) for i in options}
    best = max(options, key=lambda i: diffs[i].mean if math.isfinite(diffs[i].mean) else -math.inf)
    ci = diffs[best]
    per = money_unit(currency)
    figures = (
        f"{result.interval(best, PRIMARY).mean:.2f} against {base_eff:.2f} for "
        f"{escape(base_label)} ({pct(ci.mean, base_eff)}, {_pct_range(ci, base_eff)})"
    )
    opening = (
        f"Over {_count(weeks, 'week')} and {_count(n, 'paired run')} (every option on the "
        "same seeds), "
    )
    if ci.mean > 0:
        head = f"{opening}{_b(result.labels[best])} gives the most value per {per} spent: {figures}"
    else:
        head = (
            f"{opening}no option gives more value per {per} spent than {_b(base_label)}; the "
            f"closest is {_b(result.labels[best])}: {figures}"
        )
    if ci.excludes(0.0) and ci.mean > 0:
        head += ", a difference clear of the noise at this many runs"
    elif ci.excludes(0.0):
        head += f", clearly below {escape(base_label)}"
    else:
        head += f"; at {_count(n, 'run')} that is not clearly different from {escape(base_label)}"
    others = [i for i in options if i != best]
    if others:
        runner = max(others, key=lambda i: diffs[i].mean)
        lead = paired_difference(result.values(runner, PRIMARY), result.values(best, PRIMARY))
        sure = "clearly" if lead.excludes(0.0) else "but not clearly"
        band = (
            f"95% CI {lead.low:+.2f} to {lead.high:+.2f}"
            if math.isfinite(lead.low) and math.isfinite(lead.high)
            else "interval undefined"
        )
        head += (
            f". It leads {escape(result.labels[runner])}, the runner-up, {sure} "
            f"({lead.mean:+.2f} per {per}, {band})"
        )
    spend = result.difference(best, "spend")
    base_spend = result.interval(0, "spend").mean
    head += (
        f". It spends {money(abs(spend.mean), currency)} "
        f"{'more' if spend.mean >= 0 else 'less'} than {escape(base_label)} "
        f"({pct(spend.mean, base_spend)} of {money(base_spend, currency)})"
    )
    t = timelines[best]
    head += f", with {_dip_words(t, currency, base_label)}; {_payback_words(t, weeks)}."
    if counts:
        head += _objective_words(counts[best])
    sentences = [head]
    for i in others:
        d = diffs[i]
        clear = "clear" if d.excludes(0.0) else "not clear"
        ti = timelines[i]
        sentences.append(
            f"{_b(result.labels[i])}: efficiency {pct(d.mean, base_eff)} "
            f"({_pct_range(d, base_eff)}, {clear}); {_dip_words(ti, currency, base_label)}; "
            f"{_payback_words(ti, weeks)}."
        )
    if sensitivity is not None:
        sentences.append(_robust_words(sensitivity))
    return " ".join(sentences)


def _robust_words(s: Sensitivity) -> str:
    """Whether the ranking survives the model's uncertain parameters, in a sentence."""
    tried = len(s.swings)
    flips = [sw for sw in s.swings if sw.winner_changes]
    if not flips:
        return (
            f"The leader stays first at both ends of each uncertain model parameter tried "
            f"({tried}, {s.replications} runs at each end), so the top of the ranking is "
            "robust to them."
        )
    named = ", ".join(
        f"{escape(sw.assumption.key)} ({sw.assumption.low:g} to {sw.assumption.high:g})"
        for sw in flips
    )
    return (
        f"The leader changes within the range of {named}: the answer depends on "
        f"{'that assumption' if len(flips) == 1 else 'those assumptions'}."
    )
