"""add_link / remove_link: routes for news between teams (email, chat, meeting, liaison, guild)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.actions import ActionError, AddLink, RemoveLink
from sim.engine.upkeep import liaison_hours
from sim.people import meetings_term
from sim.scenario import LEADS, link_load_problem
from sim.verbs.base import Verb, money, same_links, teams_of, teams_words, worker

if TYPE_CHECKING:
    from sim.engine import Simulation


class AddLinkVerb(Verb[AddLink]):
    kind = "add_link"

    def check(self, sim: Simulation, a: AddLink) -> None:
        load = link_load_problem(a.kind, a.per_week, a.hours, sim.p)
        if load:
            raise ActionError(load)
        linked = teams_of(sim, a.teams)
        if linked is not None and len(linked) < 2:
            raise ActionError("a link needs at least two teams (or '*' for all)")
        idxs = None if linked is None else [t.idx for t in linked]
        if a.kind == "liaison":
            if a.liaison is None:
                raise ActionError("name the worker who will be the liaison")
            w = worker(sim, a.liaison)
            if linked is not None and w.team not in linked:
                raise ActionError(f"{w.name} is not in any of the linked teams")
        if a.kind == "guild":
            if a.skill is None:
                raise ActionError("a guild needs a skill")
            having = [t for t in sim.org.live_teams() if any(w.skill == a.skill for w in t.members)]
            if len(having) < 2:
                raise ActionError(f"fewer than two teams have {a.skill} people: no guild to form")
        if a.attendees:  # only a meeting has them: the schema refuses them elsewhere
            for name in a.attendees:
                if name == LEADS:
                    continue
                w = worker(sim, name)
                if linked is not None and w.team not in linked:
                    raise ActionError(f"{w.name} is not in any of the linked teams")
        if same_links(sim, a.kind, idxs, a.skill):
            raise ActionError(f"that {a.kind} link already exists")

    def price(self, sim: Simulation, a: AddLink) -> list[str]:
        p = sim.p
        teams = teams_of(sim, a.teams) or sim.org.live_teams()
        people = sum(len(t.members) for t in teams)
        if a.kind == "meeting" and a.attendees:
            chosen = teams_of(sim, a.teams)
            idxs = None if chosen is None else [t.idx for t in chosen]
            people = len(sim.org.attendee_uids(a.attendees, idxs))
        if a.kind == "meeting":
            h = a.per_week * (a.hours or p.meeting_hours)
            focus = a.per_week * p.meeting_switch_hours
            cost = people * (h + focus) * p.hourly_cost
            return [
                f"{h:g} h a week for each of {people} people, plus {focus:g} h of focus lost "
                f"around them ({people * (h + focus):.0f} h, {money(sim, cost)} a week)",
                f"Meeting fatigue: engagement target {meetings_term(p, h):+.2f} for each "
                "attendee from this meeting alone (every meeting hour they have counts)",
                f"Past {p.meeting_crowd:g} attendees a meeting carries less news",
            ]
        if a.kind == "chat":
            h = p.chat_cost_hours * (len(teams) - 1)
            return [
                f"{h:g} h a week for each of {people} people of coordination "
                f"({money(sim, people * h * p.hourly_cost)} a week)",
                "Handoffs and changes arrive in hours; plans are posted only now and then",
                f"Past {p.chat_crowd:g} members a channel is noisy and carries less news"
                + (f" ({people} here)" if people > p.chat_crowd else ""),
            ]
        if a.kind == "liaison":
            hours = liaison_hours(p, len(teams))
            return [
                f"{a.liaison} spends {hours:g} h a week as liaison for {len(teams)} teams",
                f"They carry about {hours / p.liaison_hours_per_fact:.0f} handoffs and changes "
                "a week; past that, news queues behind them",
                f"Past {p.liaison_span:g} teams they follow each less closely",
            ]
        if a.kind == "guild":
            return [f"{a.per_week * p.guild_hours:g} h a week for every {a.skill} person"]
        return ["No hours: email is cheap and slow"]

    def apply(self, sim: Simulation, a: AddLink) -> None:
        chosen = teams_of(sim, a.teams)
        liaison = worker(sim, a.liaison) if a.liaison else None
        sim.org.add_link(
            a.kind,
            None if chosen is None else [t.idx for t in chosen],
            a.per_week,
            a.hours,
            liaison,
            a.skill,
            a.attendees,
        )

    def describe(self, sim: Simulation, a: AddLink) -> str:
        return f"New {a.kind} link: {'every team' if '*' in a.teams else ', '.join(a.teams)}."

    def title(self, a: AddLink) -> str:
        extra = ""
        if a.kind == "liaison":
            extra = f" ({a.liaison})"
        elif a.kind == "guild":
            extra = f" of {a.skill} people"
        elif a.kind == "meeting":
            extra = f", {a.per_week:g} a week"
            if a.attendees:
                extra += f" ({', '.join(a.attendees)} only)"
        return f"New {a.kind}{extra} for {teams_words(a.teams)}"


class RemoveLinkVerb(Verb[RemoveLink]):
    kind = "remove_link"

    def check(self, sim: Simulation, a: RemoveLink) -> None:
        chosen = teams_of(sim, a.teams)
        idxs = None if chosen is None else [t.idx for t in chosen]
        now = sim.clock.now
        if not same_links(sim, a.kind, idxs, None) and not (
            a.kind == "guild" and any(lk.kind == "guild" and lk.alive(now) for lk in sim.net.links)
        ):
            raise ActionError(f"there is no {a.kind} link between {', '.join(a.teams)}")

    def price(self, sim: Simulation, a: RemoveLink) -> list[str]:
        return ["Frees the link's weekly hours; news between those teams slows down"]

    def apply(self, sim: Simulation, a: RemoveLink) -> None:
        now = sim.clock.now
        chosen = teams_of(sim, a.teams)
        idxs = None if chosen is None else [t.idx for t in chosen]
        for lk in same_links(sim, a.kind, idxs, None) or [
            lk for lk in sim.net.links if lk.kind == a.kind and lk.alive(now)
        ]:
            lk.removed = now

    def describe(self, sim: Simulation, a: RemoveLink) -> str:
        return f"Removed {a.kind} link: {', '.join(a.teams)}."

    def title(self, a: RemoveLink) -> str:
        return f"Closed the {a.kind} link of {teams_words(a.teams)}"
