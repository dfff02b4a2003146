"""The page a manager forwards: one self-contained HTML file for a what-if comparison.

Written by `silo experiment` and `silo compare --report`. It holds the
question, the options in words, the one-paragraph answer, the chart (a PNG
inside the page, so the file travels alone), the weeks (dip, payback, last
quarter), the table with units, objectives met in k of N runs, what every
measure means, the assumptions the numbers rest on, and how to re-run it.
No scripts, no external files: it opens the same in a mail client's preview.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from game.present.tables import interval_text, measure_label, signed, value_text
from game.present.timeline_text import dip_text, payback_text, pct, quarter_text, weekly_name

if TYPE_CHECKING:
    from sim.experiment import Comparison
    from sim.objectives import ObjectiveCount
    from sim.scenario import Scenario
    from sim.sensitivity import Sensitivity
    from sim.timeline import Timeline

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Model parameters a what-if's answer leans on most (MODEL.md: costs, demand, people);
# shown with their values so a reader can challenge them.
KEY_PARAMS: tuple[str, ...] = (
    "hourly_cost",
    "agency_fee_per_hour",
    "campaigns_per_week",
    "warmup_weeks",
    "reorg_shock",
    "handover_hours",
    "ramp_weeks",
    "forming_weeks",
    "quit_base",
    "hire_delay_weeks",
)


@dataclass(frozen=True)
class ReportInputs:
    """Everything the page says, made before it is written."""

    title: str
    question: str
    result: Comparison
    scenarios: Sequence[Scenario]
    descriptions: Sequence[str]
    timelines: Sequence[Timeline]
    counts: Sequence[Sequence[ObjectiveCount]]
    measures: Sequence[str]
    answer: str
    """The answer paragraph (HTML-safe, with <b> tags)."""
    chart_png: bytes | None
    rerun: str
    """The command that makes this page again."""
    files: Sequence[str] = field(default_factory=tuple)
    """The other files written beside it."""
    sensitivity: Sensitivity | None = None
    tornado_png: bytes | None = None


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 1150px; padding: 0 1rem; color: #1d2327; line-height: 1.5; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #dee2e6; }
.muted { color: #6c757d; } .question { font-size: 1.1rem; font-style: italic; }
.answer { background: #e9f5ee; border-left: 5px solid #1b7a43; padding: 0.8rem 1.2rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-variant-numeric: tabular-nums; }
th, td { padding: 0.3rem 0.7rem; border-bottom: 1px solid #dee2e6; text-align: right; }
th:first-child, td:first-child, td.text, th.text { text-align: left; }
td.clear { font-weight: 600; } .chart { width: 100%; height: auto; border: 1px solid #dee2e6; }
dt { font-weight: 600; margin-top: 0.5rem; } dd { margin-left: 1.2rem; }
code, pre { background: #f1f3f5; padding: 0.1rem 0.3rem; border-radius: 3px; }
pre { padding: 0.7rem; overflow-x: auto; } .skipped { color: #b02a37; }
"""


def _letter(i: int) -> str:
    return LETTERS[i % len(LETTERS)]


def _variants(r: ReportInputs) -> str:
    from game.present.verbs import describe
    from sim.skips import skipped_counts

    items = []
    for i, (label, scenario, words) in enumerate(
        zip(r.result.labels, r.scenarios, r.descriptions, strict=True)
    ):
        steps = "".join(
            f"<li>after week {s.week}: {escape(describe(a))}</li>" for s in scenario.script
            for a in s.do
        )  # fmt: skip
        runs = r.result.runs[i]
        steps += "".join(
            f"<li class='skipped'>skipped in {n} of {len(runs)} runs: {escape(text)}</li>"
            for text, n in skipped_counts(runs)
        )
        role = " (the baseline)" if i == 0 else ""
        items.append(
            f"<li><b>{_letter(i)}: {escape(label)}</b>{role}. {escape(words)}"
            + (f"<ul>{steps}</ul>" if steps else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _weeks(r: ReportInputs, currency: str) -> str:
    if len(r.timelines) < 2:
        return ""
    weeks = r.result.runs[0][0].weeks
    q = r.timelines[0].last_quarter_weeks
    rows = "".join(
        f"<tr><td class='text'>{_letter(i)}: {escape(t.label)}</td>"
        f"<td>{escape(', '.join(map(str, t.action_weeks)) or 'from the start')}</td>"
        f"<td class='text'>{escape(dip_text(t, currency))}</td>"
        f"<td class='text'>{escape(payback_text(t.payback, weeks))}</td>"
        f"<td class='text'>{escape(quarter_text(t, currency))}</td></tr>"
        for i, t in enumerate(r.timelines[1:], start=1)
    )
    head = (
        "<tr><th>option</th><th>acts after week</th><th class='text'>transition dip</th>"
        "<th class='text'>payback week</th>"
        f"<th class='text'>gain over the last {q} weeks (95% CI)</th></tr>"
    )
    return (
        f"<p>In {escape(weekly_name(r.timelines[0].measure))}, each option's runs paired week "
        f"by week with {escape(r.result.labels[0])}'s on the same seeds. The <b>dip</b> is the "
        "deepest weekly shortfall and the weeks it lasts; the <b>payback week</b> is when the "
        "cumulative difference turns positive and stays so, with its 95% interval from the band "
        "of the cumulative difference. * marks a last-quarter gain whose interval excludes "
        f"zero.</p><table>{head}{rows}</table>"
    )


def _table(r: ReportInputs, currency: str) -> str:
    res = r.result
    head = (
        "<tr><th>measure</th><th>option</th><th>mean</th><th>95% CI</th>"
        f"<th>vs {_letter(0)}</th><th>%</th><th>95% CI of the difference</th></tr>"
    )
    rows = []
    for measure in r.measures:
        for i in range(len(res.labels)):
            ci = res.interval(i, measure)
            cells = [
                f"<td class='text'>{escape(measure_label(measure, currency)) if i == 0 else ''}"
                "</td>",
                f"<td class='text'>{_letter(i)}</td>",
                f"<td>{escape(value_text(measure, ci.mean))}</td>",
                f"<td>{escape(interval_text(measure, ci.low, ci.high))}</td>",
            ]
            if i == 0:
                cells += ["<td></td>"] * 3
            else:
                d = res.difference(i, measure)
                mark = " class='clear'" if d.excludes(0.0) else ""
                cells += [
                    f"<td{mark}>{escape(signed(measure, d.mean))}</td>",
                    f"<td{mark}>{escape(pct(d.mean, res.interval(0, measure).mean))}</td>",
                    f"<td>{escape(interval_text(measure, d.low, d.high, diff=True))}</td>",
                ]
            rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<p>Means over {len(res.seeds)} runs per option with their 95% intervals, and the paired "
        f"difference from {escape(res.labels[0])} (bold where its interval excludes zero). "
        "Shares are of paid hours; differences of shares in percentage points.</p>"
        f"<table>{head}{''.join(rows)}</table>"
    )


def _objectives(r: ReportInputs) -> str:
    if not r.counts or not r.counts[0]:
        return "<p class='muted'>The scenario sets no objectives.</p>"
    head = (
        "<tr><th>objective</th>"
        + "".join(f"<th>{_letter(i)}</th>" for i in range(len(r.counts)))
        + "</tr>"
    )
    rows = "".join(
        f"<tr><td class='text'>{escape(first.text)}</td>"
        + "".join(f"<td>{c[k].met} of {c[k].runs}</td>" for c in r.counts)
        + "</tr>"
        for k, first in enumerate(r.counts[0])
    )
    return (
        "<p>Each objective, met in how many runs of each option (an objective relative to "
        f"doing nothing is judged against {escape(r.result.labels[0])}'s run on the same "
        f"seed).</p><table>{head}{rows}</table>"
    )


def _teams(r: ReportInputs) -> str:
    from game.present.tables import fmt
    from sim.team_results import team_means

    rows = []
    letter = {label: _letter(i) for i, label in enumerate(r.result.labels)}
    weeks = r.result.runs[0][0].weeks
    for m in team_means(r.result):
        if not m["weeks_staffed"]:
            continue
        rows.append(
            f"<tr><td class='text'>{letter[m['variant']]}</td>"
            f"<td class='text'>{escape(m['team'])}</td>"
            f"<td>{m['headcount_end']:.1f}</td>"
            f"<td>{escape(fmt('engagement', m['engagement_end']))}</td>"
            f"<td>{escape(fmt('engagement', m['engagement_mean']))}</td>"
            f"<td>{escape(fmt('wasted_share', m['wasted_share']))}</td>"
            f"<td>{escape(fmt('quits', m['quits']))}</td>"
            f"<td>{m['hours_paid'] / max(weeks, 1):,.0f}</td></tr>"
        )
    head = (
        "<tr><th>option</th><th class='text'>team</th><th>people at the end</th>"
        "<th>engagement at the end</th><th>engagement, mean</th>"
        "<th>wasted share (duplicated, rework, waiting)</th><th>quits</th>"
        "<th>paid hours a week</th></tr>"
    )
    return (
        "<p>Means over the runs, team by team: a change can lift the org's average while one "
        "team carries it. Teams a reorg removed show the weeks they lived; new teams appear "
        "under the option that made them. Every run's figures are in <code>teams.csv</code> "
        f"when written.</p><table>{head}{''.join(rows)}</table>"
    )


def _definitions(measures: Sequence[str], focus: str, currency: str) -> str:
    from sim.measures import BY_KEY

    keys = list(dict.fromkeys([*measures, focus]))
    items = []
    for key in keys:
        m = BY_KEY.get(key)
        if m is None:
            continue
        unit = m.unit.replace("money", currency)
        items.append(
            f"<dt>{escape(measure_label(key, currency))}</dt>"
            f"<dd>{escape(m.definition)} <span class='muted'>Unit: {escape(unit)}.</span></dd>"
        )
    return "<dl>" + "".join(items) + "</dl>"


def _assumptions(scenario: Scenario) -> str:
    from sim.params import Params

    defaults = Params()
    rows = []
    changed = [k for k in type(defaults).model_fields
               if getattr(scenario.params, k) != getattr(defaults, k)]  # fmt: skip
    for key in list(dict.fromkeys([*KEY_PARAMS, *changed])):
        if key not in type(defaults).model_fields:
            continue
        field = type(defaults).model_fields[key]
        value = getattr(scenario.params, key)
        note = " (set by this scenario)" if key in changed else ""
        rows.append(
            f"<tr><td class='text'><code>{escape(key)}</code></td><td>{escape(str(value))}</td>"
            f"<td class='text'>{escape(' '.join((field.description or '').split()))}"
            f"{note}</td></tr>"
        )
    people = sum(t.head_count for t in scenario.teams)
    return (
        f"<p>The org: {len(scenario.teams)} teams, {people} people ("
        + escape(", ".join(f"{t.name} {t.head_count}" for t in scenario.teams))
        + "). The numbers rest on the model's parameters; those that move a what-if's answer "
        "most are costs, demand and how people take change. Their values here:</p>"
        "<table><tr><th>parameter</th><th>value</th><th class='text'>meaning</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _sensitivity(r: ReportInputs) -> str:
    s = r.sensitivity
    if s is None:
        return (
            "<p class='muted'>How far the ranking survives the model's uncertain parameters is "
            "not tested on this page: add a <code>[sensitivity]</code> table to the experiment "
            "file, or run <code>silo sensitivity</code>.</p>"
        )
    chart = ""
    if r.tornado_png is not None:
        data = base64.b64encode(r.tornado_png).decode("ascii")
        chart = (
            '<img class="chart" alt="Tornado chart: the leader&#39;s gain at each end of each '
            f'parameter" src="data:image/png;base64,{data}">'
        )
    rows = "".join(
        f"<tr><td class='text'><code>{escape(sw.assumption.key)}</code></td>"
        f"<td>{sw.assumption.low:g} to {sw.assumption.high:g}</td>"
        f"<td class='text'>{escape(' > '.join(sw.ranking_low))}</td>"
        f"<td class='text'>{escape(' > '.join(sw.ranking_high))}</td>"
        f"<td>{sw.gain_low.mean:+.3g}</td><td>{sw.gain_high.mean:+.3g}</td>"
        f"<td class='text'>{'winner changes' if sw.winner_changes else ''}</td></tr>"
        for sw in s.swings
    )
    head = (
        "<tr><th>parameter</th><th>range</th><th class='text'>ranking at the low end</th>"
        "<th class='text'>ranking at the high end</th><th>gain at low</th>"
        "<th>gain at high</th><th></th></tr>"
    )
    return (
        "<h3>Which assumptions drive the answer</h3><p>Each uncertain parameter at both ends "
        "of its range (half to twice its value; a probability 0.2 either side), one at a time, "
        f"{s.replications} runs of every option at each end on the base case's seeds. The "
        f"gain is {escape(s.winner)}'s paired gain over {escape(s.labels[0])} in "
        f"{escape(s.measure)}; the widest swing comes first. Base case: "
        f"{escape(' > '.join(s.base_ranking))}.</p>{chart}<table>{head}{rows}</table>"
    )


def report_page(r: ReportInputs) -> str:
    """The whole page."""
    currency = r.scenarios[0].currency
    res = r.result
    weeks = res.runs[0][0].weeks
    chart = ""
    if r.chart_png is not None:
        data = base64.b64encode(r.chart_png).decode("ascii")
        chart = (
            "<h2>The weeks, in charts</h2><p>Raw weekly means (not smoothed) with 95% bands; "
            "dashed lines mark the week each option acts; the bottom panel is the paired "
            "difference from the baseline week by week.</p>"
            f'<img class="chart" alt="Weekly means of each option with bands, and the paired '
            f'difference from the baseline" src="data:image/png;base64,{data}">'
        )
    files = "".join(f"<li><code>{escape(f)}</code></li>" for f in r.files)
    seed_note = (
        f"{len(res.seeds)} replications per option on the same seeds (common random numbers), "
        f"{weeks} weeks each"
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(r.title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(r.title)}</h1>",
        f"<p class='muted'>{escape(r.scenarios[0].name)} &middot; {escape(seed_note)}</p>",
        f"<p class='question'>{escape(r.question)}</p>" if r.question else "",
        "<h2>The answer</h2>",
        f"<p class='answer'>{r.answer}</p>",
        "<h2>The options</h2>",
        _variants(r),
        chart,
        "<h2>During the change, and after</h2>",
        _weeks(r, currency),
        "<h2>The figures</h2>",
        _table(r, currency),
        "<h2>Team by team</h2>",
        _teams(r),
        "<h2>Objectives</h2>",
        _objectives(r),
        "<h2>What the measures mean</h2>",
        _definitions(r.measures, r.timelines[0].measure if r.timelines else "value", currency),
        "<h2>Assumptions</h2>",
        _assumptions(r.scenarios[0]),
        _sensitivity(r),
        "<h2>How to re-run it</h2>",
        f"<pre>{escape(r.rerun)}</pre>",
        "<p>The same command gives the same numbers: every run's seed derives from the base "
        "seed and its index.</p>"
        + (f"<p>Written beside this page:</p><ul>{files}</ul>" if files else ""),
        "</body></html>\n",
    ]
    return "\n".join(p for p in parts if p)
