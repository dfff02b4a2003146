"""The restructure verbs as the game offers them: labels, keys, form fields, plain words.

Data only (no widgets): the action dialog builds its form from `VERBS`, and
the feed and debrief describe a decision with `describe`. What an action does
and whether the org can take it is the engine's business, never decided here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.actions import Action

FieldValue = str | int | float | tuple[str, ...] | None
"""A field's default or choice: a name, a number, names, or nothing (unchanged)."""


@dataclass(frozen=True)
class FieldSpec:
    """One input of an action's form."""

    name: str
    """The action's field it fills."""
    kind: str
    """team, team_or_all, teams, teams_or_all, members, worker, skill, agency, link,
    choice, int, float, text, weights."""
    label: str
    default: FieldValue = None
    optional: bool = False
    choices: tuple[tuple[str, str | None], ...] = ()
    show_when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Shown only while another field has one of these values (e.g. liaison for kind=liaison)."""


@dataclass(frozen=True)
class Verb:
    action: str
    label: str
    key: str
    """Key binding on the play screen."""
    blurb: str
    fields: tuple[FieldSpec, ...] = ()


LINK_KINDS = (
    ("chat: a shared channel (fast, a little time for everyone)", "chat"),
    ("meeting: a regular cross-team meeting", "meeting"),
    ("liaison: one person carries news between teams", "liaison"),
    ("guild: people of one skill meet across teams", "guild"),
    ("email: slow and cheap", "email"),
)

TOOLS = (
    ("shared calendar: everyone sees what is planned and made", "shared_calendar"),
    ("knowledge base: finished work can be found and reused", "knowledge_base"),
)

VERBS: tuple[Verb, ...] = (
    Verb(
        "set_goal",
        "Set goals",
        "g",
        "Weigh shared goals against each team's local KPI.",
        (
            FieldSpec("team", "team_or_all", "Team", default="*"),
            FieldSpec("shared_weight", "float", "Weight of shared goals (0 to 1)", default=0.8),
            FieldSpec(
                "kpi",
                "choice",
                "KPI",
                default=None,
                optional=True,
                choices=(
                    ("unchanged", None),
                    ("campaigns delivered", "campaign"),
                    ("own channel", "channel"),
                ),
            ),
        ),
    ),
    Verb(
        "add_link",
        "Add a link",
        "l",
        "Open a route for information between teams.",
        (
            FieldSpec("kind", "choice", "Kind of link", default="chat", choices=LINK_KINDS),
            FieldSpec("teams", "teams_or_all", "Teams it links", default=("*",)),
            FieldSpec(
                "per_week",
                "float",
                "Meetings a week",
                default=1.0,
                show_when={"kind": ("meeting", "guild")},
            ),
            FieldSpec(
                "hours",
                "float",
                "Hours per meeting (blank: usual length)",
                optional=True,
                show_when={"kind": ("meeting",)},
            ),
            FieldSpec("liaison", "worker", "Liaison", show_when={"kind": ("liaison",)}),
            FieldSpec("skill", "skill", "Skill of the guild", show_when={"kind": ("guild",)}),
        ),
    ),
    Verb(
        "remove_link",
        "Remove a link",
        "L",
        "Close a route and free its hours.",
        (FieldSpec("link", "link", "Link to remove"),),
    ),
    Verb(
        "enable_tool",
        "Switch on a tool",
        "t",
        "An org-wide tool: a shared calendar or a knowledge base.",
        (FieldSpec("tool", "choice", "Tool", default="shared_calendar", choices=TOOLS),),
    ),
    Verb("celebrate", "Celebrate wins", "c", "Celebrate the wins since last time, together."),
    Verb(
        "form_squads",
        "Form campaign squads",
        "f",
        "Re-cut the in-house teams into squads with one person per skill.",
        (
            FieldSpec("squads", "int", "Squads (0: as many as the scarcest skill allows)", 0),
            FieldSpec("shared_weight", "float", "Weight of shared goals in squads", 0.8),
        ),
    ),
    Verb(
        "move_worker",
        "Move a person",
        "w",
        "Move one person to another team.",
        (FieldSpec("worker", "worker", "Person"), FieldSpec("to_team", "team", "To team")),
    ),
    Verb(
        "merge_teams",
        "Merge teams",
        "M",
        "Merge two or more teams into one that knows what each knew.",
        (
            FieldSpec("teams", "teams", "Teams to merge (two or more)"),
            FieldSpec("name", "text", "Name of the merged team (blank: the first)", optional=True),
        ),
    ),
    Verb(
        "split_team",
        "Split a team",
        "S",
        "Move some members of a team into a new team.",
        (
            FieldSpec("team", "team", "Team"),
            FieldSpec("members", "members", "Members who form the new team"),
            FieldSpec("new_team", "text", "Name of the new team"),
        ),
    ),
    Verb(
        "include_agency",
        "Include an agency",
        "i",
        "Bring an external agency into planning.",
        (FieldSpec("team", "agency", "Agency"),),
    ),
    Verb(
        "hire",
        "Hire",
        "h",
        "Open positions; people arrive after the hiring delay.",
        (
            FieldSpec("team", "team", "Team"),
            FieldSpec("skill", "skill", "Skill"),
            FieldSpec("count", "int", "How many", 1),
        ),
    ),
    Verb(
        "release",
        "Let someone go",
        "r",
        "A person leaves; their work goes back to the team.",
        (FieldSpec("worker", "worker", "Person"),),
    ),
    Verb(
        "set_mix",
        "Change the campaign mix",
        "x",
        "How often each kind of campaign is planned.",
        (FieldSpec("weights", "weights", "Relative weight of each campaign kind"),),
    ),
)

VERB_BY_ACTION = {v.action: v for v in VERBS}


def describe(action: Action | Mapping[str, Any]) -> str:
    """A decision in plain words, for the feed, the queue and the debrief timeline.

    The words are the verb's own (`sim.verbs`), so the game and the engine say a
    decision the same way.

    Args:
        action: an action, or its plain data as a save or a script holds it.
    """
    from sim.actions import ActionError, action_from_dict
    from sim.verbs import title

    try:
        parsed = action_from_dict(dict(action)) if isinstance(action, Mapping) else action
        return title(parsed)
    except ActionError:
        # A saved action the schema no longer takes: the menu's name, never "set_mix".
        kind = dict(action).get("action") if isinstance(action, Mapping) else None
        verb = VERB_BY_ACTION.get(str(kind))
        return verb.label if verb is not None else "an action"
