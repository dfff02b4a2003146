"""`silo report`: one debrief page from several saves, and every way it refuses."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import TINY, Silo, assert_one_line_error


class _Page(HTMLParser):
    """The page's text by element, enough to read the leaderboard and check the markup."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.cells: list[str] = []
        self.images: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")
            self.stack.pop()  # a void element

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.stack and self.stack[-1] == "td":
            self.cells.append(data)


def _save(folder: Path, name: str, scenario: Path, plan: dict[int, list]) -> Path:
    from game.present.saves import write_save
    from game.present.session import GameSession
    from sim import load_scenario

    session = GameSession(load_scenario(str(scenario)), 1, builtin=False)
    for week in range(session.weeks):
        for action in plan.get(week, []):
            session.queue(action)
        session.advance(report=False)
    path = folder / f"{name}.json"
    write_save(path, session.record())
    return path


@pytest.fixture
def room(tmp_path: Path) -> tuple[Path, Path]:
    """Two tables of a tiny scenario with a hostile title: one decides, one does nothing."""
    from sim.actions import AddLink, SetGoal

    scenario = tmp_path / "tiny.toml"
    text = TINY.read_text(encoding="utf-8").replace(
        'name = "tiny"', 'name = "tiny"\ntitle = "<script>alert(1)</script> & co"'
    )
    text += (
        '\n[[objectives]]\nmeasure = "efficiency"\nop = ">="\ntarget = 1.05\nvs_baseline = true\n'
    )
    scenario.write_text(text, encoding="utf-8")
    decide = [SetGoal(team="*", shared_weight=0.9), AddLink(kind="chat", teams=("SEO", "Content"))]
    plan = {0: decide}
    return _save(tmp_path, "busy-table", scenario, plan), _save(tmp_path, "quiet", scenario, {})


def test_a_report_ranks_the_tables_and_embeds_its_chart(silo: Silo, room, tmp_path) -> None:
    busy, quiet = room
    out = tmp_path / "room.html"
    proc = silo("report", str(quiet), str(busy), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"wrote {out}: 2 tables of tiny"
    assert "ranked by objectives met, then efficiency" in proc.stdout
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    # The table that met the objective ranks first, whatever the order of the saves.
    # Nine cells a row: rank, table, objectives, efficiency and spend vs doing nothing, ...
    ranks = [page.cells[i : i + 2] for i in range(0, 18, 9)]
    assert ranks == [["1", "busy-table"], ["2", "quiet"]]
    assert page.cells[2] == "1 of 1" and page.cells[11] == "0 of 1"
    assert page.cells[13] == "same"  # the quiet table's run is the do-nothing run
    (chart,) = page.images
    assert chart.startswith("data:image/png;base64,iVBOR")  # a PNG, embedded
    text = " ".join(page.texts)
    assert "Every table played seed 1" in text
    assert "Goals for every team: 90% shared" in text  # its decisions are listed
    assert "No decisions: the org ran as it was." in text


def test_a_scenario_title_is_text_never_markup(silo: Silo, room, tmp_path) -> None:
    out = tmp_path / "room.html"
    assert silo("report", *map(str, room), "--out", str(out)).returncode == 0
    raw = out.read_text(encoding="utf-8")
    assert "<script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in raw


def test_saves_of_different_scenarios_make_no_report(silo: Silo, room, tmp_path) -> None:
    from game.present.saves import write_save
    from game.present.session import GameSession
    from sim import load_scenario

    other = tmp_path / "other.json"
    write_save(other, GameSession(load_scenario("tutorial"), 1).record())
    out = tmp_path / "room.html"
    line = assert_one_line_error(
        silo("report", str(room[0]), str(other), "--out", str(out)), "one scenario", "tutorial"
    )
    assert "tiny" in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--out", "room.txt"], ["room.txt", ".html"]),
        (["--out", "no/such/folder/room.html"], ["no/such/folder", "does not exist"]),
        ([], ["--out"]),
    ],
)
def test_bad_arguments_are_refused(silo: Silo, room, args: list[str], fragments) -> None:
    assert_one_line_error(silo("report", str(room[0]), *args), *fragments)


def test_a_broken_save_is_named(silo: Silo, room, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "silo-save", "version": ', encoding="utf-8")
    out = tmp_path / "room.html"
    assert_one_line_error(
        silo("report", str(room[0]), str(broken), "--out", str(out)), str(broken), "corrupt JSON"
    )
    assert not out.exists()


def test_a_report_never_loads_the_screen(room, tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import REPO

    out = tmp_path / "room.html"
    code = f"""
import sys, game.cli
assert game.cli.main(["report", {str(room[0])!r}, "--out", {str(out)!r}]) == 0
print(sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich")))
"""
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_tables_are_named_by_their_saves() -> None:
    from game.present.report import player_names

    served = [
        "saves/autosave-tiny-table-101500-41.json",
        "saves/autosave-tiny-table-101502-42.json",
        "elsewhere/alice.json",
        "a/bob.json",
        "b/bob.json",
    ]
    assert player_names(served, "tiny") == [
        "table-101500-41",
        "table-101502-42",
        "alice",
        "a/bob.json",
        "b/bob.json",
    ]


def test_two_versions_of_a_scenario_make_no_report(silo: Silo, room, tmp_path: Path) -> None:
    from sim.actions import SetGoal

    changed = tmp_path / "changed"
    changed.mkdir()
    scenario = changed / "tiny.toml"
    text = (tmp_path / "tiny.toml").read_text(encoding="utf-8").replace("size = 2", "size = 3", 1)
    scenario.write_text(text, encoding="utf-8")
    other = _save(changed, "other", scenario, {0: [SetGoal(team="*", shared_weight=0.5)]})
    out = tmp_path / "room.html"
    assert_one_line_error(
        silo("report", str(room[0]), str(other), "--out", str(out)),
        str(other),
        "another version of scenario 'tiny'",
    )
    assert not out.exists()


def test_a_dollar_sign_in_a_save_name_is_plain_text(silo: Silo, room, tmp_path) -> None:
    # matplotlib read "$x^$" in a legend (a table is named by its save) as maths
    # and failed the whole chart.
    busy, quiet = room
    named = busy.rename(tmp_path / "$x^$.json")
    out = tmp_path / "room.html"
    proc = silo("report", str(named), str(quiet), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "$x^$" in out.read_text(encoding="utf-8")


def test_a_session_report_compares_finished_games_one_row_a_table(
    silo: Silo, room, tmp_path: Path
) -> None:
    """`silo report SESSION`: each table's last finished game; a table still playing is
    left out and named; the weekly figures as CSV."""
    import csv
    import shutil

    from game.present.room import open_session
    from game.present.saves import read_save, write_save

    busy, quiet = room
    session = open_session(tmp_path, "wed", "tiny", None, None, 30)
    for name, games in (("Red Team", [busy, quiet]), ("Blue", [quiet]), ("Late", [])):
        folder = session.table_folder(session.join(name))
        for n, game in enumerate(games, 1):
            shutil.copy(game, folder / f"game-{n:03d}.json")
    unfinished = read_save(busy)
    write_save(session.table_folder("late") / "game-001.json",
               type(unfinished)(**{**unfinished.__dict__, "weeks_played": 2}))  # fmt: skip
    # Red Team's newer game is unfinished: its finished one counts.
    red_two = read_save(quiet)
    write_save(session.table_folder("red-team") / "game-003.json",
               type(red_two)(**{**red_two.__dict__, "weeks_played": 1}))  # fmt: skip
    out, weekly = tmp_path / "room.html", tmp_path / "weekly.csv"
    proc = silo("report", str(session.folder), "--out", str(out), "--csv", str(weekly))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}: 2 tables of tiny" in proc.stdout
    assert "left out, still playing: Late (week 2)" in proc.stdout
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    rows = [page.cells[i : i + 2] for i in range(0, 18, 9)]
    assert rows == [["1", "Blue"], ["2", "Red Team"]]  # Red Team's last finished: quiet
    text = " ".join(page.texts)
    assert "Ranked by objectives met, then by efficiency" in text
    assert "Late (week 2)" in text
    with weekly.open() as f:
        table = list(csv.DictReader(f))
    assert {r["table"] for r in table} == {"Red Team", "Blue", "doing nothing"}
    assert [r["week"] for r in table if r["table"] == "Blue"] == ["1", "2", "3", "4"]
    assert "efficiency" in table[0]


def test_a_folder_that_is_no_session_is_refused(silo: Silo, tmp_path: Path) -> None:
    assert_one_line_error(
        silo("report", str(tmp_path), "--out", str(tmp_path / "r.html")), "not a session"
    )
