"""Work: campaigns and their task DAGs, own initiatives, assets, and demand.

Demand is drawn up front for the whole horizon (arrival times, templates,
topics, efforts, message-change times), from the arrivals and efforts streams
in a fixed order, so every policy variant faces exactly the same work.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from sim.params import HOURS_PER_WEEK
from sim.scenario import CampaignTemplate, Scenario, topological_order

if TYPE_CHECKING:
    from sim.org import Team, Worker


_SUBJECTS = (
    "spring sale",
    "loyalty programme",
    "new app",
    "summer launch",
    "pricing update",
    "customer stories",
    "holiday gifts",
    "product tour",
    "brand refresh",
    "free trial",
    "partner event",
    "sustainability",
    "back to school",
    "referral bonus",
    "webinar series",
    "help centre",
    "black friday",
    "new store",
    "mobile checkout",
    "membership tiers",
    "case study",
    "annual report",
    "community day",
    "recipe ideas",
    "how-to basics",
    "price match",
    "anniversary",
    "gift cards",
    "trade show",
    "user survey",
)
_FORMS = ("", " guide", " FAQ", " video")


def topic_names(count: int, given: tuple[str, ...]) -> list[str]:
    """Readable names for the topic pool: the scenario's, then generated ones."""
    names = list(given[:count])
    i = 0
    while len(names) < count:
        form, subject = divmod(i, len(_SUBJECTS))
        base = _SUBJECTS[subject] + _FORMS[form % len(_FORMS)]
        names.append(base if form < len(_FORMS) else f"{base} {form // len(_FORMS) + 1}")
        i += 1
    return names


class Task:
    """A unit of work for one team: a campaign task, a rework or an own initiative."""

    # A chunk's start and end read the first eight: kept together, in one cache line
    # of the object (slots are laid out in this order), as thousands of tasks
    # interleave between one chunk of a task and the next.
    __slots__ = (  # noqa: RUF023
        "remaining",
        "worker",
        "team",
        "campaign",
        "category",
        "started",
        "rework",
        "ready_at",
        "asset",
        "children",
        "created",
        "deps",
        "deps_left",
        "done",
        "done_at",
        "done_version",
        "dup_of",
        "effort",
        "first_done",
        "first_ready",
        "heard",
        "idx",
        "name",
        "openness",
        "origin",
        "pending",
        "reused",
        "skill",
        "stale",
        "started_at",
        "topic",
        "uid",
        "value",
        "wait_budget",
        "wait_route",
    )

    def __init__(
        self,
        uid: int,
        name: str,
        skill: str,
        effort: float,
        topic: int,
        created: float,
        campaign: Campaign | None = None,
        idx: int = 0,
        asset: str | None = None,
    ) -> None:
        self.uid = uid
        self.name = name
        self.skill = skill
        self.effort = effort
        self.remaining = effort
        self.topic = topic
        self.created = created
        self.campaign = campaign
        self.idx = idx
        self.asset = asset
        self.team: Team | None = None
        self.worker: Worker | None = None
        # Tuples, empty ones shared: most tasks (initiatives) have none, and every
        # list is one more object for Python's collector to scan in a big run.
        self.deps: tuple[Task, ...] = ()
        self.children: tuple[Task, ...] = ()
        self.deps_left = 0
        # Upstream tasks done but not yet known here: upstream idx -> arrival time.
        self.pending: dict[int, float] = {}
        self.ready_at = created
        self.started = False
        self.done = False
        self.done_at = 0.0
        self.done_version = 0
        self.stale = False
        self.rework = False
        self.category = 0
        self.value = 0.0
        self.wait_route = ""
        # Idle hours this task can still explain as information wait over its whole wait:
        # no more than the work it would have given (MODEL.md measures, issue 9).
        self.wait_budget = effort
        self.dup_of: Team | None = None
        # The team that made the output and its openness then: the sender of its
        # plan and asset facts.
        self.origin: Team | None = None
        self.openness = 1.0
        self.started_at = 0.0
        self.reused = False
        # For the path of a late campaign (sim/paths.py): when the task could
        # first start and first finished (rework moves ready_at and done_at),
        # and how each cross-team input reached it: (upstream, wait h, route).
        self.first_ready = -1.0
        self.first_done = -1.0
        self.heard: tuple[tuple[Task, float, str], ...] = ()

    @property
    def label(self) -> str:
        if self.campaign is None:
            return f"initiative '{self.name}'"
        return f"{self.campaign.label}: {self.name}"


class Campaign:
    """A template's instance moving through the org."""

    __slots__ = (
        "arrival",
        "changed_at",
        "due",
        "eta",
        "id",
        "known",
        "live",
        "live_at",
        "on_message",
        "outputs",
        "owner",
        "reviewed",
        "span",
        "tasks",
        "template",
        "topic",
        "topic_name",
        "value",
        "value_score",
        "version",
        "worst_wait",
    )

    def __init__(
        self,
        cid: int,
        template: CampaignTemplate,
        arrival: float,
        due: float,
        topic: int,
        topic_name: str,
        value: float,
    ) -> None:
        self.id = cid
        self.template = template
        self.arrival = arrival
        self.due = due
        self.topic = topic
        self.topic_name = topic_name
        self.value = value
        # The parts of a task's shared priority fixed for the campaign's life, worked out
        # once (the pick loop scans every queued task at every pick): the same floats.
        self.value_score = 0.5 * value / 100.0
        self.span = due - arrival
        self.version = 0
        self.changed_at = arrival  # when the message last changed
        # When each team is due to hear each message version: (team idx, version) -> hours.
        self.eta: dict[tuple[int, int], float] = {}
        # Message version each team knows, by team idx.
        self.known: dict[int, int] = {}
        self.tasks: list[Task] = []
        self.owner: Team | None = None
        self.live = False
        self.live_at = 0.0
        self.reviewed = False
        self.outputs = 0
        self.on_message = 0
        self.worst_wait: tuple[float, str, str, str] = (0.0, "", "", "")

    @property
    def label(self) -> str:
        return f"{self.template.name} '{self.topic_name}'"


WEEK_ID_OFFSET = 1024
"""Added to a week in campaign ids (ids are non-negative; warm-up weeks are negative)."""
MAX_PER_WEEK = 4096
"""Most campaigns drawn in one week (ids are week * this + index)."""


@dataclass(frozen=True, slots=True)
class CampaignDraw:
    """A pre-drawn campaign arrival.

    The template is picked at arrival from the campaign mix then in force (a
    lever in some scenarios), so efforts are drawn for every template and the
    same draws serve whichever mix a variant plays.
    """

    cid: int
    time: float
    template: int
    """Fixed template index, or -1 to pick one with `pick` from the mix."""
    pick: float
    topic: int
    efforts: tuple[tuple[float, ...], ...]
    """Task efforts for each template, by template index."""
    changes: tuple[float, ...]
    """Random message changes, as fractions of the change window."""
    due_weeks: float | None = None
    value: float | None = None


def pick_template(weights: list[float], u: float) -> int:
    """The template whose share of the cumulative weights holds u in [0, 1)."""
    total = sum(weights)
    if total <= 0:
        return min(int(u * len(weights)), len(weights) - 1)
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w / total
        if u < acc:
            return i
    return len(weights) - 1


class InitiativeDraw(NamedTuple):
    """A channel's own initiative arriving (a tuple: a week draws hundreds at 1,000 people)."""

    channel: int
    seq: int
    time: float
    topic: int


def _lognormal(means: Sequence[float], cv: float) -> tuple[np.ndarray, float]:
    """(mu of each mean, sigma) of lognormals with these means and coefficient of variation."""
    sigma2 = math.log(1 + cv * cv)
    return np.log(np.asarray(means)) - sigma2 / 2, math.sqrt(sigma2)


def lognormal_efforts(rng: np.random.Generator, means: list[float], cv: float) -> list[float]:
    if cv <= 0:
        return list(means)
    mu, sigma = _lognormal(means, cv)
    return [float(x) for x in rng.lognormal(mu, sigma)]


def _week_efforts(
    rng: np.random.Generator, templates: Sequence[CampaignTemplate], cv: float, n: int
) -> Iterator[tuple[tuple[float, ...], ...]]:
    """The task efforts of `n` campaigns under every template, campaign by campaign.

    One numpy call for the week: the same variates, in the same order, as
    `lognormal_efforts` per campaign and template (the generator draws an array's
    elements one after another), without a numpy call per template and campaign.
    """
    means = [[t.effort for t in tpl.tasks] for tpl in templates]
    if cv <= 0:
        same = tuple(tuple(ms) for ms in means)
        for _ in range(n):
            yield same
        return
    mu, sigma = _lognormal([m for ms in means for m in ms], cv)
    flat = rng.lognormal(np.tile(mu, n), sigma).tolist()
    k = 0
    for _ in range(n):
        drawn = []
        for ms in means:
            drawn.append(tuple(flat[k : k + len(ms)]))
            k += len(ms)
        yield tuple(drawn)


def draw_week(
    scn: Scenario,
    arrivals: np.random.Generator,
    efforts: np.random.Generator,
    week: int,
    start: float,
    channels: list[str],
) -> tuple[list[CampaignDraw], list[InitiativeDraw]]:
    """Every campaign and initiative arriving in one week, in a policy-independent order.

    Args:
        scn: the scenario (its rates and templates).
        arrivals: the week's arrivals stream.
        efforts: the week's efforts stream.
        week: the scenario week (negative in the warm-up); part of every id.
        start: engine time at which the week starts.
        channels: the channels (skills) that have own initiatives.
    """
    p = scn.params
    end = start + HOURS_PER_WEEK
    templates = scn.demand.templates
    base = (week + WEEK_ID_OFFSET) * MAX_PER_WEEK
    campaigns: list[CampaignDraw] = []
    if templates and p.campaigns_per_week > 0:
        n = min(int(arrivals.poisson(p.campaigns_per_week)), MAX_PER_WEEK)
        times = np.sort(arrivals.uniform(start, end, n))
        picks = arrivals.uniform(0.0, 1.0, n)
        topics = arrivals.integers(0, p.topics, n)
        n_changes = arrivals.poisson(p.message_changes_per_campaign, n)
        every_effort = _week_efforts(efforts, templates, p.effort_cv, n)
        for i in range(n):
            changes = tuple(sorted(float(x) for x in arrivals.uniform(0, 1, n_changes[i])))
            drawn = next(every_effort)
            campaigns.append(
                CampaignDraw(
                    base + i, float(times[i]), -1, float(picks[i]), int(topics[i]), drawn, changes
                )
            )
    initiatives: list[InitiativeDraw] = []
    if p.own_work_per_week > 0:
        for ch in range(len(channels)):
            n = int(arrivals.poisson(p.own_work_per_week))
            times = np.sort(arrivals.uniform(start, end, n))
            topics = arrivals.integers(0, p.topics, n)
            initiatives.extend(
                InitiativeDraw(ch, base + j, float(times[j]), int(topics[j])) for j in range(n)
            )
        initiatives.sort(key=lambda d: (d.time, d.channel, d.seq))
    return campaigns, initiatives


def build_campaign_tasks(
    campaign: Campaign, efforts: tuple[float, ...], next_uid: int
) -> list[Task]:
    """The campaign's tasks, wired as its template's DAG, in dependency order."""
    tpl = campaign.template
    tasks: list[Task] = []
    for i, t in enumerate(tpl.tasks):
        topic = campaign.topic if t.topic is None else -1 - hash_name(t.topic)
        task = Task(
            next_uid + i, t.name, t.skill, efforts[i], topic, campaign.arrival, campaign, i, t.asset
        )
        tasks.append(task)
    index = {t.name: i for i, t in enumerate(tpl.tasks)}
    children: list[list[Task]] = [[] for _ in tasks]
    for i, t in enumerate(tpl.tasks):
        tasks[i].deps = tuple(tasks[index[dep]] for dep in t.after)
        for dep in t.after:
            children[index[dep]].append(tasks[i])
        tasks[i].deps_left = len(t.after)
    for task, kids in zip(tasks, children, strict=True):
        task.children = tuple(kids)
    order = topological_order(tpl.tasks) or list(range(len(tasks)))
    return [tasks[i] for i in order]


def hash_name(name: str) -> int:
    """A stable small int for a name (Python's str hash varies between processes)."""
    h = 2166136261
    for ch in name.encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h & 0x3FFFFFFF
