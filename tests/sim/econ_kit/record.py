"""What one row of the economics table measured, and how the table prints it."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sim.stats import Interval


@dataclass(frozen=True)
class Record:
    """One row of the economics table: a measured figure against its band.

    Attributes:
        name: The row's name (as `--only` and the tests know it).
        measured: The figure: a mean paired difference, a level or a week.
        low: Lower end of its 95% interval (NaN when the figure has none).
        high: Upper end of its 95% interval (NaN when the figure has none).
        band: The band the figure must land in, (low, high), ends included;
            an open end is -inf or +inf.
        units: What the figure is in, e.g. "% change", "% of paid h", "engagement".
        seeds: The seeds of the runs the figure comes from (paired rows: the
            same seeds for every variant).
        note: What was compared, and anything a reader needs to judge it.
    """

    name: str
    measured: float
    low: float
    high: float
    band: tuple[float, float]
    units: str
    seeds: tuple[int, ...]
    note: str = ""
    consistent: bool = False
    """Judge by the interval instead: pass when the 95% interval meets the band (the
    runs cannot tell the figure from one inside it). For "no trend" rows of small,
    noisy orgs, where the band is tighter than any 20 seeds can resolve."""

    @property
    def passed(self) -> bool:
        """Whether the measured figure lies in the band (a NaN figure fails)."""
        lo, hi = self.band
        if math.isnan(self.measured):
            return False
        if self.consistent and not math.isnan(self.low):
            return self.low <= hi and self.high >= lo
        return lo <= self.measured <= hi

    @property
    def certain(self) -> bool:
        """Whether the whole 95% interval lies on the same side of the band as the figure."""
        lo, hi = self.band
        if math.isnan(self.low) or math.isnan(self.high):
            return True
        inside = lo <= self.low and self.high <= hi
        outside = self.high < lo or self.low > hi
        return inside or outside

    def explain(self) -> str:
        """Every figure a failing test needs to show: measured, interval, band, seeds."""
        seeds = ", ".join(str(s) for s in self.seeds) if self.seeds else "none (no runs)"
        return (
            f"{self.name}: measured {_num(self.measured)} {self.units} "
            f"(95% CI {_interval(self.low, self.high)}), band {_band(self.band)}: "
            f"{'PASS' if self.passed else 'FAIL'}\n  {self.note}\n"
            f"  {len(self.seeds)} seeds: {seeds}"
        )


def of_interval(
    name: str,
    ci: Interval,
    band: tuple[float, float],
    units: str,
    seeds: Iterable[int],
    note: str = "",
) -> Record:
    """A record whose figure and interval are a `sim.stats.Interval`."""
    return Record(name, ci.mean, ci.low, ci.high, band, units, tuple(seeds), note)


def _num(x: float) -> str:
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "never" if x > 0 else "-inf"
    return f"{x:+.3g}" if abs(x) < 1e4 else f"{x:+.4g}"


def _interval(low: float, high: float) -> str:
    if math.isnan(low) or math.isnan(high):
        return "n/a"
    return f"[{_num(low)}, {_num(high)}]"


def _band(band: tuple[float, float]) -> str:
    lo, hi = band
    if math.isinf(lo) and math.isinf(hi):
        return "any"
    if math.isinf(lo):
        return f"<= {_num(hi)}"
    if math.isinf(hi):
        return f">= {_num(lo)}"
    return f"[{_num(lo)}, {_num(hi)}]"


def table(records: Iterable[Record]) -> str:
    """The records as a fixed-width table: row, measured, 95% CI, band, units, verdict.

    A verdict ends in `?` when the 95% interval straddles an end of the band
    (more seeds could change it).
    """
    header = ("row", "measured", "95% CI", "band", "units", "verdict")
    rows = [header]
    for r in records:
        verdict = ("PASS" if r.passed else "FAIL") + ("" if r.certain else "?")
        rows.append(
            (r.name, _num(r.measured), _interval(r.low, r.high), _band(r.band), r.units, verdict)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
