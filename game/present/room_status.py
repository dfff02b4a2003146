"""What each table of a served session tells the room: its week, whether its decisions
for the round are in, its last decisions, its score against do-nothing and par, and the
figures on its screen, for the facilitator's console and the server's referee.

Each table's game writes `status.json` in its own folder after every week and every
decision; readers take whatever is there (a table that has not played yet has none).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.present.session import GameSession, Turn

STATUS_FILE = "status.json"


@dataclass(frozen=True)
class TableStatus:
    """One table as the console shows it."""

    week: int = 0
    weeks: int = 0
    ready: int = -1
    """The week whose decisions this table has submitted (lock-step); -1: none yet."""
    decisions: tuple[str, ...] = ()
    """Its last decisions taken, newest last (a few)."""
    queued: tuple[str, ...] = ()
    efficiency: float | None = None
    do_nothing: float | None = None
    par: float | None = None
    engagement: float | None = None
    screen: tuple[str, ...] = ()
    """The dashboard's figures as text lines: the console's look at the table's screen."""
    updated: float = 0.0
    events: tuple[str, ...] = field(default_factory=tuple)
    """The room's events this game has taken, or left out with the reason."""

    @property
    def submitted(self) -> bool:
        return self.ready >= self.week


def status_of(
    session: GameSession, turn: Turn | None, ready: int = -1, notes: tuple[str, ...] = ()
) -> TableStatus:
    """The status of a table's game (`turn`: its last week shown, None before any)."""
    from game.present.score import headline, parts, score
    from game.present.tables import table
    from game.present.verbs import describe

    decisions = tuple(f"wk {w}: {describe(a)}" for w, a in session.history[-4:])
    queued = tuple(describe(a) for a in session.queued)
    if turn is None:
        return TableStatus(session.week, session.weeks, ready, decisions, queued,
                           updated=time.time(), events=notes)  # fmt: skip
    now = score(turn.weekly, turn.baseline_weekly, turn.par_weekly)
    heads = ("so far", "you", "do-nothing", "par" if now.par else "")
    lines = table(heads, parts(now, session.scenario.currency), right=(1, 2, 3))
    return TableStatus(
        week=turn.week,
        weeks=turn.weeks,
        ready=ready,
        decisions=decisions,
        queued=queued,
        efficiency=_finite(now.you.efficiency),
        do_nothing=_finite(now.base.efficiency),
        par=_finite(now.par.efficiency) if now.par is not None else None,
        engagement=_finite(now.you.engagement),
        screen=(f"Week {turn.week} of {turn.weeks}", headline(now), *lines),
        updated=time.time(),
        events=notes,
    )


def _finite(x: float) -> float | None:
    """None for a figure not measured yet (no week played: NaN)."""
    return x if math.isfinite(x) else None


def write_status(table_folder: Path, status: TableStatus) -> None:
    from game.present.files import write_atomic

    write_atomic(table_folder / STATUS_FILE, json.dumps(asdict(status)) + "\n")


def read_status(table_folder: Path) -> TableStatus | None:
    """The table's last status (None: none written, or unreadable)."""
    try:
        data: dict[str, Any] = json.loads((table_folder / STATUS_FILE).read_text("utf-8"))
        for key in ("decisions", "queued", "screen", "events"):
            data[key] = tuple(str(x) for x in data.get(key, ()))
        return TableStatus(**data)
    except (OSError, ValueError, TypeError):
        return None
