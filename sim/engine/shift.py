"""A worker's life on the floor: pay hour debts, take the best ready task, work it in
chunks, idle until woken, for as long as they are present.

Not a generator process but callbacks on one reused SimPy event: the events, their
times and their order are those a process would make (the first step runs from an
urgent event now, as a process starts), but each of the run's most frequent events
skips the process machinery. The chunks are the run's hottest path.
"""

from __future__ import annotations

from collections.abc import Callable
from heapq import heappush
from typing import TYPE_CHECKING, Any

from simpy.events import NORMAL

from sim.engine.constants import EPS
from sim.org import COORD, MEETINGS, Team, Worker
from sim.work import Task

if TYPE_CHECKING:
    from sim.engine.floor import WorkFloor


class Shift:
    """One worker's life on the floor (see the module's docstring).

    One object per worker holds what its callbacks read, in one place in memory: as
    closures, each worker had some twenty cells and four function objects of its
    own, and in a large org, where thousands of other workers' chunks pass between
    two of one worker's, each of those was a cache miss.
    """

    # The first are read at every chunk, kept together (slots are laid out in this order).
    __slots__ = (  # noqa: RUF023
        "w",
        "tick",
        "finished",
        "again",
        "queue",
        "eid",
        "clock",
        "env",
        "overheads",
        "base",
        "slope",
        "chunk",
        "floor",
        "pick",
        "soon",
    )

    def __init__(self, floor: WorkFloor, w: Worker) -> None:
        self.w = w
        self.floor = floor
        env = self.env = floor.env
        self.clock = floor.clock
        # SimPy's `Environment.schedule` written out (SimPy pinned to 4.x in pyproject):
        # the same heap entry, time, priority and id, without a method call per event.
        self.queue, self.eid = env._queue, env._eid
        self.pick = floor.pick
        p = floor.p
        self.chunk = p.chunk_hours
        self.base, self.slope = p.productivity_base, p.productivity_slope
        self.overheads = floor._overheads
        self.soon = floor.clock.soon.append
        # One timeout per worker, scheduled again each time it has fired (SimPy sets
        # its callbacks to None then): a worker waits on one chunk at a time, and a
        # new event per chunk was the run's most frequent allocation.
        self.tick = floor.clock.reusable_event()
        # SimPy reads an event's callback list once and never changes it: one list each
        # for "go on" and "chunk done" serves every event of the worker's life.
        self.again: list[Callable[[Any], None]] = [self.loop]
        self.finished: list[Callable[[Any], None]] = [self.chunk_done]

    def loop(self, _: object = None) -> None:
        """Pay hour debts, else take the best ready task and work a chunk, else idle."""
        w = self.w
        env = self.env
        while w.present:
            now = env._now  # the `now` property without its call
            if w.debt_meet > EPS or w.debt_coord > EPS:
                chunk = self.chunk
                room = self.clock.week_end - now
                if w.debt_meet > EPS:
                    d = min(w.debt_meet, chunk, room)
                    w.debt_meet -= d
                    w.hours[MEETINGS] += d
                else:
                    d = min(w.debt_coord, chunk, room)
                    w.debt_coord -= d
                    w.hours[COORD] += d
                tick = self.tick
                tick.callbacks = self.again
                heappush(self.queue, (now + d, NORMAL, next(self.eid), tick))
                return
            team = w.team
            task = self.pick(team, now)
            if task is None:
                team.mark_wait(now)
                w.idle_since = now
                team.idle.append(w)
                return
            if not task.started and not self.floor.start_task(task, team, now):
                continue
            self.work_on(task, team, now)
            return

    def work_on(self, task: Task, team: Team, now: float) -> None:
        """Work a chunk of `task` (started) from `now`, booked as it starts."""
        w = self.w
        oh = self.overheads.get((len(team.members), len(team.skills)))
        if oh is None:
            oh = self.floor.overhead(team)
        speed = (self.base + self.slope * w.engagement) * w.ramp * (1 - oh)
        if w.isolated:
            speed *= 1.0 - self.floor.lone_loss(team, now)
        chunk = self.chunk
        d = task.remaining / speed if speed > 0 else chunk
        if d > chunk:
            d = chunk
        room = self.clock.week_end - now
        if d > room:
            d = room
        hours = w.hours
        hours[task.category] += d * (1 - oh)
        hours[COORD] += d * oh
        # Progress is credited when the chunk is booked: chunks never cross a week
        # boundary and nothing interrupts one between boundaries, so a chunk
        # still pending when the org changes at a boundary has been done in full.
        task.remaining -= d * speed
        task.worker = w
        w.task = task
        tick = self.tick
        tick.callbacks = self.finished
        heappush(self.queue, (now + d, NORMAL, next(self.eid), tick))

    def chunk_done(self, _: object) -> None:
        """A chunk ended: the task is done, goes straight on, or goes back to its queue."""
        w = self.w
        task = w.task
        w.task = None
        # Not theirs any more: taken away at a boundary by a reorg or a quit.
        if task is not None and task.worker is w:
            task.worker = None
            team = task.team
            if task.remaining <= 1e-6:
                self.floor.complete(task, self.env._now)
            elif team is not None:
                if (
                    team is w.team
                    and not team.queue
                    and not team.own_queue
                    and w.debt_meet <= EPS
                    and w.debt_coord <= EPS
                    and w.present
                ):
                    # Most chunks end so: the team's one ready task and no hour debts,
                    # which `loop` would queue, pick and take straight back.
                    self.work_on(task, team, self.env._now)
                    return
                if task.campaign is None:
                    team.own_queue.appendleft(task)
                else:
                    team.queue.append(task)
        self.loop()

    def wake(self) -> None:
        """Get an idle worker up: their tick is free (no event pending), scheduled now,
        as `Event.succeed` would schedule a fresh event (same time, priority, order),
        among the clock's events due now."""
        tick = self.tick
        tick.callbacks = self.again
        self.soon((self.env._now, NORMAL, next(self.eid), tick))
