"""Charts of experiments for people who were not in the room: `silo compare --plot`.

One figure per comparison: four weekly series (raw weekly means across
replications, unsmoothed so a transition dip is never hidden, with the 95%
confidence interval shaded), the weekly paired difference of the focus measure
against the baseline, dashed lines where each variant acts, and where the paid
hours went, per variant. matplotlib is imported when a chart is drawn, never at start-up, and
always with the Agg backend: no window, no display needed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from sim.experiment import Comparison

# The weekly series shown, with the titles and units a manager reads.
SERIES: tuple[tuple[str, str, str, float], ...] = (
    # key, title, y-axis label, scale applied to the values
    ("value", "Value delivered per week", "value points per week", 1.0),
    ("engagement", "Engagement", "mean engagement (%)", 100.0),
    ("hours_duplicated", "Duplicated work", "hours per week, whole org", 1.0),
    ("handoff_wait", "Waiting at handoffs", "hours per handoff", 1.0),
)

# Hour categories (sim.results.HOUR_CATEGORIES) in plain words, productive first.
HOUR_NAMES: dict[str, str] = {
    "first_time": "New work",
    "routine": "Routine channel work",
    "rework": "Rework",
    "duplicated": "Duplicated work",
    "info_wait": "Waiting for information",
    "meetings": "Meetings",
    "coordination": "Coordination",
}
# Greens for productive hours, warm colours for waste, greys for overhead.
HOUR_COLOURS: dict[str, str] = {
    "first_time": "#2d6a4f",
    "routine": "#95d5b2",
    "rework": "#f4a261",
    "duplicated": "#d62828",
    "info_wait": "#ffd166",
    "meetings": "#8d99ae",
    "coordination": "#ced4da",
}
# Variants in colours the hours chart does not use.
VARIANT_COLOURS = ("#1d3557", "#f77f00", "#7b2cbf", "#00a6fb", "#8c564b", "#e377c2")
# Weekly values swing with single campaigns; a trailing 4-week mean shows the trend
# (used by the game's debrief; comparison charts show raw weeks).
SMOOTH_WEEKS = 4


def plain_matplotlib() -> Any:
    """matplotlib, drawing off screen and reading every string as plain text.

    Labels are the user's (variant labels, player names, file names): with
    mathtext on, "$x^$" in one is parsed as maths and fails the whole figure.
    No chart of silo's uses maths, and each label holds at most one '$' (the
    currency), so no figure changes.
    """
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["text.parse_math"] = False
    return matplotlib


def comparison_figure(
    result: Comparison, letters: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", focus: str = "value"
) -> Figure:
    """The comparison chart: weekly series with CI bands, the paired difference, hours."""
    matplotlib = plain_matplotlib()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(15, 13), dpi=110, layout="constrained")
    grid = fig.add_gridspec(3, 3, width_ratios=(1, 1, 1.25), height_ratios=(1, 1, 1.1))
    series_axes = [fig.add_subplot(grid[r, c]) for r in (0, 1) for c in (0, 1)]
    hours_ax = fig.add_subplot(grid[:2, 2])
    diff_ax = fig.add_subplot(grid[2, :])

    names = [f"{letters[i % len(letters)]}: {label}" for i, label in enumerate(result.labels)]
    for ax, (key, title, unit, scale) in zip(series_axes, SERIES, strict=True):
        _series_panel(ax, result, key, title, unit, scale)
        _action_marks(ax, result, letters, label=False)
    _hours_panel(hours_ax, result, letters)
    _difference_panel(diff_ax, result, focus, letters)

    handles = [
        matplotlib.lines.Line2D([], [], color=_colour(i), linewidth=2.5)
        for i in range(len(result.labels))
    ]
    band = matplotlib.patches.Patch(color="#888888", alpha=0.25)
    fig.legend(
        [*handles, band],
        [*names, "95% confidence interval"],
        loc="outside lower center",
        ncols=min(len(names) + 1, 3),
        fontsize=11,
        frameon=False,
    )
    n = len(result.seeds)
    scenario = result.runs[0][0].scenario
    fig.suptitle(
        f"{scenario}: {len(result.labels)} variants, {n} paired replications each "
        f"(the same seeds for every variant)",
        fontsize=15,
        fontweight="bold",
    )
    return fig


def _colour(i: int) -> str:
    return VARIANT_COLOURS[i % len(VARIANT_COLOURS)]


def _series_panel(
    ax: Axes, result: Comparison, key: str, title: str, unit: str, scale: float
) -> None:
    import numpy as np

    from sim.stats import series_band

    for i, runs in enumerate(result.runs):
        band = series_band([run.weekly[key] for run in runs])
        weeks = np.arange(1, len(band.mean) + 1)
        ax.plot(weeks, band.mean * scale, color=_colour(i), linewidth=1.8)
        ax.fill_between(weeks, band.low * scale, band.high * scale, color=_colour(i),
                        alpha=0.2, linewidth=0)  # fmt: skip
    ax.set_title(title, fontsize=13, loc="left")
    ax.set_xlabel("week (weekly means, not smoothed)")
    ax.set_ylabel(unit)
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(left=1)
    low, high = ax.get_ylim()
    if low > 0 and low < 0.25 * high:
        ax.set_ylim(bottom=0)


def _action_marks(ax: Axes, result: Comparison, letters: str, label: bool = True) -> None:
    """A dashed line where variants act: after week k, so between weeks k and k+1.

    Variants acting at the same week share one line (grey when several), labelled once.
    """
    from sim.timeline import action_weeks

    acting: dict[int, list[int]] = {}
    for i in range(len(result.labels)):
        for week in action_weeks(result, i):
            acting.setdefault(week, []).append(i)
    for week, variants in sorted(acting.items()):
        x = week + 0.5
        colour = _colour(variants[0]) if len(variants) == 1 else "#555555"
        ax.axvline(x, color=colour, linestyle="--", linewidth=1.1, alpha=0.8)
        if label:
            who = ", ".join(letters[i % len(letters)] for i in variants)
            verb = "acts" if len(variants) == 1 else "act"
            ax.annotate(f"{who} {verb} after week {week}", (x, 1.0),
                        xycoords=("data", "axes fraction"), xytext=(4, -12),
                        textcoords="offset points", fontsize=10, color=colour)  # fmt: skip


def _difference_panel(ax: Axes, result: Comparison, focus: str, letters: str) -> None:
    """Each variant's weekly paired difference from the baseline, with its 95% band."""
    import numpy as np

    from sim.stats import series_band
    from sim.timeline import weekly_gain

    base = [r.weekly[focus] for r in result.runs[0]]
    for i in range(1, len(result.labels)):
        diffs = weekly_gain(base, [r.weekly[focus] for r in result.runs[i]])
        band = series_band(list(diffs))
        weeks = np.arange(1, len(band.mean) + 1)
        ax.plot(weeks, band.mean, color=_colour(i), linewidth=1.8,
                label=f"{letters[i % len(letters)]} - A")  # fmt: skip
        ax.fill_between(weeks, band.low, band.high, color=_colour(i), alpha=0.2, linewidth=0)
    ax.axhline(0, color="black", linewidth=1)
    _action_marks(ax, result, letters)
    ax.set_title(f"Paired difference against A, week by week: {focus.replace('_', ' ')}",
                 fontsize=13, loc="left")  # fmt: skip
    ax.set_xlabel("week (raw weekly differences on the same seeds, not smoothed; "
                  "dashed: the week a variant acts)")  # fmt: skip
    ax.set_ylabel(f"{focus.replace('_', ' ')}, variant - A")
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(left=1)
    if len(result.labels) > 1:
        ax.legend(loc="lower right", fontsize=10, frameon=False)


def trailing_mean(values: Any, window: int) -> Any:
    """Mean of the last `window` weeks at each week (fewer at the start; NaN weeks skipped)."""
    import numpy as np

    x = np.asarray(values, dtype=float)
    present = ~np.isnan(x)
    sums = np.cumsum(np.where(present, x, 0.0))
    counts = np.cumsum(present)
    sums[window:] = sums[window:] - sums[:-window]
    counts[window:] = counts[window:] - counts[:-window]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def text_colour(background: str) -> str:
    """Black on light fills, white on dark ones (relative luminance)."""
    r, g, b = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else "white"


def _hours_panel(ax: Axes, result: Comparison, letters: str) -> None:
    """Stacked horizontal bars: mean hours per week by category, one bar per variant."""
    import numpy as np

    n = len(result.labels)

    def per_week(key: str) -> Any:
        return np.array(
            [result.interval(i, key).mean / max(result.runs[i][0].weeks, 1) for i in range(n)]
        )

    hour_bars(ax, per_week)
    ax.set_yticks(np.arange(n)[::-1], [letters[i % len(letters)] for i in range(n)],
                  fontsize=13, fontweight="bold")  # fmt: skip
    ax.set_xlabel("hours per week, whole org, mean over the run\n(labels: share of paid hours)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, fontsize=10,
              frameon=False)  # fmt: skip


def hour_bars(ax: Axes, per_week: Any, label_size: int = 10) -> None:
    """Stacked bars of paid hours by category, the first row on top.

    `per_week(key)` gives a summary key's hours per week for every row, in
    order; a category's share of paid hours is written on its bar when it is
    wide enough to hold it.
    """
    import numpy as np

    from sim.results import HOUR_CATEGORIES

    paid = per_week("hours_paid")
    rows = np.arange(len(paid))[::-1]
    left = np.zeros(len(paid))
    for category in [c for c in HOUR_NAMES if c in HOUR_CATEGORIES]:
        hours = per_week(f"hours_{category}")
        bars = ax.barh(rows, hours, left=left, color=HOUR_COLOURS[category],
                       label=HOUR_NAMES[category], height=0.6, edgecolor="white")  # fmt: skip
        for bar, value, total in zip(bars, hours, paid, strict=True):
            if total > 0 and value / total >= 0.06:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                        f"{value / total:.0%}", ha="center", va="center", fontsize=label_size,
                        color=text_colour(HOUR_COLOURS[category]))  # fmt: skip
        left += hours
    ax.set_title("Where the paid hours went", fontsize=13, loc="left")
    ax.grid(True, axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def save_figure(fig: Figure, path: str | Path) -> None:
    """Render to memory, then write the file atomically (temporary file, then rename)."""
    from game.present.files import write_atomic

    fmt = Path(path).suffix.lower().lstrip(".") or "png"
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=fig.dpi)
    write_atomic(path, buffer.getvalue())


def save_comparison_plot(result: Comparison, path: str | Path, **options: Any) -> None:
    save_figure(comparison_figure(result, **options), path)
