"""A progress bar for notebooks and scripts: pass it as `progress=` to compare, sweep or search.

`sim` never prints, so it reports progress through a callback (done, total);
this module turns that callback into tqdm's bar, which draws as a widget in
Jupyter and as text in a terminal (`tqdm.auto`).

    from sim import compare, load_scenario
    from game.present.notebook import progress_bar
    with progress_bar() as bar:
        table = compare({"today": scn, "plan": plan}, replications=20, progress=bar)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(unit: str = "runs") -> Iterator[Callable[[int, int], None]]:
    """A (done, total) callback drawing a tqdm bar, closed when the block ends.

    Raises:
        ImportError: tqdm is not installed (`pip install 'silo-sim[notebook]'`).
    """
    try:
        from tqdm.auto import tqdm
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError("a progress bar needs tqdm: pip install 'silo-sim[notebook]'") from exc
    bar = tqdm(total=None, unit=unit)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        bar.close()
