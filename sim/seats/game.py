"""A game played by seats: one shared org, one player (or bot) per team, in rounds.

A round is one week. Each human seat submits its decisions; when all have,
`advance()` lets the bots decide from their own views and plays the round, in
a fixed order so a replay is exact:
1. proposals put last round: applied if every team concerned accepted;
2. each seat's own decisions, seats in the order of the teams;
3. messages leave, each over the routes between the two teams;
4. this round's proposals are put to the teams they touch (answered next round);
5. the week is played.
A save holds the scenario, seed, seats, par plan and every seat's decisions
(the bots' too), so it replays exactly even if a bot's behaviour changes.
"""

from __future__ import annotations

from typing import Any

from sim.actions import Action, ActionError, action_from_dict
from sim.engine import Simulation
from sim.org import Team
from sim.scenario import Scenario, parse_scenario
from sim.seats import bots
from sim.seats.records import MAX_MESSAGES, MAX_TEXT, Decisions, Note, Proposal, SeatError, Talk
from sim.seats.scope import OWN, PROPOSAL, scope
from sim.seats.talk import carry, charge
from sim.seats.view import (
    SeatView,
    heard_items,
    org_report,
    seat_team,
    talk_items,
)
from sim.verbs import title
from sim.views import link_views, tools_view

HUMAN = "human"
FORMAT = "silo-seats"
VERSION = 1


def player_kinds() -> tuple[str, ...]:
    """What can sit in a seat: a human, or a bot by behaviour."""
    return (HUMAN, *(f"bot:{b}" for b in bots.BEHAVIOURS))


class SeatGame:
    """One org played from inside its teams."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        seats: dict[str, str] | None = None,
        *,
        bots_play: str = "cooperative",
        par: tuple[tuple[int, Action], ...] = (),
    ) -> None:
        """Start a game.

        Args:
            scenario: the scenario all seats play.
            seed: the run's seed (the scenario's own when None).
            seats: who plays each team ("human" or "bot:<behaviour>"), by team name;
                teams left out are played by `bots_play` bots.
            bots_play: the behaviour of bots in seats nobody named.
            par: the scenario's par plan as (week, action), for par bots.

        Raises:
            SeatError: a seat for a team that does not exist, or an unknown player.
        """
        self.scenario = scenario
        self.sim = Simulation(scenario, seed)
        self.sim.keep_news()
        self.seed = self.sim.seed
        teams = self.sim.live_teams()
        self.order: tuple[str, ...] = tuple(t.name for t in teams)
        self._idx = {t.name: t.idx for t in teams}
        # The teams each seat has played, in order (a reorg can hand it a new one).
        self._held: dict[str, list[int]] = {t.name: [t.idx] for t in teams}
        given = dict(seats or {})
        for name, who in given.items():
            if name not in self._idx:
                raise SeatError(f"seat {name!r}: no such team (teams: {', '.join(self.order)})")
            if who not in player_kinds():
                raise SeatError(f"seat {name}: {who!r} is no player ({', '.join(player_kinds())})")
        default = f"bot:{bots_play}"
        if default not in player_kinds():
            raise SeatError(f"bots: {bots_play!r} is no bot ({', '.join(bots.BEHAVIOURS)})")
        self.seats: dict[str, str] = {n: given.get(n, default) for n in self.order}
        self.par = tuple(par)
        if not self.par and "bot:par" in self.seats.values():
            raise SeatError("bot:par plays the scenario's par plan, and this scenario has none")
        self.rounds: list[dict[str, Decisions]] = []
        self.pending: dict[str, Decisions] = {}
        self.open: list[Proposal] = []
        self.talks: list[Talk] = []
        self.notes: list[Note] = []
        self._proposals = 0

    # who is who

    def team(self, seat: str) -> Team:
        """The team a seat plays now."""
        return self.sim.org.teams[self._held[seat][-1]]

    def names_of(self, seat: str) -> set[str]:
        """Every name the seat's team has gone by (news is logged under the name of the day)."""
        return {self.sim.org.teams[i].name for i in self._held[seat]}

    def _reseat(self) -> None:
        """After a reorg, a seat whose team is gone takes a new team nobody holds (squads:
        one each, in seat order), else the team its own became (a merge: they share it)."""
        org = self.sim.org
        live = [t.idx for t in org.live_teams()]
        held = {self._held[s][-1] for s in self.order if self._held[s][-1] in live}
        for seat in self.order:
            now = self._held[seat][-1]
            if now in live:
                continue
            free = [i for i in live if i not in held and i > now]
            nxt = free[0] if free else org.resolve(now).idx
            held.add(nxt)
            self._held[seat].append(nxt)

    def _seats_of(self, teams: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s for s in self.order if self.team(s).name in teams)

    @property
    def humans(self) -> tuple[str, ...]:
        return tuple(s for s in self.order if self.seats[s] == HUMAN)

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """Human seats that have not submitted this round."""
        return tuple(s for s in self.humans if s not in self.pending)

    @property
    def week(self) -> int:
        return self.sim.week

    @property
    def done(self) -> bool:
        return self.sim.done

    def hand(self, seat: str, player: str) -> None:
        """Seat `player` (a human or a bot) in `seat` from this round on: in a room, whoever
        is at the table this round. A seat handed to a bot loses what it submitted. The save
        replays the same, since every round keeps every seat's decisions.

        Raises:
            SeatError: no such seat or no such player.
        """
        if seat not in self._idx:
            raise SeatError(f"no seat {seat!r} (seats: {', '.join(self.order)})")
        if player not in player_kinds():
            raise SeatError(f"seat {seat}: {player!r} is no player ({', '.join(player_kinds())})")
        if player == "bot:par" and not self.par:
            raise SeatError("bot:par plays the scenario's par plan, and this scenario has none")
        self.seats[seat] = player
        if player != HUMAN:
            self.pending.pop(seat, None)

    # what a seat sees

    def view(self, seat: str) -> SeatView:
        """The seat's frozen view of the org at the start of this round."""
        if seat not in self._idx:
            raise SeatError(f"no seat {seat!r} (seats: {', '.join(self.order)})")
        sim = self.sim
        team = self.team(seat)
        news = heard_items(sim, sim.heard, self.names_of(seat))
        news += talk_items(sim, self.talks, seat)
        news.sort(key=lambda n: n.week)  # stable: within a week, engine news first
        return SeatView(
            seat=seat,
            player=self.seats[seat],
            week=sim.week,
            weeks=sim.weeks,
            team=seat_team(sim, team),
            links=link_views(sim, team.idx),
            tools=tools_view(sim),
            teams=tuple(t.name for t in sim.live_teams() if t is not team),
            inbox=tuple(news),
            sent=tuple(m for m in self.talks if m.sender == seat),
            proposals=tuple(p for p in self.open if seat in p.concerned and p.by != seat),
            notes=tuple(n for n in self.notes if n.seat == seat),
            report=org_report(sim),
        )

    def scope_of(self, seat: str, action: Action) -> tuple[str, tuple[str, ...]]:
        """(OWN or PROPOSAL, the seats a proposal is put to) for a seat's action now."""
        org = self.sim.org
        everyone = tuple(t.name for t in org.live_teams())

        def team_of(worker: str) -> str | None:
            for t in org.live_teams():
                if any(w.name == worker for w in t.members):
                    return t.name
            return None

        kind, teams = scope(action, self.team(seat).name, everyone, team_of)
        return kind, self._seats_of(teams)

    def refused(self, action: Action) -> str | None:
        """Why the org cannot take `action` now, or None."""
        try:
            self.sim.check(action)
        except ActionError as exc:
            return str(exc)
        return None

    # deciding

    def submit(self, seat: str, decisions: Decisions) -> None:
        """A human seat's decisions for this round (again: replaces the earlier ones).

        Raises:
            SeatError: one line naming the seat and what is wrong; nothing is kept.
        """
        if self.done:
            raise SeatError("the game is over")
        if seat not in self._idx:
            raise SeatError(f"no seat {seat!r} (seats: {', '.join(self.order)})")
        if self.seats[seat] != HUMAN:
            raise SeatError(f"{seat}: the seat is played by {self.seats[seat]}")
        self._check(seat, decisions)
        self.pending[seat] = decisions

    def _check(self, seat: str, d: Decisions) -> None:
        wrong_place = {
            OWN: "only your team's, so decide it (not a proposal)",
            PROPOSAL: "touches several teams, so it is a proposal",
        }
        for key, actions, belongs in (
            ("actions", d.actions, OWN),
            ("proposals", d.proposals, PROPOSAL),
        ):
            for i, action in enumerate(actions):
                where = f"{seat}: {key}.{i}: {action.action}"
                kind, _ = self._scope_or_fail(seat, action)
                if kind != belongs:
                    raise SeatError(f"{where}: {wrong_place[kind]}")
                reason = self.refused(action)
                if reason is not None:
                    raise SeatError(f"{where}: {reason}")
        put = {p.id for p in self.open if seat in p.concerned and p.by != seat}
        answered: set[int] = set()
        for pid, _ok in d.answers:
            if pid not in put:
                raise SeatError(f"{seat}: answers: no proposal {pid} is put to {seat}")
            if pid in answered:
                raise SeatError(f"{seat}: answers: proposal {pid} answered twice")
            answered.add(pid)
        if len(d.messages) > MAX_MESSAGES:
            raise SeatError(f"{seat}: messages: at most {MAX_MESSAGES} a round")
        for i, (to, text) in enumerate(d.messages):
            if to not in self._idx or to == seat:
                others = ", ".join(s for s in self.order if s != seat)
                raise SeatError(f"{seat}: messages.{i}: no seat {to!r} to write to ({others})")
            if not text.strip() or len(text) > MAX_TEXT:
                raise SeatError(f"{seat}: messages.{i}: a message is 1 to {MAX_TEXT} characters")

    def _scope_or_fail(self, seat: str, action: Action) -> tuple[str, tuple[str, ...]]:
        try:
            return self.scope_of(seat, action)
        except SeatError as exc:
            raise SeatError(f"{seat}: {exc}") from None

    def _bot_decisions(self, seat: str) -> Decisions:
        behaviour = self.seats[seat].removeprefix("bot:")
        par_seats = [s for s in self.order if self.seats[s] == "bot:par"]
        table = bots.Table(
            scope=lambda a: self.scope_of(seat, a),
            refused=self.refused,
            par=self.par,
            lead_par=bool(par_seats) and par_seats[0] == seat,
        )
        return bots.decide(behaviour, self.view(seat), table)

    # playing

    def advance(self) -> None:
        """Play the round once every human seat has submitted.

        Raises:
            SeatError: the game is over, or seats have not submitted yet.
        """
        if self.done:
            raise SeatError("the game is over")
        if self.waiting_for:
            raise SeatError(f"waiting for {', '.join(self.waiting_for)} to submit")
        decided = {}
        for seat in self.order:
            if self.seats[seat] == HUMAN:
                decided[seat] = self.pending[seat]
                continue
            d = self._bot_decisions(seat)
            self._check(seat, d)  # a bot is held to the rules a human is
            decided[seat] = d
        self._play(decided)

    def _play(self, decided: dict[str, Decisions]) -> None:
        sim = self.sim
        week = sim.week
        self.rounds.append(decided)
        for p in self.open:
            self._settle(p, decided, week)
        for seat in self.order:
            for action in decided[seat].actions:
                self._take(action, (seat,), week)
        for seat in self.order:
            for to, text in decided[seat].messages:
                number = len(self.talks)
                sender, receiver = self.team(seat), self.team(to)
                at, via = carry(sim, number, sender, receiver)
                charge(sim, number, sender)
                self.talks.append(Talk(number, seat, to, text, week, sim.clock.now, at, via))
        self.open = []
        for seat in self.order:
            for action in decided[seat].proposals:
                try:
                    _, concerned = self.scope_of(seat, action)
                except SeatError as exc:
                    self.notes.append(Note(week, seat, f"Proposal dropped: {exc}"))
                    continue
                self._proposals += 1
                p = Proposal(self._proposals, seat, action, concerned, week)
                self.open.append(p)
                others = ", ".join(s for s in concerned if s != seat) or "nobody else"
                self.notes.append(Note(week, seat, f"Proposed: {title(action)} (put to {others})"))
        self.pending = {}
        sim.step(1)

    def _settle(self, p: Proposal, decided: dict[str, Decisions], week: int) -> None:
        """A proposal put last round: applied only if every team concerned accepted."""
        no = [
            s
            for s in p.concerned
            if s != p.by and dict(decided.get(s, Decisions()).answers).get(p.id) is not True
        ]
        if no:
            text = f"Not applied: {title(p.action)} (not accepted by {', '.join(no)})"
            for seat in p.concerned:
                self.notes.append(Note(week, seat, text))
            return
        self._take(p.action, p.concerned, week)

    def _take(self, action: Action, seats: tuple[str, ...], week: int) -> None:
        try:
            self.sim.apply(action)
            self._reseat()
            text = f"Applied: {title(action)}"
        except ActionError as exc:
            text = f"Could not apply {title(action)}: {exc}"
        for seat in seats:
            self.notes.append(Note(week, seat, text))

    # saving and replaying

    def to_dict(self) -> dict[str, Any]:
        """The game as plain data: replaying it gives the same game, exactly."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "scenario": self.scenario.to_toml_dict(),
            "seed": self.seed,
            "seats": dict(self.seats),
            "par": [{"week": w, "action": a.to_dict()} for w, a in self.par],
            "rounds": [{s: d.to_dict() for s, d in r.items()} for r in self.rounds],
        }

    @classmethod
    def from_dict(cls, data: Any) -> SeatGame:
        """Replay a saved game round by round (each round checked as it was played).

        Raises:
            SeatError: not a seat game's save, or a round the game refuses, naming it.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SeatError(f"not a seat game (no 'format': '{FORMAT}')")
        if data.get("version") != VERSION:
            raise SeatError(f"version: this silo reads seat games of version {VERSION}")
        if not isinstance(data.get("scenario"), dict):
            raise SeatError("scenario: expected the scenario's table")
        scenario = parse_scenario(data["scenario"], "saved scenario")
        seed = data.get("seed")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise SeatError("seed: expected a whole number")
        seats = data.get("seats")
        if not isinstance(seats, dict):
            raise SeatError("seats: expected a table of team = player")
        par = []
        for i, step in enumerate(data.get("par", [])):
            if (
                not isinstance(step, dict)
                or not isinstance(step.get("week"), int)
                or not isinstance(step.get("action"), dict)
            ):
                raise SeatError(f"par.{i}: expected a week and an action")
            try:
                par.append((step["week"], action_from_dict(step["action"])))
            except ActionError as exc:
                raise SeatError(f"par.{i}.{exc}") from None
        game = cls(scenario, seed, seats, par=tuple(par))
        rounds = data.get("rounds", [])
        if not isinstance(rounds, list) or len(rounds) > game.sim.weeks:
            raise SeatError("rounds: expected a list of at most one round a week")
        for r, played in enumerate(rounds):
            game.replay_round(played, f"rounds.{r}")
        return game

    def replay_round(self, played: Any, where: str) -> None:
        """Play one saved round: every seat's decisions, checked as when they were made."""
        if not isinstance(played, dict) or sorted(played) != sorted(self.order):
            raise SeatError(f"{where}: expected decisions for each seat ({', '.join(self.order)})")
        decided = {}
        for seat in self.order:
            d = Decisions.from_dict(played[seat], f"{where}.{seat}")
            try:
                self._check(seat, d)
            except SeatError as exc:
                raise SeatError(f"{where}: {exc}") from None
            decided[seat] = d
        self._play(decided)
