"""The tornado chart of `silo sensitivity`: how far each assumption swings the answer.

One bar per uncertain parameter, widest swing on top: from the winner's
paired gain over the baseline at the parameter's low end to its gain at the
high end, around the base case's gain (the vertical line). A parameter whose
range changes who wins is named in red, so a reader sees at a glance which
conclusions are robust.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from sim.sensitivity import Sensitivity

LOW_COLOUR, HIGH_COLOUR, FLIP_COLOUR = "#8d99ae", "#1d3557", "#b02a37"


def tornado_figure(s: Sensitivity, measure_label: str) -> Figure:
    from game.present.plots import plain_matplotlib

    plain_matplotlib()  # parameter names and labels are drawn as plain text
    from matplotlib.figure import Figure

    n = len(s.swings)
    fig = Figure(figsize=(11, 1.6 + 0.48 * n), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    base = s.base_gain.mean
    for row, swing in enumerate(s.swings):
        y = n - 1 - row
        ends = [(swing.gain_low, LOW_COLOUR), (swing.gain_high, HIGH_COLOUR)]
        # The longer bar first, so two ends on the same side both show.
        ends.sort(key=lambda end: -abs(end[0].mean - base))
        for gain, colour in ends:
            ax.barh(y, gain.mean - base, left=base, color=colour, height=0.6)
    labels = [
        f"{sw.assumption.key}  {sw.assumption.low:g} to {sw.assumption.high:g}"
        + ("  (winner changes)" if sw.winner_changes else "")
        for sw in s.swings
    ]
    ax.set_yticks(range(n - 1, -1, -1), labels, fontsize=10)
    for tick, swing in zip(ax.get_yticklabels(), s.swings, strict=True):
        if swing.winner_changes:
            tick.set_color(FLIP_COLOUR)
    ax.axvline(base, color="black", linewidth=1)
    ax.axvline(0, color="#adb5bd", linewidth=1, linestyle=":")
    ax.set_xlabel(
        f"{s.winner}'s gain over {s.labels[0]} in {measure_label} "
        f"(paired, {s.replications} runs at each end)"
    )
    ax.set_title(
        "Which assumptions move the answer: each parameter at the ends of its range "
        "(line: the base case)",
        fontsize=12,
        loc="left",
    )
    from matplotlib.patches import Patch

    ax.legend(
        [Patch(color=LOW_COLOUR), Patch(color=HIGH_COLOUR)],
        ["low end of the range", "high end of the range"],
        loc="lower right",
        frameon=False,
    )
    ax.grid(True, axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
