"""The notebook progress bar follows compare's callback to the last run."""

from __future__ import annotations

import io

from game.present.notebook import progress_bar
from sim import compare, load_scenario


def test_the_bar_counts_every_run_of_a_comparison(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stderr", io.StringIO())  # tqdm draws on stderr
    scn = load_scenario("tutorial")
    seen: list[tuple[int, int]] = []
    with progress_bar() as bar:

        def spy(done: int, total: int) -> None:
            seen.append((done, total))
            bar(done, total)

        table = compare({"a": scn, "b": scn}, 3, executor=None, progress=spy)
    assert len(table.seeds) == 3
    assert seen[-1] == (6, 6)  # two variants x three replications
