"""Scripts of player actions for headless runs: read from a file or given as data.

A script is a list of `[[script]]` steps (a week and the actions taken after
it). It is validated as the script of the very scenario it will run in, so the
schema checks each action and the horizon, and an error names the script's
file and the key path inside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sim.scenario import Scenario, ScenarioError, ScriptStep, parse_scenario, read_toml


def script_steps(
    steps: Any, scenario: Scenario, source: str, prefix: str = "script"
) -> tuple[ScriptStep, ...]:
    """Steps given as data (a list of tables), checked against `scenario`.

    `prefix` is where the steps sit in `source` (an experiment file's
    `variants.1.script`), so an error's key path is the user's.

    Raises:
        ScenarioError: not a list of steps, or a step the scenario refuses.
    """
    if not isinstance(steps, list) or not steps:
        raise ScenarioError("expected one or more [[script]] steps", source, prefix)
    trial = scenario.to_toml_dict()
    trial["script"] = steps
    try:
        return parse_scenario(trial, source).script
    except ScenarioError as exc:
        if prefix == "script":  # a script file: its key paths are already the user's
            raise
        if exc.path == "script" or exc.path.startswith("script."):
            raise ScenarioError(exc.message, source, prefix + exc.path[len("script") :]) from None
        if exc.path == "":  # the scenario's own checks (a step after the last week)
            raise ScenarioError(exc.message, source, prefix) from None
        raise


def load_script(path: str | Path, scenario: Scenario) -> tuple[ScriptStep, ...]:
    """The validated steps of a script file, checked against `scenario`.

    Example::

        from sim import load_scenario, load_script, run
        scn = load_scenario("siloed-marketing")
        plan = load_script("scenarios/strategies/siloed-marketing/good.toml", scn)
        result = run(scn.with_actions(plan), seed=1)

    Raises:
        ScenarioError: naming the script file and the key path of the problem.
    """
    source = str(path)
    data = read_toml(path)
    unknown = sorted(k for k in data if k != "script")
    if unknown:
        message = "unknown key (a script file holds only [[script]] steps)"
        raise ScenarioError(message, source, unknown[0])
    return script_steps(data.get("script"), scenario, source)
