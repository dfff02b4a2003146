"""Rewrite the golden summaries of the built-in scenarios.

    python -m tests.scenarios.regen_golden

Run it after a deliberate change of model behaviour, review the diff of
tests/scenarios/golden/, and commit it with the change.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

from scenarios.catalog import entries
from sim import load_scenario, run

GOLDEN = Path(__file__).with_name("golden")


def golden_text(name: str) -> str:
    """The summary of a built-in at its default seed, as its golden file holds it.

    NaN (no campaign done, say) is written as null. Numbers are kept at full
    precision: JSON writes the shortest text that reads back as the same float.
    """
    scn = load_scenario(name)
    summary = run(scn, seed=scn.seed).summary
    data = {k: None if math.isnan(v) else v for k, v in summary.items()}
    return json.dumps(data, indent=1, sort_keys=True) + "\n"


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main() -> None:
    for entry in entries():
        _write_atomic(GOLDEN / f"{entry.name}.json", golden_text(entry.name))


if __name__ == "__main__":
    main()
