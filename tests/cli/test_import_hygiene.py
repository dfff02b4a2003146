"""The headless path never loads the game's UI, and `--help` loads nothing heavy.

Proved in fresh interpreters, as Harlequin does: whatever a test process has
imported already cannot hide an import here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import CHECKOUT_ENV, REPO, TINY


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )


def test_headless_run_never_imports_textual_or_rich() -> None:
    proc = python(
        f"""
import sys
import game.cli, game.cli.commands.run, sim
result = sim.run(sim.load_scenario({str(TINY)!r}), seed=1, weeks=2)
assert result.weeks == 2
code = game.cli.main(["run", {str(TINY)!r}, "--weeks", "2", "--replications", "2"])
assert code == 0, code
print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
"""
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_run_help_imports_no_simulation_or_ui_modules() -> None:
    proc = python(
        """
import sys
import game.cli
try:
    game.cli.main(["run", "--help"])
except SystemExit as exit:
    assert exit.code == 0, exit.code
heavy = ("numpy", "simpy", "pydantic", "sim", "textual", "rich", "matplotlib")
# The limits are constants the options' checks need; the package's __init__ is lazy.
light = ("sim", "sim.limits")
print(sorted(m for m in sys.modules if m.split(".")[0] in heavy and m not in light))
"""
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_import_contracts_hold() -> None:
    # The console script sits beside the interpreter in a virtualenv or pyenv.
    lint_imports = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run(
        [str(lint_imports)], capture_output=True, text=True, cwd=REPO, env=CHECKOUT_ENV,
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" not in proc.stdout.split("Contracts:")[-1].replace("0 broken", "")
