"""The state every part of the Simulation shares, declared once for type checkers.

`Simulation` is assembled from mixins (demand, working, consistency, week), one
module each; they all read and write the same state. This base declares it,
and the methods the parts call on each other, so each module type-checks alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import simpy

    from sim.info import Network
    from sim.metrics import Ledger
    from sim.org import Team, Worker
    from sim.params import Params
    from sim.results import CampaignPath, FeedEvent
    from sim.rng import Streams
    from sim.scenario import Scenario
    from sim.work import Campaign, Task


class SimState:
    """Attributes set up by `Simulation.__init__`."""

    scenario: Scenario
    seed: int
    p: Params
    weeks: int
    week: int
    env: simpy.Environment
    streams: Streams
    net: Network
    teams: list[Team]
    workers: list[Worker]
    successor: dict[int, int]
    campaigns: list[Campaign]
    open_campaigns: list[Campaign]
    late_paths: list[CampaignPath]
    unrouted: list[Task]
    registry: dict[tuple[str, int], list[Task]]
    pending_hires: list[tuple[int, int, str]]
    actions_log: list[tuple[int, Any]]
    feed: list[FeedEvent]
    _said: dict[int, int]
    wins_since_celebration: int
    week_start: float
    week_end: float
    ledger: Ledger
    _uid: int
    _task_uid: int
    topic_label: list[str]
    fixed_topics: dict[int, str]
    mix: list[float]
    channels: list[str]
    _script: dict[int, list[Any]]
    skill_teams: dict[str, list[Team]]
    _rr: dict[str, int]

    if TYPE_CHECKING:

        def say(
            self, kind: str, text: str, teams: tuple[str, ...] = (), hours: float = 0.0
        ) -> None: ...
        def route(self, skill: str, prefer: Team | None) -> Team | None: ...
        def live_teams(self) -> list[Team]: ...
        def topic_name(self, topic: int) -> str: ...
        def resolve(self, idx: int) -> Team: ...
        def refresh_routing(self) -> None: ...
        def new_worker(
            self, name: str, skill: str, team: Team, mean: float | None = None
        ) -> Worker: ...
        def make_ready(self, task: Task, now: float) -> None: ...
        def _book_idle(self, w: Worker, now: float) -> None: ...
        def _work(self, w: Worker) -> Any: ...
        def _maybe_live(self, c: Campaign, now: float) -> None: ...
        def _rework(self, t: Task, now: float) -> None: ...
        def _at(self, at: float, fn: Any, *args: Any) -> None: ...
        def _place(self, task: Task, now: float) -> None: ...
        def _message_change(self, c: Campaign, text: str) -> None: ...
        def _handoff_arrives(self, child: Task, upstream: Task, via: str, at: float) -> None: ...
        def _message_arrives(
            self, c: Campaign, team_idx: int, version: int, sent: float, via: str, at: float
        ) -> None: ...
        def news_after_change(self, opened: frozenset[int], openness: dict[int, float]) -> None: ...
        def _change_course(self, template: str | None, text: str) -> None: ...
        def _leave_event(self, name: str | None, text: str) -> None: ...
        def apply(self, action: Any, scripted: bool = False) -> None: ...
