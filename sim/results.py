"""What a run hands out: frozen snapshots, feed events and run results.

Values crossing the boundary to the game or a notebook are immutable plain
data, never the engine's live objects.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np

from sim.measures import MEASURES

K = TypeVar("K")
V = TypeVar("V")

# Hour categories, in ledger order. Each worker's hours in a week add up to
# the hours paid for them across these.
HOUR_CATEGORIES: tuple[str, ...] = (
    "first_time",
    "routine",
    "info_wait",
    "duplicated",
    "rework",
    "meetings",
    "coordination",
)

# Weekly series every run records (org level), each a float array of length weeks.
WEEKLY_KEYS: tuple[str, ...] = (
    *(f"hours_{c}" for c in HOUR_CATEGORIES),
    "hours_paid",
    "value",
    "value_campaigns",
    "value_initiatives",
    "value_routine",
    "spend",
    "spend_staff",
    "spend_other",
    "efficiency",
    "value_per_khour",
    "engagement",
    "engagement_min_team",
    "consistency",
    "campaigns_done",
    "campaigns_late",
    "campaigns_overdue",
    "lead_time",
    "handoff_wait",
    "wip",
    "quits",
    "headcount",
    "silo_index",
    "fact_delay",
    "tool_cost",
)

# Every key of RunResult.summary (objectives and sweeps name these).
SUMMARY_KEYS: tuple[str, ...] = (
    "weeks",
    "efficiency",
    "value_per_khour",
    "spend",
    "spend_staff",
    "spend_other",
    "value",
    "value_campaigns",
    "value_initiatives",
    "value_routine",
    "hours_paid",
    *(k for c in HOUR_CATEGORIES for k in (f"hours_{c}", f"{c}_share")),
    "campaigns_arrived",
    "campaigns_done",
    "campaigns_late",
    "campaigns_overdue",
    "lead_time_mean",
    "lead_time_p90",
    "handoff_wait_mean",
    "handoff_wait_total",
    "fact_delay_mean",
    "engagement",
    "engagement_mean",
    "engagement_min_team",
    "quits",
    "consistency",
    "silo_index",
    "wip_mean",
    "duplicated_initiatives",
    "joined_initiatives",
    "tool_cost",
)

# Headline measures, in the order tables show them, with labels and units (their one
# home is sim.measures).
SUMMARY_LABELS: dict[str, str] = {m.key: m.label for m in MEASURES if m.headline}


SCRIPTED = "event"
"""The feed kind of the scenario's own news (a disruption): its text, never capped."""


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """Something that happened, in plain words, for the event feed."""

    week: int
    kind: str
    text: str
    teams: tuple[str, ...] = ()
    hours: float = 0.0


@dataclass(frozen=True, slots=True)
class WorkerView:
    name: str
    skill: str
    team: str
    engagement: float
    target: float
    ramp: float
    new: bool


@dataclass(frozen=True, slots=True)
class TeamView:
    name: str
    skills: tuple[str, ...]
    kpi: str
    shared_weight: float
    external: bool
    included: bool
    members: tuple[WorkerView, ...]
    engagement: float
    """Mean engagement of the members (0 for an empty team)."""
    queue: int
    """Tasks ready to work on."""
    queue_hours: float
    waiting: tuple[str, ...]
    """Tasks done upstream that the team has not heard of yet, as 'campaign: task'."""
    duplicated_hours: float
    """Duplicated hours in the last week."""
    engagement_terms: dict[str, float]
    """Mean terms of the engagement target last week (baseline, goals, wasted, ...)."""
    hours: dict[str, float]
    """Hours by category in the last week."""

    @property
    def headcount(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class LinkView:
    kind: str
    teams: tuple[str, ...]
    per_week: float
    hours: float
    liaison: str | None
    skill: str | None


@dataclass(frozen=True, slots=True)
class PathStep:
    """One task on a late campaign's deciding chain (times in hours since the start)."""

    task: str
    team: str
    """Its team ('' when no team has the skill)."""
    state: str
    """'done', 'in progress', 'in the queue', 'waiting for news of its inputs', ..."""
    input_task: str | None
    """The input that reached it last (None for the first task)."""
    input_team: str | None
    news_wait: float
    """Hours from the input being done to this team knowing it (0 within a team)."""
    route: str
    """How the news came: 'email', 'hallway', 'meeting', ..., 'not heard yet' ('' within a team)."""
    ready: float | None
    """When it could first be started (inputs done and known)."""
    started: float | None
    done: float | None
    """When it was first finished (rework comes later)."""

    @property
    def queued(self) -> float | None:
        """Hours between ready and started: the team had other priorities."""
        if self.ready is None or self.started is None:
            return None
        return max(0.0, self.started - self.ready)

    @property
    def worked(self) -> float | None:
        if self.started is None or self.done is None:
            return None
        return max(0.0, self.done - self.started)


@dataclass(frozen=True, slots=True)
class CampaignPath:
    """Why a campaign was late: the chain of tasks and waits that set its finish."""

    label: str
    owner: str
    arrival: float
    due: float
    live_at: float | None
    """When it went live (None: still open, and overdue)."""
    late_hours: float
    """Hours past its due time when it went live (or so far)."""
    steps: tuple[PathStep, ...]

    @property
    def news_wait(self) -> float:
        return sum(s.news_wait for s in self.steps)

    @property
    def queued(self) -> float:
        return sum(s.queued or 0.0 for s in self.steps)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The org and its measures at a week boundary."""

    week: int
    weeks: int
    teams: tuple[TeamView, ...]
    links: tuple[LinkView, ...]
    tools: dict[str, bool]
    last_week: dict[str, float]
    """The weekly series' values for the week just ended (empty at week 0)."""
    feed: tuple[FeedEvent, ...]
    """Events of the week just ended."""
    pending_hires: int
    late: tuple[CampaignPath, ...] = ()
    """Overdue open campaigns, then the latest late ones to go live, with their paths."""

    def team(self, name: str) -> TeamView:
        for t in self.teams:
            if t.name == name:
                return t
        raise KeyError(name)


class FrozenMap(dict[K, V]):
    """A dict that refuses to change: views handed out stay as they were made.

    A plain dict subclass (not a mapping proxy) so it pickles across process
    pools and serialises as JSON; every mutating method raises TypeError.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("this view of the simulation is read-only")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))

    def __copy__(self) -> FrozenMap[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenMap[K, V]:
        return self


def frozen_array(values: Any) -> np.ndarray:
    """A float array that cannot be written to (a result's series stay as recorded)."""
    import numpy as np  # lazily: `silo validate` and `silo --help` need no numpy

    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


def _clean(x: float) -> float | None:
    return None if isinstance(x, float) and math.isnan(x) else x


@dataclass(frozen=True)
class RunResult:
    """One run: its identity, weekly series, summary, events and actions."""

    scenario: str
    seed: int
    weeks: int
    version: str
    weekly: dict[str, np.ndarray]
    team_weekly: dict[str, dict[str, np.ndarray]]
    """Per team name: engagement, headcount, queue, quits and hours by category, by week."""
    summary: dict[str, float]
    events: tuple[FeedEvent, ...] = ()
    actions: tuple[tuple[int, dict[str, Any]], ...] = ()

    def __post_init__(self) -> None:
        # Frozen all the way: series read-only, mappings that refuse edits, however
        # the result was built (engine, executor, a saved game).
        put = object.__setattr__
        put(self, "weekly", FrozenMap({k: frozen_array(v) for k, v in self.weekly.items()}))
        put(
            self,
            "team_weekly",
            FrozenMap(
                {
                    t: FrozenMap({k: frozen_array(v) for k, v in d.items()})
                    for t, d in self.team_weekly.items()
                }
            ),
        )
        put(self, "summary", FrozenMap(self.summary))
        put(self, "actions", tuple((w, FrozenMap(a)) for w, a in self.actions))

    def to_records(self) -> list[dict[str, Any]]:
        """One row per week, for pandas or CSV."""
        rows = []
        for w in range(self.weeks):
            row: dict[str, Any] = {"scenario": self.scenario, "seed": self.seed, "week": w + 1}
            for k, arr in self.weekly.items():
                row[k] = float(arr[w])
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "weeks": self.weeks,
            "version": self.version,
            "summary": {k: _clean(float(v)) for k, v in self.summary.items()},
            "weekly": {k: [_clean(float(x)) for x in v] for k, v in self.weekly.items()},
            "team_weekly": {
                t: {k: [_clean(float(x)) for x in v] for k, v in d.items()}
                for t, d in self.team_weekly.items()
            },
            "events": [asdict(e) for e in self.events],
            "actions": [{"week": w, **a} for w, a in self.actions],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1)
