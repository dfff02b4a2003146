"""Solo play from one seat: start the game, save it, and say what the seat sees, in lines.

UI-free: the Textual seat screen shows these lines, and a test can read them.
One player takes one team; bots of one behaviour take the others. The game is
autosaved after every round as a seat game's save (`sim.seats`), which replays
exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from game.present.numbers import num, plain

if TYPE_CHECKING:
    from sim.actions import Action
    from sim.scenario import Scenario
    from sim.seats import SeatGame, SeatReveal, SeatView

KIND_WORDS = {
    "handoff": "handoff",
    "message": "new message",
    "fact": "known work",
    "talk": "message",
}
"""How each kind of news is named in the inbox."""
INBOX_SHOWN = 60
"""Latest inbox entries a screen lists (the save keeps them all)."""


def par_steps(name: str, scenario: Scenario) -> tuple[tuple[int, Action], ...]:
    """A built-in scenario's par plan as (week, action), or () without one."""
    from scenarios.catalog import par_script

    steps = par_script(name, scenario)
    return tuple((s.week, a) for s in steps for a in s.do) if steps else ()


def start_solo(scenario_arg: str, seat: str, bots: str, seed: int | None) -> SeatGame:
    """A seat game with the player in `seat` and `bots` bots in every other seat.

    Raises:
        ScenarioError: the scenario cannot be loaded.
        SeatError: no such team, or no such bot (one line naming it).
    """
    from sim import load_scenario
    from sim.seats import SeatGame

    scenario = load_scenario(scenario_arg)
    par = par_steps(scenario_arg, scenario)
    return SeatGame(scenario, seed, {seat: "human"}, bots_play=bots, par=par)


def new_save(folder: Path, game: SeatGame, seat: str) -> Path:
    """Save a new seat game at week 0 in a file of its own (scenario, seat, seed and start
    time in the name, -2, -3... for a second game in the same second): never another's."""
    from datetime import datetime

    from game.present.saves import create_new, file_stem, game_file_names

    scenario = f"seats-{file_stem(game.scenario.name)}-{file_stem(seat)}"
    names = game_file_names(scenario, game.seed, datetime.now())
    return create_new(folder, names, json.dumps(game.to_dict(), indent=1) + "\n")


def save_game(path: Path, game: SeatGame) -> None:
    """Write the seat game atomically, creating its folder if needed."""
    from game.present.files import write_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(game.to_dict(), indent=1) + "\n")


def is_seat_save(path: Path) -> bool:
    """Whether a file looks like a seat game's save (so `--load` opens the seat screen).

    Read as every save is (a regular file, within the size limit, never a FIFO's wait):
    anything else is not a seat save, and the ordinary load refuses it with the reason.
    """
    from game.present.saves import MAX_SAVE_BYTES
    from sim.input_files import UnreadableFile, read_regular
    from sim.seats.game import FORMAT

    try:
        head = read_regular(path, MAX_SAVE_BYTES, "saved game")[:200]
    except UnreadableFile:
        return False
    return f'"format": "{FORMAT}"'.encode() in head


def load_game(path: Path) -> SeatGame:
    """Replay a saved seat game (SeatError or ScenarioError: what is wrong with it)."""
    from game.present.saves import MAX_SAVE_BYTES, decode_json
    from sim.input_files import UnreadableFile, read_regular
    from sim.seats import SeatError, SeatGame

    try:
        data = decode_json(read_regular(path, MAX_SAVE_BYTES, "saved game"))
    except (UnreadableFile, ValueError) as exc:
        raise SeatError(f"{path}: cannot read a seat game ({exc})") from None
    return SeatGame.from_dict(data)


# what the seat sees


def team_lines(view: SeatView) -> list[str]:
    t = view.team
    goal = f"{plain(100 * t.shared_weight)}% shared, KPI {t.kpi}"
    hours = ", ".join(f"{k} {num(v)}" for k, v in t.hours.items() if v > 0.05)
    lines = [
        f"{t.name}: {t.headcount} people, engagement {num(t.engagement)}",
        f"Goal: {goal}",
        f"Queue: {t.queue} tasks ready ({num(t.queue_hours)} h)",
        "Hours last week: " + (hours or "no week played yet"),
    ]
    links = [
        f"{lk.kind} with "
        + ("every team" if "*" in lk.teams else ", ".join(n for n in lk.teams if n != t.name))
        for lk in view.links
    ]
    lines.append("Links: " + ("; ".join(links) if links else "none (email and the hallway)"))
    tools = [k.replace("_", " ") for k, on in view.tools.items() if on]
    lines.append("Tools: " + (", ".join(tools) if tools else "none"))
    return lines


def awaiting_lines(view: SeatView) -> list[str]:
    if not view.team.awaiting:
        return ["Nothing of yours is waiting for another team's work, as far as you know."]
    return [f"- {a}" for a in view.team.awaiting]


def inbox_lines(view: SeatView) -> list[str]:
    """The inbox, newest last, each with the week it arrived."""
    out = []
    for n in view.inbox[-INBOX_SHOWN:]:
        kind = KIND_WORDS.get(n.kind, n.kind)
        late = f" ({n.days_late:.1f} days on the way, {n.via})" if n.via else ""
        out.append(f"wk {n.week:>2} {kind}: {n.text}{late}")
    return out or ["No news has reached your team yet."]


def report_lines(view: SeatView) -> list[str]:
    r = view.report
    if r is None:
        return ["No org-wide report yet (one comes every few weeks)."]
    return [
        f"Report of week {r.week} (the last {r.weeks} weeks, the whole org):",
        f"efficiency {num(r.efficiency)}, value {num(r.value)}, engagement "
        f"{num(r.engagement)}, campaigns live {r.campaigns_done:.0f} "
        f"({r.campaigns_late:.0f} late)",
    ]


def proposal_lines(view: SeatView, answers: dict[int, bool]) -> list[str]:
    from sim.verbs import title

    if not view.proposals:
        return ["No proposal is put to you this round."]
    out = []
    for i, p in enumerate(view.proposals, start=1):
        mine = "accept" if answers.get(p.id) else "refuse"
        out.append(f"[{i}] {title(p.action)}, from {p.by}: you {mine}")
    return out


def notes_lines(view: SeatView, last: int = 6) -> list[str]:
    return [f"wk {n.week:>2} {n.text}" for n in view.notes[-last:]]


def reveal_lines(shown: SeatReveal) -> list[str]:
    """What the seat did not know, in sections."""
    out = [f"What {shown.team} did not know while it played", ""]
    out.append(
        f"{shown.late_count} pieces of news reached you late, "
        f"{shown.late_days:.0f} working days on the way in all. The worst:"
    )
    out += [f"  {line}" for line in shown.late] or ["  none"]
    out.append("")
    out.append("Finished upstream, and you had still not heard by the end:")
    out += [f"  {line}" for line in shown.unheard] or ["  nothing"]
    out.append("")
    out.append(
        f"Of the hours you saw as project work, {num(shown.duplicated_hours)} h duplicated "
        f"work another team had done; of your 'routine', {num(shown.waiting_hours)} h was "
        "campaign work you would have done had you known it was ready."
    )
    if shown.costs:
        out.append("What it cost, as it happened:")
        out += [f"  {line}" for line in shown.costs]
    if shown.lost_messages:
        out.append("Your messages that never arrived:")
        out += [f"  {line}" for line in shown.lost_messages]
    return out


def ghosts(game: SeatGame) -> list[str]:
    """The org's efficiency over the weeks played, beside doing nothing and par (same seed)."""
    from sim import run

    weeks = game.week
    if weeks == 0:
        return []
    played = game.sim.result().summary.get("efficiency", float("nan"))
    idle = run(game.scenario, game.seed, weeks=weeks).summary.get("efficiency", float("nan"))
    lines = [
        f"The whole org over {weeks} weeks: efficiency {num(played)} (doing nothing: {num(idle)})"
    ]
    if game.par:
        par = run(game.scenario, game.seed, weeks=weeks, actions=game.par)
        lines.append(f"Par, one player for the whole org: {num(par.summary['efficiency'])}")
    return lines
