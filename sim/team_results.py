"""Per-team results of a comparison: who gains and who pays, team by team.

An org-wide mean can hide a team that carries a change: the squads' engagement
rising while the agency's falls. Each run records every team's weekly
engagement, head count, quits and hours by category (`RunResult.team_weekly`); these
are its totals per run, and their means per variant. Teams are those that
existed in the run: a reorg's new teams appear under the variants that made
them, and a team merged away keeps the weeks it lived.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from sim.results import HOUR_CATEGORIES

if TYPE_CHECKING:
    from sim.experiment import Comparison


def _total(values: np.ndarray) -> float:
    return float(np.nansum(values))


def team_row(series: dict[str, np.ndarray]) -> dict[str, float]:
    """One team's run in figures: engagement at its last week and on average, people, hours."""
    engagement = np.asarray(series["engagement"], dtype=float)
    headcount = np.asarray(series["headcount"], dtype=float)
    lived = ~np.isnan(headcount) & (headcount > 0)
    # At the horizon: a team merged or re-cut away has no one left and no engagement.
    end = float(headcount[-1]) if len(headcount) and not np.isnan(headcount[-1]) else 0.0
    row = {
        "weeks_staffed": float(lived.sum()),
        "headcount_end": end,
        "engagement_end": float(engagement[-1]) if end > 0 else math.nan,
        "engagement_mean": float(np.nanmean(engagement[lived])) if lived.any() else math.nan,
    }
    paid = 0.0
    for category in HOUR_CATEGORIES:
        hours = _total(np.asarray(series[f"hours_{category}"], dtype=float))
        row[f"hours_{category}"] = hours
        paid += hours
    row["hours_paid"] = paid
    # Runs made before teams recorded their quits have none to count.
    quits = series.get("quits")
    row["quits"] = _total(np.asarray(quits, dtype=float)) if quits is not None else math.nan
    wasted = row["hours_duplicated"] + row["hours_rework"] + row["hours_info_wait"]
    row["wasted_share"] = wasted / paid if paid else math.nan
    return row


def team_records(result: Comparison) -> list[dict[str, Any]]:
    """Tidy rows, one per run and team: variant, replication, seed, team, its figures."""
    rows = []
    for label, runs in zip(result.labels, result.runs, strict=True):
        for j, run in enumerate(runs):
            for team, series in run.team_weekly.items():
                rows.append(
                    {"variant": label, "replication": j, "seed": run.seed, "team": team,
                     **team_row(dict(series))}
                )  # fmt: skip
    return rows


def team_means(result: Comparison) -> list[dict[str, Any]]:
    """Per variant and team (in the order teams first appear): each figure's mean over runs."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in team_records(result):
        groups.setdefault((row["variant"], row["team"]), []).append(row)
    out = []
    for (variant, team), rows in groups.items():
        keys = [k for k in rows[0] if k not in ("variant", "replication", "seed", "team")]
        means: dict[str, Any] = {"variant": variant, "team": team, "runs": len(rows)}
        for k in keys:
            values = [r[k] for r in rows if not math.isnan(r[k])]
            means[k] = sum(values) / len(values) if values else math.nan
        out.append(means)
    return out
