"""The Why screen: efficiency, engagement and late campaigns opened to their causes."""

from __future__ import annotations

from types import SimpleNamespace

from pilot_kit import (
    SIZE,
    TRIAL,
    next_week,
    open_trial,
    pilot_test,
    plain,
    run_command,
    settle,
)
from textual.widgets import Static, TabbedContent

from game.present.why import org_terms
from game.tui.screens.play import PlayScreen
from game.tui.screens.why import WhyScreen
from game.tui.why_text import efficiency_text, engagement_text, late_text
from sim.results import CampaignPath, PathStep


def _lines(shown: object) -> list[str]:
    """What a renderable shows, line by line, spaces squeezed (wide: nothing wraps)."""
    import io

    from rich.console import Console

    console = Console(width=240, file=io.StringIO(), color_system=None, record=True)
    console.print(shown)
    lines = [" ".join(line.split()) for line in console.export_text().splitlines()]
    return [line for line in lines if line]


def _summary(**values: float) -> dict[str, float]:
    base = {f"hours_{k}": 0.0 for k in ("first_time", "routine", "info_wait", "duplicated")}
    base |= {f"hours_{k}": 0.0 for k in ("rework", "meetings", "coordination", "paid")}
    return base | values


def test_efficiency_is_shown_as_its_value_spend_and_hours_against_doing_nothing() -> None:
    # Ten weeks: 400 duplicated hours are 40 a week; doing nothing had 900 (90 a week).
    # Efficiency is value per 1,000 spent (MODEL.md, Economics E2): 5,500 of value for
    # 833,000 spent is 6.60; doing nothing, 5,000 for 833,000 is 6.00.
    you = _summary(
        weeks=10, efficiency=6.6, value=5500.0, value_campaigns=3000.0,
        value_initiatives=1000.0, value_routine=1500.0, hours_paid=10_000.0,
        hours_duplicated=400.0, hours_meetings=600.0, hours_routine=3000.0,
        value_per_khour=550.0, spend=833_000.0, spend_staff=800_000.0, tool_cost=3_000.0,
        spend_other=30_000.0,
    )  # fmt: skip
    base = _summary(
        weeks=10, efficiency=6.0, value=5000.0, value_campaigns=2500.0,
        value_initiatives=1000.0, value_routine=1500.0, hours_paid=10_000.0,
        hours_duplicated=900.0, hours_meetings=0.0, hours_routine=3000.0,
        value_per_khour=500.0, spend=833_000.0, spend_staff=800_000.0, tool_cost=0.0,
        spend_other=33_000.0,
    )  # fmt: skip
    lines = _lines(efficiency_text(you, base, "€"))
    assert lines[0].startswith("Efficiency so far 6.60 value per €1,000 spent")
    assert "doing nothing under the same luck: 6.00 (+10%)" in lines[0]
    assert "Per 1,000 paid hours, before money: 550 (doing nothing: 500)" in " ".join(lines)
    assert "Campaigns 3,000 2,500 +500" in lines
    # Spend a week, each part of the ledger against doing nothing.
    assert "Spend per week (€) you do-nothing change" in lines
    assert "Paid hours (staff; agencies' fees) 80,000 80,000 same" in lines
    assert "Tool licences 300 0 +300" in lines
    assert "Recruiting, leave pay, one-offs 3,000 3,300 -300" in lines
    assert "Total 83,300 83,300 same" in lines
    assert "Own initiatives 1,000 1,000 same" in lines
    assert "Duplicated work 40 90 -50" in lines
    assert "Meetings 60 0 +60" in lines
    assert "Paid 1,000 1,000 same" in lines
    # The biggest moves first, each named as better or worse by its colour.
    moves = lines[-1]
    assert moves.startswith("What moved most: meetings 60 h a week more; duplicated work 50 h")
    text = efficiency_text(you, base)
    red = [text.plain[s.start : s.end] for s in text.spans if s.style == "red"]
    green = [text.plain[s.start : s.end] for s in text.spans if s.style == "green"]
    assert red == ["meetings 60 h a week more"]
    assert green == ["duplicated work 50 h a week fewer"]


def test_efficiency_before_any_week_asks_to_play_one() -> None:
    assert "Play a week first" in efficiency_text({"weeks": 0}, {}).plain


def _team(name: str, engagement: float, headcount: int, **terms: float) -> SimpleNamespace:
    return SimpleNamespace(
        name=name, engagement=engagement, headcount=headcount, engagement_terms=terms
    )


def test_engagement_shows_each_target_and_what_pulls_it() -> None:
    seo = _team("SEO", 0.50, 3, baseline=0.7, goals=-0.12, waiting=-0.20)
    social = _team("Social", 0.60, 1, baseline=0.7, goals=0.08, meetings=-0.25)
    snapshot = SimpleNamespace(teams=(social, seo))
    # Everyone: each term weighted by head count (3 SEO, 1 Social).
    terms = org_terms(snapshot.teams)
    assert terms["goals"] == (3 * -0.12 + 0.08) / 4
    assert terms["waiting"] == 3 * -0.20 / 4
    lines = _lines(engagement_text(snapshot))
    everyone = next(line for line in lines if line.startswith("Everyone"))
    assert everyone.startswith("Everyone: 0.53, target 0.42 (baseline 0.70)")
    # Lowest engagement first; target = sum of terms; the strongest pull first.
    seo_line, social_line = (line for line in lines if line.startswith(("SEO", "Social")))
    # Goals weighing less than half pull down: the team feels local KPIs, not shared goals.
    assert seo_line == ("SEO: 0.50, target 0.38, falling. waiting for news -0.20, local KPIs -0.12")
    # Meeting fatigue counts every meeting hour now (MODEL.md, Economics E3), not the
    # hours beyond 10% of the week; the term's words say so.
    assert social_line.startswith(
        "Social: 0.60, target 0.53, falling. meeting fatigue (every meeting hour) -0.25"
    )
    assert social_line.endswith("shared goals +0.08")


def _step(task: str, team: str, **kw: object) -> PathStep:
    fields: dict[str, object] = {
        "state": "done", "input_task": None, "input_team": None, "news_wait": 0.0,
        "route": "", "ready": None, "started": None, "done": None,
    }  # fmt: skip
    return PathStep(task=task, team=team, **(fields | kw))  # type: ignore[arg-type]


def test_a_late_campaign_reads_as_its_chain_of_waits() -> None:
    path = CampaignPath(
        label="launch 'spring sale'", owner="Content", arrival=0.0, due=80.0,
        live_at=120.0, late_hours=40.0,
        steps=(
            _step("brief", "Content", ready=0.0, started=0.0, done=12.0),
            _step("keywords", "SEO", input_task="brief", input_team="Content",
                  news_wait=36.0, route="email", ready=48.0, started=64.0, done=80.0),
            _step("promote", "Social", input_task="keywords", input_team="SEO",
                  news_wait=24.0, route="hallway", ready=104.0, started=104.0, done=120.0),
        ),
    )  # fmt: skip
    lines = _lines(late_text([path], week=4))
    assert lines[0].startswith("Late campaigns with the chain that decided each finish")
    assert lines[1:] == [
        "launch 'spring sale' (owned by Content): went live 5.0 days late; "
        "arrived day 0.0, due day 10.0",
        "1. brief (Content); in progress 1.5 days, done on day 1.5",
        "2. keywords (SEO): heard of brief from Content by email after 4.5 days; "
        "waited in the queue 2.0 days; in progress 2.0 days, done on day 10.0",
        "3. promote (Social): heard of keywords from SEO by hallway after 3.0 days; "
        "in progress 2.0 days, done on day 15.0",
        "On this chain: 7.5 days waiting for news, 2.0 days in queues.",
    ]


def test_work_carried_in_from_before_the_start_reads_as_such() -> None:
    # The engine warms the org up before week 0 (MODEL.md, Economics E1), so a campaign
    # can arrive, and a task finish, before the start: never "day -1.4" or "day -0.0".
    path = CampaignPath(
        label="launch 'referral'", owner="Content", arrival=-11.2, due=228.8,
        live_at=None, late_hours=91.2,
        steps=(_step("brief", "Content", ready=-11.2, started=-11.2, done=-0.01),),
    )  # fmt: skip
    lines = _lines(late_text([path], week=8))
    assert lines[1].endswith("arrived 1.4 days before the start, due day 28.6")
    assert lines[2] == "1. brief (Content); in progress 1.4 days, done on day 0.0"


def test_an_open_campaign_says_what_it_has_not_heard() -> None:
    path = CampaignPath(
        label="promo 'gift cards'", owner="Email", arrival=0.0, due=40.0, live_at=None,
        late_hours=16.0,
        steps=(
            _step("offer", "Email", ready=0.0, started=0.0, done=20.0),
            _step("ads", "Social", state="waiting for news of its inputs", input_task="offer",
                  input_team="Email", news_wait=36.0, route="not heard yet"),
        ),
    )  # fmt: skip
    lines = _lines(late_text([path], week=2))
    assert "2.0 days overdue and still open" in lines[1]
    assert lines[3] == (
        "2. ads (Social): has not heard that offer (Email) is done, 4.5 days so far"
    )
    assert _lines(late_text([], week=3)) == ["No campaign is late so far."]


@pilot_test
async def test_why_opens_from_the_play_screen_and_the_palette(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        play = await open_trial(pilot)
        await next_week(pilot, 6)
        turn = play.turn
        await pilot.press("y")
        await settle(pilot)
        why = app.screen
        assert isinstance(why, WhyScreen)
        efficiency = plain(why.query_one("#why-efficiency", Static))
        assert (
            f"Efficiency so far {turn.summary['efficiency']:.2f} value per $1,000 spent"
            in efficiency
        )
        assert f"{turn.baseline_summary['efficiency']:.2f}" in efficiency
        assert "Spend per week ($)" in efficiency
        tabs = why.query_one(TabbedContent)
        assert tabs.active == "efficiency"
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "engagement"
        engagement = plain(why.query_one("#why-engagement", Static))
        for team in turn.snapshot.teams:
            assert f"{team.name}: {team.engagement:.2f}, target" in engagement
        await pilot.press("right")
        await pilot.pause()
        assert tabs.active == "late"
        late = plain(why.query_one("#why-late", Static))
        for path in turn.snapshot.late:
            assert path.label in late
        assert turn.snapshot.late or "No campaign is late so far." in late
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)

        await run_command(pilot, "why late")
        assert isinstance(app.screen, WhyScreen)
        assert app.screen.query_one(TabbedContent).active == "late"


@pilot_test
async def test_a_click_on_a_chart_asks_why(make_app) -> None:
    app = make_app(str(TRIAL))
    async with app.run_test(size=SIZE) as pilot:
        await open_trial(pilot)
        await next_week(pilot, 2)
        for chart, topic in (("#chart-engagement", "engagement"), ("#chart-lead_time", "late")):
            await pilot.click(chart)
            await settle(pilot)
            assert isinstance(app.screen, WhyScreen), chart
            assert app.screen.query_one(TabbedContent).active == topic
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)


def test_a_long_step_wraps_under_its_own_text() -> None:
    import io

    from rich.console import Console

    step = _step("keywords", "SEO", input_task="brief", input_team="Content",
                 news_wait=36.0, route="email", ready=48.0, started=64.0, done=80.0)  # fmt: skip
    path = CampaignPath(
        label="launch 'spring sale'", owner="Content", arrival=0.0, due=8.0, live_at=80.0,
        late_hours=72.0, steps=(step,),
    )  # fmt: skip
    console = Console(width=50, file=io.StringIO(), color_system=None, record=True)
    console.print(late_text([path], week=2))
    lines = console.export_text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("1."))
    assert lines[first].startswith("    1. keywords")
    assert lines[first + 1].startswith(" " * 7) and lines[first + 1].strip()


def test_a_team_card_names_engagement_terms_as_the_player_sees_them() -> None:
    """Goals never touched (local KPIs) read as local KPIs, not as "goals -0.12"."""
    from pilot_kit import TRIAL

    from game.present.session import GameSession
    from game.tui.widgets.team_detail import team_text
    from sim import load_scenario

    scenario = load_scenario(str(TRIAL))
    session = GameSession(scenario, scenario.seed, builtin=False)
    turn = session.advance()
    team = next(t for t in turn.snapshot.teams if t.headcount and not t.external)
    line = next(
        line for line in team_text(team).plain.splitlines() if line.startswith("Engagement")
    )
    assert "local KPIs -" in line, line
    assert "goals" not in line and "baseline mood +" in line, line
