"""Parts of the economics measuring instrument; `tests/sim/economics_kit.py` is its face.

`record` holds what a row measured, `plans` builds the plans to compare,
`runs` runs them (in parallel, cached), `measures` turns runs into figures,
`common` holds the seeds and scenarios every row shares; the rows are in
`status_quo`, `levers`, `squads`, `par_plan` and `degenerate_plans`, and `table`
lists them all and prints them.
"""

from . import runs as R
from .common import BUILTINS, CALIBRATED, SEEDS, SM, STATIONARY, STORY_DECLINES
from .degenerate_plans import RULES, degenerate, degenerate_repeat, repeat_count
from .levers import (
    best_shared_weight,
    calendar_duplicated,
    calendar_efficiency,
    daily_meeting_vs_none,
    daily_vs_weekly_meeting,
    full_shared_weight_vs_best,
    productivity_engagement,
    shared_goals_efficiency,
    shared_goals_handoff_wait,
    weekly_meeting_efficiency,
)
from .par_plan import one_lever_share, par_engagement, par_late_efficiency, par_quits
from .record import Record
from .squads import (
    squads_late_gain,
    squads_payback_week,
    squads_recovery_week,
    squads_trough,
)
from .status_quo import (
    calibration_duplicated,
    calibration_first_time,
    do_nothing_engagement,
    do_nothing_quits,
    stationary_efficiency,
    stationary_engagement,
)
from .table import main, rows

__all__ = [
    "BUILTINS",
    "CALIBRATED",
    "RULES",
    "SEEDS",
    "SM",
    "STATIONARY",
    "STORY_DECLINES",
    "R",
    "Record",
    "best_shared_weight",
    "calendar_duplicated",
    "calendar_efficiency",
    "calibration_duplicated",
    "calibration_first_time",
    "daily_meeting_vs_none",
    "daily_vs_weekly_meeting",
    "degenerate",
    "degenerate_repeat",
    "do_nothing_engagement",
    "do_nothing_quits",
    "full_shared_weight_vs_best",
    "main",
    "one_lever_share",
    "par_engagement",
    "par_late_efficiency",
    "par_quits",
    "productivity_engagement",
    "repeat_count",
    "rows",
    "shared_goals_efficiency",
    "shared_goals_handoff_wait",
    "squads_late_gain",
    "squads_payback_week",
    "squads_recovery_week",
    "squads_trough",
    "stationary_efficiency",
    "stationary_engagement",
    "weekly_meeting_efficiency",
]
