"""Plain-text tables and number formats for the `silo` commands' output.

Intervals come from `sim.stats`, the one home of silo's t intervals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from game.present.numbers import unsigned_zero

# Measures on a 0-1 scale: shown with decimals even when whole (1.000, not 1).
FRACTIONS = ("engagement", "consistency", "silo_index")
# Money: whole units of the currency, never decimals (a spend of 38,400.000000001 is 38,400).
MONEY = ("spend", "tool_cost")


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
    if key.startswith(FRACTIONS):
        # One number of decimals down a column (0.950 beside 1.000), never "-0.000".
        return unsigned_zero(f"{x:.3f}")
    if x == int(x) and abs(x) < 1e15:
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


def signed(key: str, x: float) -> str:
    """A difference: always signed; shares in percentage points."""
    if math.isnan(x):
        return "n/a"
    if key.endswith("_share"):
        points = 100 * x
        if points == 0:
            return "0 pp"
        return f"{points:+.2f} pp" if abs(points) < 0.05 else f"{points:+.1f} pp"
    if x == 0:
        return "0"
    return ("+" if x > 0 else "-") + fmt(key, abs(x))


def value_text(key: str, x: float) -> str:
    return fmt(key, x)


def interval_text(key: str, low: float, high: float, diff: bool = False) -> str:
    if math.isnan(low) or math.isnan(high):
        return ""
    show = signed if diff else value_text
    return f"[{show(key, low)}, {show(key, high)}]"
