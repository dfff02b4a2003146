"""Every bound on what a user may ask for: one home for each, imported by every check.

A limit here refuses input that is absurd rather than merely large: it keeps a
typo (`--replications 1000000`) from running for a day or filling memory, and a
hostile file from exhausting the machine. Each value says why it is that value,
so the command line, the scenario schema and the Python API refuse the same
input with the same number.
"""

from __future__ import annotations

MAX_SEED = 2**63 - 1
"""Largest seed: a signed 64-bit integer, so a seed survives JSON, CSV, numpy's
int64 and pandas unchanged; replication seeds are derived into the same range."""

MAX_WEEKS = 520
"""Longest horizon: ten years of weekly turns, far past any plan the model speaks to."""

MAX_REPLICATIONS = 10_000
"""Most replications of one variant, in every command and in `sim.experiment`.
A 95% interval narrows as 1/sqrt(n): at 10,000 it is 1% of one run's spread, so
more never changes a decision. And an experiment holds every run's results in
memory, about 250 kB for a one-year run of siloed-marketing (weekly series,
team series, events): 10,000 runs are 2.5 GB, where the 100,000 that some
commands allowed would have needed 25 GB."""

MAX_RUNS = 100_000
"""Most runs of one sweep (points times replications): a grid typed with an
extra zero is refused before its first run, not after hours or out of memory."""

MAX_WORKERS = 1024
"""Most worker processes or Dask workers asked for on the command line."""

MAX_SCENARIO_BYTES = 1_000_000
"""Largest scenario or script file read: the biggest built-in is under 20 kB."""

MAX_TOML_DEPTH = 100
"""Deepest nesting of arrays and tables in a scenario or script file. A real
scenario nests about six levels (demand, templates, tasks, after); Python's TOML
parser recurses once per level and fails near a thousand with a RecursionError
instead of a message."""

MAX_NUMBER_DIGITS = 4300
"""Longest integer in an input file: Python's own bound on converting digits
to an int (sys.get_int_max_str_digits), which stops a quadratic-time parse;
a number past it is refused with this message rather than a ValueError."""

MAX_PEOPLE = 20_000
"""Most people in an org at any time: at the start (every team's head count,
later joiners included) and reached through actions (hires opened by a
script or the player). The engine's weekly step is linear in people; at
20,000 a one-year run takes minutes, past it a typo takes the afternoon."""

MAX_SKILLS = 100
"""Most distinct skills in an org, and most channels in `demand.channels`:
every channel gets its own initiatives each week, so work grows with them.
The built-ins have under ten."""

MAX_TEMPLATES = 50
"""Most campaign templates. Every campaign drawn carries effort draws for each
template (so a run's random streams do not depend on the mix), so memory grows
with templates times tasks."""

MAX_TASKS = 500
"""Most tasks across all campaign templates (50 a template at most); the
built-ins have under twenty."""

MAX_EVENTS = 1000
"""Most scripted events in a scenario."""

MAX_LINKS = 500
"""Most links in a scenario."""

MAX_MEETING_HOURS_A_WEEK = 20.0
"""Most hours a week one meeting or guild link may take of each attendee (meetings a
week times hours each): half a 40-hour week. The per-field bounds (ten meetings a
week, eight hours each) let through 80 hours of meetings, more than a person's week;
past half the week the model's meeting fatigue has long since taken over, and the
setting is a typo rather than a plan."""

MAX_ACTIONS = 1000
"""Most actions in a script (a scenario's own and a --script file's together),
a plan of a decision or two a week for ten years."""
