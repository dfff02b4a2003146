"""The organization at run time: teams, workers and links.

These are the engine's live, mutable objects; nothing outside `sim` sees them
(the game gets frozen views from `sim.results`). Hot objects use `__slots__`.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from sim.params import HOURS_PER_WEEK

if TYPE_CHECKING:
    from sim.work import Task

# Ledger indices of sim.results.HOUR_CATEGORIES.
FIRST, ROUTINE, INFO_WAIT, DUPLICATED, REWORK, MEETINGS, COORD = range(7)
N_CATEGORIES = 7


class Worker:
    """A person: skill, engagement, ramp and this week's hours."""

    # A chunk's start and end read the first eleven, kept together in the object's
    # first cache lines (slots are laid out in this order).
    __slots__ = (  # noqa: RUF023
        "task",
        "team",
        "present",
        "debt_meet",
        "debt_coord",
        "engagement",
        "ramp",
        "isolated",
        "hours",
        "idle_since",
        "wake",
        "baseline",
        "handover_left",
        "name",
        "new",
        "ramp_step",
        "skill",
        "target",
        "terms",
        "uid",
    )

    def __init__(self, uid: int, name: str, skill: str, team: Team, baseline: float) -> None:
        self.uid = uid
        self.name = name
        self.skill = skill
        self.team = team
        self.baseline = baseline
        self.engagement = baseline
        self.target = baseline
        self.terms: dict[str, float] = {}
        self.ramp = 1.0
        self.ramp_step = 0.0
        self.new = False
        self.present = True
        self.hours = [0.0] * N_CATEGORIES
        self.debt_meet = 0.0
        self.debt_coord = 0.0
        self.handover_left = 0.0
        self.idle_since: float | None = None
        # No one else of their skill in the team and no guild of it: nobody to learn from.
        self.isolated = False
        # Gets an idle worker up (set when they join the floor): reschedules their one event.
        self.wake: Any = None
        self.task: Task | None = None

    def restart_ramp(self, start: float, weeks: float) -> None:
        """Productivity drops to `start` and climbs back linearly over `weeks`."""
        self.ramp = min(self.ramp, start)
        self.ramp_step = (1.0 - self.ramp) / weeks


class Team:
    """A team: goal, members, queues and what it knows."""

    __slots__ = (
        "active",
        "born",
        "dup_hours",
        "external",
        "idle",
        "idx",
        "included",
        "kpi",
        "lineage",
        "members",
        "name",
        "own_queue",
        "queue",
        "recut",
        "routine_value",
        "shared_weight",
        "skills",
        "wait_cap",
        "wait_count",
        "wait_integral",
        "wait_mark",
        "waiting",
    )

    def __init__(
        self,
        idx: int,
        name: str,
        skills: list[str],
        kpi: str,
        shared_weight: float,
        external: bool,
        included: bool,
        born: float,
    ) -> None:
        self.idx = idx
        self.name = name
        self.skills = skills
        self.kpi = kpi
        self.shared_weight = shared_weight
        self.external = external
        self.included = included
        self.active = True
        self.born = born
        # Made by a reorg (merge, split, squads), not given by the scenario or joining
        # as a new agency: only such a team forms slowly and can strand a specialist.
        self.recut = False
        self.members: list[Worker] = []
        # Ready campaign tasks (priorities change with urgency, so they are scanned).
        self.queue: list[Task] = []
        # Ready own initiatives: constant priority, so first come first served.
        self.own_queue: deque[Task] = deque()
        self.idle: list[Worker] = []
        # Teams whose knowledge this team holds, with the time it stopped inheriting.
        self.lineage: dict[int, float] = {idx: float("inf")}
        # Tasks done upstream but not yet known here: count, and the integral of
        # min(idle workers, waiting tasks) over time (information-wait hours).
        self.waiting: list[Task] = []
        self.wait_count = 0
        self.wait_integral = 0.0
        self.wait_mark = 0.0
        self.dup_hours = 0.0
        # Routine value booked this week (given back for hours that were information wait),
        # and the effort of tasks that waited this week (the most wait they can explain).
        self.routine_value = 0.0
        self.wait_cap = 0.0

    def openness(self, params: Any) -> float:
        """How readily the team shares: smooth in its shared weight (no step anywhere)."""
        if self.external and not self.included:
            return float(params.openness_excluded)
        low, high = float(params.openness_local), float(params.openness_shared)
        return low + (high - low) * self.shared_weight

    def mark_wait(self, now: float) -> None:
        """Accumulate information-wait time up to now, before a count changes."""
        idle = len(self.idle)
        if idle and self.wait_count:
            self.wait_integral += (now - self.wait_mark) * min(idle, self.wait_count)
        self.wait_mark = now

    def load(self) -> float:
        return sum(t.remaining for t in self.queue) + sum(t.remaining for t in self.own_queue)

    def __repr__(self) -> str:
        return f"Team({self.name!r}, {len(self.members)})"


class Link:
    """A route for information between teams."""

    __slots__ = (
        "added",
        "attendees",
        "free_at",
        "hours",
        "idx",
        "kind",
        "liaison",
        "per_week",
        "removed",
        "skill",
        "teams",
    )

    def __init__(
        self,
        idx: int,
        kind: str,
        teams: list[int] | None,
        per_week: float,
        hours: float,
        liaison: Worker | None,
        skill: str | None,
        added: float,
    ) -> None:
        self.idx = idx
        self.kind = kind
        # None links every team, including those that join later.
        self.teams = teams
        self.per_week = per_week
        self.hours = hours
        self.liaison = liaison
        self.skill = skill
        self.added = added
        self.removed = float("inf")
        # A meeting of some people only (their worker uids): only they spend its hours,
        # and only they count toward its crowd. None: everyone in the linked teams.
        self.attendees: frozenset[int] | None = None
        # A liaison carries one fact at a time: when they are next free (a queue past
        # their capacity).
        self.free_at = 0.0

    def joins(self, a: int, b: int) -> bool:
        return self.teams is None or (a in self.teams and b in self.teams)

    def covers(self, team: int) -> bool:
        return self.teams is None or team in self.teams

    def alive(self, t: float) -> bool:
        return self.added <= t < self.removed

    def next_meeting(self, t: float, k: int = 1) -> float:
        """Time of the k-th meeting strictly after t (meetings mid-interval)."""
        interval = HOURS_PER_WEEK / self.per_week
        phase = interval / 2
        n = (t - phase) // interval + 1
        if n * interval + phase <= t:
            n += 1
        return (n + k - 1) * interval + phase
