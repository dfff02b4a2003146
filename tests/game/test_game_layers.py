"""The game's UI-free layer is UI-free at run time too, not only to import-linter.

import-linter (pyproject.toml) proves no import statement reaches Textual or
Rich from game.present; this proves it in a fresh interpreter, where a lazy
import inside a function would show as well (as Harlequin does for its core).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_reports_saves_and_replays_load_no_textual_or_rich(tmp_path: Path) -> None:
    code = f"""
import sys
from pathlib import Path
from game.present import figures, lessons, report, save_schema, saves, verbs, whatif, why
from game.present.report import replay
from game.present.saves import read_save, write_save
from game.present.session import GameSession
from sim import load_scenario
from sim.actions import EnableTool

session = GameSession(load_scenario("tutorial"), 1)
session.queue(EnableTool(tool="shared_calendar"))
for _ in range(3):
    session.advance(report=False)
path = Path({str(tmp_path / "g.json")!r})
write_save(path, session.record())
again = GameSession.from_record(read_save(path))
run = replay("table", again)
assert lessons.lessons(run.result, run.baseline, run.history)
assert "<html" in report.report_html([run], again.scenario)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
