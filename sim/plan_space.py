"""The space of plans a search explores: a scenario's levers as a few concrete moves.

A plan uses up to `max_actions` of the levers; each lever used gets a week
from a small grid and one of its moves: a concrete setting
(a goal weight and KPI, a link's kind and cadence, a celebration cadence,
who moves where, which teams merge). The moves are built from the scenario
as it starts (its teams, members, links, tools and campaign kinds), so every
plan names things that exist. The space is kept small on purpose: a few
settings per lever that a manager would tell apart, not every number, so a
hundred trials cover it and the plan found reads as advice.

Choices are Optuna categoricals under stable names (`set_goal.use`,
`set_goal.week`, `set_goal.move`), the week and move conditional on the lever
being used, so a sampler learns which levers and which settings pay. The
space only asks (`trial.suggest_*`); it never imports Optuna itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sim import actions as A
from sim.plans import TOOLS, Plan, Step, step
from sim.scenario import Scenario

WEEK_GRID: tuple[int, ...] = (0, 4, 8, 13, 26)
"""Week boundaries a lever may act at (those before the horizon): now, after a month,
two months, a quarter, half a year. Coarse on purpose: a plan's timing matters by
the month, and a coarse grid keeps the space small."""
MAX_ACTIONS = 4
"""Levers in a plan by default: more than four is rarely a plan a manager adopts (and
every lever has its price, so more seldom pays)."""
GOAL_WEIGHTS = (0.3, 0.5, 0.7, 0.9)
SQUAD_WEIGHTS = (0.6, 0.8)
MEETINGS = ((0.5, 1.0), (1.0, 1.0), (2.0, 1.0))
"""(per week, hours): fortnightly, weekly and twice a week, an hour each."""
CADENCES = (4, 8, 13)
"""Weeks between celebrations: monthly, every two months, quarterly."""
MIX_FACTORS = (0.5, 2.0, 4.0)
"""Multipliers of one campaign kind's weight (set_mix)."""
NONE = "none"

# Verbs that name teams by their starting names: after a re-cut (squads,
# merge) those names may be gone, so such steps are dropped (see `_consistent`).
_NAMES_TEAMS = ("merge_teams", "split_team", "move_worker", "hire", "include_agency",
                "remove_link")  # fmt: skip


_BEFORE_SQUADS = ("merge_teams", "split_team", "move_worker")
"""Reorg verbs whose effect a later re-cut into squads undoes."""


class PlanSpaceError(ValueError):
    """A plan space that cannot be built (unknown lever, no levers)."""


@dataclass(frozen=True)
class Move:
    """One setting of a lever: actions at offsets from the lever's week.

    Attributes:
        label: The setting in a few words (also the sampler's choice).
        actions: (weeks after the lever's week, action) pairs.
    """

    label: str
    actions: tuple[tuple[int, Any], ...]


def _members(spec: Any) -> list[str]:
    return spec.member_names


def _in_house(scn: Scenario) -> list[Any]:
    return [t for t in scn.teams if not t.external and t.joins_week == 0]


def _one(label: str, action: Any) -> Move:
    return Move(label, ((0, action),))


def handoff_pairs(scn: Scenario) -> list[tuple[str, str]]:
    """Pairs of teams there from the start that hand work to each other in some campaign kind.

    A task's team hands off to the team of every task that comes after it; a
    skill covered by several teams counts for each. In the order of the
    scenario's teams, each pair once.
    """
    home = [t for t in scn.teams if t.joins_week == 0]
    order = {t.name: i for i, t in enumerate(home)}
    covers: dict[str, list[str]] = {}
    for t in home:
        for s in t.skills:
            covers.setdefault(s, []).append(t.name)
    pairs: dict[tuple[str, str], None] = {}
    for tpl in scn.demand.templates:
        skill_of = {task.name: task.skill for task in tpl.tasks}
        for task in tpl.tasks:
            for dep in task.after:
                for a in covers.get(skill_of[dep], []):
                    for b in covers.get(task.skill, []):
                        if a != b:
                            pair = (a, b) if order[a] < order[b] else (b, a)
                            pairs.setdefault(pair)
    return sorted(pairs, key=lambda ab: (order[ab[0]], order[ab[1]]))


def _moves_of(lever: str, scn: Scenario) -> list[Move]:
    """The settings of `lever` in `scn` (empty when it has nothing to act on)."""
    home = _in_house(scn)
    names = [t.name for t in home]
    if lever == "set_goal":
        return [_one(f"shared goals {w:g}" + (", KPI campaign" if kpi else ""),
                     A.SetGoal(team="*", shared_weight=w, kpi=kpi))
                for w in GOAL_WEIGHTS for kpi in (None, "campaign")]  # fmt: skip
    if lever == "add_link":
        moves = [_one("chat, all teams", A.AddLink(kind="chat"))]
        pairs = handoff_pairs(scn)
        if len(pairs) > 1:
            # Small channels, one for each pair of teams that hand work to each other:
            # the same hours per person as one channel for all, less noise in each.
            moves.append(
                Move(
                    "chat, one per pair of teams that hand off",
                    tuple((0, A.AddLink(kind="chat", teams=pair)) for pair in pairs),
                )
            )
        moves += [_one(f"meeting {pw:g}x/week {h:g} h", A.AddLink(kind="meeting", per_week=pw,
                                                                  hours=h))
                  for pw, h in MEETINGS]  # fmt: skip
        moves += [_one(f"liaison {_members(t)[0]}", A.AddLink(kind="liaison",
                                                              liaison=_members(t)[0]))
                  for t in home]  # fmt: skip
        skills: dict[str, set[str]] = {}
        for t in scn.teams:
            for m in _members(t):
                skills.setdefault(t.member_skills.get(m, t.skills[0]), set()).add(t.name)
        moves += [_one(f"guild {s}", A.AddLink(kind="guild", skill=s))
                  for s, teams in skills.items() if len(teams) >= 2]  # fmt: skip
        return moves
    if lever == "enable_tool":
        return [_one(tool.replace("_", " "), A.EnableTool(tool=tool))
                for tool in TOOLS if not getattr(scn.tools, tool)]  # fmt: skip
    if lever == "form_squads":
        return [_one(f"squads, shared goals {w:g}", A.FormSquads(shared_weight=w))
                for w in SQUAD_WEIGHTS]  # fmt: skip
    if lever == "celebrate":
        # The first celebration comes one cadence after the lever's week: there
        # must be wins to celebrate (a celebration with none is refused).
        return [Move(f"celebrate every {c} weeks", tuple((k, A.Celebrate())
                                                         for k in range(c, scn.weeks, c)))
                for c in CADENCES]  # fmt: skip
    if lever == "move_worker":
        return [_one(f"{_members(a)[-1]} to {b.name}", A.MoveWorker(worker=_members(a)[-1],
                                                                    to_team=b.name))
                for a in home if a.head_count > 1 for b in home if b is not a]  # fmt: skip
    if lever == "merge_teams":
        return [_one(f"merge {a} + {b}", A.MergeTeams(teams=(a, b)))
                for i, a in enumerate(names) for b in names[i + 1:]]  # fmt: skip
    if lever == "split_team":
        return [_one(f"split {t.name}", A.SplitTeam(team=t.name, new_team=f"{t.name} 2",
                                                    members=tuple(_members(t)[t.head_count // 2:])))
                for t in home if t.head_count >= 4]  # fmt: skip
    if lever == "include_agency":
        return [_one(f"include {t.name}", A.IncludeAgency(team=t.name))
                for t in scn.teams if t.external and not t.included]  # fmt: skip
    if lever == "hire":
        return [_one(f"hire {n} {t.skills[0]} in {t.name}",
                     A.Hire(team=t.name, skill=t.skills[0], count=n))
                for t in home for n in (1, 2)]  # fmt: skip
    if lever == "set_mix":
        return [_one(f"{tpl.name} x{f:g}", A.SetMix(weights={tpl.name: tpl.weight * f}))
                for tpl in scn.demand.templates for f in MIX_FACTORS]  # fmt: skip
    if lever == "remove_link":
        return [_one(f"drop {link.kind}", A.RemoveLink(kind=link.kind, teams=link.teams))
                for link in scn.links]  # fmt: skip
    if lever == "release":
        big = max(home, key=lambda t: t.head_count, default=None)
        return (
            []
            if big is None or big.head_count < 2
            else [_one(f"release {_members(big)[-1]}", A.Release(worker=_members(big)[-1]))]
        )
    raise PlanSpaceError(f"unknown lever {lever!r}")


@dataclass(frozen=True)
class PlanSpace:
    """The plans a search may pick: up to max_actions levers, each with a week and a move.

    Attributes:
        scenario: The scenario's name.
        levers: Levers with at least one move, in the scenario's order.
        weeks: Week boundaries a lever may act at.
        max_actions: Levers a plan may use at most.
        moves: Per lever, its moves.
        horizon: The scenario's weeks (steps past it are left out).
    """

    scenario: str
    levers: tuple[str, ...]
    weeks: tuple[int, ...]
    max_actions: int
    moves: dict[str, tuple[Move, ...]]
    horizon: int

    def groups(self) -> dict[str, tuple[Move, ...]]:
        """The search's dimensions: each lever, a link split by its kind (a chat and a
        liaison are different levers to a manager), with its moves."""
        out: dict[str, tuple[Move, ...]] = {}
        for lever, moves in self.moves.items():
            if lever != "add_link":
                out[lever] = moves
                continue
            for m in moves:
                kind = str(m.actions[0][1].kind)
                out[f"add_link {kind}"] = (*out.get(f"add_link {kind}", ()), m)
        return out

    def size(self) -> int:
        """Distinct plans of at most `max_actions` levers (weeks and moves included)."""
        counts = [len(self.weeks) * len(m) for m in self.groups().values()]
        ways = [1] + [0] * self.max_actions  # ways[k]: plans using k of the levers so far
        for c in counts:
            for k in range(self.max_actions, 0, -1):
                ways[k] += ways[k - 1] * c
        return sum(ways)

    def suggest(self, trial: Any) -> Plan:
        """A plan from a trial's choices (an Optuna `Trial` or a stand-in).

        Each lever is a yes/no choice, then its setting and week (conditional on
        yes): one dimension per lever, so the same plan is one point of the space
        (slots in any order would make it many) and the sampler learns what each
        lever is worth. Past `max_actions` levers the later ones (by week, then
        lever order) are left out.
        """
        chosen: list[tuple[int, int, Move]] = []
        for i, (group, moves) in enumerate(self.groups().items()):
            if not trial.suggest_categorical(f"{group}.use", (False, True)):
                continue
            week = trial.suggest_categorical(f"{group}.week", self.weeks)
            labels = tuple(m.label for m in moves)
            label = trial.suggest_categorical(f"{group}.move", labels)
            chosen.append((int(week), i, moves[labels.index(label)]))
        chosen.sort(key=lambda c: (c[0], c[1]))
        return self.plan_of(chosen[: self.max_actions])

    def plan_of(self, chosen: list[tuple[int, int, Move]]) -> Plan:
        """The plan of (week, slot, move) choices, made consistent (see `_consistent`).

        Its label names the moves that kept a step, at their weeks.
        """
        order = sorted(chosen, key=lambda c: (c[0], c[1]))
        steps: list[tuple[int, int, Step]] = []
        for week, slot, move in order:
            for offset, action in move.actions:
                if week + offset < self.horizon:
                    steps.append((week + offset, slot, step(week + offset, action)))
        steps.sort(key=lambda t: (t[0], t[1]))
        kept = _consistent([s for _, _, s in steps])
        kept_ids = {id(s) for s in kept}
        slots = {slot for _, slot, s in steps if id(s) in kept_ids}
        label = "; ".join(f"week {w}: {m.label}" for w, slot, m in order if slot in slots)
        return Plan(label or "do nothing", tuple(kept))


def _consistent(steps: list[Step]) -> list[Step]:
    """The steps without those the engine would refuse for the plan's own reasons.

    Dropped: a merge, split or move before a re-cut into squads (undone by it);
    an exact repeat at the same week; a second use of a tool or of
    the same link (kind, teams, liaison, skill); a second move or release of
    the same worker; a second re-cut into squads; and, after squads or a
    merge, any step naming a team by a name that may be gone. Refusals that
    depend on the run (a worker who quit, nothing to celebrate) are left to
    the engine.
    """
    kept: list[Step] = []
    seen: set[str] = set()
    gone: set[str] = set()
    recut = False
    # A re-cut into squads redraws every in-house team: a merge, split or move before
    # it only pays its costs, so the plan without it is the same plan, cheaper.
    squads_at = next((i for i, s in enumerate(steps) if s.kind == "form_squads"), len(steps))
    steps = [s for i, s in enumerate(steps) if i >= squads_at or s.kind not in _BEFORE_SQUADS]
    for s in steps:
        data = json.loads(s.action)
        kind = data["action"]
        if kind == "celebrate":
            key = f"celebrate@{s.week}"
        elif kind in ("enable_tool", "add_link", "form_squads", "set_mix"):
            key = json.dumps({k: v for k, v in data.items()
                              if k not in ("per_week", "hours", "shared_weight", "squads")},
                             sort_keys=True)  # fmt: skip
            if kind == "set_mix":
                key = f"{s.week}:{s.action}"
        elif kind in ("move_worker", "release"):
            key = f"worker:{data['worker']}"
        else:
            key = f"{s.week}:{s.action}"
        named = set(data.get("teams", ())) | {data.get("team", "*"), data.get("to_team", "*")}
        if key in seen or (kind in _NAMES_TEAMS and (recut or named & gone)):
            continue
        if kind == "form_squads":
            recut = True
        if kind == "merge_teams":
            gone.update(data["teams"][1:])
        seen.add(key)
        kept.append(s)
    return kept


def plan_space(
    scenario: Scenario,
    levers: tuple[str, ...] | list[str] | None = None,
    max_actions: int = MAX_ACTIONS,
    weeks: tuple[int, ...] = WEEK_GRID,
) -> PlanSpace:
    """The plan space of `scenario` over `levers` (default: the scenario's levers).

    Raises:
        PlanSpaceError: a lever that is not a verb or not among the scenario's
            levers, a scenario without levers, no lever with anything to act on,
            or a cap below one lever.
    """
    offered = tuple(scenario.levers)
    if not offered:
        raise PlanSpaceError(f"scenario {scenario.name!r} lists no levers to search over")
    chosen = tuple(levers) if levers else offered
    for lever in chosen:
        if lever not in A.ACTION_KINDS:
            raise PlanSpaceError(f"unknown lever {lever!r} (verbs: {', '.join(A.ACTION_KINDS)})")
        if lever not in offered:
            raise PlanSpaceError(
                f"lever {lever!r} is not one of {scenario.name}'s levers ({', '.join(offered)})"
            )
    if max_actions < 1:
        raise PlanSpaceError(f"a plan needs room for at least one lever, not {max_actions}")
    moves = {lever: tuple(_moves_of(lever, scenario)) for lever in dict.fromkeys(chosen)}
    moves = {lever: m for lever, m in moves.items() if m}
    if not moves:
        raise PlanSpaceError(f"none of the levers {', '.join(chosen)} has anything to act on")
    grid = tuple(w for w in weeks if w < scenario.weeks)
    return PlanSpace(scenario.name, tuple(moves), grid, max_actions, moves, scenario.weeks)
