"""`silo report GAME.json ... --out report.html`: one debrief page for a workshop room.

Replays every save (the game's own session code, so the figures are those the
tables saw), ranks the tables and writes a self-contained HTML page with a
chart. All saves must be games of the same scenario. Never imports Textual.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from game.cli.commands.common import ExitCode, fail, output_problem


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="one debrief page (HTML, with a chart and a leaderboard) from several saves",
        description="Replay saved games of one scenario and write a debrief page for the room: "
        "a leaderboard, every table's weeks against doing nothing, and each table's figures, "
        "objectives, decisions and lessons. The page is one file, chart included.",
    )
    parser.add_argument(
        "saves",
        nargs="+",
        metavar="GAME.json",
        help="saves written by the game, or one session's folder (`silo serve`): its tables' "
        "finished games, one row a table",
    )
    parser.add_argument(
        "--csv", metavar="FILE.csv", help="also write every table's weekly figures as CSV"
    )
    parser.add_argument("--out", required=True, metavar="FILE.html", help="the page to write")
    parser.add_argument("--title", help="the page's heading (default: the scenario's title)")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    out = str(args.out)
    if not out.lower().endswith((".html", ".htm")):
        return fail(f"--out {out}: a report is an .html file")
    problem = output_problem(out)
    if problem is None and args.csv is not None:
        problem = output_problem(str(args.csv))
        if not str(args.csv).lower().endswith(".csv"):
            problem = f"--csv {args.csv}: the weekly figures are a .csv file"
    if problem is not None:
        return fail(problem)
    paths, names, note = list(args.saves), None, ""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        from game.present.room import RoomError, finished_games
        from game.present.seat_room import SAVE

        if (Path(paths[0]) / SAVE).is_file():
            return fail(
                f"{paths[0]}: a room of seats plays one org: its debrief is each seat's "
                "reveal (r) at the last week, not a page of tables"
            )
        try:
            chosen, left_out = finished_games(Path(paths[0]))
        except RoomError as exc:
            return fail(str(exc))
        if left_out:
            note = f"Finished games only: left out, still playing: {', '.join(left_out)}."
        if not chosen:
            return fail(f"{paths[0]}: no table has finished a game yet ({len(left_out)} playing)")
        names, paths = [n for n, _ in chosen], [str(p) for _, p in chosen]

    from game.cli.commands.common import write_atomic
    from game.cli.commands.progress import Progress
    from game.present.report import player_names, replay, report_html, weekly_rows
    from game.present.saves import SaveError, read_save
    from game.present.session import GameSession
    from sim.actions import ActionError

    records = []
    for path in paths:
        try:
            records.append(read_save(path))
        except SaveError as exc:
            return fail(str(exc))
    scenario_names = {r.scenario.name for r in records}
    if len(scenario_names) > 1:
        # Scenario names first and file names only, so a long folder never cuts them off.
        files: dict[str, list[str]] = {}
        for path, record in zip(paths, records, strict=True):
            files.setdefault(record.scenario.name, []).append(Path(path).name)
        which = "; ".join(f"{name} ({', '.join(f)})" for name, f in sorted(files.items()))
        return fail(f"a report is for games of one scenario; these are of {len(files)}: {which}")
    differ = [p for p, r in zip(paths, records, strict=True) if r.scenario != records[0].scenario]
    if differ:
        return fail(
            f"{differ[0]} holds another version of scenario {records[0].scenario.name!r} than "
            f"{paths[0]}: a report compares games of the very same scenario"
        )

    players = []
    total = sum(r.weeks_played for r in records) or 1
    with Progress(total, "replaying", "weeks") as bar:
        names = names or player_names(paths, records[0].scenario.name)
        for name, path, record in zip(names, paths, records, strict=True):
            try:
                session = GameSession.from_record(
                    record, progress=lambda done, _total: bar.advance(1) if done else None
                )
            except ActionError as exc:
                return fail(f"{path}: {exc}")
            players.append(replay(name, session))
    page = report_html(players, records[0].scenario, args.title, note)
    write_atomic(out, page)
    print(f"wrote {out}: {len(players)} tables of {records[0].scenario.name}")
    if args.csv is not None:
        from game.present.csv_rows import records_csv

        write_atomic(args.csv, records_csv(weekly_rows(players)))
        print(f"wrote {args.csv}: every table's weekly figures")
    print("ranked by objectives met, then efficiency against doing nothing (same seed)")
    if note:
        print(note)
    return int(ExitCode.OK)
