"""sim.skips: a script meets a different org in each replication; what can never apply is refused.

A quit rate far above the model's makes "the person named has left" common
enough to see in a few short runs (seeded, so the counts are the same each time).
"""

from __future__ import annotations

import pytest

from sim.actions import ActionError, MoveWorker
from sim.engine import run
from sim.experiment import compare
from sim.scenario import parse_scenario
from sim.skips import check_script, skipped_counts, skipped_lines

ORG = {
    "name": "two-teams",
    "weeks": 8,
    "params": {"quit_base": 0.08, "warmup_weeks": 0},
    "teams": [
        {"name": "SEO", "skills": ["seo"], "members": ["Ana", "Ben", "Cy"]},
        {"name": "Content", "skills": ["content"], "members": ["Dee", "Eli", "Fay"]},
    ],
    "demand": {"templates": [{"name": "post", "tasks": [
        {"name": "draft", "skill": "content", "effort": 10},
        {"name": "optimise", "skill": "seo", "effort": 5, "after": ["draft"]},
    ]}]},
}  # fmt: skip


def org(**changes: object) -> dict[str, object]:
    return {**ORG, **changes}


def test_an_action_on_someone_who_quit_is_skipped_and_counted_not_a_crash() -> None:
    base = parse_scenario(org())
    moved = base.with_actions([(6, MoveWorker(worker="Ana", to_team="Content"))])
    # One run on its own still refuses, as the game does.
    seeds = [s for s in range(40) if not _ana_stays(moved, s)]
    assert seeds, "no seed in 40 where Ana quits by week 6: raise quit_base"
    with pytest.raises(ActionError, match="script at week 6"):
        run(moved, seed=seeds[0])
    result = compare({"today": base, "move Ana": moved}, 12, seed=3, executor=None)
    counts = skipped_counts(result.runs[1])
    assert len(counts) == 1
    text, n = counts[0]
    assert 0 < n < 12  # skipped where Ana had left, applied where she had not
    assert "script at week 6" in text and "skipped" in text and "Ana" in text
    applied = sum(1 for r in result.runs[1] if r.actions)
    assert applied + n == 12
    (line,) = skipped_lines(result.labels, result.runs)
    assert line.startswith(f"move Ana: skipped in {n} of 12 runs: script at week 6")


def _ana_stays(scenario: object, seed: int) -> bool:
    try:
        run(scenario, seed=seed)  # type: ignore[arg-type]
    except ActionError:
        return False
    return True


def test_what_can_never_apply_is_refused_before_any_run() -> None:
    nobody = parse_scenario(org()).with_actions([(2, MoveWorker(worker="Zed", to_team="SEO"))])
    with pytest.raises(ActionError, match=r"no one called 'Zed'.*can never apply"):
        check_script(nobody, "B")
    with pytest.raises(ActionError, match="can never apply"):
        compare({"a": parse_scenario(org()), "b": nobody}, 2, executor=None)
    # A scripted event removes Ana at week 1: moving her at week 3 can never happen.
    leaves = parse_scenario(org(events=[{"week": 1, "kind": "leave", "worker": "Ana"}]))
    with pytest.raises(ActionError, match="can never apply"):
        check_script(leaves.with_actions([(3, MoveWorker(worker="Ana", to_team="Content"))]))
    # Moving Ana with nobody quitting works: that check passes, the runs decide.
    ana = MoveWorker(worker="Ana", to_team="Content")
    check_script(parse_scenario(org()).with_actions([(3, ana)]))
