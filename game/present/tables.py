"""Plain-text tables and number formats for the `silo` commands' output.

Also the mean and 95% confidence interval of replications, kept here (and
free of numpy) until `sim.stats` offers one, so tables print the same way
whichever command made them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

# Student's t, two-sided 95%, by degrees of freedom; beyond the table the
# normal value is within 0.5% (df > 120).
_T95 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131,
    16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074,
    23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045,
    30: 2.042, 40: 2.021, 60: 2.000, 80: 1.990, 100: 1.984, 120: 1.980,
}  # fmt: skip


# Measures on a 0-1 scale: shown with decimals even when whole (1.000, not 1).
FRACTIONS = ("engagement", "consistency", "silo_index")
# Money: whole units of the currency, never decimals (a spend of 38,400.000000001 is 38,400).
MONEY = ("spend", "tool_cost")


def t95(df: int) -> float:
    """Two-sided 95% Student t critical value (df >= 1), interpolated between table rows."""
    if df in _T95:
        return _T95[df]
    if df > 120:
        return 1.960
    lo = max(k for k in _T95 if k < df)
    hi = min(k for k in _T95 if k > df)
    return _T95[lo] + (_T95[hi] - _T95[lo]) * (df - lo) / (hi - lo)


def mean_ci(values: Iterable[float]) -> tuple[float, float, float, int]:
    """Mean, 95% CI low and high (t interval), and the count of non-NaN values.

    NaN values (a measure undefined in some run, like lead time with no
    campaign done) are left out; with one value the interval is NaN.
    """
    xs = [float(v) for v in values if not math.isnan(float(v))]
    n = len(xs)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = math.fsum(xs) / n
    if n == 1:
        return mean, math.nan, math.nan, 1
    var = math.fsum((x - mean) ** 2 for x in xs) / (n - 1)
    half = t95(n - 1) * math.sqrt(var / n)
    return mean, mean - half, mean + half, n


def fmt(key: str, x: float) -> str:
    """A measure's value for people: shares as percentages, counts whole, 3-4 digits."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if key.endswith("_share"):
        return f"{100 * x:.1f}%"
    if key.startswith(MONEY):
        return f"{round(x):,}"  # round: never "-0"
    if x == int(x) and abs(x) < 1e15 and not key.startswith(FRACTIONS):
        return f"{int(x):,}"
    ax = abs(x)
    if ax >= 1000:
        return f"{x:,.0f}"
    if ax >= 100:
        return f"{x:.1f}"
    if ax >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def measure_label(key: str, currency: str = "$") -> str:
    """A measure's table label (`sim.measures`), its money in the scenario's currency.

    Efficiency reads "value per $1,000 spent" and spend "Spend ($)": a player
    comparing efficiency across scenarios must see that it is per money, not per hour.
    """
    from sim.measures import BY_KEY, label

    text = label(key)
    m = BY_KEY.get(key)
    if m is None or "money" not in m.unit:
        return text
    if m.unit == "money":
        return f"{text} ({currency})"
    # A rate per 1,000 of money (efficiency): the currency before the thousand.
    return text.replace("1,000", money_unit(currency), 1)


def money_unit(currency: str = "$") -> str:
    """1,000 of the currency: "$1,000", "CHF 1,000"."""
    return f"{currency}1,000" if len(currency) == 1 else f"{currency} 1,000"


def money(x: float, currency: str = "$") -> str:
    """An amount of money, whole: "$48,120", "-$1,590", "CHF 48,120"; "n/a" when undefined."""
    if x is None or not math.isfinite(float(x)):
        return "n/a"
    sign = "-" if round(x) < 0 else ""
    amount = f"{abs(x):,.0f}"
    return f"{sign}{currency}{amount}" if len(currency) == 1 else f"{sign}{currency} {amount}"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None = None,
    right: Sequence[int] = (),
) -> list[str]:
    """Rows aligned in columns under headers, as lines of text.

    Columns whose index is in `right` are right-aligned (numbers). The last
    column is never padded, and a line longer than `width` (a terminal's) is cut.
    """
    ncols = len(headers)
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(ncols)]

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            text = str(cell)
            if i == ncols - 1 and i not in right:
                parts.append(text)
            elif i in right:
                parts.append(text.rjust(widths[i]))
            else:
                parts.append(text.ljust(widths[i]))
        out = "  ".join(parts).rstrip()
        if width is not None and len(out) > width:
            out = out[: max(width - 1, 0)] + "…"
        return out

    return [line(headers), *(line(r) for r in rows)]
