"""Each built-in's par plan: the benchmark a table plays against (MODEL.md E4).

Par plans are found by `silo search` on seeds these tests never use (each file
names the command that found it). Judged on efficiency over the 20 paired
seeds of `scenario_kit.SEEDS`: par beats doing nothing (the 95% interval of
the paired difference clears zero) and beats the good strategy or ties it (the
interval of par - good reaches zero or above). Across the five built-ins with
a story longer than the tutorial's, the par plans use at least three different
sets of levers: context decides.
"""

from __future__ import annotations

import tomllib

import pytest
from scenario_kit import STRATEGIES, paired, runs, summary, with_strategy

from scenarios.catalog import entries
from sim import load_scenario

NAMES = [e.name for e in entries()]
EFFICIENCY = summary("efficiency")


def levers_of(name: str) -> frozenset[str]:
    """The levers a par plan pulls: its verbs, a link named with its kind (a chat and a
    liaison are different levers to a manager)."""
    data = tomllib.loads((STRATEGIES / name / "par.toml").read_text(encoding="utf-8"))
    out = set()
    for step in data["script"]:
        for action in step["do"]:
            verb = action["action"]
            out.add(f"{verb} {action['kind']}" if verb == "add_link" else verb)
    return frozenset(out)


@pytest.mark.parametrize("name", NAMES)
def test_par_names_the_search_that_found_it(name: str) -> None:
    text = (STRATEGIES / name / "par.toml").read_text(encoding="utf-8")
    assert "silo search " + name in text, f"{name}/par.toml does not say how it was found"


@pytest.mark.parametrize("name", NAMES)
def test_par_beats_doing_nothing_and_beats_or_ties_the_good_strategy(name: str) -> None:
    nothing = runs(load_scenario(name))
    par = runs(with_strategy(name, "par"))
    good = runs(with_strategy(name, "good"))
    gain = paired(nothing, par, EFFICIENCY)
    assert gain.low > 0, f"{name}: par does not beat doing nothing on efficiency: {gain}"
    versus_good = paired(good, par, EFFICIENCY)
    assert versus_good.high >= 0, f"{name}: par loses to the good strategy: {versus_good}"


def test_par_plans_teach_different_lessons() -> None:
    stories = [n for n in NAMES if n != "tutorial"]
    sets = {levers_of(n) for n in stories}
    assert len(sets) >= 3, {n: sorted(levers_of(n)) for n in stories}
