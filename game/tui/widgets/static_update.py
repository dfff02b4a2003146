"""Updating a `Static` only when what it shows changed.

`Static.update` repaints the widget and lays the screen out again even when the
content is the same as before, and the play screen updates several such lines
every week whose text rarely changes (the chart key, the score line, the links,
the team hint): skipping those updates keeps the week's frame small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text
    from textual.widgets import Static


def update_if_changed(static: Static, content: str | Text) -> None:
    """Show `content` in `static`, unless it already shows exactly that."""
    if content != static.content:
        static.update(content)
