"""Fixtures for the game's tests: a private save folder and an app factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pilot_kit import FIXTURES

from game.tui.app import SiloApp


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def make_app(saves: Path) -> Callable[..., SiloApp]:
    """A game saving into a temporary folder, listing the fixtures folder's scenarios."""

    def make(*args: Any, **kwargs: Any) -> SiloApp:
        kwargs.setdefault("saves", saves)
        kwargs.setdefault("folder", FIXTURES)
        kwargs.setdefault("previews", False)
        return SiloApp(*args, **kwargs)

    return make
