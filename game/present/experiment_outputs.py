"""What a what-if leaves behind: the folder of `silo experiment` and the page of `--report`.

Makes the numbers once (timelines, objective counts, the answer, the chart)
and writes each file whole or not at all (`files.write_atomic`): tables and
CSVs for analysts, the PNG, and the page to forward.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.experiment import Comparison
    from sim.objectives import ObjectiveCount
    from sim.scenario import Scenario
    from sim.sensitivity import Sensitivity
    from sim.timeline import Timeline

Writer = Callable[[str | Path, str | bytes], None]


@dataclass(frozen=True)
class Findings:
    """A comparison's numbers in the forms the outputs need."""

    result: Comparison
    scenarios: Sequence[Scenario]
    timelines: Sequence[Timeline]
    counts: Sequence[Sequence[ObjectiveCount]]
    answer: str
    """HTML-safe paragraph."""
    sensitivity: Sensitivity | None = None


def findings(
    result: Comparison,
    scenarios: Sequence[Scenario],
    focus: str,
    sensitivity: Sensitivity | None = None,
) -> Findings:
    from game.present.verdict import answer
    from sim.objectives import objectives_met
    from sim.timeline import timelines

    lines = timelines(result, focus)
    counts = [
        objectives_met(scenario, runs, result.runs[0])
        for scenario, runs in zip(scenarios, result.runs, strict=True)
    ]
    text = answer(result, lines, counts, scenarios[0].currency, sensitivity)
    return Findings(result, scenarios, lines, counts, text, sensitivity)


def chart_png(result: Comparison, focus: str) -> bytes:
    from game.present.plots import comparison_figure

    fig = comparison_figure(result, focus=focus)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return buffer.getvalue()


def tornado_png(f: Findings) -> bytes:
    from game.present.tables import measure_label
    from game.present.tornado import tornado_figure

    assert f.sensitivity is not None
    label = measure_label(f.sensitivity.measure, f.scenarios[0].currency)
    fig = tornado_figure(f.sensitivity, label)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    return buffer.getvalue()


def report_html(
    f: Findings,
    *,
    title: str,
    question: str,
    descriptions: Sequence[str],
    measures: Sequence[str],
    rerun: str,
    chart: bytes | None,
    files: Sequence[str] = (),
) -> str:
    from game.present.experiment_report import ReportInputs, report_page

    return report_page(
        ReportInputs(
            title=title,
            question=question,
            result=f.result,
            scenarios=f.scenarios,
            descriptions=descriptions,
            timelines=f.timelines,
            counts=f.counts,
            measures=measures,
            answer=f.answer,
            chart_png=chart,
            sensitivity=f.sensitivity,
            tornado_png=tornado_png(f) if f.sensitivity is not None else None,
            rerun=rerun,
            files=files,
        )
    )


def folder_files(
    f: Findings,
    *,
    outputs: Any,
    measures: Sequence[str],
    focus: str,
    text: str,
    report: Callable[[bytes | None, Sequence[str]], str],
) -> dict[str, str | bytes]:
    """Every file of an experiment's folder, by name, in the order they are listed."""
    from game.present.csv_rows import records_csv as csv_text
    from sim.timeline import difference_records, weekly_records

    result = f.result
    files: dict[str, str | bytes] = {"results.txt": text}
    if outputs.summary_csv:
        files["summary.csv"] = csv_text(result.summary_records(list(measures)))
    if outputs.runs_csv:
        files["runs.csv"] = csv_text(result.to_records())
    if outputs.weekly_csv:
        files["weekly.csv"] = csv_text(weekly_records(result))
    if outputs.teams_csv:
        from sim.team_results import team_records

        files["teams.csv"] = csv_text(team_records(result))
    if outputs.differences_csv:
        chosen = list(dict.fromkeys([focus, "value", "spend", "efficiency", "engagement"]))
        files["differences.csv"] = csv_text(difference_records(result, chosen))
    chart = chart_png(result, focus) if (outputs.plot or outputs.report) else None
    if outputs.plot and chart is not None:
        files["comparison.png"] = chart
    if f.sensitivity is not None:
        files["sensitivity.csv"] = csv_text(f.sensitivity.to_records())
        if outputs.plot:
            files["tornado.png"] = tornado_png(f)
    files["timeline.json"] = json.dumps(timeline_summary(f), indent=1, allow_nan=False) + "\n"
    if outputs.report:
        files["report.html"] = report(chart, list(files))
    return files


def timeline_summary(f: Findings) -> dict[str, Any]:
    """Per option: dip, payback week with its interval, last-quarter gain; JSON-ready."""
    import math

    def clean(x: float) -> float | None:
        return x if math.isfinite(x) else None

    return {
        "baseline": f.result.labels[0],
        "focus": f.timelines[0].measure if f.timelines else None,
        "options": [
            {
                "variant": t.label,
                "action_weeks": list(t.action_weeks),
                "dip_depth": clean(t.dip.depth),
                "dip_week": t.dip.week,
                "dip_weeks": t.dip.weeks,
                "dip_start": t.dip.start,
                "dip_end": t.dip.end,
                "payback_week": t.payback.week,
                "payback_earliest": t.payback.earliest,
                "payback_latest": t.payback.latest,
                "last_quarter_weeks": t.last_quarter_weeks,
                "last_quarter_gain": clean(t.last_quarter.mean),
                "last_quarter_low": clean(t.last_quarter.low),
                "last_quarter_high": clean(t.last_quarter.high),
                "objectives": [{"objective": c.text, "met": c.met, "runs": c.runs} for c in counts],
            }
            for t, counts in zip(f.timelines, f.counts, strict=True)
        ],
    }


def write_folder(folder: Path, files: dict[str, str | bytes], write: Writer) -> list[Path]:
    """Make the folder (its parent exists) and write each file atomically; the paths written."""
    folder.mkdir(exist_ok=True)
    written = []
    for name, content in files.items():
        path = folder / name
        write(path, content)
        written.append(path)
    return written
