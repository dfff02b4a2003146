"""Builders of tiny hand-made orgs whose outcome can be worked out by hand.

Every org built here switches randomness off where it can: no random demand
(campaigns arrive as scripted events), efforts exactly their means, no random
message changes, no attrition, every baseline engagement 0.5, engagement
frozen (rate 0) and nothing carried by the hallway. A worker then works at
0.6 + 0.6 * 0.5 = 0.9 effort hours per hour (a one-person team pays no
overhead), so a 9-hour task takes 10 hours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sim import parse_scenario
from sim.scenario import Scenario

SPEED = 0.9
"""Effort hours per hour of a worker at engagement 0.5, full ramp, no overhead."""

QUIET_PARAMS: dict[str, Any] = {
    "campaigns_per_week": 0,
    "own_work_per_week": 0,
    "effort_cv": 0,
    "message_changes_per_campaign": 0,
    "attrition": False,
    "baseline_engagement": 0.5,
    "baseline_spread": 0,
    # Engagement, and with it speed, stays put unless a test says otherwise.
    "engagement_rate": 0,
    # Nothing travels the hallway: only the routes a test sets up carry news.
    "hallway_p": 1e-12,
    "openness_local": 1.0,
    # The prices of Economics switched off, so that hours can be worked out by hand:
    # no warm-up (the quiet org has nothing to settle), the old speed line, no hours
    # for alignment, tool upkeep or refocusing after meetings, no forming teams, no
    # lone-specialist loss (one-person teams here), no crowding or agenda limits.
    "warmup_weeks": 0,
    "productivity_base": 0.6,
    "productivity_slope": 0.6,
    "alignment_hours": 0,
    "channel_focus_loss": 0,
    "tool_upkeep_hours": 0,
    "meeting_switch_hours": 0,
    "forming_delay": 0,
    "big_team_delay": 0,
    "lone_specialist_loss": 0,
    "mentor_hours": 0,
    "meeting_crowd": 10_000,
    "chat_crowd": 10_000,
    "overhead_per_craft": 0,
    "meeting_agenda_p": 1.0,
    # No agenda limit on chat either (chat_agenda_p came after the comment above): a
    # tiny org's chat link carries plans and assets as it carries handoffs. No test
    # here needs it yet; it keeps "no agenda limits" true for the next one.
    "chat_agenda_p": 1.0,
    "liaison_span": 1000,
    "tool_adoption_weeks": 0.001,
}

TWO_TEAMS = [
    {"name": "A", "skills": ["a"], "members": ["Ann"]},
    {"name": "B", "skills": ["b"], "members": ["Bob"]},
]

LAUNCH = {
    "name": "launch",
    "tasks": [
        {"name": "draft", "skill": "a", "effort": 9},
        {"name": "publish", "skill": "b", "effort": 9, "after": ["draft"]},
    ],
}


def tiny_org(
    *,
    links: list[dict[str, Any]] | None = None,
    params: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    templates: list[dict[str, Any]] | None = None,
    teams: list[dict[str, Any]] | None = None,
    tools: dict[str, Any] | None = None,
    weeks: int = 3,
    levers: list[str] | None = None,
) -> Scenario:
    """Team A (Ann, skill a) and team B (Bob, skill b); a campaign A then B at week 0.

    Every part can be replaced; `params` are added to (and override) QUIET_PARAMS.
    `levers` are the scenario's (empty: every verb but set_mix, which a scenario must
    name to offer).
    """
    return parse_scenario(
        {
            "name": "tiny",
            "weeks": weeks,
            "teams": teams or TWO_TEAMS,
            "links": links or [],
            "tools": tools or {},
            "demand": {"templates": templates or [LAUNCH]},
            "events": events
            if events is not None
            else [{"week": 0, "kind": "campaign", "template": "launch"}],
            "params": {**QUIET_PARAMS, **(params or {})},
            "levers": levers or [],
        }
    )


def faq_org(**kw: Any) -> Scenario:
    """A makes the FAQ on 'returns' at week 0; B makes the same FAQ at week 1."""
    templates = [
        {
            "name": "x",
            "tasks": [
                {"name": "faq", "skill": "a", "effort": 9, "asset": "FAQ", "topic": "returns"}
            ],
        },
        {
            "name": "y",
            "tasks": [
                {"name": "faq", "skill": "b", "effort": 9, "asset": "FAQ", "topic": "returns"}
            ],
        },
    ]
    events = [
        {"week": 0, "kind": "campaign", "template": "x"},
        {"week": 1, "kind": "campaign", "template": "y"},
    ]
    return tiny_org(templates=templates, events=events, **kw)


@pytest.fixture
def make_org() -> Callable[..., Scenario]:
    """The tiny-org builder (see `tiny_org`)."""
    return tiny_org


@pytest.fixture
def make_faq_org() -> Callable[..., Scenario]:
    """Two teams making the same FAQ a week apart (see `faq_org`)."""
    return faq_org
