"""`silo compare` over time and in money: weekly CSVs, dip and payback, %, objectives k of N."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from .conftest import Silo, assert_one_line_error

SCN = "siloed-marketing"
SQUADS = """
[[script]]
week = 2
do = [{action = "form_squads", squads = 2}]
"""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_weeks_money_and_objectives_in_the_output_and_tidy_csvs(silo: Silo, tmp_path: Path) -> None:
    script = tmp_path / "squads.toml"
    script.write_text(SQUADS)
    weekly, diffs, plot = tmp_path / "w.csv", tmp_path / "d.csv", tmp_path / "c.png"
    report = tmp_path / "r.html"
    proc = silo("compare", SCN, f"{SCN}@{script}:label=squads", "--weeks", "8", "-n", "3",
                "--measures", "engagement", "--weekly", str(weekly),
                "--differences", str(diffs), "--plot", str(plot),
                "--report", str(report))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    # Money in the table even when --measures names none of it, with a % beside each difference.
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("measure"))
    assert header.split() == ["measure", "mean", "95%", "CI", "vs", "A", "%", "95%", "CI"]
    labels = [line.split("  ")[0] for line in lines if line and not line.startswith(" ")]
    assert labels[labels.index("measure") + 1 :][:4] == [
        "Spend ($)", "Value delivered", "Efficiency (value per $1,000 spent)", "Engagement (end)",
    ]  # fmt: skip
    engagement_b = next(
        line for line in lines if line.startswith(" ") and line.split()[0] == "B"
        and lines[lines.index(line) - 1].startswith("Engagement")
    )  # fmt: skip
    assert engagement_b.split()[5].endswith("%")  # B, mean, [low, high], vs A, %
    # The weeks: the squads act after week 2; dip and payback are stated.
    assert "over time, in value delivered per week, paired against A" in out
    row = next(line for line in lines if line.startswith("  B  2 "))
    assert "week" in row  # the dip's weeks and the payback week (or 'not within the horizon')
    assert "gain, last 2 weeks (95% CI)" in out
    # The objectives of siloed-marketing, counted over the 3 runs of each variant.
    assert "objectives (met in k of N runs):" in out
    objective = next(line for line in lines if "Keep mean engagement at 0.6" in line)
    assert len(re.findall(r"\b[0-3] of 3\b", objective)) == 2  # one count per variant
    assert out.rstrip().splitlines()[-4:] == [
        f"wrote {weekly}", f"wrote {diffs}", f"wrote {plot}", f"wrote {report}",
    ]  # fmt: skip
    page = report.read_text()
    # The answer names the winner, or says none beats the baseline (squads in their dip).
    assert ("gives the most value per $1,000 spent" in page
            or "no option gives more value per $1,000 spent" in page)  # fmt: skip
    assert '<img class="chart"' in page and "data:image/png;base64," in page
    assert 'src="http' not in page and "<script" not in page  # one file, nothing fetched

    rows = read_csv(weekly)
    assert len(rows) == 2 * 3 * 8
    assert list(rows[0])[:4] == ["variant", "replication", "seed", "week"]
    assert {"value", "spend", "efficiency", "engagement"} <= set(rows[0])
    assert [r["week"] for r in rows[:8]] == [str(w) for w in range(1, 9)]
    # Paired seeds: before the action (weeks 1-2) both variants ran the very same weeks.
    first_a = [r for r in rows if r["variant"] == SCN and r["replication"] == "0"]
    first_b = [r for r in rows if r["variant"] == "squads" and r["replication"] == "0"]
    assert [r["value"] for r in first_a[:2]] == [r["value"] for r in first_b[:2]]

    drows = read_csv(diffs)
    assert {r["measure"] for r in drows} == {"value", "spend", "efficiency", "engagement"}
    value = [r for r in drows if r["measure"] == "value"]
    assert len(value) == 8 and value[0]["variant"] == "squads" and value[0]["baseline"] == SCN
    assert float(value[0]["diff_mean"]) == 0.0
    assert (
        float(value[4]["diff_low"]) <= float(value[4]["diff_mean"]) <= float(value[4]["diff_high"])
    )
    total = sum(float(r["diff_mean"]) for r in value)
    assert float(value[-1]["cumulative_mean"]) == pytest.approx(total)
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--focus", "valeu"), ("--focus: unknown weekly measure 'valeu'", "did you mean 'value'")),
        (("--weekly", "w.json"), ("--weekly w.json", "use .csv")),
        (("--differences", "nofolder/d.csv"), ("--differences", "does not exist")),
        (("--report", "r.pdf"), ("--report r.pdf", "use .html")),
    ],
)
def test_bad_weekly_options_are_one_line_and_write_nothing(
    silo: Silo, tmp_path: Path, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    proc = silo("compare", SCN, f"{SCN}:tools.shared_calendar=true", "-n", "2", "--weeks", "2",
                *args, cwd=tmp_path)  # fmt: skip
    assert_one_line_error(proc, *fragments)
    assert list(tmp_path.iterdir()) == []


ORG = """
name = "two-teams"
weeks = 8
[params]
quit_base = 0.08
warmup_weeks = 0
[[teams]]
name = "SEO"
skills = ["seo"]
members = ["Ana", "Ben", "Cy"]
[[teams]]
name = "Content"
skills = ["content"]
members = ["Dee", "Eli", "Fay"]
[[demand.templates]]
name = "post"
tasks = [{ name = "draft", skill = "content", effort = 10 }]
"""


def move(worker: str) -> str:
    return f"""
[[script]]
week = 6
do = [{{ action = "move_worker", worker = "{worker}", to_team = "Content" }}]
"""


def test_an_action_a_run_cannot_take_is_skipped_with_a_counted_warning(
    silo: Silo, tmp_path: Path
) -> None:
    scenario, script = tmp_path / "org.toml", tmp_path / "move.toml"
    scenario.write_text(ORG)
    script.write_text(move("Ana"))
    proc = silo("compare", str(scenario), f"{scenario}@{script}:label=move Ana", "-n", "12",
                "--seed", "3")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (warning,) = proc.stderr.strip().splitlines()
    found = re.fullmatch(r"warning: move Ana: skipped in (\d+) of 12 runs: script at week 6: "
                         r".*Ana.*", warning)  # fmt: skip
    assert found is not None, warning
    assert 0 < int(found.group(1)) < 12


def test_an_action_that_can_never_apply_is_refused_before_any_run(
    silo: Silo, tmp_path: Path
) -> None:
    scenario, script = tmp_path / "org.toml", tmp_path / "move.toml"
    scenario.write_text(ORG)
    script.write_text(move("Zed"))
    proc = silo("compare", str(scenario), f"{scenario}@{script}:label=move Zed", "-n", "2",
                "--weekly", str(tmp_path / "w.csv"))  # fmt: skip
    assert_one_line_error(proc, "move Zed:", "'Zed'", "can never apply")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["move.toml", "org.toml"]


def test_a_variant_that_changes_nothing_is_warned_of(silo: Silo) -> None:
    proc = silo("compare", SCN, f"{SCN}:tools.shared_calendar=false:label=no calendar",
                "--weeks", "2", "-n", "2")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == (
        f"warning: no calendar is the same scenario as {SCN}: its overrides and script "
        "change nothing"
    )
