"""The glossary: every measure and every lever, in the words and prices the model uses.

Measures come from `sim.measures` (the one home of each measure's label, unit and
definition, which the command line's tables print too). Levers come from the
game's verbs (`game.present.verbs`, whose words are the engine's) with their
prices read off the scenario's own parameters (`sim.params`), so a glossary
entry never disagrees with what the engine charges in that scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.present.numbers import plain as num

if TYPE_CHECKING:
    from sim.params import Params
    from sim.scenario import Scenario


@dataclass(frozen=True)
class Entry:
    """One glossary entry: a name, what it is, and (for a lever) its economics."""

    key: str
    name: str
    what: str
    unit: str = ""
    moved_by: str = ""
    """A measure: the levers that move it most."""
    price: str = ""
    """A lever: what it costs, in hours and money."""
    pays: str = ""
    """A lever: how long before it pays."""
    limits: str = ""
    """A lever: where its return diminishes."""
    available: bool = True
    """A lever: whether it can be used in this scenario (the campaign mix only where
    the scenario lists it)."""
    suggested: bool = False
    """A lever: whether the scenario's briefing lists it among its levers."""


# Which levers move a measure most (the model's mechanics, MODEL.md).
MOVED_BY: dict[str, str] = {
    "efficiency": "everything below: value up, spend down",
    "value": "handoffs heard sooner (links, shared goals), less duplicated work (calendar)",
    "spend": "hires, tools (licences), agencies' fees",
    "duplicated_share": "shared calendar, knowledge base, links",
    "hours_duplicated": "shared calendar, knowledge base, links",
    "info_wait_share": "links (chat, meeting, liaison), shared goals",
    "hours_info_wait": "links (chat, meeting, liaison), shared goals",
    "handoff_wait_mean": "links, shared goals, squads",
    "meetings_share": "meetings, guilds, celebrations",
    "hours_meetings": "meetings, guilds, celebrations",
    "rework_share": "links that carry a changed message in time",
    "hours_rework": "links that carry a changed message in time",
    "engagement": "celebrations, shared goals (up to a point), fewer meetings and waits",
    "quits": "engagement",
    "consistency": "links and shared goals (a changed message heard in time)",
    "lead_time_mean": "links, shared goals, squads",
    "lead_time_p90": "links, shared goals, squads",
    "silo_index": "links faster than email between teams that hand off",
}


def measures() -> list[Entry]:
    """Every measure the game, the command line and the reports show."""
    from sim.measures import MEASURES

    return [Entry(m.key, m.label, m.definition, m.unit, MOVED_BY.get(m.key, "")) for m in MEASURES]


def _money(x: float, currency: str) -> str:
    from game.present.tables import money

    return money(x, currency)


def _lever_economics(kind: str, p: Params, c: str) -> tuple[str, str, str]:
    """(price, pays, limits) of a verb, from the scenario's parameters."""
    reorg = (
        f"moved people drop to {p.moved_ramp:.0%} productivity and owe {num(p.handover_hours)} h "
        f"of handover over {num(p.handover_weeks)} weeks; work in flight loses "
        f"{p.handover_loss:.0%} of its progress; touched teams lose {num(p.reorg_shock)} "
        "engagement"
    )
    forming = f"a new team takes {num(p.forming_weeks)} weeks to work together"
    table: dict[str, tuple[str, str, str]] = {
        "set_goal": (
            f"planning time up to {num(p.alignment_hours)} h a week a person at full weight "
            f"(as the square of the weight); up to {p.channel_focus_loss:.0%} of channel "
            "value at full weight",
            "at once: priorities change the next week",
            f"past {num(p.ownership_blur_from)} nobody owns a channel's results (engagement "
            "falls): the best weight is in between",
        ),
        "add_link": (
            f"chat {num(p.chat_cost_hours)} h a week a member per linked team; a meeting its "
            f"length for every attendee plus {num(p.meeting_switch_hours)} h of lost focus; a "
            f"liaison {num(p.liaison_hours_per_team)} h a week per team linked; a guild "
            f"{num(p.guild_hours)} h a week a member",
            "at once: news travels faster from the next week",
            f"meeting fatigue grows with every hour; a liaison carries a fact in "
            f"{num(p.liaison_hours_per_fact)} h and past that facts queue; crowded meetings "
            f"(over {num(p.meeting_crowd)} people) get less through",
        ),
        "remove_link": (
            "nothing: it frees the link's hours",
            "at once",
            "news falls back to slower routes",
        ),
        "enable_tool": (
            f"{_money(p.tool_cost_per_seat, c)} a seat a week and {num(p.tool_upkeep_hours)} h "
            "a week a person of upkeep",
            f"over {num(p.tool_adoption_weeks)} weeks, as people adopt it",
            "each tool once (it is on or off); its licence is paid for every seat",
        ),
        "celebrate": (
            f"{num(p.celebrate_hours)} h of everyone's time",
            "at once, wearing off week by week",
            f"lifts {num(p.celebrate_per_win)} engagement per win up to {num(p.celebrate_cap)}; "
            f"less if the last was recent; with no win it costs {num(p.celebrate_hollow)}",
        ),
        "merge_teams": (reorg, f"months: {forming}", "a big team loses time to coordination"),
        "split_team": (reorg, f"months: {forming}", "small teams hand off more"),
        "move_worker": (
            f"the person drops to {p.moved_ramp:.0%} productivity and owes "
            f"{num(p.handover_hours)} h of handover",
            f"{num(p.ramp_weeks)} weeks to full productivity",
            "a team left with one specialist stalls when they are away",
        ),
        "form_squads": (
            reorg,
            f"months: {forming}",
            "every in-house team is re-cut at once: the deepest dip before it pays",
        ),
        "include_agency": (
            f"the agency's fee ({_money(p.agency_fee_per_hour, c)} an hour) as before; it now "
            "joins planning",
            "at once",
            "only where an agency works for you",
        ),
        "hire": (
            f"{_money(p.hourly_cost, c)} an hour from day one, {_money(p.recruiting_cost, c)} "
            f"to recruit, a mentor's {num(p.mentor_hours)} h a week while they ramp",
            f"starts after {p.hire_delay_weeks} weeks at {p.hire_ramp:.0%} productivity, full "
            f"after {num(p.ramp_weeks)} more",
            "more people on a team add coordination (communication paths grow as n^2)",
        ),
        "release": (
            f"saves {_money(p.hourly_cost, c)} an hour; the team loses "
            f"{num(p.layoff_shock)} engagement",
            "at once",
            "the work stays: the others carry it",
        ),
        "set_mix": (
            "nothing directly: the kinds of campaigns change",
            "as the new campaigns arrive",
            "only where the scenario lets you choose the mix",
        ),
    }
    return table.get(kind, ("", "", ""))


def levers(scenario: Scenario | None = None) -> list[Entry]:
    """Every lever, priced with `scenario`'s parameters (the defaults without one)."""
    from game.present.verbs import VERBS
    from sim.params import Params

    params = scenario.params if scenario is not None else Params()
    currency = scenario.currency if scenario is not None else "$"
    listed = tuple(scenario.levers) if scenario is not None else ()
    out = []
    for verb in VERBS:
        price, pays, limits = _lever_economics(verb.action, params, currency)
        # The engine refuses the campaign mix where the scenario does not list it.
        available = verb.action != "set_mix" or "set_mix" in listed
        out.append(
            Entry(
                verb.action,
                f"{verb.label} ({verb.key})",
                verb.blurb,
                price=price,
                pays=pays,
                limits=limits,
                available=available,
                suggested=available and verb.action in listed,
            )
        )
    return out
