"""Number formats for people: one home, so every screen, report and command agrees.

Rules: never scientific notation ("1.16e+03"), never a signed zero ("-0%",
"-0"), never more digits than a narrow terminal has room for. `tables.fmt`
(a measure by its key) and the charts' `compact` build on these.
"""

from __future__ import annotations

import math


def finite(x: float | None) -> bool:
    return x is not None and math.isfinite(float(x))


def num(x: float | None) -> str:
    """A plain amount in 3-4 significant digits: 1,160, 48.1, 0.42; "n/a" when undefined."""
    if not finite(x):
        return "n/a"
    x = float(x)  # type: ignore[arg-type]
    ax = abs(x)
    if x == 0:
        return "0"
    # Thresholds where rounding carries a digit over (99.96 is "100", not "100.0").
    if ax >= 99.95:
        text = f"{x:,.0f}"
    elif ax >= 9.995:
        text = f"{x:.1f}"
    else:
        text = f"{x:.2f}"
    return unsigned_zero(text)


def plain(x: float | None) -> str:
    """A parameter as people write it: 3, 1.25, 0.4, 16 (no trailing zeros)."""
    if not finite(x):
        return "n/a"
    return unsigned_zero(f"{round(float(x), 2):,.2f}".rstrip("0").rstrip("."))  # type: ignore[arg-type]


def compact(x: float | None) -> str:
    """A number in at most six characters, for an axis or a legend: 48.1, 812, 12k, 1.2M."""
    if not finite(x) or abs(float(x)) < 9_999.5:  # type: ignore[arg-type]
        return num(x)  # at most "-9,999"
    x = float(x)  # type: ignore[arg-type]
    ax = abs(x)
    if ax >= 999_500:
        text = f"{x / 1e6:.1f}M"
    elif ax >= 99_950:
        text = f"{x / 1000:.0f}k"
    else:
        text = f"{x / 1000:.1f}k"
    return unsigned_zero(text)


def signed_percent(ratio: float | None, digits: int = 0) -> str:
    """A relative change as a signed percentage: "+14%", "-3%", "+9.6%" (`digits` decimals),
    and "0%" for anything that rounds to zero (never "-0%")."""
    if not finite(ratio):
        return "n/a"
    points = round(100 * float(ratio), digits)  # type: ignore[arg-type]
    return "0%" if points == 0 else f"{points:+.{digits}f}%"


def gain(you: float | None, base: float | None) -> float:
    """`you` against `base` as a ratio minus one (nan when either is missing or base is 0)."""
    if not (finite(you) and finite(base)) or not base:
        return math.nan
    return float(you) / float(base) - 1  # type: ignore[arg-type]


def count(n: float, one: str, many: str | None = None) -> str:
    """A whole count with its noun agreeing: "1 win", "3 wins", "1 person", "2 people"."""
    k = round(n)
    return f"{k:,} {one if k == 1 else (many or one + 's')}"


def unsigned_zero(text: str) -> str:
    """ "-0", "-0.00" and the like are zero: drop the sign."""
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text
