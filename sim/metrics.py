"""Measures: the weekly ledger of hours, value, flow and people, and the run summary.

Everything is recorded at week boundaries from counters the engine bumps as
things happen; nothing here changes the simulation.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.org import DUPLICATED, INFO_WAIT, N_CATEGORIES, Team
from sim.params import HOURS_PER_WEEK, Params
from sim.results import HOUR_CATEGORIES, WEEKLY_KEYS, RunResult

if TYPE_CHECKING:
    from sim.info import Network
    from sim.scenario import CampaignTemplate
    from sim.work import Campaign

NAN = float("nan")
TEAM_KEYS = (
    "engagement",
    "headcount",
    "queue",
    "duplicated",
    "info_wait",
    "quits",
    *(f"hours_{c}" for c in HOUR_CATEGORIES),
)


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else NAN


def _series() -> array[float]:
    """A weekly series: 8 bytes a week, where a list of floats takes 32."""
    return array("d")


class Tally:
    """A running total and count, for measures only ever read as a mean or a total.

    Values are added in arrival order from 0.0, as `sum()` of a list of them did
    (Python 3.11's float sum is the same left-to-right fold), so the figures are
    unchanged without keeping every value of a long run.
    """

    __slots__ = ("n", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.n = 0

    def add(self, x: float) -> None:
        self.total += x
        self.n += 1

    def mean(self) -> float:
        return self.total / self.n if self.n else NAN


class Ledger:
    """Weekly records of one run, and the summary built from them."""

    def __init__(self) -> None:
        self.series: dict[str, array[float]] = {k: _series() for k in WEEKLY_KEYS}
        self.team_series: dict[str, dict[str, array[float]]] = {}
        # Lead times are kept (the summary's p90 needs them), compactly: one per campaign.
        self.lead_times: array[float] = _series()
        self.waits = Tally()
        self.facts = Tally()
        self.outputs = 0
        self.on_message = 0
        self.open = 0
        self.wip_mark = 0.0
        self.wip_total = 0.0
        self.arrived = 0
        self.joined = 0
        self.dup_initiatives = 0
        self.week_spend_other = 0.0
        self.start_week()

    def reset_run(self, origin: float) -> None:
        """Forget the warm-up: the run's totals start at week 0 (work in flight carries on)."""
        self.lead_times = _series()
        self.waits = Tally()
        self.facts = Tally()
        self.outputs = 0
        self.on_message = 0
        self.wip_mark = origin
        self.wip_total = 0.0
        self.arrived = 0
        self.joined = 0
        self.dup_initiatives = 0
        self.start_week()

    # counters the engine bumps

    def start_week(self) -> None:
        self.value_routine = 0.0
        self.value_initiatives = 0.0
        self.value_campaigns = 0.0
        self.done = 0
        self.late = 0
        self.week_leads = Tally()
        self.week_waits = Tally()
        self.week_facts = Tally()
        self.week_outputs = 0
        self.week_on_message = 0
        self.wip_week = 0.0

    def _wip_to(self, now: float) -> None:
        span = (now - self.wip_mark) * self.open
        self.wip_week += span
        self.wip_total += span
        self.wip_mark = now

    def campaign_opened(self, now: float) -> None:
        self._wip_to(now)
        self.open += 1
        self.arrived += 1

    def campaign_live(self, c: Campaign, now: float, value: float, on_time: bool) -> None:
        self._wip_to(now)
        self.open -= 1
        self.done += 1
        self.late += 0 if on_time else 1
        self.value_campaigns += value
        lead = now - c.arrival
        self.week_leads.add(lead)
        self.lead_times.append(lead)
        self.week_outputs += c.outputs
        self.week_on_message += c.on_message
        self.outputs += c.outputs
        self.on_message += c.on_message

    def handoff(self, wait: float) -> None:
        self.week_waits.add(wait)
        self.waits.add(wait)
        self.fact(wait)

    def fact(self, delay: float) -> None:
        self.week_facts.add(delay)
        self.facts.add(delay)

    # the week's record

    def spend(self, amount: float) -> None:
        """A cost beside paid hours (recruiting, a celebration, leave pay), booked in the week
        being played or, at a week boundary (hires arriving, scripted actions), in the week
        about to start."""
        self.week_spend_other += amount

    def forget_spend(self) -> None:
        """Drop the one-off costs booked so far (the warm-up's are not the run's)."""
        self.week_spend_other = 0.0

    def end_week(
        self,
        teams: list[Team],
        quits: int,
        week_end: float,
        silo: float,
        tools: int,
        p: Params,
        overdue: int = 0,
        team_quits: dict[int, int] | None = None,
    ) -> None:
        """Record the week that ends at `week_end`.

        Args:
            teams: the live teams.
            quits: people who quit this week.
            week_end: the time the week ends.
            silo: the silo index this week.
            tools: org-wide tools switched on.
            p: the run's parameters (hourly costs, licence price).
            overdue: open campaigns past their due time at the week's end.
            team_quits: people who quit this week, by team index (per-team results).
        """
        self._wip_to(week_end)
        staff_cost = 0.0
        for t in teams:
            rate = p.agency_fee_per_hour if t.external else p.hourly_cost
            staff_cost += rate * sum(sum(w.hours) for w in t.members)
        hours = [0.0] * N_CATEGORIES
        engagement: list[float] = []
        team_means: list[float] = []
        for t in teams:
            t_hours = [0.0] * N_CATEGORIES
            for w in t.members:
                h = w.hours
                for i in range(N_CATEGORIES):
                    t_hours[i] += h[i]
                engagement.append(w.engagement)
            for i in range(N_CATEGORIES):
                hours[i] += t_hours[i]
            mean = _mean([w.engagement for w in t.members])
            if t.members:
                team_means.append(mean)
            self._team_record(t, mean, t_hours, (team_quits or {}).get(t.idx, 0))
        paid = sum(hours)
        value = self.value_routine + self.value_initiatives + self.value_campaigns
        s = self.series
        for i, cat in enumerate(HOUR_CATEGORIES):
            s[f"hours_{cat}"].append(hours[i])
        s["hours_paid"].append(paid)
        s["value"].append(value)
        s["value_campaigns"].append(self.value_campaigns)
        s["value_initiatives"].append(self.value_initiatives)
        s["value_routine"].append(self.value_routine)
        tool_cost = float(tools * len([w for t in teams for w in t.members]) * p.tool_cost_per_seat)
        spend = staff_cost + tool_cost + self.week_spend_other
        s["spend"].append(spend)
        s["spend_staff"].append(staff_cost)
        s["spend_other"].append(self.week_spend_other)
        self.week_spend_other = 0.0
        s["efficiency"].append(1000.0 * value / spend if spend > 0 else NAN)
        s["value_per_khour"].append(1000.0 * value / paid if paid > 0 else NAN)
        s["engagement"].append(_mean(engagement))
        s["engagement_min_team"].append(min(team_means) if team_means else NAN)
        s["consistency"].append(
            self.week_on_message / self.week_outputs if self.week_outputs else NAN
        )
        s["campaigns_done"].append(float(self.done))
        s["campaigns_late"].append(float(self.late))
        s["campaigns_overdue"].append(float(overdue))
        s["lead_time"].append(self.week_leads.mean())
        s["handoff_wait"].append(self.week_waits.mean())
        s["wip"].append(self.wip_week / HOURS_PER_WEEK)
        s["quits"].append(float(quits))
        s["headcount"].append(float(len(engagement)))
        s["silo_index"].append(silo)
        s["fact_delay"].append(self.week_facts.mean())
        s["tool_cost"].append(tool_cost)
        week = len(s["value"])
        for series in self.team_series.values():
            for lst in series.values():
                while len(lst) < week:
                    lst.append(NAN)

    def _team_record(self, t: Team, mean: float, hours: list[float], quits: int = 0) -> None:
        week = len(self.series["value"])
        rec = self.team_series.get(t.name)
        if rec is None:
            rec = self.team_series[t.name] = {k: _series() for k in TEAM_KEYS}
        for lst in rec.values():
            while len(lst) < week:
                lst.append(NAN)
        t.dup_hours = hours[DUPLICATED]
        rec["engagement"].append(mean)
        rec["headcount"].append(float(len(t.members)))
        rec["queue"].append(float(len(t.queue) + len(t.own_queue)))
        rec["duplicated"].append(hours[DUPLICATED])
        rec["info_wait"].append(hours[INFO_WAIT])
        rec["quits"].append(float(quits))
        for i, cat in enumerate(HOUR_CATEGORIES):
            rec[f"hours_{cat}"].append(hours[i])

    # the run's summary

    def summary(self) -> dict[str, float]:
        s = self.series
        weeks = len(s["value"])
        total = {k: float(sum(v)) for k, v in s.items() if k.startswith(("hours_", "value"))}
        paid = total.get("hours_paid", 0.0)
        spend = float(sum(s["spend"]))
        out: dict[str, float] = {
            "weeks": float(weeks),
            "efficiency": 1000.0 * total.get("value", 0.0) / spend if spend else NAN,
            "value_per_khour": 1000.0 * total.get("value", 0.0) / paid if paid else NAN,
            "spend": spend,
            "spend_staff": float(sum(s["spend_staff"])),
            "spend_other": float(sum(s["spend_other"])),
        }
        for k in ("value", "value_campaigns", "value_initiatives", "value_routine", "hours_paid"):
            out[k] = total.get(k, 0.0)
        for cat in HOUR_CATEGORIES:
            out[f"hours_{cat}"] = total.get(f"hours_{cat}", 0.0)
            out[f"{cat}_share"] = out[f"hours_{cat}"] / paid if paid else NAN
        out["campaigns_arrived"] = float(self.arrived)
        out["campaigns_done"] = float(sum(s["campaigns_done"]))
        # Late counts the open campaigns already past due too: cutting every route must
        # not "improve" lateness by letting nothing finish.
        overdue = s["campaigns_overdue"][-1] if weeks else 0.0
        out["campaigns_late"] = float(sum(s["campaigns_late"])) + overdue
        out["campaigns_overdue"] = overdue
        leads = np.array(self.lead_times, dtype=float) if self.lead_times else None
        out["lead_time_mean"] = float(leads.mean()) if leads is not None else NAN
        out["lead_time_p90"] = float(np.percentile(leads, 90)) if leads is not None else NAN
        out["handoff_wait_mean"] = self.waits.mean()
        out["handoff_wait_total"] = self.waits.total
        out["fact_delay_mean"] = self.facts.mean()
        out["engagement"] = s["engagement"][-1] if weeks else NAN
        staffed = [e for e in s["engagement"] if not math.isnan(e)]
        out["engagement_mean"] = _mean(staffed)
        out["engagement_min_team"] = s["engagement_min_team"][-1] if weeks else NAN
        out["quits"] = float(sum(s["quits"]))
        out["consistency"] = self.on_message / self.outputs if self.outputs else NAN
        out["silo_index"] = float(np.mean(s["silo_index"])) if weeks else NAN
        horizon = weeks * HOURS_PER_WEEK
        out["wip_mean"] = self.wip_total / horizon if horizon else NAN
        out["duplicated_initiatives"] = float(self.dup_initiatives)
        out["joined_initiatives"] = float(self.joined)
        out["tool_cost"] = float(sum(s["tool_cost"]))
        return out

    def result(
        self,
        version: str,
        scenario: str,
        seed: int,
        events: tuple[Any, ...],
        actions: tuple[tuple[int, dict[str, Any]], ...],
    ) -> RunResult:
        return RunResult(
            scenario=scenario,
            seed=seed,
            weeks=len(self.series["value"]),
            version=version,
            weekly={k: np.array(v, dtype=float) for k, v in self.series.items()},
            team_weekly={
                t: {k: np.array(v, dtype=float) for k, v in d.items()}
                for t, d in self.team_series.items()
            },
            summary=self.summary(),
            events=events,
            actions=actions,
        )


def silo_index(
    templates: tuple[CampaignTemplate, ...] | list[CampaignTemplate],
    route: Callable[[str, Team | None], Team | None],
    net: Network,
    now: float,
) -> float:
    """Share of cross-team dependencies (weighted template edges) with no route beyond email."""
    cross = slow = 0.0
    for tpl in templates:
        owner = route(tpl.owner or tpl.tasks[0].skill, None)
        team_of = {t.name: route(t.skill, owner) for t in tpl.tasks}
        for t in tpl.tasks:
            b = team_of[t.name]
            for dep in t.after:
                a = team_of[dep]
                if a is None or b is None or a is b:
                    continue
                cross += tpl.weight
                if net.best_route(a, b, now) in ("email", "hallway"):
                    slow += tpl.weight
    return slow / cross if cross else 0.0


def finite(x: Any) -> bool:
    return isinstance(x, float) and math.isfinite(x)
