"""The player's restructure verbs, as immutable data.

An action is a frozen pydantic model: it validates its own fields, reads from
and writes to plain dicts (script files, saves), and is checked against the
current org by the engine before anything changes. `(scenario, seed, actions)`
is a complete record of a game.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from sim.limits import MAX_MEETING_HOURS_A_WEEK

Name = Annotated[str, Field(min_length=1, max_length=80)]
LinkKind = Literal["email", "chat", "meeting", "liaison", "guild"]


class _Action(BaseModel):
    # NaN passes every comparison check and breaks JSON output; infinity is no setting.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False
    )

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_defaults=False)


class MergeTeams(_Action):
    """Merge two or more teams into one, which knows what each of them knew."""

    action: Literal["merge_teams"] = "merge_teams"
    teams: tuple[Name, ...] = Field(min_length=2)
    """Teams to merge."""
    name: Name | None = None
    """Name of the merged team (default: the first team's name)."""


class SplitTeam(_Action):
    """Move some members of a team into a new team."""

    action: Literal["split_team"] = "split_team"
    team: Name
    new_team: Name
    members: tuple[Name, ...] = Field(min_length=1)
    """Workers who form the new team."""


class MoveWorker(_Action):
    """Move one worker to another team."""

    action: Literal["move_worker"] = "move_worker"
    worker: Name
    to_team: Name


class FormSquads(_Action):
    """Re-cut the org around campaigns: squads of one member per skill each."""

    action: Literal["form_squads"] = "form_squads"
    squads: int = Field(0, ge=0, le=500)
    """Number of squads (0: as many as the scarcest skill allows)."""
    shared_weight: float = Field(0.8, ge=0, le=1)
    """Goal weight of the new squads (they own campaigns end to end)."""


class SetGoal(_Action):
    """Set a team's (or everyone's, with team "*") goal."""

    action: Literal["set_goal"] = "set_goal"
    team: Name = "*"
    shared_weight: float = Field(ge=0, le=1)
    kpi: Literal["channel", "campaign"] | None = None
    """New KPI (unchanged when omitted)."""


LINK_FIELDS = {
    "per_week": ("meeting", "guild"),
    "hours": ("meeting", "guild"),
    "liaison": ("liaison",),
    "skill": ("guild",),
    "attendees": ("meeting",),
}
"""Fields of a link that only some kinds of link have."""


def link_field_problem(link: BaseModel) -> str | None:
    """Why a link (a scenario's or an action's) has a field its kind ignores, or None.

    A setting the kind ignores would be dropped without a word (`per_week` on an
    email link): refused instead, saying which kinds take it. Only settings that
    differ from the default count: a scenario dumped and read back spells out
    every default.
    """
    kind = str(getattr(link, "kind", ""))
    fields = type(link).model_fields
    for field, kinds in LINK_FIELDS.items():
        if kind in kinds or field not in link.model_fields_set:
            continue
        if getattr(link, field) != fields[field].default:
            return f"{field} is for {' and '.join(kinds)} links, not {kind}"
    return None


def meeting_load_problem(kind: str, per_week: float, hours: float | None) -> str | None:
    """Why a meeting or guild link would take more of each attendee's week than the limit,
    or None. `hours` is each meeting's length (a guild's: its params' guild_hours); None
    when it is not known here (a link's default length comes from the scenario's params,
    checked where they are known: the scenario and the engine)."""
    if kind not in ("meeting", "guild") or hours is None:
        return None
    load = per_week * hours
    if load <= MAX_MEETING_HOURS_A_WEEK:
        return None
    return (
        f"{per_week:g} meetings a week of {hours:g} h each take {load:g} h of each "
        f"attendee's week; a link's meetings may take at most "
        f"{MAX_MEETING_HOURS_A_WEEK:g} h a week"
    )


class AddLink(_Action):
    """Open a route for information between teams."""

    action: Literal["add_link"] = "add_link"
    kind: LinkKind
    teams: tuple[Name, ...] = ("*",)
    """Teams it links ("*": every team)."""
    per_week: float = Field(1.0, gt=0, le=10)
    """Meetings a week (meeting and guild links)."""
    hours: float | None = Field(None, gt=0, le=8)
    """Length of each meeting (default from params)."""
    liaison: Name | None = None
    """Worker who acts as liaison (liaison links)."""
    skill: Name | None = None
    """Skill whose members meet (guild links)."""
    attendees: tuple[Name, ...] = ()
    """Meeting links: who attends, by name, or "leads" for the first-named member of each
    linked team; only they spend the hours (empty: everyone in the linked teams)."""

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> AddLink:
        problem = link_field_problem(self) or meeting_load_problem(
            self.kind, self.per_week, self.hours if self.kind == "meeting" else None
        )
        if problem:
            raise ValueError(problem)
        return self


class RemoveLink(_Action):
    """Close links of a kind between teams."""

    action: Literal["remove_link"] = "remove_link"
    kind: LinkKind
    teams: tuple[Name, ...] = ("*",)


class EnableTool(_Action):
    """Switch on an org-wide tool."""

    action: Literal["enable_tool"] = "enable_tool"
    tool: Literal["shared_calendar", "knowledge_base"]


class Celebrate(_Action):
    """Celebrate the wins since the last celebration, together."""

    action: Literal["celebrate"] = "celebrate"


class IncludeAgency(_Action):
    """Bring an external agency into planning."""

    action: Literal["include_agency"] = "include_agency"
    team: Name


class Hire(_Action):
    """Open positions in a team; people arrive after the hiring delay."""

    action: Literal["hire"] = "hire"
    team: Name
    skill: Name
    count: int = Field(1, ge=1, le=100)


class SetMix(_Action):
    """Change how often each kind of campaign is planned (e.g. integrated vs channel-only)."""

    action: Literal["set_mix"] = "set_mix"
    weights: dict[Name, float] = Field(min_length=1)
    """New relative weight of each named campaign template (others keep theirs)."""


class Release(_Action):
    """Let a worker go."""

    action: Literal["release"] = "release"
    worker: Name


Action = Annotated[
    MergeTeams
    | SplitTeam
    | MoveWorker
    | FormSquads
    | SetGoal
    | AddLink
    | RemoveLink
    | EnableTool
    | Celebrate
    | IncludeAgency
    | Hire
    | SetMix
    | Release,
    Field(discriminator="action"),
]

ACTION_KINDS: tuple[str, ...] = (
    "merge_teams",
    "split_team",
    "move_worker",
    "form_squads",
    "set_goal",
    "add_link",
    "remove_link",
    "enable_tool",
    "celebrate",
    "include_agency",
    "hire",
    "set_mix",
    "release",
)

_ADAPTER: TypeAdapter[Any] = TypeAdapter(Action)


class ActionError(ValueError):
    """An action the org cannot take, with the reason."""


def action_from_dict(data: dict[str, Any]) -> Any:
    """Build an action from plain data, or raise ActionError naming the problem."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "action"
        raise ActionError(f"{where}: {first['msg']}") from None
