"""What every reorg pays and carries over (MODEL.md mechanic 12).

Moved people restart at a lower ramp and owe handover hours; a task in
progress that changes team loses part of its progress; a merged team takes
over its old teams' queues, waits, knowledge and links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team, Worker
    from sim.work import Task


def move(
    sim: Simulation, w: Worker, dst: Team, *, costs: bool = True, keep_task: bool = False
) -> None:
    """Move a worker: idle bookkeeping follows them.

    Their task in progress stays with the old team (and loses part of its progress)
    unless `keep_task`: in a re-cut of the whole org people finish what is on their
    desk in their new team rather than drop it.
    """
    now = sim.clock.now
    src = w.team
    if w in src.idle:
        src.mark_wait(now)
        dst.mark_wait(now)
        src.idle.remove(w)
        dst.idle.append(w)
    if w.task is not None:
        if costs and not keep_task:
            lose_progress(sim, w)
        else:
            # Staying put while the team around them is renamed: the work goes on.
            w.task.team = dst
    src.members.remove(w)
    dst.members.append(w)
    w.team = dst
    if costs:
        w.restart_ramp(sim.p.moved_ramp, sim.p.ramp_weeks)
        w.handover_left += sim.p.handover_hours  # paid over handover_weeks (sim.engine.upkeep)


def keep_skills_of_members(team: Team) -> None:
    """A team covers only the skills someone in it still has (work then routes elsewhere)."""
    have = {w.skill for w in team.members}
    kept = [s for s in team.skills if s in have]
    if kept:
        team.skills = kept


def lose_progress(sim: Simulation, w: Worker) -> None:
    task = w.task
    assert task is not None
    task.worker = None
    w.task = None
    done = task.effort - task.remaining
    task.remaining += done * sim.p.handover_loss
    task.remaining = min(task.remaining, task.effort)
    if task.team is not None:
        sim.floor.make_ready(task, sim.clock.now)


def retire(sim: Simulation, old: Team, new: Team) -> None:
    """`old` is merged into `new`: queues, waiting tasks, knowledge and links follow."""
    now = sim.clock.now
    old.mark_wait(now)
    new.mark_wait(now)
    sim.org.successor[old.idx] = new.idx
    for anc, until in old.lineage.items():
        new.lineage[anc] = min(now, until) if anc != new.idx else until
    campaigns = sim.demand.open_campaigns
    for c in campaigns:
        if old.idx in c.known:
            c.known[new.idx] = max(c.known.get(new.idx, 0), c.known[old.idx])
        if c.owner is old:
            c.owner = new
    for task in old.queue:
        task.team = new
        new.queue.append(task)
    for task in old.own_queue:
        task.team = new
        new.own_queue.append(task)
    for task in old.waiting:
        task.team = new
        new.waiting.append(task)
        new.wait_count += 1
    old.queue, old.waiting, old.wait_count = [], [], 0
    old.own_queue.clear()
    for c in campaigns:
        for task in c.tasks:
            if task.team is old:
                task.team = new
    for lk in sim.net.links:
        if lk.teams is not None and old.idx in lk.teams:
            lk.teams = sorted({new.idx if i == old.idx else i for i in lk.teams})
            if len(lk.teams) < 2 and lk.kind != "liaison":
                lk.removed = now
    old.active = False


def reassign(src: Team, dst: Team, task: Task) -> None:
    """Hand a campaign task from one team to another, wherever it stands."""
    if task in src.queue:
        src.queue.remove(task)
        dst.queue.append(task)
    elif task in src.waiting:
        src.waiting.remove(task)
        src.wait_count -= 1
        dst.waiting.append(task)
        dst.wait_count += 1
    task.team = dst
