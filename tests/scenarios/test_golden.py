"""Each built-in scenario at its default seed against a checked-in summary.

The comparison is exact: same scenario, same seed, same numbers, bit for bit.
A difference is a change in model behaviour (or in a built-in): review it,
then regenerate with `python -m tests.scenarios.regen_golden` and commit the
files in tests/scenarios/golden/.
"""

from __future__ import annotations

import pytest
from regen_golden import GOLDEN, golden_text

from scenarios.catalog import entries


@pytest.mark.parametrize("name", [e.name for e in entries()])
def test_summary_matches_the_golden_file(name: str) -> None:
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    assert golden_text(name) == expected, (
        f"{name} no longer gives its golden summary: if the change is meant, "
        "run python -m tests.scenarios.regen_golden and commit the files"
    )
