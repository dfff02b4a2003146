"""siloed-marketing played by four seats: two scripted players (SEO, Email) and two bots.

Each seat sees only what its team knows, a cross-team proposal applies only
when every team it touches accepts, a message between seats arrives when the
model's route says (and faster over a chat channel), and the same seats and
decisions replay exactly from the save.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from sim import load_scenario
from sim.actions import AddLink, Celebrate, EnableTool, SetGoal
from sim.params import HOURS_PER_WEEK
from sim.seats import Decisions, SeatError, SeatGame, reveal
from sim.seats.view import week_of

SEATS = {"SEO": "human", "Email": "human", "Social": "bot:cooperative", "Content": "bot:selfish"}
ROUNDS = 8


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("siloed-marketing")


def play(scenario, script, rounds=ROUNDS, seats=SEATS, seed=3):
    """Play `rounds` rounds; `script(game, seat)` gives each human's decisions; returns the
    game and every seat's view at the start of each round (views[week][seat])."""
    game = SeatGame(scenario, seed, seats)
    views = []
    for _ in range(rounds):
        views.append({s: game.view(s) for s in game.order})
        for seat in game.humans:
            game.submit(seat, script(game, seat))
        game.advance()
    views.append({s: game.view(s) for s in game.order})
    return game, views


def quiet(game, seat):
    return Decisions()


def test_a_handoff_reaches_email_only_when_the_model_delivers_it(scenario):
    game, views = play(scenario, quiet)
    # Handoffs SEO finished for Email that took the model more than a week to deliver.
    late = [
        h
        for h in game.sim.heard
        if h.team == "Email"
        and h.kind == "handoff"
        and h.text.startswith("SEO finished")
        and week_of(game.sim, h.arrived) > week_of(game.sim, h.sent)
        and week_of(game.sim, h.arrived) < ROUNDS
    ]
    assert late, "no SEO-to-Email handoff crossed a week boundary in this seed"
    for h in late:
        done, arrived = week_of(game.sim, h.sent), week_of(game.sim, h.arrived)
        # SEO knew as it finished: its view after that week lists the finished task.
        task = h.text.removeprefix("SEO finished ").split(";")[0]
        if done >= 1:
            assert task in views[done]["SEO"].team.finished
        # Email's views from the week it was done until it arrived do not hold it...
        for week in range(max(done, 0), arrived):
            assert h.text not in [n.text for n in views[week]["Email"].inbox]
        # ...and from the week it arrived they do, dated that week, with its route.
        item = [n for n in views[arrived]["Email"].inbox if n.text == h.text]
        assert item and item[0].week == arrived and item[0].via == h.via
        # No other seat ever sees Email's news.
        for week in range(arrived, ROUNDS + 1):
            for seat in ("SEO", "Social", "Content"):
                assert h.text not in [n.text for n in views[week][seat].inbox]


def test_a_seat_does_not_see_duplicates_or_waiting_as_such(scenario):
    game, views = play(scenario, quiet, rounds=4)
    truth = game.sim.ledger.team_series["Email"]
    seen = views[4]["Email"].team.hours
    assert truth["duplicated"][-1] > 0  # there was duplicated work to hide
    assert set(seen) == {"project work", "routine", "rework", "meetings", "coordination"}
    assert seen["project work"] == pytest.approx(
        truth["hours_first_time"][-1] + truth["hours_duplicated"][-1]
    )
    # The monthly report: none before week 4, then the org's figures for weeks 1-4.
    assert views[3]["Email"].report is None
    report = views[4]["Email"].report
    assert report is not None and report.week == 4
    s = game.sim.ledger.series
    assert report.value == pytest.approx(sum(s["value"][:4]))


def test_a_proposal_applies_only_when_every_team_accepts(scenario):
    def calendar(answer):
        def script(game, seat):
            view = game.view(seat)
            if seat == "SEO" and game.week == 1:
                return Decisions(proposals=(EnableTool(tool="shared_calendar"),))
            return Decisions(answers=tuple((p.id, answer) for p in view.proposals))

        return script

    # SEO proposes the calendar in week 1; Email and the cooperative Social accept,
    # but the selfish bot in Content refuses: nothing changes.
    _, views = play(scenario, calendar(True), rounds=4)
    assert [p.by for p in views[2]["Email"].proposals] == ["SEO"]
    assert views[2]["SEO"].proposals == ()  # a proposer is not asked its own proposal
    assert not views[4]["SEO"].tools["shared_calendar"]
    assert any("not accepted by Content" in n.text for n in views[3]["Email"].notes)
    # With a cooperative bot in Content too, all accept and it applies in week 2's round.
    seats = {**SEATS, "Content": "bot:cooperative"}
    _, views = play(scenario, calendar(True), rounds=4, seats=seats)
    assert not views[2]["Email"].tools["shared_calendar"]
    assert views[3]["Email"].tools["shared_calendar"]
    # A human's refusal is enough to stop it.
    _, views = play(scenario, calendar(False), rounds=4, seats=seats)
    assert not views[4]["Email"].tools["shared_calendar"]
    assert any("not accepted by Email" in n.text for n in views[3]["SEO"].notes)


def _talk(scenario, chat: bool, seed=3):
    """SEO writes Email five messages a week for six weeks (after opening a chat, or not)."""

    def script(game, seat):
        if seat != "SEO":
            return Decisions()
        actions = (AddLink(kind="chat", teams=("SEO", "Email")),) if chat and game.week == 0 else ()
        if game.week == 0:
            return Decisions(actions=actions)
        return Decisions(messages=tuple(("Email", f"w{game.week} n{i}") for i in range(5)))

    return play(scenario, script, rounds=7, seed=seed)


def test_a_message_arrives_when_its_route_says(scenario):
    game, views = _talk(scenario, chat=False)
    assert len(game.talks) == 30
    for m in game.talks:
        texts = lambda week: [n.text for n in views[week]["Email"].inbox]  # noqa: E731
        line = f"SEO: {m.text}"
        if not math.isfinite(m.arrives):
            assert line not in texts(7)  # lost on the way
            continue
        arrived = week_of(game.sim, m.arrives)
        assert m.via in ("hallway", "email")  # the only routes between them
        for week in range(m.week, min(arrived, 8)):
            assert line not in texts(week)
        if arrived <= 7:
            assert line in texts(arrived)
        assert all(line not in [n.text for n in views[7][s].inbox] for s in ("Social", "SEO"))
    # The same game replayed draws the same routes.
    again = SeatGame.from_dict(json.loads(json.dumps(game.to_dict())))
    assert again.talks == game.talks


def test_an_open_channel_speeds_messages(scenario):
    """Over the same 30 messages (common random numbers), chat beats email.

    Email alone gets through with p = 0.6 * 0.7 (local goals' openness) about 42%,
    chat about 52%, the hallway 10%; chat's mean delay is 4 h against 16 h. Band: chat
    delivers at least as many, and their mean delay is at most half email's."""
    slow, _ = _talk(scenario, chat=False)
    fast, _ = _talk(scenario, chat=True)
    assert any(lk.kind == "chat" for lk in fast.view("SEO").links)

    def delivered(game):
        return [m.arrives - m.sent for m in game.talks if math.isfinite(m.arrives)]

    assert len(delivered(fast)) >= len(delivered(slow))
    assert np.mean(delivered(fast)) <= 0.5 * np.mean(delivered(slow))
    assert {m.via for m in fast.talks if m.via} <= {"chat", "email", "hallway"}
    assert "chat" in {m.via for m in fast.talks}


def test_the_same_seats_and_decisions_replay_exactly(scenario):
    def script(game, seat):
        view = game.view(seat)
        answers = tuple((p.id, True) for p in view.proposals)
        if seat == "SEO" and game.week == 0:
            return Decisions(actions=(SetGoal(team="SEO", shared_weight=0.6),))
        if seat == "Email" and game.week == 2:
            return Decisions(proposals=(Celebrate(),), messages=(("Content", "launch ok?"),))
        return Decisions(answers=answers)

    game, _ = play(scenario, script)
    saved = json.loads(json.dumps(game.to_dict()))
    again = SeatGame.from_dict(saved)
    assert again.week == game.week == ROUNDS
    for key, series in game.sim.weekly.items():
        np.testing.assert_array_equal(np.asarray(series), np.asarray(again.sim.weekly[key]))
    for seat in game.order:
        assert again.view(seat) == game.view(seat)
    assert again.to_dict() == saved
    # The bots' decisions are in the save: the selfish one set its goal local.
    assert saved["rounds"][0]["Content"]["actions"][0]["shared_weight"] == 0.0


def test_seats_refuse_decisions_that_are_not_theirs(scenario):
    game = SeatGame(scenario, 1, SEATS)
    with pytest.raises(SeatError, match="SEO: set_goal: a seat sets only its own team's goal"):
        game.submit("SEO", Decisions(actions=(SetGoal(team="Email", shared_weight=0.5),)))
    with pytest.raises(SeatError, match="touches several teams, so it is a proposal"):
        game.submit("SEO", Decisions(actions=(EnableTool(tool="shared_calendar"),)))
    with pytest.raises(SeatError, match="only your team's, so decide it"):
        game.submit("SEO", Decisions(proposals=(SetGoal(team="SEO", shared_weight=0.5),)))
    with pytest.raises(SeatError, match="no seat 'Legal' to write to"):
        game.submit("SEO", Decisions(messages=(("Legal", "hello"),)))
    with pytest.raises(SeatError, match="played by bot:selfish"):
        game.submit("Content", Decisions())
    with pytest.raises(SeatError, match="no proposal 7 is put to SEO"):
        game.submit("SEO", Decisions(answers=((7, True),)))
    with pytest.raises(SeatError, match="waiting for SEO, Email"):
        game.advance()
    with pytest.raises(SeatError, match="seat 'Legal': no such team"):
        SeatGame(scenario, 1, {"Legal": "human"})
    assert game.pending == {}  # nothing refused was kept


def test_the_reveal_names_what_a_seat_learned_late(scenario):
    game, _ = play(scenario, quiet)
    shown = reveal(game, "Email")
    assert shown.late_count > 0 and shown.late
    assert shown.duplicated_hours > 0
    late = [
        h
        for h in game.sim.heard
        if h.team == "Email" and h.kind in ("handoff", "message") and h.arrived - h.sent > 8
    ]
    assert shown.late_count == len(late)
    assert shown.late_days == pytest.approx(sum((h.arrived - h.sent) / 8 for h in late))


def test_squads_give_each_seat_a_squad(scenario):
    """Par's re-cut, accepted by all: seats follow the new squads, one each."""
    seats = {"SEO": "bot:par", "Email": "bot:cooperative", "Social": "bot:cooperative"}
    seats["Content"] = "bot:cooperative"
    from scenarios.catalog import par_script

    par = tuple((s.week, a) for s in par_script("siloed-marketing", scenario) for a in s.do)
    game = SeatGame(scenario, 2, seats, par=par)
    game.advance()
    game.advance()
    names = [game.view(s).team.name for s in game.order]
    assert all(n.startswith("Squad") for n in names) and len(set(names)) == len(names)
    assert game.view("SEO").tools["shared_calendar"]
    assert game.week * HOURS_PER_WEEK == game.sim.clock.now - game.sim.clock.origin


def test_bots_play_their_named_behaviours(scenario):
    from scenarios.catalog import par_script

    par = tuple((s.week, a) for s in par_script("siloed-marketing", scenario) for a in s.do)
    seats = {"SEO": "bot:par", "Social": "bot:selfish"}
    seats |= {"Email": "bot:cooperative", "Content": "bot:cooperative"}
    game = SeatGame(scenario, 4, seats, par=par)
    for _ in range(3):
        game.advance()  # no humans: bots alone play the round
    social, email = game.view("Social").team, game.view("Email").team
    assert (social.shared_weight, social.kpi) == (0.0, "channel")
    assert email.shared_weight == pytest.approx(0.6)
    # The cooperative seats opened chats with teams they wait on; the selfish one none.
    assert any(lk.kind == "chat" for lk in game.view("Email").links)
    social_did = [a.action for r in game.rounds for a in r["Social"].actions]
    assert "add_link" not in social_did and social_did[0] == "set_goal"
    # Par's re-cut was put to everyone, and the selfish seat refused it.
    refused = [n.text for n in game.view("Email").notes if n.text.startswith("Not applied")]
    assert refused and all("not accepted by Social" in t for t in refused)
    assert not any(n.startswith("Squad") for n in (t.name for t in game.sim.live_teams()))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"answers": [[True, True]]}, "decisions.answers.0: expected [proposal id, true or false]"),
        ({"messages": [["Email"]]}, "decisions.messages.0: expected [seat, text]"),
        ({"actions": [{"action": "fly"}]}, "decisions.actions.0.action"),
        ({"vote": []}, "decisions.vote: unknown key"),
    ],
)
def test_saved_decisions_are_checked_as_data(data, message):
    with pytest.raises(SeatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Decisions.from_dict(data)


def test_a_seat_handed_to_its_bot_plays_as_the_bot_and_replays(scenario):
    """A room's player who left: its bot decides for it from that round on."""
    game = SeatGame(scenario, 1, {"SEO": "human", "Email": "human"})
    game.submit("SEO", Decisions(messages=(("Email", "hello"),)))
    game.hand("SEO", "bot:selfish")
    assert game.waiting_for == ("Email",)  # what SEO had submitted went with it
    game.submit("Email", Decisions())
    game.advance()
    assert game.rounds[0]["SEO"].actions[0].shared_weight == 0.0  # the selfish bot's goal
    assert game.talks == []
    again = SeatGame.from_dict(json.loads(json.dumps(game.to_dict())))
    assert again.view("SEO") == game.view("SEO")
    with pytest.raises(SeatError, match="'robot' is no player"):
        game.hand("SEO", "robot")
    with pytest.raises(SeatError, match="no seat 'Legal'"):
        game.hand("Legal", "human")
