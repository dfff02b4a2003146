"""Plans: actions at week boundaries as plain data, and the degenerate plans of MODEL.md.

A plan is plain data (so a worker process can run it and a file can hold it):
steps of (week, action as sorted JSON, must). A `must` step goes into the
scenario's script and must be accepted; a step that is not a must is tried at
its week boundary and skipped when the engine refuses it (an `ActionError`),
as a player would see the button refused and carry on. A plan of musts alone
is a script: `script_toml` writes it as a file `silo run --script` reads.

The degenerate plans follow MODEL.md "Degenerate plans"; where MODEL.md leaves
a choice open, the builder's docstring says which choice was made. They are
defined here once, for `sim.plan_search.screen` and the economics kit alike.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sim import actions as A
from sim.scenario import Scenario

TOOLS = ("shared_calendar", "knowledge_base")


@dataclass(frozen=True)
class Step:
    """One action at a week boundary.

    Attributes:
        week: The boundary (0: before the first week).
        action: The action's table, as sorted JSON.
        must: Whether the engine must accept it (else a refusal skips it).
    """

    week: int
    action: str
    must: bool = True

    @property
    def kind(self) -> str:
        """The verb (set_goal, add_link, ...)."""
        return str(json.loads(self.action)["action"])

    def to_action(self) -> Any:
        """The action object of `sim.actions`."""
        return A.action_from_dict(json.loads(self.action))


@dataclass(frozen=True)
class Plan:
    """A named list of steps; the empty plan is doing nothing."""

    label: str
    steps: tuple[Step, ...] = ()

    def plus(self, label: str, *steps: Step) -> Plan:
        """This plan with more steps after its own."""
        return Plan(label, self.steps + steps)

    @property
    def key(self) -> str:
        """What identifies the plan's runs (its steps, not its label)."""
        return json.dumps([[s.week, s.action, s.must] for s in self.steps])

    @property
    def scripted(self) -> bool:
        """Whether every step is a must (the plan is a script)."""
        return all(s.must for s in self.steps)

    def applied_to(self, scn: Scenario) -> Scenario:
        """The scenario with the plan's musts added to its script (tried steps left out)."""
        musts = [(s.week, s.to_action()) for s in self.steps if s.must]
        return scn.with_actions(musts) if musts else scn

    def to_records(self) -> list[dict[str, Any]]:
        """One row per step: week, must, and the action's fields."""
        return [{"week": s.week, "must": s.must, **json.loads(s.action)} for s in self.steps]

    def describe(self) -> str:
        """The plan in words, one clause per step ("week 4: set_goal * 0.7; ...")."""
        if not self.steps:
            return "do nothing"
        return "; ".join(f"week {s.week}: {action_words(json.loads(s.action))}"
                         for s in self.steps)  # fmt: skip


def action_words(data: dict[str, Any]) -> str:
    """An action's table in a few words: its verb and its non-default settings."""
    fields = [f"{k}={_short(v)}" for k, v in data.items() if k != "action" and v is not None]
    return " ".join([str(data["action"]), *fields])


def _short(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k}:{v:g}" if isinstance(v, float) else f"{k}:{v}"
                        for k, v in value.items())  # fmt: skip
    return f"{value:g}" if isinstance(value, float) else str(value)


def step(week: int, action: Any, must: bool = True) -> Step:
    """A step from an action object of `sim.actions`."""
    data = {k: v for k, v in action.to_dict().items() if v is not None}
    return Step(week, json.dumps(data, sort_keys=True), must)


def lever(label: str, *actions: Any, week: int = 0) -> Plan:
    """Actions all taken at one week boundary (a lever alone)."""
    return Plan(label, tuple(step(week, a) for a in actions))


NOTHING = Plan("do nothing")


def script_toml(plan: Plan, comment: str = "") -> str:
    """The plan's musts as a script file (`[[script]]` steps), for `silo run --script`.

    Steps are grouped by week in week order. `comment` lines go at the top.
    """
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    by_week: dict[int, list[dict[str, Any]]] = {}
    for s in plan.steps:
        if s.must:
            by_week.setdefault(s.week, []).append(_chosen(s.to_action()))
    for week in sorted(by_week):
        lines += ["", "[[script]]", f"week = {week}", "do = ["]
        lines += [f"    {_toml_inline(a)}," for a in by_week[week]]
        lines.append("]")
    return "\n".join(lines).lstrip("\n") + "\n"


def _chosen(action: Any) -> dict[str, Any]:
    """An action's table without the settings left at their defaults (the verb put back)."""
    return {"action": action.action, **action.model_dump(mode="json", exclude_defaults=True)}


def _toml_inline(value: Any) -> str:
    """A TOML value on one line (the types an action's table holds)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(str(k))} = {_toml_inline(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    raise TypeError(f"no TOML form for {value!r}")


def _toml_key(key: str) -> str:
    """A bare key where TOML allows one (letters, digits, _ and -), else a quoted one."""
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else json.dumps(key)


def _worker_names(spec: Any) -> list[str]:
    return spec.member_names


def _member_skills(spec: Any) -> list[str]:
    return [spec.member_skills.get(n, spec.skills[0]) for n in _worker_names(spec)]


def first_in_house_worker(scn: Scenario) -> str:
    """The first member of the first in-house team present from the start."""
    for spec in scn.teams:
        if not spec.external and spec.joins_week == 0:
            return _worker_names(spec)[0]
    return _worker_names(scn.teams[0])[0]


def every_week(scn: Scenario, action: Any) -> tuple[Step, ...]:
    """The action tried at every week boundary of the horizon (refused weeks skipped)."""
    return tuple(step(w, action, must=False) for w in range(scn.weeks))


def _link_uses(scn: Scenario) -> list[Any]:
    uses: list[Any] = [
        A.AddLink(kind="chat", teams=("*",)),
        A.AddLink(kind="meeting", teams=("*",), per_week=1, hours=1),
        A.AddLink(kind="liaison", teams=("*",), liaison=first_in_house_worker(scn)),
    ]
    teams_with: dict[str, set[str]] = {}
    for spec in scn.teams:
        for skill in _member_skills(spec):
            teams_with.setdefault(skill, set()).add(spec.name)
    uses += [
        A.AddLink(kind="guild", teams=("*",), skill=s)
        for s, teams in teams_with.items()
        if len(teams) >= 2
    ]
    return uses


def everything(scn: Scenario, par_plan: Plan) -> Plan:
    """Doing everything at once: par plus one use of every lever the scenario offers.

    All at week 0 (celebrating: every week), each tried and skipped if refused:
    include every agency left out if par includes none (par may include one as it
    arrives); shared goals 0.8 if par sets none; every
    tool; a chat, a weekly 1 h meeting and a liaison (`first_in_house_worker`)
    between all teams, and a guild for every skill two teams share; squads;
    celebrate every week. Not used, as they need a target no plan can guess
    or are rules of their own: set_mix, merge_teams, split_team, move_worker,
    hire, release, remove_link.
    """
    offered = set(scn.levers or A.ACTION_KINDS)
    used = {json.loads(s.action)["action"] for s in par_plan.steps}
    extra: list[Any] = []
    if "include_agency" in offered and "include_agency" not in used:
        extra += [A.IncludeAgency(team=t.name) for t in scn.teams if t.external and not t.included]
    if "set_goal" in offered and "set_goal" not in used:
        extra.append(A.SetGoal(team="*", shared_weight=0.8))
    if "enable_tool" in offered:
        extra += [A.EnableTool(tool=t) for t in TOOLS]
    if "add_link" in offered:
        extra += _link_uses(scn)
    if "form_squads" in offered:
        extra.append(A.FormSquads())
    steps = tuple(step(0, a, must=False) for a in extra)
    if "celebrate" in offered:
        steps += every_week(scn, A.Celebrate())
    return par_plan.plus("everything at once", *steps)


def merge_all(scn: Scenario) -> Plan:
    """Every team merged into one at week 0, alone (without par), as far as allowed.

    An agency cannot be merged with an in-house team (it has its own employer),
    so the in-house teams become "Everyone" and the agencies "Agencies". A team
    that joins later (an agency arriving) is merged into its group as soon as
    the engine lets it: tried at every boundary from the week it joins.
    """
    steps: list[Step] = []
    for external, group in ((False, "Everyone"), (True, "Agencies")):
        first = tuple(t.name for t in scn.teams if t.joins_week == 0 and t.external == external)
        name = group if len(first) >= 2 else (first[0] if first else "")
        if len(first) >= 2:
            steps.append(step(0, A.MergeTeams(teams=first, name=group)))
        for t in scn.teams:
            if t.joins_week > 0 and t.external == external and name:
                merge = A.MergeTeams(teams=(name, t.name), name=name)
                steps += [step(w, merge, must=False) for w in range(t.joins_week, scn.weeks)]
    return Plan("merge every team into one", tuple(steps))


def celebrate_weekly(scn: Scenario, par_plan: Plan) -> Plan:
    """Par plus a celebration at every week boundary the engine allows."""
    return par_plan.plus("par + celebrate every week", *every_week(scn, A.Celebrate()))


def meetings_4(scn: Scenario) -> Plan:
    """A 1 h cross-team meeting of all teams four times a week, alone."""
    meeting = A.AddLink(kind="meeting", teams=("*",), per_week=4, hours=1)
    return lever("cross-team meeting 4x a week", meeting)


def liaison_all(scn: Scenario, par_plan: Plan) -> Plan:
    """Par plus one liaison (`first_in_house_worker`) linking every team."""
    link = A.AddLink(kind="liaison", teams=("*",), liaison=first_in_house_worker(scn))
    return par_plan.plus("par + one liaison for every team", step(0, link, must=False))


def all_tools(scn: Scenario, par_plan: Plan) -> Plan:
    """Par plus every tool (a tool par already has is refused and skipped)."""
    tools = tuple(step(0, A.EnableTool(tool=t), must=False) for t in TOOLS)
    return par_plan.plus("par + every tool", *tools)


def goals_full(scn: Scenario) -> Plan:
    """Shared goals at 1.0 for every team, alone."""
    return lever("shared goals 1.0 alone", A.SetGoal(team="*", shared_weight=1.0))


def hire_30(scn: Scenario, par_plan: Plan) -> Plan:
    """Par plus hires of 30% of the in-house headcount at week 0 (ahead of par's steps).

    The hires are shared among in-house (team, skill) groups in proportion to
    their size (largest remainders), each hired with its group's skill.
    """
    groups: dict[tuple[str, str], int] = {}
    for spec in scn.teams:
        if spec.external:
            continue
        for skill in _member_skills(spec):
            groups[(spec.name, skill)] = groups.get((spec.name, skill), 0) + 1
    total = round(0.3 * sum(groups.values()))
    quota = {g: 0.3 * n for g, n in groups.items()}
    counts = {g: math.floor(q) for g, q in quota.items()}
    by_remainder = sorted(quota, key=lambda g: counts[g] - quota[g])
    for g in by_remainder[: total - sum(counts.values())]:
        counts[g] += 1
    hires = [A.Hire(team=t, skill=s, count=n) for (t, s), n in counts.items() if n]
    late = getattr(scn.params, "hire_delay_weeks", 0) >= scn.weeks
    label = f"par + hire {total} (30%)" + (", who start after the last week" if late else "")
    # Hired before par's own week-0 steps, so they name the teams as the scenario has
    # them even when par re-cuts the org at once (a hire still waiting to start joins
    # the team its old team became).
    return Plan(label, tuple(step(0, h) for h in hires) + par_plan.steps)


def repeats(scn: Scenario, par_plan: Plan) -> list[Plan]:
    """Par plus one of its actions taken again, one plan per par action.

    The copy is tried one week after par takes it (the same week at the last
    boundary) and skipped if the engine refuses it.
    """
    plans = []
    for i, s in enumerate(par_plan.steps):
        again = Step(min(s.week + 1, scn.weeks - 1), s.action, must=False)
        kind = json.loads(s.action)["action"]
        plans.append(par_plan.plus(f"par + action {i + 1} ({kind}) again", again))
    return plans


Builder = Callable[[Scenario, Plan], Plan]

DEGENERATE: dict[str, tuple[Builder, bool]] = {
    "everything": (everything, True),
    "merge-all": (lambda scn, par_plan: merge_all(scn), True),
    "celebrate-weekly": (celebrate_weekly, True),
    "meetings-4x": (lambda scn, par_plan: meetings_4(scn), True),
    "liaison-all": (liaison_all, True),
    "all-tools": (all_tools, False),
    "goals-1.0": (lambda scn, par_plan: goals_full(scn), False),
    "hire-30": (hire_30, False),
}
"""MODEL.md's degenerate plans: rule -> (builder taking (scenario, par plan), whether the
plan must fall at least 3% below par; every one must stay below +1%). The last rule,
par plus any one repeated action, is `repeats` (one plan per par action)."""


def degenerate_plans(scn: Scenario, par_plan: Plan) -> list[tuple[str, Plan, bool]]:
    """Every degenerate plan of the scenario against `par_plan`: (rule, plan, far)."""
    plans = [(rule, build(scn, par_plan), far) for rule, (build, far) in DEGENERATE.items()]
    plans += [(f"repeat-{i + 1}", p, False) for i, p in enumerate(repeats(scn, par_plan))]
    return plans
