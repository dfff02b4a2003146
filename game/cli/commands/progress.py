"""A one-line progress bar on stderr for long headless runs.

Written by hand (a carriage return and a line of text) rather than with rich,
so the headless path stays light. It shows only on a terminal, and only once
the work has taken longer than a moment: quick runs and logs stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from game.cli.commands.interrupts import stop_if_interrupted

DELAY_S = 0.3  # wait this long before drawing: most short runs never show a bar
REDRAW_S = 0.1  # at most ten redraws a second
BAR_WIDTH = 24


class Progress:
    """Progress of `total` units of work; call `advance()` as units finish."""

    def __init__(self, total: int, label: str, unit: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.unit = unit
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, units: int = 1) -> None:
        stop_if_interrupted()  # each finished unit is a safe place to stop
        self.done = min(self.done + units, self.total)
        if not self.enabled:
            return
        now = time.monotonic()
        too_soon = now - self._start < DELAY_S
        too_often = now - self._last_draw < REDRAW_S and self.done < self.total
        if too_soon or too_often:
            return
        self._last_draw = now
        filled = round(BAR_WIDTH * self.done / self.total)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {self.unit}")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar, so the results print on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False
