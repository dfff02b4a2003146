"""Every measure a run reports: its label, unit and one-line definition, in one place.

The command line's tables, the game's glossary and the reports all read these,
so a measure means the same thing wherever a user meets it (issue 9: "meaning
of measures"). Money is in the scenario's currency; hours are working hours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    """What a number means."""

    key: str
    label: str
    """Short label for tables (with its unit)."""
    unit: str
    definition: str
    """One line: what is counted and how."""
    headline: bool = False
    """Shown in summary tables by default."""


MEASURES: tuple[Measure, ...] = (
    Measure(
        "efficiency",
        "Efficiency (value per 1,000 spent)",
        "value / 1,000 money",
        "Value delivered (campaigns, initiatives, routine work) per 1,000 of spend.",
        headline=True,
    ),
    Measure(
        "value",
        "Value delivered",
        "value",
        "Campaigns live (value x on time x "
        "on message), initiatives done and routine work, added up.",
        headline=True,
    ),
    Measure(
        "spend",
        "Spend",
        "money",
        "Paid hours at their hourly cost (agencies at their fee), tool licences, "
        "recruiting, the pay of people on leave and one-off costs.",
        headline=True,
    ),
    Measure(
        "value_per_khour",
        "Value per 1,000 paid h",
        "value / 1,000 h",
        "Value delivered per 1,000 paid hours (efficiency before money).",
    ),
    Measure(
        "campaigns_done", "Campaigns live", "campaigns", "Campaigns that went live.", headline=True
    ),
    Measure(
        "campaigns_late",
        "Campaigns late",
        "campaigns",
        "Campaigns that went live after their due time, plus open ones already past it.",
        headline=True,
    ),
    Measure(
        "lead_time_mean",
        "Lead time, mean (h)",
        "h",
        "Hours from a campaign's arrival to going live, campaigns live.",
        headline=True,
    ),
    Measure(
        "lead_time_p90",
        "Lead time, p90 (h)",
        "h",
        "The lead time nine campaigns in ten beat.",
        headline=True,
    ),
    Measure(
        "first_time_share",
        "First-time work share",
        "share of paid h",
        "Hours on campaign tasks and own initiatives done for the first time.",
        headline=True,
    ),
    Measure(
        "duplicated_share",
        "Duplicated share",
        "share of paid h",
        "Hours making an output another team had already made or was making.",
        headline=True,
    ),
    Measure(
        "rework_share",
        "Rework share",
        "share of paid h",
        "Hours redoing outputs made on an old message.",
        headline=True,
    ),
    Measure(
        "meetings_share",
        "Meetings share",
        "share of paid h",
        "Hours in cross-team meetings, guilds and celebrations.",
        headline=True,
    ),
    Measure(
        "info_wait_share",
        "Information wait share",
        "share of paid h",
        "Idle hours while work sat done upstream but unheard (at most its effort).",
        headline=True,
    ),
    Measure(
        "hours_duplicated", "Duplicated hours", "h", "Duplicated work, in hours.", headline=True
    ),
    Measure("hours_rework", "Rework hours", "h", "Rework, in hours.", headline=True),
    Measure("hours_meetings", "Meeting hours", "h", "Meetings, in hours.", headline=True),
    Measure(
        "hours_info_wait",
        "Information wait hours",
        "h",
        "Information wait, in hours.",
        headline=True,
    ),
    Measure(
        "handoff_wait_mean",
        "Handoff wait per handoff (h)",
        "h",
        "Hours from an input being done to the team that needs it knowing.",
        headline=True,
    ),
    Measure(
        "engagement",
        "Engagement (end)",
        "0-1",
        "Mean engagement of the people in the org in the last week.",
        headline=True,
    ),
    Measure(
        "engagement_mean", "Engagement (mean)", "0-1", "Mean engagement over the weeks played."
    ),
    Measure(
        "quits",
        "Quits",
        "people",
        "People who quit (each replaced after the hiring delay, at a recruiting cost).",
        headline=True,
    ),
    Measure(
        "consistency",
        "Consistency",
        "share of outputs",
        "Outputs that went live on the campaign's current message.",
        headline=True,
    ),
    Measure(
        "silo_index",
        "Silo index",
        "share of handoffs",
        "Cross-team handoffs of the campaign templates with no route faster than email "
        "(0 when no handoff crosses a team).",
        headline=True,
    ),
    Measure("tool_cost", "Tool licences", "money", "Licences of the org's tools."),
)

BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}


def label(key: str) -> str:
    """The table label of a measure (its key when it has none)."""
    m = BY_KEY.get(key)
    return m.label if m is not None else key
