"""`silo play --seat`: a bad team, bot or combination is one line and exit code 2, before
any screen takes over."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Silo, assert_one_line_error

CASES = {
    "unknown team": (
        ["play", "siloed-marketing", "--seat", "Legal"],
        ["seat 'Legal': no such team", "SEO, Social, Email, Content"],
    ),
    "unknown bot": (
        ["play", "siloed-marketing", "--seat", "SEO", "--bots", "lazy"],
        ["'lazy' is no bot", "selfish, cooperative, par"],
    ),
    "no scenario": (["play", "--seat", "SEO"], ["--seat needs a scenario"]),
    "par without a par plan": (
        ["play", "tests/cli/tiny.toml", "--seat", "SEO", "--bots", "par"],
        ["bot:par plays the scenario's par plan, and this scenario has none"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_seat_arguments(silo: Silo, case: str) -> None:
    args, fragments = CASES[case]
    assert_one_line_error(silo(*args), *fragments)


def test_a_broken_seat_save_is_one_line(silo: Silo, tmp_path: Path) -> None:
    save = tmp_path / "seats.json"
    save.write_text('{"format": "silo-seats", "version": 1, "scenario": 3}\n')
    assert_one_line_error(silo("play", "--load", str(save)), "scenario: expected")
