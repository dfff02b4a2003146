"""Why the numbers are what they are, in words: the Rich texts of the Why screen.

Three questions a facilitator gets asked. Efficiency: the hours ledger and
the value against the do-nothing run under the same seed, so the difference
is the decisions' doing. Engagement: the target each team is pulled toward
and the terms of MODEL.md that pull it. A late campaign: the chain of tasks
and waits that decided its finish (which handoff, which route, how long).
Pure functions of frozen data, so they are tested without the app; the
numbers behind them (rows, terms, what moved) are in `game.present.why`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from game.present.figures import change
from game.present.why import (
    HOUR_ROWS,
    VALUE_ROWS,
    hour_moves,
    num,
    org_terms,
    term_words,
)
from sim.params import HOURS_PER_DAY

if TYPE_CHECKING:
    from sim.results import CampaignPath, PathStep, Snapshot


def _row(label: str, you: float, base: float) -> Text:
    text = Text(f"  {label:<36}")
    text.append(f"{you:>9,.0f}", style="bold")
    text.append(f"{base:>12,.0f}", style="dim")
    diff = you - base
    if not math.isfinite(diff):
        text.append(f"{'':>10}")
    elif abs(diff) < 0.5:
        text.append(f"{'same':>10}", "dim")
    else:
        text.append(f"{diff:>+10,.0f}")
    return text


# Where the money goes, in the order of sim.metrics' spend ledger (spend = their sum).
SPEND_ROWS: tuple[tuple[str, str], ...] = (
    ("spend_staff", "Paid hours (staff; agencies' fees)"),
    ("tool_cost", "Tool licences"),
    ("spend_other", "Recruiting, leave pay, one-offs"),
)


def _rate(x: float) -> str:
    """Efficiency, value per 1,000 spent: two decimals below 100 (6.83), else whole."""
    if not math.isfinite(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.2f}"


def efficiency_text(
    summary: Mapping[str, float],
    baseline: Mapping[str, float],
    currency: str = "$",
    par: Mapping[str, float] | None = None,
) -> Text:
    """Efficiency so far as value over spend, each side against doing nothing (and par's,
    when the scenario has one), with where the value, the money and the paid hours went."""
    from game.present.tables import money_unit

    weeks = num(summary, "weeks")
    per = f"value per {money_unit(currency)} spent"
    if not weeks or not math.isfinite(weeks):
        return Text(f"Play a week first: efficiency is the {per}.", "dim")
    you, base = num(summary, "efficiency"), num(baseline, "efficiency")
    text = Text("Efficiency so far ", style="bold")
    text.append(_rate(you), style="bold")
    text.append(f" {per}; doing nothing under the same luck: {_rate(base)}")
    moved = change("efficiency", you, base)
    text.append(f" ({moved})" if moved else "")
    if par:
        from game.present.numbers import gain, signed_percent

        par_eff = num(par, "efficiency")
        text.append(
            f"; par, the best plan found: {_rate(par_eff)} "
            f"({signed_percent(gain(par_eff, base))} vs do-nothing)"
        )
    text.append(".\n")
    per_hour, base_per_hour = num(summary, "value_per_khour"), num(baseline, "value_per_khour")
    text.append(
        "It is the value delivered divided by the money spent: paid hours at their cost, "
        "agencies' fees, tool licences, recruiting. Per 1,000 paid hours, before money: "
        f"{_rate(per_hour)} (doing nothing: {_rate(base_per_hour)}). Where each came from, "
        f"over the {weeks:.0f} {'week' if weeks == 1 else 'weeks'} played:\n\n",
        style="dim",
    )
    text.append(_header("Value delivered"), "bold")
    for key, label in (*VALUE_ROWS, ("value", "Total")):
        text.append_text(_row(label, num(summary, key), num(baseline, key)))
        text.append("\n")
    text.append("\n")
    text.append(_header(f"Spend per week ({currency})"), "bold")
    for key, label in (*SPEND_ROWS, ("spend", "Total")):
        text.append_text(_row(label, num(summary, key) / weeks, num(baseline, key) / weeks))
        text.append("\n")
    text.append("\n")
    text.append(_header("Paid hours per week"), "bold")
    for key, label in (*HOUR_ROWS, ("paid", "Paid")):
        mine = num(summary, f"hours_{key}") / weeks
        theirs = num(baseline, f"hours_{key}") / weeks
        text.append_text(_row(label, mine, theirs))
        text.append("\n")
    text.append("\n")
    text.append_text(_biggest_moves(summary, baseline, weeks))
    return text


def _header(title: str) -> str:
    return f"  {title:<36}{'you':>9}{'do-nothing':>12}{'change':>10}\n"


def _biggest_moves(
    summary: Mapping[str, float], baseline: Mapping[str, float], weeks: float
) -> Text:
    moves = hour_moves(summary, baseline, weeks)
    if not moves:
        return Text("Your hours go where doing nothing's go: no decision has moved them yet.")
    text = Text("What moved most: ", style="bold")
    for i, (label, diff, good) in enumerate(moves[:3]):
        if i:
            text.append("; ")
        more = "more" if diff > 0 else "fewer"
        text.append(f"{label.lower()} {abs(diff):,.0f} h a week {more}", "green" if good else "red")
    text.append(".")
    return text


def _terms_line(terms: Mapping[str, float]) -> Text:
    text = Text()
    pulls = sorted(
        ((k, v) for k, v in terms.items() if k != "baseline" and abs(v) >= 0.005),
        key=lambda kv: -abs(kv[1]),
    )
    if not pulls:
        return Text("nothing pulls it from its baseline", "dim")
    for i, (k, v) in enumerate(pulls):
        if i:
            text.append(", ")
        text.append(f"{term_words(k, v)} {v:+.2f}", "green" if v > 0 else "red")
    return text


def engagement_text(snapshot: Snapshot) -> Text:
    """Each team's engagement, the target it moves toward, and what pulls the target."""
    teams = [t for t in snapshot.teams if t.headcount]
    if not teams:
        return Text("Nobody works here yet.", "dim")
    text = Text("Engagement ", style="bold")
    text.append(
        "moves each week a tenth of the way toward a target: a person's baseline mood, "
        "plus or minus what their work does to them. The terms below are last week's, "
        "averaged over each team's people.\n\n",
        style="dim",
    )
    terms = org_terms(teams)
    people = sum(t.headcount for t in teams)
    now = sum(t.engagement * t.headcount for t in teams) / people
    text.append(f"  Everyone: {now:.2f}, target {sum(terms.values()):.2f}", "bold")
    text.append(f" (baseline {terms.get('baseline', 0.0):.2f}): ")
    text.append_text(_terms_line(terms))
    text.append("\n\n")
    for t in sorted(teams, key=lambda t: t.engagement):
        target = sum(t.engagement_terms.values())
        arrow = "rising" if target > t.engagement + 0.005 else (
            "falling" if target < t.engagement - 0.005 else "steady"
        )  # fmt: skip
        text.append(f"  {t.name}", "bold")
        text.append(f": {t.engagement:.2f}, target {target:.2f}, {arrow}. ")
        text.append_text(_terms_line(t.engagement_terms))
        text.append("\n")
    text.rstrip()
    return text


def _when(hours: float | None, on: str = "") -> str:
    """A time as "day 7.4" (working days since the start, never "-0.0"), or, for work
    carried in from before the start (the warm-up), "1.4 days before the start"."""
    if hours is None:
        return f"{on}day ?"
    days = hours / HOURS_PER_DAY
    if days <= -0.05:
        return f"{_days(-hours)} before the start"
    return f"{on}day {max(days, 0.0):.1f}"


def _days(hours: float) -> str:
    days = hours / HOURS_PER_DAY
    return f"{days:.1f} day" + ("" if abs(days - 1) < 0.05 else "s")


def _step_text(step: PathStep) -> Text:
    text = Text(step.task, "bold")
    text.append(f" ({step.team or 'no team'})")
    if step.input_task is not None:
        if step.route == "not heard yet":
            text.append(
                f": has not heard that {step.input_task} ({step.input_team}) is done, "
                f"{_days(step.news_wait)} so far",
                "red",
            )
        elif step.route:
            tone = "red" if step.news_wait >= 2 * HOURS_PER_DAY else ""
            text.append(
                f": heard of {step.input_task} from {step.input_team} by {step.route} "
                f"after {_days(step.news_wait)}",
                tone,
            )
        elif step.input_team != step.team or step.state == "waiting for its inputs":
            text.append(f": waits for {step.input_task} ({step.input_team}) to be done")
        else:
            text.append(f": after {step.input_task}, in the same team")
    queued, worked = step.queued, step.worked
    if queued is not None and queued >= 0.05 * HOURS_PER_DAY:
        text.append(f"; waited in the queue {_days(queued)}", "yellow" if queued >= 16 else "")
    if worked is not None:
        text.append(f"; in progress {_days(worked)}, done {_when(step.done, on='on ')}")
    elif step.state not in ("done", "waiting for its inputs", "waiting for news of its inputs"):
        text.append(f"; {step.state}", "dim")
    return text


def late_text(paths: Sequence[CampaignPath], week: int) -> RenderableType:
    """Each late or overdue campaign with the chain of waits that decided its finish.

    Steps sit in a grid, so a long step wraps under its own text, not under
    its number: readable on a projector at any width.
    """
    if not paths:
        when = "so far" if week else "yet"
        return Text(f"No campaign is late {when}.", "dim")
    intro = Text("Late campaigns ", style="bold")
    intro.append(
        "with the chain that decided each finish: from the last task back, each step is the "
        "input that reached it last. Days are working days since the start.\n",
        style="dim",
    )
    parts: list[RenderableType] = [intro]
    for path in paths:
        head = Text(f"  {path.label}", "bold")
        head.append(f" (owned by {path.owner})" if path.owner else "")
        if path.live_at is None:
            head.append(f": {_days(path.late_hours)} overdue and still open", "red")
        else:
            head.append(f": went live {_days(path.late_hours)} late", "red")
        head.append(f"; arrived {_when(path.arrival)}, due {_when(path.due)}")
        steps = Table.grid(padding=(0, 1))
        steps.add_column(justify="right", width=6)
        steps.add_column(ratio=1)
        for i, step in enumerate(path.steps, 1):
            steps.add_row(f"{i}.", _step_text(step))
        summary = Text(
            f"       On this chain: {_days(path.news_wait)} waiting for news, "
            f"{_days(path.queued)} in queues.\n",
            "dim",
        )
        parts += [head, steps, summary]
    return Group(*parts)
