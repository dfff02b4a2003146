"""`silo experiment FILE` as a user runs it: the six-team question end to end, and bad files."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import REPO, TINY, Silo, assert_one_line_error

SIX_TEAMS = REPO / "scenarios" / "examples" / "six-teams.toml"

TINY_EXPERIMENT = f"""
name = "tiny-question"
title = "Calendar or goals?"
question = "Which helps the two teams more?"
scenario = "{TINY}"
replications = 3
weeks = 6
measures = ["engagement"]

[[variants]]
label = "as is"

[[variants]]
label = "calendar"
description = "A shared calendar from the start."
set = {{ "tools.shared_calendar" = true }}

[[variants]]
label = "goals"
description = "Shared goals after week 2."
[[variants.script]]
week = 2
do = [{{ action = "set_goal", team = "*", shared_weight = 0.7 }}]

[outputs]
folder = "out"
"""


class Page(HTMLParser):
    """The page's visible text, headings and images, and whether its tags balance."""

    VOID = frozenset({"meta", "img", "br", "hr", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self.images: list[str] = []
        self.open: list[str] = []
        self.external: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.open.append(tag)
        self._in_heading = tag in ("h1", "h2")
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("data:"):
                self.external.append(value)
            if tag == "img" and name == "src" and value:
                self.images.append(value)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (self.open[-3:], tag)
        self.open.pop()
        self._in_heading = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_heading:
            self.headings.append(data.strip())


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == [], page.open
    return page


def test_the_six_team_question_in_one_command(silo: Silo, tmp_path: Path) -> None:
    out = tmp_path / "six"
    proc = silo("experiment", str(SIX_TEAMS), "--out", str(out), "--replications", "3",
                timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == (
        "seed: 11 (3 replications of each variant, on the same seeds)"
    )
    names = {p.name for p in out.iterdir()}
    assert {"report.html", "weekly.csv", "differences.csv", "comparison.png", "runs.csv",
            "teams.csv", "summary.csv", "results.txt", "timeline.json"} <= names  # fmt: skip
    page = read_page(out / "report.html")
    text = " ".join(" ".join(page.text).split())
    assert page.external == []  # self-contained: it travels as one file
    assert page.images and page.images[0].startswith("data:image/png;base64,")
    for heading in (
        "The answer",
        "The options",
        "During the change, and after",
        "The figures",
        "Objectives",
        "What the measures mean",
        "Assumptions",
        "How to re-run it",
    ):
        assert heading in page.headings, heading  # fmt: skip
    answer = text.split("The answer", 1)[1].split("The options", 1)[0]
    # The winner in words, with its certainty, spend, dip and payback.
    options = r"(today|shared goals|three squads|calendar \+ leads sync)"
    winner = re.search(options + r" gives the most value per \$1,000 spent", answer)
    assert winner is not None, answer
    assert "95% CI" in answer
    assert re.search(r"It spends \$[\d,]+ (more|less) than today", answer), answer
    assert "transition dip" in answer or "no weekly shortfall" in answer
    assert "pays back in week" in answer or "paid back" in answer or "not pay back" in answer
    assert "silo experiment" in text.split("How to re-run it", 1)[1]
    # The definitions come from sim.measures: efficiency's own words.
    assert "Value delivered (campaigns, initiatives, routine work) per 1,000 of spend." in text

    with (out / "weekly.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:4] == ["variant", "replication", "seed", "week"]
    assert len(rows) == 4 * 3 * 52
    assert {r["variant"] for r in rows} == {"today", "shared goals", "three squads",
                                            "calendar + leads sync"}  # fmt: skip
    with (out / "teams.csv").open(newline="") as fh:
        teams = list(csv.DictReader(fh))
    assert list(teams[0])[:4] == ["variant", "replication", "seed", "team"]
    today = {r["team"] for r in teams if r["variant"] == "today"}
    assert today == {"Brand", "Performance", "Social", "Content", "Web", "PR agency"}
    squads_teams = {r["team"] for r in teams if r["variant"] == "three squads"}
    assert len(squads_teams - today) == 3  # the three new squads, beside the teams re-cut away
    timeline = json.loads((out / "timeline.json").read_text())
    squads = next(o for o in timeline["options"] if o["variant"] == "three squads")
    assert squads["action_weeks"] == [4]
    assert (out / "comparison.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "answer:" in proc.stdout
    assert proc.stdout.rstrip().endswith(f"wrote {out / 'report.html'}")


def test_a_small_experiment_with_inline_script_overrides_and_its_own_folder(
    silo: Silo, tmp_path: Path
) -> None:
    file = tmp_path / "q.toml"
    sensitive = '[sensitivity]\nreplications = 2\nparams = ["goal_weight"]\n\n[outputs]'
    file.write_text(TINY_EXPERIMENT.replace("[outputs]", sensitive))
    proc = silo("experiment", str(file), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"  # relative to the experiment file
    assert "  C  goals" in proc.stdout
    with (out / "summary.csv").open(newline="") as fh:
        summary = list(csv.DictReader(fh))
    # Money first in every table, then the measures asked for.
    assert [r["measure"] for r in summary][::3] == ["spend", "value", "efficiency", "engagement"]
    with (out / "runs.csv").open(newline="") as fh:
        runs = list(csv.DictReader(fh))
    assert [r["variant"] for r in runs] == ["as is"] * 3 + ["calendar"] * 3 + ["goals"] * 3
    assert runs[0]["seed"] == runs[3]["seed"] == runs[6]["seed"]
    timeline = json.loads((out / "timeline.json").read_text())
    assert [o["action_weeks"] for o in timeline["options"]] == [[], [], [2]]
    page = read_page(out / "report.html")
    text = " ".join(page.text)
    assert "Which helps the two teams more?" in text
    # The sensitivity: its table and tornado in the page, its verdict in the answer.
    assert "Which assumptions drive the answer" in text
    assert len(page.images) == 2  # the comparison and the tornado, both inside the page
    assert "goal_weight" in text.split("The answer", 1)[1].split("The options", 1)[0] or (
        "stays first at both ends of each uncertain model parameter" in text
    )
    assert {"sensitivity.csv", "tornado.png"} <= {p.name for p in out.iterdir()}


BAD = [
    ("replication = 3", "unknown key; did you mean 'replications'?", "replications"),
    ('measures = ["valeu"]', "unknown summary measure 'valeu'; did you mean 'value'?", ""),
    ('focus = "spnd"', "did you mean 'spend'?", ""),
    ("replications = 0", "replications", "greater than or equal to 1"),
]


@pytest.mark.parametrize(("extra", "fragment", "more"), BAD)
def test_bad_top_level_keys_are_one_line_and_write_nothing(
    silo: Silo, tmp_path: Path, extra: str, fragment: str, more: str
) -> None:
    file = tmp_path / "q.toml"
    key = extra.split(maxsplit=1)[0]
    # The key replaces the file's own (a TOML key may appear once).
    text = re.sub(rf"^{key} = .*\n", "", TINY_EXPERIMENT.replace("replications = 3\n", ""),
                  flags=re.M)  # fmt: skip
    file.write_text(extra + "\n" + text)
    line = assert_one_line_error(silo("experiment", str(file), cwd=tmp_path), str(file), fragment)
    assert more in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.toml"]


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ('label = "goals"', 'label = "calendar"', ("variant labels repeat: calendar",)),
        ('"tools.shared_calendar"', '"tools.shared_calender"',
         ("variants.1.set.tools.shared_calender", "did you mean 'shared_calendar'?")),
        ('action = "set_goal"', 'action = "set_goals"', ("variants.2.script.0.do.0",)),
        ("week = 2", "week = 9", ("variants.2.script", "after the last week")),
        (f'scenario = "{TINY}"', 'scenario = "missing.toml"', ("missing.toml", "no such file")),
        ('label = "as is"', 'label = "as is"\nscript_file = "nope.toml"',
         ("nope.toml", "no such file")),
    ],
)  # fmt: skip
def test_bad_variants_are_one_line_naming_the_key_and_write_nothing(
    silo: Silo, tmp_path: Path, old: str, new: str, fragments: tuple[str, ...]
) -> None:
    file = tmp_path / "q.toml"
    assert old in TINY_EXPERIMENT
    file.write_text(TINY_EXPERIMENT.replace(old, new, 1))
    assert_one_line_error(silo("experiment", str(file), cwd=tmp_path), *fragments)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.toml"]


def test_one_variant_and_a_missing_output_folder_are_refused(silo: Silo, tmp_path: Path) -> None:
    file = tmp_path / "q.toml"
    file.write_text(TINY_EXPERIMENT.split('[[variants]]\nlabel = "calendar"', maxsplit=1)[0])
    assert_one_line_error(silo("experiment", str(file)), "variants", "at least 2")
    file.write_text(TINY_EXPERIMENT)
    missing = tmp_path / "no" / "such"
    assert_one_line_error(silo("experiment", str(file), "--out", str(missing)),
                          "output folder", "does not exist")  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.toml"]
