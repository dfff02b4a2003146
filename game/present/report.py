"""A workshop's debrief page: several saved games of one scenario on one HTML page.

For the room after a session: a leaderboard (objectives met, then efficiency
against doing nothing under the same seed), one chart of every table's weeks
against doing nothing, and for each table its figures, objectives, decisions
and the lessons its own run showed. The page is one self-contained file (the
chart is embedded), so it can be mailed or put on a projector without a server.
Every text from a save or a scenario is escaped: a save is data, never markup.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.present.session import GameSession
    from sim.actions import Action
    from sim.objectives import ObjectiveResult
    from sim.results import RunResult
    from sim.scenario import Scenario


class ReportError(ValueError):
    """Saves that cannot make one report; the message says which and why."""


@dataclass(frozen=True)
class PlayerRun:
    """One table's game, replayed, with its do-nothing run over the same weeks."""

    name: str
    seed: int
    week: int
    weeks: int
    result: RunResult
    baseline: RunResult
    judged: tuple[ObjectiveResult, ...]
    history: tuple[tuple[int, Action], ...]
    par: RunResult | None = None
    """The scenario's par plan over the same weeks and seed (None: no par plan)."""

    @property
    def met(self) -> int:
        return sum(j.met for j in self.judged)

    @property
    def spend_change(self) -> str:
        """Spend against doing nothing: "+2%", "same" ("" when not measured)."""
        from game.present.figures import change

        you = self.result.summary.get("spend", math.nan)
        base = self.baseline.summary.get("spend", math.nan)
        return change("spend", you, base)

    @property
    def efficiency_ratio(self) -> float:
        you = self.result.summary.get("efficiency", math.nan)
        base = self.baseline.summary.get("efficiency", math.nan)
        return you / base if base and math.isfinite(base) else math.nan

    @property
    def par_ratio(self) -> float:
        """Par's efficiency against doing nothing over the same weeks (nan: no par)."""
        if self.par is None:
            return math.nan
        par = self.par.summary.get("efficiency", math.nan)
        base = self.baseline.summary.get("efficiency", math.nan)
        return par / base if base and math.isfinite(base) else math.nan


def player_names(paths: Sequence[str | Path], scenario: str = "") -> list[str]:
    """A name per save: its file name without .json, or the path where names repeat.

    A served game's autosave (`autosave-<scenario>-table-...`) is named by its
    table part: the rest is the same for every table in the room.
    """
    prefix = f"autosave-{scenario}-" if scenario else "autosave-"
    stems = [Path(p).stem for p in paths]
    stems = [s[len(prefix) :] if s.startswith(prefix) and len(s) > len(prefix) else s
             for s in stems]  # fmt: skip
    return [str(p) if stems.count(s) > 1 else s for p, s in zip(paths, stems, strict=True)]


def replay(name: str, session: GameSession) -> PlayerRun:
    """The figures of a replayed session (see GameSession.from_record)."""
    from sim.objectives import evaluate

    week = session.week
    result = session.result()
    baseline = session.baseline.result_at(week)
    judged = tuple(evaluate(session.scenario, result, baseline)) if week else ()
    return PlayerRun(
        name=name,
        seed=session.seed,
        week=week,
        weeks=session.weeks,
        result=result,
        baseline=baseline,
        judged=judged,
        history=tuple(session.history),
        par=session.par.result_at(week) if session.par is not None else None,
    )


def ranked(players: Sequence[PlayerRun]) -> list[PlayerRun]:
    """Most objectives met first, then the best efficiency against doing nothing."""

    def key(p: PlayerRun) -> tuple[float, float, str]:
        ratio = p.efficiency_ratio
        return (-p.met, -ratio if math.isfinite(ratio) else math.inf, p.name)

    return sorted(players, key=key)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _chart(players: Sequence[PlayerRun], currency: str = "$") -> str:
    from game.present.report_charts import report_figure

    fig = report_figure(list(players), currency)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img class="chart" alt="Each table\'s weeks against doing nothing" '
        f'src="data:image/png;base64,{data}">'
    )


def _leaderboard(players: Sequence[PlayerRun], objectives: int) -> str:
    from game.present.tables import fmt

    rows = []
    for rank, p in enumerate(ranked(players), 1):
        ratio = p.efficiency_ratio
        eff = f"{ratio:.2f}x" if math.isfinite(ratio) else "n/a"
        s = p.result.summary
        played = "" if p.week >= p.weeks else f" (week {p.week} of {p.weeks})"
        rows.append(
            "<tr>"
            f"<td>{rank}</td><td>{_e(p.name)}{_e(played)}</td>"
            f"<td>{p.met} of {objectives}</td><td>{eff}</td>"
            f"<td>{_e(p.spend_change or 'n/a')}</td>"
            f"<td>{_e(fmt('engagement', s.get('engagement', math.nan)))}</td>"
            f"<td>{_e(fmt('duplicated_share', s.get('duplicated_share', math.nan)))}</td>"
            f"<td>{_e(fmt('campaigns_done', s.get('campaigns_done', math.nan)))}</td>"
            f"<td>{len(p.history)}</td>"
            "</tr>"
        )
    par = [p for p in players if p.par is not None]
    if par and len({p.seed for p in players}) == 1:
        # The benchmark, unranked, below the tables: the best plan a search found.
        ratio = par[0].par_ratio
        eff = f"{ratio:.2f}x" if math.isfinite(ratio) else "n/a"
        rows.append(
            "<tr class='par'><td></td><td>par (the best plan a search found)</td><td></td>"
            f"<td>{eff}</td><td colspan='5'></td></tr>"
        )
    head = (
        "<tr><th>#</th><th>table</th><th>objectives met</th>"
        "<th>efficiency vs doing nothing</th><th>spend vs doing nothing</th>"
        "<th>engagement (end)</th>"
        "<th>duplicated share</th><th>campaigns live</th><th>decisions</th></tr>"
    )
    return f'<table class="board">{head}{"".join(rows)}</table>'


def _figures(p: PlayerRun, currency: str = "$") -> str:
    from game.present.figures import figure_rows

    rows = "".join(
        f"<tr><td>{_e(label)}</td><td>{_e(you)}</td><td>{_e(base)}</td><td>{_e(change)}</td></tr>"
        for label, you, base, change in figure_rows(p.result, p.baseline, currency)
    )
    head = "<tr><th>measure</th><th>this table</th><th>doing nothing</th><th>change</th></tr>"
    return f'<table class="figures">{head}{rows}</table>'


def _objectives(p: PlayerRun) -> str:
    from game.present.figures import objective_value

    if not p.judged:
        return "<p class='muted'>No week played yet.</p>"
    items = "".join(
        f"<li class='{'met' if j.met else 'missed'}'>{'&#10003;' if j.met else '&#10007;'} "
        f"{_e(j.objective.text)} <span class='muted'>({_e(objective_value(j))})</span></li>"
        for j in p.judged
    )
    return f"<ul class='objectives'>{items}</ul>"


def _decisions(p: PlayerRun) -> str:
    from game.present.verbs import describe

    if not p.history:
        return "<p class='muted'>No decisions: the org ran as it was.</p>"
    items = "".join(f"<li><b>week {w}</b> {_e(describe(a))}</li>" for w, a in p.history)
    return f"<ol class='decisions'>{items}</ol>"


def _lessons(p: PlayerRun, currency: str = "$") -> str:
    from game.present.lessons import lessons

    if not p.week:
        return ""
    found = lessons(p.result, p.baseline, p.history, currency)
    return "<ul class='lessons'>" + "".join(f"<li>{_e(line)}</li>" for line in found) + "</ul>"


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; color: #1d2327; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #dee2e6; }
.muted { color: #6c757d; } .note { background: #fff3cd; padding: 0.6rem 1rem; }
table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { padding: 0.35rem 0.8rem; border-bottom: 1px solid #dee2e6; text-align: right; }
th:first-child, td:first-child, .board td:nth-child(2), .board th:nth-child(2) { text-align: left; }
.board tr:nth-child(2) td { font-weight: 600; background: #e9f5ee; }
.board tr.par td { color: #1b7a43; font-style: italic; }
.chart { width: 100%; height: auto; border: 1px solid #dee2e6; }
.met { color: #1b7a43; } .missed { color: #b02a37; }
.player { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
@media (max-width: 900px) { .player { grid-template-columns: 1fr; } }
"""


def weekly_rows(players: Sequence[PlayerRun]) -> list[dict[str, object]]:
    """Every table's weekly figures, one row a table a week (for a CSV); then doing nothing
    and par, once when every table played the same seed."""
    runs: list[tuple[str, RunResult]] = [(p.name, p.result) for p in players]
    if players and len({p.seed for p in players}) == 1:
        runs.append(("doing nothing", players[0].baseline))
        if players[0].par is not None:
            runs.append(("par", players[0].par))
    else:
        runs += [(f"{p.name}: doing nothing", p.baseline) for p in players]
    rows: list[dict[str, object]] = []
    for name, run in runs:
        for week in range(run.weeks):
            row: dict[str, object] = {"table": name, "seed": run.seed, "week": week + 1}
            row.update({k: v[week] for k, v in run.weekly.items() if week < len(v)})
            rows.append(row)
    return rows


def report_html(
    players: Sequence[PlayerRun], scenario: Scenario, title: str | None = None, note: str = ""
) -> str:
    """The whole page for these games of `scenario`, in the order the saves were given;
    `note` (what was left out) under the heading."""
    from game.present.tables import money_unit

    heading = title or f"Debrief: {scenario.title or scenario.name}"
    currency = scenario.currency
    seeds = sorted({p.seed for p in players})
    objectives = len(scenario.objectives)
    if len(seeds) == 1:
        luck = f"Every table played seed {seeds[0]}: the same luck, so the figures compare."
    else:
        luck = (
            "The tables played different seeds (" + ", ".join(map(str, seeds)) + "): compare "
            "each table with its own do-nothing run, not the raw figures."
        )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        f"<p class='muted'>{_e(scenario.name)} &middot; {len(players)} tables &middot; "
        f"{_e(luck)}</p>",
        f"<p class='note'>{_e(note)}</p>" if note else "",
        "<h2>Leaderboard</h2>",
        "<p>Ranked by objectives met, then by efficiency (value per "
        f"{_e(money_unit(currency))} spent) against doing nothing under the same seed; "
        "spend beside it.</p>",
        _leaderboard(players, objectives),
        "<h2>Every table against doing nothing</h2>",
        _chart(players, currency),
    ]
    for p in ranked(players):
        parts += [
            f"<h2>{_e(p.name)}</h2>",
            f"<p class='muted'>seed {p.seed} &middot; week {p.week} of {p.weeks} &middot; "
            f"{p.met} of {objectives} objectives met</p>",
            "<div class='player'><div>",
            "<h3>Objectives</h3>",
            _objectives(p),
            "<h3>Decisions</h3>",
            _decisions(p),
            "<h3>What this run showed</h3>",
            _lessons(p, currency),
            "</div><div>",
            "<h3>The figures</h3>",
            _figures(p, currency),
            "</div></div>",
        ]
    parts.append("</body></html>\n")
    return "\n".join(parts)
