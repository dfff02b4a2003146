"""The space of plans a search explores: a scenario's levers as a few concrete moves.

A plan is up to `max_actions` slots; each slot picks a lever (or none), a
week from a small grid, and one of that lever's moves: a concrete setting
(a goal weight and KPI, a link's kind and cadence, a celebration cadence,
who moves where, which teams merge). The moves are built from the scenario
as it starts (its teams, members, links, tools and campaign kinds), so every
plan names things that exist. The space is kept small on purpose: a few
settings per lever that a manager would tell apart, not every number, so a
hundred trials cover it and the plan found reads as advice.

Choices are Optuna categoricals under stable names (`0.lever`, `0.week`,
`0.set_goal`), conditional on the slot's lever, so a sampler learns which
settings pay under which lever. The space only asks (`trial.suggest_*`); it
never imports Optuna itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sim import actions as A
from sim.plans import TOOLS, Plan, Step, step
from sim.scenario import Scenario

WEEK_GRID: tuple[int, ...] = (0, 4, 8, 13, 26)
"""Week boundaries a slot may act at (those before the horizon): now, after a month,
two months, a quarter, half a year. Coarse on purpose: a plan's timing matters by
the month, and a coarse grid keeps the space small."""
MAX_ACTIONS = 3
"""Slots in a plan by default: more than three moves is rarely a plan a manager adopts."""
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


class PlanSpaceError(ValueError):
    """A plan space that cannot be built (unknown lever, no levers)."""


@dataclass(frozen=True)
class Move:
    """One setting of a lever: actions at offsets from the slot's week.

    Attributes:
        label: The setting in a few words (also the sampler's choice).
        actions: (weeks after the slot's week, action) pairs.
    """

    label: str
    actions: tuple[tuple[int, Any], ...]


def _members(spec: Any) -> list[str]:
    return list(spec.members) or [f"{spec.name} {i + 1}" for i in range(spec.size)]


def _in_house(scn: Scenario) -> list[Any]:
    return [t for t in scn.teams if not t.external and t.joins_week == 0]


def _one(label: str, action: Any) -> Move:
    return Move(label, ((0, action),))


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
        # The first celebration comes one cadence after the slot's week: there
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
    """The plans a search may pick: slots of (lever, week, move).

    Attributes:
        scenario: The scenario's name.
        levers: Levers with at least one move, in the scenario's order.
        weeks: Week boundaries a slot may act at.
        max_actions: Slots per plan.
        moves: Per lever, its moves.
        horizon: The scenario's weeks (steps past it are left out).
    """

    scenario: str
    levers: tuple[str, ...]
    weeks: tuple[int, ...]
    max_actions: int
    moves: dict[str, tuple[Move, ...]]
    horizon: int

    def size(self) -> int:
        """Distinct choices of one slot (lever, week and move), none included."""
        return 1 + len(self.weeks) * sum(len(m) for m in self.moves.values())

    def suggest(self, trial: Any) -> Plan:
        """A plan from a trial's choices (an Optuna `Trial` or a stand-in)."""
        chosen: list[tuple[int, int, Move]] = []
        for slot in range(self.max_actions):
            lever = trial.suggest_categorical(f"{slot}.lever", (NONE, *self.levers))
            if lever == NONE:
                continue
            week = trial.suggest_categorical(f"{slot}.week", self.weeks)
            labels = tuple(m.label for m in self.moves[lever])
            label = trial.suggest_categorical(f"{slot}.{lever}", labels)
            chosen.append((int(week), slot, self.moves[lever][labels.index(label)]))
        return self.plan_of(chosen)

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

    Dropped: an exact repeat at the same week; a second use of a tool or of
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
            or fewer than one slot.
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
        raise PlanSpaceError(f"a plan needs at least one action slot, not {max_actions}")
    moves = {lever: tuple(_moves_of(lever, scenario)) for lever in dict.fromkeys(chosen)}
    moves = {lever: m for lever, m in moves.items() if m}
    if not moves:
        raise PlanSpaceError(f"none of the levers {', '.join(chosen)} has anything to act on")
    grid = tuple(w for w in weeks if w < scenario.weeks)
    return PlanSpace(scenario.name, tuple(moves), grid, max_actions, moves, scenario.weeks)
