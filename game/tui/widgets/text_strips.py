"""Rows of Rich text as Textual strips, for widgets that draw through the line API.

The segments are those Rich's console makes of the lines (a Text's own style
becomes a span under its spans when Rich lays out lines, `Text.join`, then the
spans are cut up), without the console's measuring and wrapping: the caller
gives lines that are already cut to fit. Each row lies on the widget's own
style, as Textual lays a widget's content over it, and is cropped to `width`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console
    from rich.style import Style


def text_strips(lines: Iterable[Text], width: int, base: Style, console: Console) -> list[Strip]:
    """A strip per line of `lines` that shows anything, on `base`, at most `width` cells."""
    segments = Text("\n").join(lines).render(console)
    return [
        Strip(Segment.apply_style(line, base)).crop(0, width)
        for line in Segment.split_lines(segments)
    ]
