"""The chart of a workshop report: every table's game against doing nothing.

Six weekly series (a 4-week trailing mean, each table in its own colour,
its decisions marked on the efficiency line; value and spend beside
efficiency, its two parts) and where each table's paid hours went. The
do-nothing run is drawn grey and dashed, and the scenario's par plan (the
benchmark) green and dotted; when tables played different seeds, each has its
own do-nothing line, dashed in its colour, and par is left out (it would be one
par per seed).
matplotlib is imported here only, with the Agg backend: no display needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.present.plots import (
    SMOOTH_WEEKS,
    VARIANT_COLOURS,
    hour_bars,
    plain_matplotlib,
    trailing_mean,
)
from game.present.tables import money_unit

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SERIES: tuple[tuple[str, str, str, float], ...] = (
    ("efficiency", "Efficiency", "value per {k} spent", 1.0),
    ("value", "Value delivered", "value per week", 1.0),
    ("spend", "Spend", "{c} per week", 1.0),
    ("engagement", "Engagement", "mean engagement (%)", 100.0),
    ("hours_duplicated", "Duplicated work", "hours per week, whole org", 1.0),
    ("handoff_wait", "Waiting at handoffs", "hours per handoff", 1.0),
)
BASELINE_GREY = "#6c757d"
PAR_GREEN = "#1b7a43"


TABLE_STYLES: tuple[Any, ...] = ("-", (0, (6, 2)), (0, (1, 1.2)), (0, (6, 1.5, 1, 1.5)),
                                (0, (3, 1, 1, 1, 1, 1)))  # fmt: skip
"""Beyond six tables colours repeat: each repeat of the colours has its own line style
(solid first), so 30 tables are 30 different lines (doing nothing is grey dashes, par
green dots)."""


def colour(i: int) -> str:
    return VARIANT_COLOURS[i % len(VARIANT_COLOURS)]


def line_style(i: int) -> Any:
    return TABLE_STYLES[(i // len(VARIANT_COLOURS)) % len(TABLE_STYLES)]


def report_figure(players: list[Any], currency: str = "$") -> Figure:
    """The report's figure for `players` (each with .name, .result, .baseline, .history);
    money in `currency`."""
    plain_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    rows = (len(SERIES) + 1) // 2
    fig = Figure(figsize=(15, 4.25 * rows), dpi=110, layout="constrained")
    grid = fig.add_gridspec(rows, 3, width_ratios=(1, 1, 1.15))
    one_baseline = len({p.seed for p in players}) == 1
    for n, (key, title, unit, scale) in enumerate(SERIES):
        ax = fig.add_subplot(grid[n // 2, n % 2])
        _series(ax, players, key, scale, one_baseline)
        ax.set_title(title, fontsize=13, loc="left")
        ax.set_xlabel(f"week ({SMOOTH_WEEKS}-week trailing mean)")
        ax.set_ylabel(unit.format(k=money_unit(currency), c=currency))
        ax.grid(True, alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        low, high = ax.get_ylim()
        if 0 < low < 0.25 * high:
            ax.set_ylim(bottom=0)
    _hours(fig.add_subplot(grid[:, 2]), players, one_baseline)
    handles = [Line2D([], [], color=colour(i), linestyle=line_style(i), linewidth=2.5)
               for i in range(len(players))]  # fmt: skip
    labels = [p.name for p in players]
    handles.append(Line2D([], [], color=BASELINE_GREY, linestyle="--", linewidth=2))
    labels.append("doing nothing (same seed)")
    if _par_of(players) is not None:
        handles.append(Line2D([], [], color=PAR_GREEN, linestyle=":", linewidth=2.4))
        labels.append("par (the best plan found)")
    handles.append(Line2D([], [], color="black", marker="v", linestyle="none"))
    labels.append("a decision")
    fig.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 5),
               fontsize=11, frameon=False)  # fmt: skip
    return fig


def _par_of(players: list[Any]) -> Any:
    """The par run to draw: one, when every table played the same seed and there is a par."""
    if len({p.seed for p in players}) != 1:
        return None
    return next((p.par for p in players if getattr(p, "par", None) is not None), None)


def _series(ax: Axes, players: list[Any], key: str, scale: float, one_baseline: bool) -> None:
    import numpy as np

    par = _par_of(players)
    if par is not None and key in par.weekly:
        line = trailing_mean(par.weekly[key], SMOOTH_WEEKS) * scale
        ax.plot(np.arange(1, len(line) + 1), line, color=PAR_GREEN, linestyle=":",
                linewidth=2.0, zorder=3)  # fmt: skip

    for i, p in enumerate(players):
        mine = trailing_mean(p.result.weekly[key], SMOOTH_WEEKS) * scale
        weeks = np.arange(1, len(mine) + 1)
        if i == 0 or not one_baseline:
            base = trailing_mean(p.baseline.weekly[key], SMOOTH_WEEKS) * scale
            style = BASELINE_GREY if one_baseline else colour(i)
            # On top, so it shows even under a table that changed nothing.
            ax.plot(np.arange(1, len(base) + 1), base, color=style, linestyle="--",
                    linewidth=1.6, alpha=0.9 if one_baseline else 0.6, zorder=4)  # fmt: skip
        ax.plot(weeks, mine, color=colour(i), linestyle=line_style(i), linewidth=2.2)
        if key == "efficiency":
            # A decision taken at week w shapes week w + 1 first: mark it there.
            decided = sorted({w + 1 for w, _ in p.history if w < len(mine)})
            marks = [w for w in decided if np.isfinite(mine[w - 1])]
            ax.plot(marks, [mine[w - 1] for w in marks], "v", color=colour(i), markersize=9,
                    markeredgecolor="black", markeredgewidth=0.8)  # fmt: skip
    ax.set_xlim(left=1)


def _hours(ax: Axes, players: list[Any], one_baseline: bool) -> None:
    """Stacked bars of paid hours per week by category: each table, then doing nothing."""
    import numpy as np

    rows: list[tuple[str, Any]] = [(p.name, p.result) for p in players]
    if one_baseline:
        rows.append(("doing nothing", players[0].baseline))
        par = _par_of(players)
        if par is not None:
            rows.append(("par", par))
    else:
        rows += [(f"{p.name}: doing nothing", p.baseline) for p in players]

    def per_week(key: str) -> Any:
        return np.array([r.summary.get(key, 0.0) / max(r.weeks, 1) for _, r in rows])

    hour_bars(ax, per_week, label_size=9)
    ax.set_yticks(np.arange(len(rows))[::-1], [name for name, _ in rows], fontsize=11)
    ax.set_xlabel("hours per week, whole org, over the weeks played\n(labels: share of paid hours)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, fontsize=9, frameon=False)
