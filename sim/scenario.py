"""Scenario files: the typed schema, loading and validation errors.

A scenario is TOML read with `tomllib` and validated into frozen pydantic
models that refuse unknown keys. Cross-references (links naming teams, tasks
naming dependencies, scripts naming workers) are checked here, so the engine
can trust what it gets. Errors carry the file and the key path.
"""

from __future__ import annotations

import difflib
import tomllib
import typing
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from sim.actions import (
    Action,
    AddLink,
    Hire,
    LinkKind,
    link_field_problem,
    meeting_load_problem,
)
from sim.limits import (
    MAX_ACTIONS,
    MAX_EVENTS,
    MAX_LINKS,
    MAX_NUMBER_DIGITS,
    MAX_PEOPLE,
    MAX_SCENARIO_BYTES,
    MAX_SEED,
    MAX_SKILLS,
    MAX_TASKS,
    MAX_TEMPLATES,
    MAX_TOML_DEPTH,
    MAX_WEEKS,
)
from sim.params import Params

SCHEMA_VERSION = 1
LEADS = "leads"
"""In a meeting's attendees: the first-named member of each linked team."""

Name = Annotated[str, Field(min_length=1, max_length=80)]


def _file_safe(name: str) -> str:
    # The game names its save files after the scenario: a name that reads as a
    # path ("x/../../ESCAPED") would put them outside the save folder, and one
    # holding escape codes would reach the terminal when a save is listed.
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValueError("a scenario name cannot hold control characters")
    if any(sep in name for sep in "/\\:") or ".." in name:
        raise ValueError(f"{name!r} is a path; a scenario name has no '/', '\\', ':' or '..'")
    if name[0] in ". " or name[-1] == " ":
        raise ValueError(f"{name!r}: a scenario name cannot start with '.' or a space")
    return name


ScenarioName = Annotated[Name, AfterValidator(_file_safe)]
"""A scenario's name: also the stem of its save files, so never a path."""


class ScenarioError(ValueError):
    """A scenario that cannot be used: says what is wrong and where."""

    def __init__(self, message: str, source: str = "", path: str = "") -> None:
        self.message = message
        self.source = source
        self.path = path
        where = ": ".join(p for p in (source, path) if p)
        super().__init__(f"{where}: {message}" if where else message)


class _Model(BaseModel):
    # NaN passes every comparison check and breaks JSON output; infinity is no setting.
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False
    )


class Team(_Model):
    """A team: who it is, what it covers and what it is measured on."""

    name: Name
    """Unique team name, as players see it."""
    skills: tuple[Name, ...] = Field(min_length=1, max_length=20)
    """Skills (channels) the team covers; its members have these."""
    size: int = Field(0, ge=0, le=2000)
    """Head count when `members` is not given (members get generated names)."""
    members: tuple[Name, ...] = ()
    """Member names; each has the team's first skill unless `member_skills` says otherwise."""
    member_skills: dict[str, Name] = Field(default_factory=dict)
    """Skill of a named member, for teams that cover several skills."""
    kpi: Literal["channel", "campaign"] = "channel"
    """What the team is measured on: its own channel or campaigns delivered."""
    shared_weight: float = Field(0.2, ge=0, le=1)
    """Weight of shared goals against local ones in the team's priorities."""
    external: bool = False
    """An agency rather than an in-house team."""
    included: bool = True
    """For an agency: whether it is part of planning (False: it is left out)."""
    joins_week: int = Field(0, ge=0, le=MAX_WEEKS)
    """Week the team joins the org (agencies arriving later)."""
    engagement: float | None = Field(None, ge=0, le=1)
    """Mean baseline engagement of its members (default from params)."""

    @model_validator(mode="after")
    def _sized(self) -> Team:
        if not self.members and self.size == 0:
            raise ValueError("give the team a size or a list of members")
        if self.members and self.size and self.size != len(self.members):
            raise ValueError(f"size {self.size} does not match {len(self.members)} members")
        if len(set(self.members)) != len(self.members):
            raise ValueError("member names repeat")
        for member, skill in self.member_skills.items():
            if member not in self.members:
                raise ValueError(f"member_skills names {member!r}, who is not a member")
            if skill not in self.skills:
                raise ValueError(
                    f"member_skills gives {member!r} skill {skill!r}, not a team skill"
                )
        return self

    @property
    def head_count(self) -> int:
        return len(self.members) or self.size

    @property
    def member_names(self) -> list[str]:
        """Its people's names: `members`, else generated from the team's name ("PR 1")."""
        return list(self.members) or [f"{self.name} {i + 1}" for i in range(self.size)]


class Link(_Model):
    """A route for information between teams."""

    kind: LinkKind
    """email, chat, meeting, liaison or guild."""
    teams: tuple[Name, ...] = ("*",)
    """Teams it joins; "*" means every team."""
    per_week: float = Field(1.0, gt=0, le=10)
    """Meetings a week (meeting and guild)."""
    hours: float | None = Field(None, gt=0, le=8)
    """Length of each meeting in hours (default from params)."""
    liaison: Name | None = None
    """The worker acting as liaison (liaison links)."""
    skill: Name | None = None
    """The skill whose members meet (guild links)."""
    attendees: tuple[Name, ...] = ()
    """Meeting links: who attends, by name, or "leads" for the first-named member of each
    linked team; only they spend the hours (empty: everyone in the linked teams)."""

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> Link:
        problem = link_field_problem(self) or meeting_load_problem(
            self.kind, self.per_week, self.hours if self.kind == "meeting" else None
        )
        if problem:
            raise ValueError(problem)
        return self


def link_load_problem(kind: str, per_week: float, hours: float | None, p: Params) -> str | None:
    """`meeting_load_problem` with a link's default length taken from the params: a
    meeting's `meeting_hours`, a guild's `guild_hours` (a guild ignores `hours`)."""
    if kind == "guild":
        return meeting_load_problem(kind, per_week, p.guild_hours)
    return meeting_load_problem(kind, per_week, p.meeting_hours if hours is None else hours)


class Tools(_Model):
    """Org-wide tools."""

    shared_calendar: bool = False
    """Plans and assets are visible to every team (when entered)."""
    knowledge_base: bool = False
    """Finished assets are findable by every team (when filed)."""


class TaskTemplate(_Model):
    """One task of a campaign template."""

    name: Name
    """Unique within the template."""
    skill: Name
    """Skill that does it; routed to the team covering that skill."""
    effort: float = Field(gt=0, le=2000)
    """Mean effort in hours."""
    after: tuple[Name, ...] = ()
    """Tasks of the same template that must be done (and known) first."""
    asset: Name | None = None
    """Kind of reusable asset the task produces (keyword list, FAQ, ...)."""
    topic: Name | None = None
    """Fixed topic of the asset (default: the campaign's topic)."""


class CampaignTemplate(_Model):
    """A kind of campaign and its task DAG."""

    name: Name
    """Unique name of the kind (set_mix and events refer to it)."""
    weight: float = Field(1.0, ge=0, le=1000)
    """Relative chance a random campaign is of this kind."""
    value: float = Field(100.0, ge=0, le=100_000)
    """Value when live on time and on message."""
    owner: Name | None = None
    """Skill of the owning team (default: the first task's skill)."""
    due_weeks: float | None = Field(None, gt=0, le=104)
    """Due window (default from params)."""
    tasks: tuple[TaskTemplate, ...] = Field(min_length=1, max_length=50)
    """The tasks, each naming the tasks it comes after."""

    @model_validator(mode="after")
    def _dag(self) -> CampaignTemplate:
        names = [t.name for t in self.tasks]
        if len(set(names)) != len(names):
            raise ValueError("task names repeat")
        known = set(names)
        for t in self.tasks:
            for dep in t.after:
                if dep not in known:
                    raise ValueError(f"task {t.name!r} comes after {dep!r}, which is not a task")
                if dep == t.name:
                    raise ValueError(f"task {t.name!r} comes after itself")
        order = topological_order(self.tasks)
        if order is None:
            raise ValueError("tasks depend on each other in a cycle")
        return self


def script_bound_problem(script: tuple[ScriptStep, ...], people: int) -> str | None:
    """Why a script asks for too much work (too many actions or people), or None.

    Hires are counted before the run: each opens positions that fill later,
    so a script of hires could otherwise take an org past the people limit.
    """
    actions = sum(len(step.do) for step in script)
    if actions > MAX_ACTIONS:
        return f"script: {actions:,} actions, more than the {MAX_ACTIONS:,} allowed"
    hired = sum(a.count for step in script for a in step.do if isinstance(a, Hire))
    if people + hired > MAX_PEOPLE:
        return (
            f"script: hires take the org to {people + hired:,} people, "
            f"more than the {MAX_PEOPLE:,} allowed"
        )
    return None


def topological_order(tasks: tuple[TaskTemplate, ...]) -> list[int] | None:
    """Indices in an order where every task follows its dependencies; None on a cycle."""
    index = {t.name: i for i, t in enumerate(tasks)}
    pending = [len(t.after) for t in tasks]
    children: list[list[int]] = [[] for _ in tasks]
    for i, t in enumerate(tasks):
        for dep in t.after:
            children[index[dep]].append(i)
    ready = [i for i, n in enumerate(pending) if n == 0]
    order: list[int] = []
    while ready:
        i = ready.pop(0)
        order.append(i)
        for c in children[i]:
            pending[c] -= 1
            if pending[c] == 0:
                ready.append(c)
    return order if len(order) == len(tasks) else None


class Demand(_Model):
    """Where work comes from."""

    templates: tuple[CampaignTemplate, ...] = Field((), max_length=MAX_TEMPLATES)
    """Campaign kinds; campaigns arrive at params.campaigns_per_week."""
    channels: tuple[Name, ...] | None = Field(None, max_length=MAX_SKILLS)
    """Skills that get own initiatives (default: every skill in the org)."""


class Event(_Model):
    """A scripted event."""

    week: float = Field(ge=0, le=MAX_WEEKS)
    """When it happens (fractions of a week allowed)."""
    kind: Literal["campaign", "change_course", "leave", "hiring_freeze", "join"]
    """campaign: a campaign arrives (with `due_weeks`, one pulled forward); change_course:
    campaigns in flight change message; leave: a worker is away for `weeks` (paid), or
    quits for good without it; hiring_freeze: a budget cut, no recruiting for `weeks`;
    join: a team joins (see Team.joins_week)."""
    template: Name | None = None
    """campaign: its template; change_course: only campaigns of this template."""
    due_weeks: float | None = Field(None, gt=0, le=104)
    """campaign: due window (a crisis is short)."""
    value: float | None = Field(None, ge=0, le=100_000)
    """campaign: value override."""
    topic: Name | None = None
    """campaign: its topic."""
    worker: Name | None = None
    """leave: who leaves."""
    weeks: int | None = Field(None, ge=1, le=MAX_WEEKS)
    """leave: weeks away before coming back (none: gone for good, replaced after the
    hiring delay); hiring_freeze: weeks before recruiting starts again (required)."""
    team: Name | None = None
    """join: the team."""
    text: str = ""
    """What the event feed says."""


class Objective(_Model):
    """What counts as winning."""

    measure: Name
    """A summary measure (efficiency, engagement, consistency, ...)."""
    op: Literal[">=", "<="] = ">="
    """Whether the measure must be at least (>=) or at most (<=) the target."""
    target: float
    """Threshold; with `vs_baseline` a ratio to the do-nothing run."""
    vs_baseline: bool = False
    """Judge the measure as a ratio to the do-nothing run under the same seed."""
    text: str = ""
    """The objective in plain words."""


class ScriptStep(_Model):
    """Player actions at a week boundary (headless runs)."""

    week: int = Field(ge=0, le=MAX_WEEKS)
    """Week boundary at which the actions are taken (0: before the first week)."""
    do: tuple[Action, ...] = Field(min_length=1, max_length=MAX_ACTIONS)
    """Actions, as tables with an `action` key (set_goal, add_link, ...) and its fields."""


class Scenario(_Model):
    """A complete scenario."""

    schema_version: int = SCHEMA_VERSION
    """Version of this file format."""
    name: ScenarioName
    """Short identifier (used on the command line and in save file names)."""
    title: str = ""
    """Title shown in the game and the scenario list."""
    summary: str = ""
    """One line for the scenario list."""
    difficulty: Literal["tutorial", "easy", "medium", "hard"] = "medium"
    """tutorial, easy, medium or hard."""
    briefing: str = ""
    """The story told to the players."""
    lessons: tuple[str, ...] = ()
    """What the scenario teaches, shown at the debrief."""
    levers: tuple[Name, ...] = ()
    """Actions worth trying here (empty: all of them but set_mix, which a scenario must
    name to offer)."""
    weeks: int = Field(26, ge=1, le=MAX_WEEKS)
    """Horizon in weeks."""
    currency: str = Field("$", min_length=1, max_length=4)
    """Symbol of the money spend is counted in (hourly costs, fees, licences)."""
    seed: int = Field(1, ge=0, le=MAX_SEED)
    """Default random seed (same seed, same run)."""
    topics: tuple[Name, ...] = ()
    """Names for topics (the pool is params.topics; missing names are generated)."""
    teams: tuple[Team, ...] = Field(min_length=1, max_length=1000)
    """The teams ([[teams]] tables)."""
    links: tuple[Link, ...] = Field((), max_length=MAX_LINKS)
    """Routes for information between teams ([[links]] tables)."""
    tools: Tools = Tools()
    """Org-wide tools switched on from the start."""
    demand: Demand = Demand()
    """Campaign templates and the channels that get own initiatives."""
    events: tuple[Event, ...] = Field((), max_length=MAX_EVENTS)
    """Scripted events ([[events]] tables)."""
    objectives: tuple[Objective, ...] = ()
    """What counts as winning ([[objectives]] tables)."""
    params: Params = Params()
    """Overrides of the model's numbers (see [params])."""
    script: tuple[ScriptStep, ...] = Field((), max_length=MAX_ACTIONS)
    """Player actions for headless runs ([[script]] steps)."""

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        if self.schema_version > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {self.schema_version} is newer than this silo reads "
                f"({SCHEMA_VERSION})"
            )
        names = [t.name for t in self.teams]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"teams: team names repeat: {', '.join(dup)}")
        people = sum(t.head_count for t in self.teams)
        if people > MAX_PEOPLE:
            raise ValueError(f"teams: {people:,} people, more than the {MAX_PEOPLE:,} allowed")
        team_set = set(names)
        workers = {m for t in self.teams for m in t.member_names}
        skills = {s for t in self.teams for s in t.skills}
        if len(skills) > MAX_SKILLS:
            raise ValueError(
                f"teams: {len(skills):,} different skills, more than the {MAX_SKILLS} allowed"
            )
        tasks = sum(len(t.tasks) for t in self.demand.templates)
        if tasks > MAX_TASKS:
            raise ValueError(
                f"demand.templates: {tasks:,} tasks in all, more than the {MAX_TASKS} allowed"
            )
        for i, link in enumerate(self.links):
            problem = link_load_problem(link.kind, link.per_week, link.hours, self.params)
            if problem:
                raise ValueError(f"links[{i}]: {problem}")
            for team in link.teams:
                if team != "*" and team not in team_set:
                    raise ValueError(f"links[{i}] names team {team!r}, which does not exist")
            if link.kind == "liaison" and link.liaison is None:
                raise ValueError(f"links[{i}] is a liaison link without a liaison")
            if link.liaison is not None and link.liaison not in workers:
                raise ValueError(f"links[{i}] names liaison {link.liaison!r}, who is not a member")
            if link.kind == "guild" and link.skill is None:
                raise ValueError(f"links[{i}] is a guild without a skill")
            linked_members = {
                m for t in self.teams if "*" in link.teams or t.name in link.teams
                for m in t.members
            }  # fmt: skip
            for name in link.attendees:
                if name != LEADS and name in workers and name not in linked_members:
                    raise ValueError(
                        f"links[{i}] names attendee {name!r}, who is in none of its teams"
                    )
                if name != LEADS and name not in workers:
                    raise ValueError(
                        f"links[{i}] names attendee {name!r}, who is not a member (or use "
                        f"{LEADS!r} for each linked team's first member)"
                    )
        for i, tpl in enumerate(self.demand.templates):
            if tpl.owner is not None and tpl.owner not in {t.skill for t in tpl.tasks}:
                raise ValueError(f"demand.templates[{i}] owner {tpl.owner!r} is no task's skill")
            for task in tpl.tasks:
                if task.skill not in skills:
                    raise ValueError(
                        f"demand.templates[{i}] task {task.name!r} needs skill "
                        f"{task.skill!r}, which no team has"
                    )
        templates = {t.name for t in self.demand.templates}
        for i, ev in enumerate(self.events):
            if ev.kind == "campaign" and ev.template not in templates:
                raise ValueError(
                    f"events[{i}] names template {ev.template!r}, which does not exist"
                )
            if ev.kind == "leave" and ev.worker not in workers:
                raise ValueError(f"events[{i}] names worker {ev.worker!r}, who is not a member")
            if ev.kind == "join" and ev.team not in team_set:
                raise ValueError(f"events[{i}] names team {ev.team!r}, which does not exist")
            if ev.kind == "hiring_freeze" and ev.weeks is None:
                raise ValueError(f"events[{i}] is a hiring_freeze: give its length in weeks")
            if ev.weeks is not None and ev.kind not in ("leave", "hiring_freeze"):
                raise ValueError(
                    f"events[{i}] gives weeks, which only a leave or a hiring_freeze takes"
                )
        from sim.results import SUMMARY_KEYS

        for i, o in enumerate(self.objectives):
            if o.measure not in SUMMARY_KEYS:
                raise ValueError(
                    f"objectives[{i}] measures {o.measure!r}, which is not a summary measure "
                    f"(e.g. efficiency, engagement, consistency, hours_duplicated)"
                )
        for i, step in enumerate(self.script):
            if step.week >= self.weeks:
                raise ValueError(f"script[{i}] acts at week {step.week}, after the last week")
            for a in step.do:
                load = isinstance(a, AddLink) and link_load_problem(
                    a.kind, a.per_week, a.hours, self.params
                )
                if load:
                    raise ValueError(f"script[{i}]: {load}")
        problem = script_bound_problem(self.script, people)
        if problem:
            raise ValueError(problem)
        return self

    def with_actions(self, steps: list[tuple[int, Any]] | tuple[ScriptStep, ...]) -> Scenario:
        """A copy whose script also does these (week, action) steps."""
        extra = [
            s if isinstance(s, ScriptStep) else ScriptStep(week=s[0], do=(s[1],)) for s in steps
        ]
        script = self.script + tuple(extra)
        # model_copy skips the validators: the bounds on a script, which hold
        # for each part, are checked again for the two together.
        problem = script_bound_problem(script, sum(t.head_count for t in self.teams))
        if problem:
            raise ScenarioError(problem, self.name)
        return self.model_copy(update={"script": script})

    def to_toml_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The schema classes a field's annotation holds (inside tuples, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys a file may use where `loc` points (its last part is the key itself)."""
    candidates = [model]
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        inner = [
            m
            for c in candidates
            if (f := c.model_fields.get(str(step))) is not None
            for m in _models_in(f.annotation)
        ]
        if not inner:  # a tagged union's tag, as in an action's "add_link"
            inner = [c for c in candidates if _tag(c) == step]
        if not inner:
            return []
        candidates = inner
    return sorted({k for c in candidates for k in c.model_fields})


def _tag(model: type[BaseModel]) -> Any:
    field = model.model_fields.get("action")
    return field.default if field is not None else None


_ORDER = {"extra_forbidden": 0, "missing": 2}
"""Which problem to show first: a misspelt key is usually why another one is 'missing'."""

_NAMED = {"teams": "team", "links": "link", "templates": "campaign kind", "script": "step"}


def _format_error(exc: ValidationError, data: Any = None) -> tuple[str, str]:
    errors = sorted(exc.errors(), key=lambda e: _ORDER.get(e["type"], 1))
    first = errors[0]
    path = ".".join(str(p) for p in first["loc"])
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown key"
        close = difflib.get_close_matches(
            str(first["loc"][-1]), known_keys(Scenario, first["loc"]), n=1
        )
        if close:
            msg += f"; did you mean {close[0]!r}?"
    elif first["type"] == "too_long":  # a bound from sim.limits: say which number was hit
        ctx = first.get("ctx", {})
        count = ctx.get("actual_length")
        items = f"{count:,} items" if isinstance(count, int) else "too many items"
        msg = f"{items}, more than the {ctx.get('max_length', 0):,} allowed"
    # Sequences are tuples for strict validation; in a TOML file they are arrays.
    msg = msg.removeprefix("Value error, ").replace("valid tuple", "valid array")
    msg += _which(first["loc"], data)
    more = len(errors) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return path, msg


def _which(loc: tuple[Any, ...], data: Any) -> str:
    """' (team 2, "Social")': the entity an index in `loc` points at, counted from 1."""
    node = data
    said = ""
    for i, step in enumerate(loc):
        if isinstance(step, int) and i > 0 and str(loc[i - 1]) in _NAMED:
            kind = _NAMED[str(loc[i - 1])]
            name = (
                node[step].get("name")
                if isinstance(node, list | tuple)
                and step < len(node)
                and isinstance(node[step], dict)
                else None
            )
            said = f" ({kind} {step + 1}" + (f", {name!r})" if isinstance(name, str) else ")")
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return said


def parse_scenario(data: dict[str, Any], source: str = "") -> Scenario:
    """Validate plain data into a Scenario, or raise ScenarioError.

    Types are strict: `weeks = true` or `size = "3"` is refused, where pydantic
    would otherwise read them as 1 and 3 (an integer still serves as a float).
    """
    if nesting_depth(data) > MAX_TOML_DEPTH:
        raise ScenarioError(f"nested more than {MAX_TOML_DEPTH} levels deep", source)
    try:
        return Scenario.model_validate(as_tuples(data), strict=True)
    except ValidationError as exc:
        path, msg = _format_error(exc, data)
        raise ScenarioError(msg, source, path) from None


def as_tuples(data: Any) -> Any:
    """`data` with its lists as tuples, for a strict validation.

    In strict mode a tuple field takes only a tuple, and every sequence of the
    schemas (scenarios, actions, saves) is a tuple, where TOML and JSON give
    lists. The caller bounds the depth (`nesting_depth`).
    """
    if isinstance(data, dict):
        return {key: as_tuples(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return tuple(as_tuples(value) for value in data)
    return data


def read_toml(path: str | Path, what: str = "file") -> dict[str, Any]:
    """A TOML file's data, or ScenarioError naming the file and what is wrong with it."""
    from sim.input_files import UnreadableFile, read_regular

    source = str(path)
    try:
        raw = read_regular(path, MAX_SCENARIO_BYTES, what)
    except UnreadableFile as exc:
        raise ScenarioError(str(exc), source) from None
    if not raw.strip():
        raise ScenarioError("file is empty", source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError("not a text file (UTF-8 TOML expected)", source) from None
    too_deep = f"arrays or tables nested more than {MAX_TOML_DEPTH} levels deep"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"not valid TOML: {exc}", source) from None
    except ValueError:
        # The one ValueError tomllib lets through: Python's 4,300-digit integer limit.
        raise ScenarioError(f"a number longer than {MAX_NUMBER_DIGITS} digits", source) from None
    except RecursionError:
        # tomllib recurses once per level; Python's stack gives out near a thousand.
        raise ScenarioError(too_deep, source) from None
    if nesting_depth(data) > MAX_TOML_DEPTH:
        # The same refusal below the interpreter's limit: later steps (the
        # schema, JSON dumps, --set) recurse too, and a bound that moved with
        # the interpreter's stack would not be a bound.
        raise ScenarioError(too_deep, source)
    return data


def nesting_depth(data: Any) -> int:
    """How deeply lists and dicts nest in `data` (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list | tuple):
            children = node
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def load_scenario_file(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    return parse_scenario(read_toml(path, "scenario file"), str(path))
