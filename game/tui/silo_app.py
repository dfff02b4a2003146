"""The running app as the `SiloApp` it is, for screens that use its game-wide settings.

Textual types `self.app` as a plain `App`; the screens need SiloApp's saves
folder, autosave and preview switches and its screen changes. One cast here
instead of an untyped `app: Any` in every screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from game.tui.app import SiloApp


def silo_app(node: DOMNode) -> SiloApp:
    """The app `node` runs in."""
    return cast("SiloApp", node.app)
