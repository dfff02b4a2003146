"""Line charts drawn with Unicode braille: two by four dots per character cell.

Pure drawing, no Textual: series and bands in, rows of styled runs out (the
chart turns them into its cached strips without a console). A cell holds one
colour, so where lines cross the line drawn later (the player's)
wins; bands are a background colour behind the cells they span, which keeps
both lines readable on top of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style

# Bit of each dot in a braille cell, by (column, row) within the cell.
_DOT = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
_BLANK = 0x2800
_CELLS = [chr(_BLANK + bits) for bits in range(256)]


@dataclass(frozen=True)
class Line:
    values: Sequence[float]
    style: Style


@dataclass(frozen=True)
class Band:
    low: Sequence[float]
    high: Sequence[float]
    style: Style


def value_range(lines: Sequence[Line], bands: Sequence[Band] = ()) -> tuple[float, float]:
    """A y range that holds every finite value, padded a little; (0, 1) when there is none."""
    xs = [v for ln in lines for v in ln.values if _finite(v)]
    xs += [v for b in bands for v in (*b.low, *b.high) if _finite(v)]
    if not xs:
        return 0.0, 1.0
    lo, hi = min(xs), max(xs)
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or 1.0
        return (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad
    pad = (hi - lo) * 0.05
    # Hours and counts cannot go below zero; neither should their axis.
    return (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad


def _finite(v: float | None) -> bool:
    return v is not None and math.isfinite(v)


def draw(
    width: int,
    height: int,
    lines: Sequence[Line],
    bands: Sequence[Band] = (),
    points: int | None = None,
    y_range: tuple[float, float] | None = None,
) -> list[list[tuple[str, Style | None]]]:
    """Rows of braille, `width` cells wide and `height` rows high, as runs of (text, style).

    A styled cell is a run of its own and unstyled cells are joined (None: no style of
    their own), the segments a Rich `Text` with a span per styled cell renders as, so
    a chart drawn from the runs looks, and exports, as one drawn from that Text did.

    Index i of every series is drawn at x = i of `points` positions across the
    width (default: the longest series), so series of different lengths share
    one time axis. Weeks without a value (NaN: no campaign finished, say) are
    bridged by the line from the last value to the next.
    """
    width, height = max(width, 1), max(height, 1)
    n = points or max((len(s.values) for s in lines), default=1)
    lo, hi = y_range or value_range(lines, bands)
    # The play screen draws six charts a week: the arithmetic below is kept in the
    # order the positions were first defined in, so that every dot rounds as it did.
    dx1, dy1, nm1 = width * 2 - 1, height * 4 - 1, max(n - 1, 1)

    def x_of(i: int) -> int:
        return round(i * dx1 / nm1)

    def y_of(v: float) -> int:
        frac = (hi - v) / (hi - lo) if hi > lo else 0.5
        return min(dy1, max(0, round(frac * dy1)))

    cells = [[0] * width for _ in range(height)]
    colour: list[list[Style | None]] = [[None] * width for _ in range(height)]
    background: list[list[Style | None]] = [[None] * width for _ in range(height)]

    for band in bands:
        for i, (a, b) in enumerate(zip(band.low, band.high, strict=False)):
            if not (_finite(a) and _finite(b)):
                continue
            x0 = x_of(i) // 2
            x1 = x_of(i + 1) // 2 if i + 1 < min(len(band.low), len(band.high)) else x0
            top, bottom = y_of(max(a, b)) // 4, y_of(min(a, b)) // 4
            for cx in range(x0, max(x0, x1 - 1) + 1):
                for cy in range(top, bottom + 1):
                    background[cy][cx] = band.style

    for line in lines:
        prev: tuple[int, int] | None = None
        for i, v in enumerate(line.values):
            if not _finite(v):
                continue
            point = (x_of(i), y_of(v))
            for x, y in _segment(prev, point):
                cx, cy = x // 2, y // 4
                cells[cy][cx] |= _DOT[x % 2][y % 4]
                colour[cy][cx] = line.style  # the line drawn later takes the cell
            prev = point

    rows = []
    for cells_row, colour_row, background_row in zip(cells, colour, background, strict=True):
        runs: list[tuple[str, Style | None]] = []
        plain: list[str] = []  # unstyled cells waiting to be joined into one run
        for bits, line_style, back in zip(cells_row, colour_row, background_row, strict=True):
            cell = _CELLS[bits]
            style = line_style if back is None else (line_style or Style()) + back
            if style:
                if plain:
                    runs.append(("".join(plain), None))
                    plain = []
                runs.append((cell, style))
            else:
                plain.append(cell)
        if plain:
            runs.append(("".join(plain), None))
        rows.append(runs)
    return rows


def _segment(a: tuple[int, int] | None, b: tuple[int, int]) -> list[tuple[int, int]]:
    """Dots from a to b (Bresenham), or just b when the line starts there."""
    if a is None:
        return [b]
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    out = []
    while True:
        out.append((x0, y0))
        if x0 == x1 and y0 == y1:
            return out
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy
