"""The path of a late campaign: the chain of tasks and waits that set its finish.

A facilitator asked "why was the launch late?" needs the one chain that
decided it, not every task: starting from the task that finished last (or, for
a campaign still open, the one holding it up), step back each time to the
input that reached it last, until a task with no inputs. Each step then says
how long the news of its input took and over which route, how long it sat in
its team's queue, and how long it was worked. Reading the chain costs nothing
during the run: it is built only for late campaigns, from times the tasks keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.results import CampaignPath, PathStep

if TYPE_CHECKING:
    from sim.work import Campaign, Task


def _arrived(task: Task, upstream: Task) -> float:
    """When `task`'s team knew that `upstream` was done (inf while it does not)."""
    for source, wait, _ in task.heard:
        if source is upstream:
            return upstream.first_done + wait
    if not upstream.done:
        return float("inf")
    if upstream.team is task.team or upstream.idx not in task.pending:
        return upstream.first_done  # same team: known at once
    return float("inf")


def _state(task: Task) -> str:
    if task.done:
        return "done"
    if task.team is None:
        return "no team has the skill"
    if task.worker is not None or task.started:
        return "in progress"
    if task.deps_left:
        return "waiting for its inputs"
    if task.pending:
        return "waiting for news of its inputs"
    return "in the queue"


def _step(task: Task, upstream: Task | None, now: float, origin: float) -> PathStep:
    wait, route = 0.0, ""
    if upstream is not None:
        for source, waited, via in task.heard:
            if source is upstream:
                wait, route = waited, via
                break
        else:
            if upstream.done and upstream.idx in task.pending:
                # Done upstream, still unheard here: the wait so far.
                wait, route = now - upstream.first_done, "not heard yet"
    return PathStep(
        task=task.name,
        team=task.team.name if task.team is not None else "",
        state=_state(task),
        input_task=upstream.name if upstream is not None else None,
        input_team=(upstream.team.name if upstream is not None and upstream.team else None),
        news_wait=wait,
        route=route,
        ready=task.first_ready - origin if task.first_ready >= 0 else None,
        started=task.started_at - origin if task.started else None,
        done=task.first_done - origin if task.first_done >= 0 else None,
    )


def critical_chain(campaign: Campaign) -> list[tuple[Task, Task | None]]:
    """(task, the input that reached it last) from the first task to the last."""
    tasks = campaign.tasks
    if not tasks:
        return []

    def finish(t: Task) -> float:
        return t.first_done if t.first_done >= 0 else float("inf")

    # The campaign waits on its latest task; ties go to the later task in the template.
    last = max(tasks, key=lambda t: (finish(t), t.idx))
    chain: list[tuple[Task, Task | None]] = []
    seen: set[int] = set()
    step: Task | None = last
    while step is not None and step.idx not in seen:
        seen.add(step.idx)
        here = step
        upstream = max(here.deps, key=lambda d: (_arrived(here, d), d.idx)) if here.deps else None
        chain.append((here, upstream))
        step = upstream
    chain.reverse()
    return chain


def campaign_path(campaign: Campaign, now: float, origin: float = 0.0) -> CampaignPath:
    """The late (or overdue) campaign's deciding chain, as frozen data.

    Times are hours since week 0 (`origin` in engine time): a campaign that
    arrived in the warm-up has a negative arrival.
    """
    owner = campaign.owner.name if campaign.owner is not None else ""
    return CampaignPath(
        label=campaign.label,
        owner=owner,
        arrival=campaign.arrival - origin,
        due=campaign.due - origin,
        live_at=campaign.live_at - origin if campaign.live else None,
        late_hours=(campaign.live_at if campaign.live else now) - campaign.due,
        steps=tuple(_step(t, up, now, origin) for t, up in critical_chain(campaign)),
    )
