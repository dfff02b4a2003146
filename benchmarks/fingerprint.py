"""Fingerprints of the engine's results, to show that a change meant to be faster changed none.

The golden summaries (tests/scenarios) hold each built-in scenario at its default
seed. This covers more, for engine work that must leave every number alone:
every built-in scenario with no plan, its good and its bad strategy, seeds 1-3;
a game played week by week with decisions, its snapshots included; and
generated orgs of 300 and 1,000 people. Each run's weekly series, per-team
series, summary and feed are hashed.

Usage:
    python benchmarks/fingerprint.py OUT.json                   # this tree's
    python benchmarks/fingerprint.py OUT.json --tree /tmp/base  # another checkout's
    python benchmarks/fingerprint.py OUT.json --against A.json  # and compare

Typical use: write them at the commit before a change, then with the change,
and compare; "identical" is the verdict to quote. Takes some seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def use_tree(tree: Path) -> None:
    """Import the engine (and the scenario kit of its tests) from `tree`."""
    sys.path.insert(0, str(tree))
    sys.path.insert(0, str(tree / "tests" / "scenarios"))


def digest(result: Any) -> str:
    """A short hash of everything a run reports."""
    h = hashlib.sha256()
    for key in sorted(result.weekly):
        h.update(key.encode())
        h.update(result.weekly[key].tobytes())
    for team in sorted(result.team_weekly):
        for key in sorted(result.team_weekly[team]):
            h.update(result.team_weekly[team][key].tobytes())
    h.update(json.dumps(result.summary, sort_keys=True, default=str).encode())
    for event in result.events:
        h.update(repr(event).encode())
    return h.hexdigest()[:16]


def stepwise() -> dict[str, str]:
    """A game played week by week with a decision every few weeks, snapshots and all."""
    from sim import Simulation, load_scenario
    from sim import actions as a

    sim = Simulation(load_scenario("siloed-marketing"), seed=5)
    plan = {
        2: a.SetGoal(team="*", shared_weight=0.7),
        4: a.AddLink(kind="chat", teams=("SEO", "Content")),
        6: a.MergeTeams(teams=("SEO", "Content")),
        9: a.FormSquads(),
        12: a.Celebrate(),
        14: a.EnableTool(tool="shared_calendar"),
        16: a.Hire(team="Squad 1", skill="seo", count=2),
    }
    seen = []
    for week in range(26):
        if week in plan:
            try:
                sim.apply(plan[week])
            except Exception as exc:  # a refusal is part of the behaviour fingerprinted
                seen.append(repr(exc))
        sim.step(1)
        seen.append(repr(sim.snapshot()))
    return {
        "stepwise": hashlib.sha256("\n".join(seen).encode()).hexdigest()[:16],
        "stepwise_result": digest(sim.result()),
    }


def fingerprints() -> dict[str, str]:
    from scenario_kit import with_strategy

    from scenarios.catalog import entries
    from scenarios.generate import big_org
    from sim import load_scenario, run
    from sim.scenario import parse_scenario

    out = {}
    for entry in entries():
        for strategy in ("none", "good", "bad"):
            scn = (
                load_scenario(entry.name)
                if strategy == "none"
                else with_strategy(entry.name, strategy)
            )
            for seed in (1, 2, 3):
                out[f"{entry.name}/{strategy}/{seed}"] = digest(run(scn, seed=seed))
    out.update(stepwise())
    for people, seed in ((300, 1), (300, 2), (1000, 3)):
        scn = parse_scenario(big_org(people, people // 10, 26, seed))
        out[f"big/{people}/{seed}"] = digest(run(scn, seed=seed))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write this tree's fingerprints")
    parser.add_argument("--against", type=Path, help="fingerprints to compare with")
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout to run")
    args = parser.parse_args()
    use_tree(args.tree.resolve())
    out = fingerprints()
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(out)} fingerprints written to {args.out}")
    if args.against is None:
        return 0
    before = json.loads(args.against.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | out.keys() if before.get(k) != out.get(k))
    if not differ:
        print(f"identical to {args.against}")
        return 0
    print(f"{len(differ)} of {len(before.keys() | out.keys())} differ from {args.against}:")
    for key in differ:
        print(f"  {key}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
