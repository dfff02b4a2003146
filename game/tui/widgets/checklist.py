"""A SelectionList whose ticks read without colour.

Textual's SelectionList draws the same "X" for picked and unpicked options and
tells them apart by colour alone, which a 16-colour or monochrome terminal (a
projector, a screen reader's mirror) loses: here a picked option reads "[x]".
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class CheckList(SelectionList[str]):
    """Options with "[x]" or "[ ]" before each (the same width as Textual's tick)."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            option = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        base = next(iter(line)).style or self.rich_style
        picked = option.value in self._selected
        mark = Style(bold=True) if picked else Style()
        # The option's index in the meta makes a click on the tick toggle it, as Textual's does.
        style = base + mark + Style(meta={"option": index})
        return Strip([Segment("[x] " if picked else "[ ] ", style), *line])
