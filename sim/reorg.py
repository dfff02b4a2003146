"""The restructure verbs: validate against the current org, price, and apply.

`check` raises ActionError naming what is wrong and changes nothing; `apply`
assumes a checked action. Every reorg pays MODEL.md mechanic 12: moved
workers restart at a lower ramp and owe handover hours, in-progress tasks
that change team lose part of their progress, merged and split teams keep
what their old teams knew, and touched teams take the reorg shock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim import actions as A
from sim.actions import ActionError
from sim.people import shift_engagement

if TYPE_CHECKING:
    from sim.engine import Simulation
    from sim.org import Team, Worker

HOURS_PER_WEEK = 40.0


def _team(sim: Simulation, name: str, *, joined: bool = True) -> Team:
    try:
        team = sim.team_named(name)
    except KeyError:
        names = ", ".join(t.name for t in sim.live_teams())
        raise ActionError(f"there is no team {name!r} (teams: {names})") from None
    if joined and not team.active:
        raise ActionError(f"{name} has not joined the org yet")
    return team


def _worker(sim: Simulation, name: str) -> Worker:
    for w in sim.workers:
        if w.name == name and w.present:
            return w
    raise ActionError(f"there is no one called {name!r} in the org")


def _teams_of(sim: Simulation, names: tuple[str, ...]) -> list[Team] | None:
    if "*" in names:
        return None
    teams = [_team(sim, n) for n in names]
    if len({t.idx for t in teams}) != len(teams):
        raise ActionError("a team is named twice")
    return teams


def _same_link(sim: Simulation, kind: str, idxs: list[int] | None, skill: str | None) -> list[Any]:
    now = sim.env.now
    want = None if idxs is None else sorted(idxs)
    return [
        lk
        for lk in sim.net.links
        if lk.alive(now)
        and lk.kind == kind
        and (
            (lk.teams is None and want is None)
            or (lk.teams is not None and want is not None and sorted(lk.teams) == want)
        )
        and (kind != "guild" or lk.skill == skill)
    ]


def check(sim: Simulation, a: Any) -> None:
    """Raise ActionError if the org cannot take `a` now."""
    if isinstance(a, A.MergeTeams):
        teams = [_team(sim, n) for n in a.teams]
        if len({t.idx for t in teams}) != len(teams):
            raise ActionError("a team is named twice")
        if a.name and a.name not in a.teams and a.name in {t.name for t in sim.live_teams()}:
            raise ActionError(f"a team called {a.name!r} already exists")
    elif isinstance(a, A.SplitTeam):
        team = _team(sim, a.team)
        names = {w.name for w in team.members}
        for m in a.members:
            if m not in names:
                raise ActionError(f"{m} is not in {a.team}")
        if len(set(a.members)) >= len(team.members):
            raise ActionError(f"{a.team} would be left empty: merge or rename instead")
        if a.new_team in {t.name for t in sim.teams if t.idx not in sim.successor}:
            raise ActionError(f"a team called {a.new_team!r} already exists")
    elif isinstance(a, A.MoveWorker):
        w = _worker(sim, a.worker)
        to = _team(sim, a.to_team)
        if w.team is to:
            raise ActionError(f"{w.name} is already in {to.name}")
        if len(w.team.members) == 1:
            raise ActionError(
                f"{w.name} is the last member of {w.team.name}: merge the team instead"
            )
    elif isinstance(a, A.FormSquads):
        internal = [t for t in sim.live_teams() if not t.external]
        skills = _squad_skills(internal)
        if len(internal) < 2 or len(skills) < 2:
            raise ActionError("squads need at least two in-house teams with different skills")
        n = _squad_count(internal, skills, a.squads)
        if n < 1:
            raise ActionError("some skill has nobody to put in a squad")
    elif isinstance(a, A.SetGoal):
        if a.team != "*":
            _team(sim, a.team, joined=False)
    elif isinstance(a, A.AddLink):
        linked = _teams_of(sim, a.teams)
        if linked is not None and len(linked) < 2:
            raise ActionError("a link needs at least two teams (or '*' for all)")
        idxs = None if linked is None else [t.idx for t in linked]
        if a.kind == "liaison":
            if a.liaison is None:
                raise ActionError("name the worker who will be the liaison")
            w = _worker(sim, a.liaison)
            if linked is not None and w.team not in linked:
                raise ActionError(f"{w.name} is not in any of the linked teams")
        if a.kind == "guild":
            if a.skill is None:
                raise ActionError("a guild needs a skill")
            having = [t for t in sim.live_teams() if any(w.skill == a.skill for w in t.members)]
            if len(having) < 2:
                raise ActionError(f"fewer than two teams have {a.skill} people: no guild to form")
        if _same_link(sim, a.kind, idxs, a.skill):
            raise ActionError(f"that {a.kind} link already exists")
    elif isinstance(a, A.RemoveLink):
        chosen = _teams_of(sim, a.teams)
        idxs = None if chosen is None else [t.idx for t in chosen]
        if not _same_link(sim, a.kind, idxs, None) and not (
            a.kind == "guild"
            and any(lk.kind == "guild" and lk.alive(sim.env.now) for lk in sim.net.links)
        ):
            raise ActionError(f"there is no {a.kind} link between {', '.join(a.teams)}")
    elif isinstance(a, A.EnableTool):
        since = sim.net.calendar_since if a.tool == "shared_calendar" else sim.net.kb_since
        if since <= sim.env.now:
            raise ActionError(f"the {a.tool.replace('_', ' ')} is already on")
    elif isinstance(a, A.Celebrate):
        if sim.wins_since_celebration == 0:
            raise ActionError(
                "nothing to celebrate yet: no campaign has gone live since the last one"
            )
    elif isinstance(a, A.IncludeAgency):
        team = _team(sim, a.team, joined=False)
        if not team.external:
            raise ActionError(f"{a.team} is an in-house team, not an agency")
        if team.included:
            raise ActionError(f"{a.team} is already part of planning")
    elif isinstance(a, A.Hire):
        team = _team(sim, a.team, joined=False)
        if a.skill not in team.skills:
            raise ActionError(
                f"{a.team} does not cover {a.skill} (it covers {', '.join(team.skills)})"
            )
    elif isinstance(a, A.SetMix):
        kinds = [t.name for t in sim.scenario.demand.templates]
        for name, weight in a.weights.items():
            if name not in kinds:
                raise ActionError(f"there is no campaign kind {name!r} (kinds: {', '.join(kinds)})")
            if weight < 0:
                raise ActionError(f"the weight of {name} cannot be negative")
        mix = _new_mix(sim, a)
        if sum(mix) <= 0:
            raise ActionError("at least one kind of campaign needs a positive weight")
    elif isinstance(a, A.Release):
        w = _worker(sim, a.worker)
        if len(w.team.members) == 1:
            raise ActionError(f"{w.name} is the last member of {w.team.name}")
    else:
        raise ActionError(f"unknown action {a!r}")


def _new_mix(sim: Simulation, a: A.SetMix) -> list[float]:
    return [
        a.weights.get(t.name, w)
        for t, w in zip(sim.scenario.demand.templates, sim.mix, strict=True)
    ]


def _squad_skills(internal: list[Team]) -> list[str]:
    seen: dict[str, None] = {}
    for t in internal:
        for w in t.members:
            seen.setdefault(w.skill)
    return list(seen)


def _squad_count(internal: list[Team], skills: list[str], wanted: int) -> int:
    counts = [sum(1 for t in internal for w in t.members if w.skill == s) for s in skills]
    most = min(counts) if counts else 0
    return most if wanted == 0 else min(wanted, most)


def cost(sim: Simulation, a: Any) -> list[str]:
    """Plain-language costs of a checked action."""
    p = sim.p
    ramp = f"ramp drops to {p.moved_ramp:.0%} and climbs back over {p.ramp_weeks:.0f} weeks"
    if isinstance(a, A.MergeTeams):
        teams = [_team(sim, n) for n in a.teams]
        keep = max(teams, key=lambda t: len(t.members))
        moved = sum(len(t.members) for t in teams if t is not keep)
        size = sum(len(t.members) for t in teams)
        overhead = min(p.overhead_cap, p.overhead_per_member * (size - 1))
        return [
            f"{moved} people move into {keep.name}'s team: {ramp}; "
            f"{moved * p.handover_hours:.0f} h of handover",
            f"Coordination overhead of a {size}-person team: {overhead:.0%} of its time",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} for {size} people",
        ]
    if isinstance(a, A.SplitTeam):
        n = len(a.members)
        return [
            f"{n} people form {a.new_team}: {ramp}; {n * p.handover_hours:.0f} h of handover",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} "
            f"for {len(_team(sim, a.team).members)} people",
        ]
    if isinstance(a, A.MoveWorker):
        return [
            f"{a.worker}: {ramp}; {p.handover_hours:.0f} h of handover",
            f"In-progress work changing team loses {p.handover_loss:.0%} of its progress",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} in both teams",
        ]
    if isinstance(a, A.FormSquads):
        internal = [t for t in sim.live_teams() if not t.external]
        people = sum(len(t.members) for t in internal)
        n = _squad_count(internal, _squad_skills(internal), a.squads)
        return [
            f"{people} people re-cut into {n} campaign squads: {ramp}",
            f"{people * p.handover_hours:.0f} h of handover; "
            f"in-progress work loses {p.handover_loss:.0%}",
            f"Reorg shock: engagement -{p.reorg_shock:.2f} for {people} people",
            "Expect a dip for a few weeks before handoffs inside squads pay off",
        ]
    if isinstance(a, A.SetGoal):
        who = "every team" if a.team == "*" else a.team
        return [
            f"{who}: shared weight {a.shared_weight:.2f}; engagement target "
            f"{p.goal_weight * (a.shared_weight - 0.5):+.2f}; "
            f"openness {p.openness_shared if a.shared_weight >= 0.5 else p.openness_local:.1f}",
            "No hours: priorities shift toward shared campaigns"
            if a.shared_weight >= 0.5
            else "No hours: teams put their own channel first",
        ]
    if isinstance(a, A.AddLink):
        teams = _teams_of(sim, a.teams) or sim.live_teams()
        people = sum(len(t.members) for t in teams)
        if a.kind == "meeting":
            h = a.per_week * (a.hours or p.meeting_hours)
            share = h / HOURS_PER_WEEK
            pen = p.meeting_weight * max(0.0, share - p.meeting_threshold)
            return [
                f"{h:g} h a week for each of {people} people ({people * h:.0f} h a week)",
                f"Engagement target -{pen:.2f} from meeting load"
                if pen > 0
                else "Within the meeting load people accept",
            ]
        if a.kind == "chat":
            h = p.chat_cost_hours * (len(teams) - 1)
            return [f"{h:g} h a week for each of {people} people of coordination"]
        if a.kind == "liaison":
            return [f"{a.liaison} spends {p.liaison_share:.0%} of their time as liaison"]
        if a.kind == "guild":
            return [f"{a.per_week * p.guild_hours:g} h a week for every {a.skill} person"]
        return ["No hours: email is cheap and slow"]
    if isinstance(a, A.RemoveLink):
        return ["Frees the link's weekly hours; news between those teams slows down"]
    if isinstance(a, A.EnableTool):
        seats = sum(len(t.members) for t in sim.live_teams())
        return [
            f"Licence: {seats * p.tool_cost_per_seat:,.0f} a week for {seats} seats "
            "(money, not hours)"
        ]
    if isinstance(a, A.Celebrate):
        jump = min(p.celebrate_cap, p.celebrate_per_win * sim.wins_since_celebration)
        return [
            f"{sim.wins_since_celebration} wins to celebrate: engagement +{jump:.2f} for everyone",
            "About an hour of everyone's time",
        ]
    if isinstance(a, A.IncludeAgency):
        return [
            f"{a.team} joins planning: it shares as openly as in-house teams",
            "An email link from it to every team; its people stop feeling left out",
        ]
    if isinstance(a, A.Hire):
        return [
            f"{a.count} {a.skill} hire(s) arrive in {p.hire_delay_weeks} weeks at "
            f"{p.hire_ramp:.0%} ramp, reaching full speed over {p.ramp_weeks:.0f} weeks"
        ]
    if isinstance(a, A.SetMix):
        mix = _new_mix(sim, a)
        total = sum(mix)
        shares = ", ".join(
            f"{t.name} {w / total:.0%}"
            for t, w in zip(sim.scenario.demand.templates, mix, strict=True)
        )
        return [f"Campaigns from now on: {shares}", "No hours: it changes what gets planned"]
    if isinstance(a, A.Release):
        return [f"{a.worker} leaves now; their work in progress goes back to the team"]
    return []


def apply(sim: Simulation, a: Any) -> None:
    """Carry out a checked action at the current week boundary."""
    now = sim.env.now
    if isinstance(a, A.MergeTeams):
        teams = [_team(sim, n) for n in a.teams]
        _merge(sim, teams, a.name or teams[0].name)
    elif isinstance(a, A.SplitTeam):
        _split(sim, _team(sim, a.team), a.new_team, a.members)
    elif isinstance(a, A.MoveWorker):
        w = _worker(sim, a.worker)
        src, dst = w.team, _team(sim, a.to_team)
        _move(sim, w, dst)
        if w.skill not in dst.skills:
            dst.skills.append(w.skill)
        _keep_skills_of_members(src)
        shift_engagement(src.members + dst.members, -sim.p.reorg_shock)
        sim.say("action", f"{w.name} moves from {src.name} to {dst.name}.")
    elif isinstance(a, A.FormSquads):
        _squads(sim, a)
    elif isinstance(a, A.SetGoal):
        teams = (
            sim.live_teams() + [t for t in sim.teams if not t.active and t.idx not in sim.successor]
            if a.team == "*"
            else [_team(sim, a.team, joined=False)]
        )
        for t in teams:
            t.shared_weight = a.shared_weight
            if a.kpi is not None:
                t.kpi = a.kpi
        who = "Every team" if a.team == "*" else a.team
        sim.say("action", f"{who} now weighs shared goals at {a.shared_weight:.0%}.")
    elif isinstance(a, A.AddLink):
        chosen = _teams_of(sim, a.teams)
        liaison = _worker(sim, a.liaison) if a.liaison else None
        sim.add_link(
            a.kind,
            None if chosen is None else [t.idx for t in chosen],
            a.per_week,
            a.hours,
            liaison,
            a.skill,
        )
        sim.say("action", f"New {a.kind} link: {', '.join(a.teams) if chosen else 'every team'}.")
    elif isinstance(a, A.RemoveLink):
        chosen = _teams_of(sim, a.teams)
        idxs = None if chosen is None else [t.idx for t in chosen]
        for lk in _same_link(sim, a.kind, idxs, None) or [
            lk for lk in sim.net.links if lk.kind == a.kind and lk.alive(now)
        ]:
            lk.removed = now
        sim.say("action", f"Removed {a.kind} link: {', '.join(a.teams)}.")
    elif isinstance(a, A.EnableTool):
        if a.tool == "shared_calendar":
            sim.net.calendar_since = now
        else:
            sim.net.kb_since = now
        sim.say("action", f"The {a.tool.replace('_', ' ')} is on.")
    elif isinstance(a, A.Celebrate):
        jump = min(sim.p.celebrate_cap, sim.p.celebrate_per_win * sim.wins_since_celebration)
        people = [w for t in sim.live_teams() for w in t.members]
        shift_engagement(people, jump)
        for w in people:
            w.debt_coord += 1.0
        sim.say(
            "action",
            f"Celebrated {sim.wins_since_celebration} wins together: engagement +{jump:.2f}.",
        )
        sim.wins_since_celebration = 0
    elif isinstance(a, A.IncludeAgency):
        team = _team(sim, a.team, joined=False)
        team.included = True
        others = [t.idx for t in sim.teams if t.idx not in sim.successor and t is not team]
        for idx in others:
            if not any(
                lk.kind == "email" and lk.alive(now) and lk.joins(team.idx, idx)
                for lk in sim.net.links
            ):
                sim.add_link("email", [team.idx, idx], 1.0, None, None, None)
        sim.say("action", f"{team.name} is brought into planning.")
    elif isinstance(a, A.Hire):
        team = _team(sim, a.team, joined=False)
        for _ in range(a.count):
            sim.pending_hires.append((sim.week + sim.p.hire_delay_weeks, team.idx, a.skill))
        sim.say("action", f"Hiring {a.count} {a.skill} for {team.name}.")
    elif isinstance(a, A.SetMix):
        sim.mix = _new_mix(sim, a)
        sim.say(
            "action",
            "The campaign mix changes: "
            + ", ".join(f"{k} weight {v:g}" for k, v in a.weights.items()),
        )
    elif isinstance(a, A.Release):
        w = _worker(sim, a.worker)
        sim.remove_worker(w, replace=False)
        sim.say("action", f"{w.name} leaves {w.team.name}.")


def _move(sim: Simulation, w: Worker, dst: Team, *, costs: bool = True) -> None:
    """Move a worker: idle bookkeeping follows them; their task stays with the old team."""
    now = sim.env.now
    src = w.team
    if w in src.idle:
        src.mark_wait(now)
        dst.mark_wait(now)
        src.idle.remove(w)
        dst.idle.append(w)
    if w.task is not None:
        if costs:
            _lose_progress(sim, w)
        else:
            # Staying put while the team around them is renamed: the work goes on.
            w.task.team = dst
    src.members.remove(w)
    dst.members.append(w)
    w.team = dst
    if costs:
        w.restart_ramp(sim.p.moved_ramp, sim.p.ramp_weeks)
        w.debt_coord += sim.p.handover_hours


def _keep_skills_of_members(team: Team) -> None:
    """A team covers only the skills someone in it still has (work then routes elsewhere)."""
    have = {w.skill for w in team.members}
    kept = [s for s in team.skills if s in have]
    if kept:
        team.skills = kept


def _lose_progress(sim: Simulation, w: Worker) -> None:
    task = w.task
    assert task is not None
    task.worker = None
    w.task = None
    done = task.effort - task.remaining
    task.remaining += done * sim.p.handover_loss
    task.remaining = min(task.remaining, task.effort)
    if task.team is not None:
        sim.make_ready(task, sim.env.now)


def _retire(sim: Simulation, old: Team, new: Team) -> None:
    """`old` is merged into `new`: queues, waiting tasks, knowledge and links follow."""
    now = sim.env.now
    old.mark_wait(now)
    new.mark_wait(now)
    sim.successor[old.idx] = new.idx
    for anc, until in old.lineage.items():
        new.lineage[anc] = min(now, until) if anc != new.idx else until
    for c in sim.open_campaigns:
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
    for c in sim.open_campaigns:
        for task in c.tasks:
            if task.team is old:
                task.team = new
    for lk in sim.net.links:
        if lk.teams is not None and old.idx in lk.teams:
            lk.teams = sorted({new.idx if i == old.idx else i for i in lk.teams})
            if len(lk.teams) < 2 and lk.kind != "liaison":
                lk.removed = now
    old.active = False


def _merge(sim: Simulation, teams: list[Team], name: str) -> None:
    keep = max(teams, key=lambda t: (len(t.members), -t.idx))
    size = sum(len(t.members) for t in teams)
    sw = sum(t.shared_weight * len(t.members) for t in teams) / size if size else keep.shared_weight
    skills = list(dict.fromkeys(s for t in [keep, *teams] for s in t.skills))
    new = sim.new_team(
        name, skills, keep.kpi, sw, all(t.external for t in teams), all(t.included for t in teams)
    )
    for t in teams:
        for w in list(t.members):
            _move(sim, w, new, costs=t is not keep)
            if t is keep:
                w.team = new
        _retire(sim, t, new)
    shift_engagement(new.members, -sim.p.reorg_shock)
    sim.say("action", f"{', '.join(t.name for t in teams)} merge into {name}.")


def _split(sim: Simulation, team: Team, new_name: str, members: tuple[str, ...]) -> None:
    now = sim.env.now
    movers = [w for w in team.members if w.name in members]
    skills = list(dict.fromkeys(w.skill for w in movers))
    new = sim.new_team(new_name, skills, team.kpi, team.shared_weight, team.external, team.included)
    new.lineage = {i: min(now, u) for i, u in team.lineage.items()}
    new.lineage[new.idx] = float("inf")
    for w in movers:
        _move(sim, w, new)
    _keep_skills_of_members(team)
    for lk in sim.net.links:
        if lk.teams is not None and team.idx in lk.teams and lk.alive(now):
            lk.teams = sorted([*lk.teams, new.idx])
    for c in sim.open_campaigns:
        if team.idx in c.known:
            c.known[new.idx] = c.known[team.idx]
    # Work only the new team can do follows it.
    left = {w.skill for w in team.members}
    for q in (team.queue, team.waiting):
        for task in [t for t in q if t.skill not in left and t.skill in skills]:
            q.remove(task)
            task.team = new
            (new.queue if q is team.queue else new.waiting).append(task)
    shift_engagement(team.members + new.members, -sim.p.reorg_shock)
    sim.say("action", f"{', '.join(members)} split from {team.name} into {new_name}.")


def _reassign(src: Team, dst: Team, task: Any) -> None:
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


def _squads(sim: Simulation, a: A.FormSquads) -> None:
    internal = [t for t in sim.live_teams() if not t.external]
    skills = _squad_skills(internal)
    n = _squad_count(internal, skills, a.squads)
    squads = [
        sim.new_team(f"Squad {i + 1}", list(skills), "campaign", a.shared_weight, False, True)
        for i in range(n)
    ]
    people = sorted(
        (w for t in internal for w in t.members), key=lambda w: (skills.index(w.skill), w.uid)
    )
    by_skill: dict[str, list[Worker]] = {s: [] for s in skills}
    for w in people:
        by_skill[w.skill].append(w)
    for s in skills:
        for i, w in enumerate(by_skill[s]):
            _move(sim, w, squads[i % n])
    now = sim.env.now
    # Every squad holds what its members' old teams knew; old work goes to squad 1 and
    # is re-routed as it becomes ready.
    for sq in squads:
        for t in internal:
            sq.lineage[t.idx] = now
            for anc, until in t.lineage.items():
                sq.lineage.setdefault(anc, min(now, until))
    first = squads[0]
    for t in internal:
        _retire(sim, t, first)
    for c in sim.open_campaigns:
        for sq in squads[1:]:
            c.known[sq.idx] = c.known.get(first.idx, 0)
    # Campaigns in flight are dealt out to the squads, whole.
    for i, c in enumerate(sim.open_campaigns):
        sq = squads[i % n]
        if c.owner is first:
            c.owner = sq
        for task in c.tasks:
            if task.team is first:
                _reassign(first, sq, task)
    for i, task in enumerate(list(first.own_queue)):
        if i % n:
            first.own_queue.remove(task)
            task.team = squads[i % n]
            task.team.own_queue.append(task)
    for lk in sim.net.links:
        if lk.teams is not None and first.idx in lk.teams and lk.alive(now):
            lk.teams = sorted(set(lk.teams) | {s.idx for s in squads})
    shift_engagement([w for sq in squads for w in sq.members], -sim.p.reorg_shock)
    sim.say("action", f"The in-house teams re-form into {n} campaign squads.")
