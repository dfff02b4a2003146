"""Bulleted lines that wrap under their own text (a hanging indent), for any width."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text


def bullets(lines: Sequence[str], style: str = "", mark: str = "•") -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row(mark, Text(line, style=style))
    return grid
