"""Generated orgs of any size, shaped like `siloed-marketing`, for benchmarks and tests.

Demand scales with head count (campaigns, initiatives per channel, topic pool),
so a 10x larger org faces 10x the work at the same load.
"""

from __future__ import annotations

from typing import Any

from scenarios.catalog import builtin_path

_SKILLS = ("seo", "social", "email", "content")
_TEAM_NAMES = ("SEO", "Social", "Email", "Content")


def big_org(people: int = 1000, teams: int = 100, weeks: int = 52, seed: int = 1) -> dict[str, Any]:
    """Scenario data: `teams` channel teams of equal size over four skills, email between all."""
    import tomllib

    base = tomllib.loads(builtin_path("siloed-marketing").read_text(encoding="utf-8"))  # type: ignore[union-attr]
    scale = people / 20
    size, extra = divmod(people, teams)
    team_list = [
        {
            "name": f"{_TEAM_NAMES[i % 4]} {i // 4 + 1}",
            "skills": [_SKILLS[i % 4]],
            "size": size + (1 if i < extra else 0),
        }
        for i in range(teams)
    ]
    return {
        "name": f"generated-{people}",
        "title": f"Generated org of {people} people in {teams} teams",
        "summary": "A scaled-up siloed marketing department.",
        "weeks": weeks,
        "seed": seed,
        "teams": team_list,
        "links": [{"kind": "email", "teams": ["*"]}],
        "demand": base["demand"],
        "params": {
            "campaigns_per_week": 1.5 * scale,
            "own_work_per_week": 6 * scale,
            "topics": int(120 * scale),
        },
    }
