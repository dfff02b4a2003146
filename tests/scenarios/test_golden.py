"""Each built-in scenario at its default seed against a checked-in summary.

Numbers are compared at a relative tolerance of 1e-9 (and 1e-12 absolute, for
values that should be zero): with the versions pinned in constraints.txt a run
repeats bit for bit on one machine, but another CPU or build of numpy and libm
may round a last bit differently, and the sum of thousands of such floats
carries it into the 15th or 16th digit. Any change of model behaviour moves a
summary far more than that. A difference is a change in model behaviour (or in
a built-in): review it, then regenerate with `python -m tests.scenarios.regen_golden`
and commit the files in tests/scenarios/golden/.
"""

from __future__ import annotations

import json
import math

import pytest
from regen_golden import GOLDEN, golden_text

from scenarios.catalog import entries

RELATIVE = 1e-9
ABSOLUTE = 1e-12


def differences(expected: dict[str, float | None], got: dict[str, float | None]) -> list[str]:
    """The measures that differ beyond the tolerance, with both values; NaN is null."""
    found = [f"{k}: missing" for k in sorted(expected.keys() - got.keys())]
    found += [f"{k}: new" for k in sorted(got.keys() - expected.keys())]
    for key in sorted(expected.keys() & got.keys()):
        want, have = expected[key], got[key]
        if want is None or have is None:
            same = want is have
        else:
            same = math.isclose(want, have, rel_tol=RELATIVE, abs_tol=ABSOLUTE)
        if not same:
            found.append(f"{key}: {want!r} -> {have!r}")
    return found


@pytest.mark.parametrize("name", [e.name for e in entries()])
def test_summary_matches_the_golden_file(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    changed = differences(expected, json.loads(golden_text(name)))
    assert not changed, (
        f"{name} no longer gives its golden summary ({'; '.join(changed)}): if the change "
        "is meant, run python -m tests.scenarios.regen_golden and commit the files"
    )


def test_the_tolerance_tells_a_last_bit_from_a_change() -> None:
    golden = {"value": 1234.5678, "quits": 0.0, "consistency": None}
    assert differences(golden, {"value": 1234.5678 * (1 + 2e-16), "quits": 0.0,
                                "consistency": None}) == []  # fmt: skip
    assert differences(golden, {"value": 1234.5679, "quits": 0.0, "consistency": None})
    assert differences(golden, {"value": 1234.5678, "quits": 0.0, "consistency": 0.5})
