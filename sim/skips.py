"""Scripts that survive replications: what can never apply is refused, the rest counted.

A script written against the org as it starts can meet a different org in a
replication: someone it names quit, so a move of them cannot happen. Such an
action is skipped in that run and told (a feed event of kind "skipped"), and
an experiment reports how often ("skipped in 3 of 20 runs: ...") instead of
ending on the first run that met it.

What could never apply is still refused before anything runs: the script is
tried once on the scenario with attrition switched off, where the org changes
only by the scenario's own events and the script's actions, so an action that
fails there fails in every run (a team that no longer exists after a reorg, a
person a scripted event removes, a name nobody has).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sim.actions import ActionError

if TYPE_CHECKING:
    from sim.results import RunResult
    from sim.scenario import Scenario

SKIPPED = "skipped"

# Scripts already tried, by the scenario without its parameters (which change how
# fast things happen, not which teams and people exist): a sensitivity analysis
# runs one script under many parameter values and need try it once.
_checked: set[str] = set()


def check_script(scenario: Scenario, label: str = "") -> None:
    """Raise ActionError if a scripted action can never apply, whatever the seed.

    Runs the scenario only up to its last scripted week, with nobody quitting.
    """
    if not scenario.script:
        return
    key = scenario.model_dump_json(exclude={"params"})
    if key in _checked:
        return
    from sim.engine import Simulation
    from sim.experiment import with_overrides

    last = max(step.week for step in scenario.script)
    calm = with_overrides(scenario, {"params.attrition": False})
    try:
        sim = Simulation(calm)
        sim.step(min(last, sim.weeks))
    except ActionError as exc:
        who = f"{label}: " if label else ""
        raise ActionError(f"{who}{exc} (this can never apply, so nothing ran)") from None
    _checked.add(key)


def skipped_counts(runs: Sequence[RunResult]) -> list[tuple[str, int]]:
    """Each skipped action's message and the number of runs it was skipped in, most first."""
    counts: dict[str, int] = {}
    for run in runs:
        for text in dict.fromkeys(e.text for e in run.events if e.kind == SKIPPED):
            counts[text] = counts.get(text, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def skipped_lines(labels: Sequence[str], runs: Sequence[Sequence[RunResult]]) -> list[str]:
    """One warning per variant and skipped action: 'B: skipped in 3 of 20 runs: ...'."""
    lines = []
    for label, variant_runs in zip(labels, runs, strict=True):
        for text, n in skipped_counts(variant_runs):
            lines.append(f"{label}: skipped in {n} of {len(variant_runs)} runs: {text}")
    return lines
