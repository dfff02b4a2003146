"""Write the key reference of scenarios/README.md from the schema's docstrings.

    python -m scenarios.make_reference

Rewrites the part of scenarios/README.md between the reference markers, so
the reference is the schema's own words and cannot drift from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sim.limits import MAX_MEETING_HOURS_A_WEEK
from sim.params import Params
from sim.scenario import (
    CampaignTemplate,
    Demand,
    Event,
    Link,
    Objective,
    Scenario,
    ScriptStep,
    TaskTemplate,
    Team,
    Tools,
)

README = Path(__file__).with_name("README.md")
START, END = "<!-- reference: start -->", "<!-- reference: end -->"
SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("top level", Scenario),
    ("[[teams]]", Team),
    ("[[links]]", Link),
    ("[tools]", Tools),
    ("[demand]", Demand),
    ("[[demand.templates]]", CampaignTemplate),
    ("tasks = [...] of a template", TaskTemplate),
    ("[[events]]", Event),
    ("[[objectives]]", Objective),
    ("[[script]]", ScriptStep),
    ("[params]", Params),
]


def _default(field: Any) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "see its table"
    return f"`{value!r}`" if value not in ((), {}, None) else "empty"


def reference(sections: list[tuple[str, type[BaseModel]]] | None = None) -> str:
    lines = []
    for title, model in SECTIONS if sections is None else sections:
        lines += [f"### {title}", "", "| key | default | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            text = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {_default(field)} | {text} |")
        lines.append("")
    return "\n".join(lines)


# The experiment file's keys (silo experiment), in their own marked part of the README.
EXPERIMENT_START = "<!-- experiment reference: start -->"
EXPERIMENT_END = "<!-- experiment reference: end -->"


def experiment_sections() -> list[tuple[str, type[BaseModel]]]:
    from sim.experiment_file import Experiment, Outputs, SensitivitySpec, Variant

    return [("experiment: top level", Experiment), ("[[variants]]", Variant),
            ("[outputs]", Outputs), ("[sensitivity]", SensitivitySpec)]  # fmt: skip


# The actions' reference: fields from the schema, and here, in words, what each does to
# whom and what it costs (the game's preview prices it exactly, for the org at hand).
ACTIONS_START = "<!-- action reference: start -->"
ACTIONS_END = "<!-- action reference: end -->"
ACTION_NOTES: dict[str, tuple[str, str]] = {
    # verb: (what it does to whom, what it costs)
    "merge_teams": (
        "The members of every named team join one team (named `name`, or the first team's "
        "name), which knows what each of them knew. In-house teams only: an agency cannot be "
        "merged with an in-house team (include it in planning instead).",
        "Everyone who changes team restarts at `moved_ramp` and owes `handover_hours`; work in "
        "progress that changes team loses `handover_loss` of its progress; `reorg_shock` for "
        "the merged team; past `overhead_knee` people, coordination overhead grows.",
    ),
    "split_team": (
        "The named `members` leave `team` for a new team, `new_team`, with the team's skills "
        "and what it knew.",
        "The movers restart at `moved_ramp` and owe `handover_hours` each; `reorg_shock` for "
        "both teams; the new team takes `forming_weeks` to gel.",
    ),
    "move_worker": (
        "One person joins another team and brings their skill.",
        "They restart at `moved_ramp` and owe `handover_hours`; their work in progress loses "
        "`handover_loss`; `reorg_shock` in both teams.",
    ),
    "form_squads": (
        "The in-house teams are replaced by squads named Squad 1, Squad 2, ..., each covering "
        "every skill: the people of each skill are dealt to the squads in turn, and work in "
        "flight is dealt out whole. At most as many squads as the scarcest skill has people "
        "(a larger `squads` is refused, naming the scarcest skill). Squads have campaign KPIs "
        "and a shared goal weight of `shared_weight`. Agencies stay as they are.",
        "Everyone restarts at `moved_ramp` and owes `handover_hours`; work in progress loses "
        "`handover_loss`; `reorg_shock` for everyone; the squads take `forming_weeks` to gel; "
        "a person alone with their skill works `lone_specialist_loss` slower unless a guild of "
        "that skill meets. Expect a dip before handoffs inside squads pay off.",
    ),
    "set_goal": (
        "Sets the shared goal weight (and, if given, the KPI) of one team, or of every team "
        'with `team = "*"`: openness and priority for others\' requests follow the weight.',
        "Alignment hours every week for every member (`alignment_hours`, rising with the "
        "weight); each channel's own work is worth `channel_focus_loss` less at full weight; "
        "past `ownership_blur_from`, nobody owns a channel's results.",
    ),
    "add_link": (
        "Opens a route for news between the teams: email, chat, a meeting (`per_week`, "
        '`hours`, and `attendees` for a meeting of some people only, e.g. `["leads"]`), a '
        "liaison (one named person) or a guild (the members of one `skill`). A link's "
        f"meetings take at most {MAX_MEETING_HOURS_A_WEEK:g} h a week of each attendee "
        "(`per_week` times `hours`, or times `meeting_hours` or `guild_hours`).",
        "Meetings and guilds cost every attendee's hours (everyone in the linked teams unless "
        "`attendees` names some) and the focus lost around them "
        "(`meeting_switch_hours`) and add meeting fatigue (`meeting_weight`); chat costs "
        "`chat_cost_hours` a person; a liaison spends time per team and per fact.",
    ),
    "remove_link": (
        "Closes the links of that kind between exactly those teams.",
        "Frees their weekly hours; news between those teams slows down.",
    ),
    "enable_tool": (
        "Switches on the shared calendar (plans and assets seen by every team, when entered) "
        "or the knowledge base (finished assets findable, when filed).",
        "A licence per seat per week (`tool_cost_per_seat`) and `tool_upkeep_hours` a week per "
        "person; adoption grows over `tool_adoption_weeks`.",
    ),
    "celebrate": (
        "Everyone celebrates the wins since the last celebration together.",
        "Everyone's `celebrate_hours`; the lift wears off, is smaller when the last one was "
        "recent, and with no win since the last one it costs engagement (`celebrate_hollow`).",
    ),
    "include_agency": (
        "Brings an agency into planning: it shares as openly as in-house teams, gets an email "
        "link to every team, and its people stop feeling left out.",
        "Nothing direct; its news now travels, and its hours are paid at the agency's fee as "
        "before.",
    ),
    "hire": (
        "Opens `count` positions for `skill` in `team`; the people arrive after "
        "`hire_delay_weeks` at `hire_ramp`.",
        "Their pay from the day they start, `recruiting_cost` each once, and a teammate's "
        "`mentor_hours` a week while each ramps up.",
    ),
    "set_mix": (
        "Changes how often each named kind of campaign is planned (only in scenarios whose "
        "levers include it).",
        "None directly; the work that arrives changes.",
    ),
    "release": (
        "Lets one person go; their work in progress goes back to the team.",
        "`layoff_shock` for the people who stay in that team; the capacity is gone.",
    ),
}


# Words for action fields the schema leaves undescribed (the schema's own win when given).
FIELD_WORDS: dict[str, str] = {
    "team": "A team, by name (set_goal: `*` for every team).",
    "new_team": "Name of the new team.",
    "worker": "A person, by name.",
    "to_team": "The team they join.",
    "shared_weight": "Weight of shared goals against local ones, 0 to 1.",
    "kind": "email, chat, meeting, liaison or guild.",
    "teams": "Teams, by name (`*`: every team).",
    "tool": "shared_calendar or knowledge_base.",
    "skill": "A skill (channel), as the scenario names it.",
    "count": "How many.",
}


def action_reference() -> str:
    """Every verb of [[script]] steps: what it does, its costs, its fields, an example."""
    from sim.actions import _ADAPTER, ACTION_KINDS

    models = {m.model_fields["action"].default: m for m in _action_models(_ADAPTER)}
    lines = [
        "A `[[script]]` step's `week = 2` means its actions are taken after week 2, at the "
        "boundary between weeks 2 and 3; `week = 0` is before the first week. Names (teams, "
        "people, skills) are as in the scenario, or as earlier actions made them. The game's "
        "preview prices each action exactly for the org at hand; the parameters named below "
        "are in [params].",
        "",
    ]
    for kind in ACTION_KINDS:
        model = models[kind]
        does, costs = ACTION_NOTES[kind]
        lines += [f"### {kind}", "", " ".join((model.__doc__ or "").split()), "",
                  f"- **Does:** {does}", f"- **Costs:** {costs}", ""]  # fmt: skip
        fields = [(n, f) for n, f in model.model_fields.items() if n != "action"]
        if fields:
            lines += ["| key | default | meaning |", "|---|---|---|"]
            for name, field in fields:
                words = field.description or FIELD_WORDS.get(name, "")
                text = " ".join(words.split()).replace("|", "\\|")
                lines.append(f"| `{name}` | {_default(field)} | {text} |")
            lines.append("")
    return "\n".join(lines)


def _action_models(adapter: Any) -> list[type[BaseModel]]:
    from typing import get_args

    from sim.actions import Action

    union = get_args(Action)[0]
    return list(get_args(union))


def _replace(text: str, start: str, end: str, body: str) -> str:
    if start not in text:
        return text
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    text = _replace(text, START, END, reference())
    text = _replace(text, EXPERIMENT_START, EXPERIMENT_END, reference(experiment_sections()))
    text = _replace(text, ACTIONS_START, ACTIONS_END, action_reference())
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
