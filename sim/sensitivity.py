"""Does the answer survive the model's own assumptions? One-at-a-time sensitivity.

A what-if's ranking rests on numbers nobody measured in the reader's org: how
much engagement lifts output, how hard a reorg lands, how tiring a meeting is.
Each such parameter here has a range (below): half to twice the scenario's
value for a weight, a cost or a duration, and 0.2 either side for a
probability, within the schema's bounds. Every option is run at each end of
each range, one parameter at a time, all on the same seeds as the base case
(common random numbers), and the result says, per parameter, whether the
options' ranking changes and how far the base-case winner's paired gain over
the baseline swings: the data of a tornado chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Literal

from sim.experiment import ProgressCallback, compare, with_overrides
from sim.scenario import Scenario
from sim.stats import Interval, paired_difference
from sim.timeline import direction

# The uncertain parameters and how their range is drawn around the scenario's value.
# "scale": from half to twice the value; "span": 0.2 below to 0.2 above (a probability).
UNCERTAIN: dict[str, Literal["scale", "span"]] = {
    "productivity_slope": "scale",  # how much engagement lifts output
    "engagement_rate": "scale",  # how fast engagement follows its target
    "goal_weight": "scale",  # how much shared goals lift engagement
    "meeting_weight": "scale",  # how tiring meetings are
    "alignment_hours": "scale",  # what shared goals cost in planning time
    "channel_focus_loss": "scale",  # channel value lost to shared goals
    "reorg_shock": "scale",  # engagement lost by a reorg
    "handover_hours": "scale",  # coordination a moved person owes
    "forming_weeks": "scale",  # how long a new team takes to gel
    "quit_slope": "scale",  # how steeply quitting rises with disengagement
    "calendar_adoption": "span",  # share of plans entered in a shared calendar
    "email_p": "span",  # chance an email is read and acted on
}
SPAN = 0.2


@dataclass(frozen=True, slots=True)
class Assumption:
    """One uncertain parameter: its base value and the two ends tried."""

    key: str
    base: float
    low: float
    high: float


def assumptions(scenario: Scenario, keys: Sequence[str] | None = None) -> list[Assumption]:
    """The ranges of the uncertain parameters (all, or `keys`) around the scenario's values.

    Raises:
        ValueError: a key that is not an uncertain parameter (naming those that are).
    """
    chosen = list(UNCERTAIN) if keys is None else list(keys)
    unknown = [k for k in chosen if k not in UNCERTAIN]
    if unknown:
        raise ValueError(
            f"no range for parameter {unknown[0]!r} (uncertain parameters: {', '.join(UNCERTAIN)})"
        )
    fields = type(scenario.params).model_fields
    out = []
    for key in chosen:
        base = float(getattr(scenario.params, key))
        low_bound, high_bound = _bounds(fields[key].metadata)
        if UNCERTAIN[key] == "scale":
            low, high = base / 2, base * 2
        else:
            low, high = base - SPAN, base + SPAN
        low, high = max(low, low_bound), min(high, high_bound)
        if isinstance(fields[key].default, int) and not isinstance(fields[key].default, bool):
            low, high = float(round(low)), float(round(high))
        out.append(Assumption(key, base, round(low, 9), round(high, 9)))
    return out


def _bounds(metadata: list[Any]) -> tuple[float, float]:
    low, high = float("-inf"), float("inf")
    for m in metadata:
        for name in ("ge", "gt"):
            value = getattr(m, name, None)
            if value is not None:
                # A strict bound is kept off by a hair: the schema refuses the bound itself.
                low = max(low, float(value) + (1e-6 if name == "gt" else 0.0))
        for name in ("le", "lt"):
            value = getattr(m, name, None)
            if value is not None:
                high = min(high, float(value) - (1e-6 if name == "lt" else 0.0))
    return low, high


@dataclass(frozen=True)
class Swing:
    """One parameter at both ends: the ranking and the winner's gain at each."""

    assumption: Assumption
    ranking_low: tuple[str, ...]
    ranking_high: tuple[str, ...]
    gain_low: Interval
    """The base-case winner's paired gain over the baseline, at the low end."""
    gain_high: Interval

    @property
    def ranking_changes(self) -> bool:
        return self.ranking_low != self.base_ranking or self.ranking_high != self.base_ranking

    @property
    def winner_changes(self) -> bool:
        return self.ranking_low[0] != self.base_ranking[0] or (
            self.ranking_high[0] != self.base_ranking[0]
        )

    @property
    def width(self) -> float:
        return abs(self.gain_high.mean - self.gain_low.mean)

    base_ranking: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sensitivity:
    """The base case and every parameter's swing, widest first."""

    labels: tuple[str, ...]
    measure: str
    replications: int
    base_ranking: tuple[str, ...]
    winner: str
    base_gain: Interval
    """The winner's paired gain over the baseline in the base case."""
    swings: tuple[Swing, ...]

    def robust(self) -> bool:
        """Whether no parameter's range changes who wins."""
        return not any(s.winner_changes for s in self.swings)

    def to_records(self) -> list[dict[str, Any]]:
        return [
            {
                "parameter": s.assumption.key,
                "base": s.assumption.base,
                "low": s.assumption.low,
                "high": s.assumption.high,
                "winner_low": s.ranking_low[0],
                "winner_high": s.ranking_high[0],
                "ranking_low": " > ".join(s.ranking_low),
                "ranking_high": " > ".join(s.ranking_high),
                "ranking_changes": s.ranking_changes,
                "winner_changes": s.winner_changes,
                "gain_low": s.gain_low.mean,
                "gain_low_ci_low": s.gain_low.low,
                "gain_low_ci_high": s.gain_low.high,
                "gain_high": s.gain_high.mean,
                "gain_high_ci_low": s.gain_high.low,
                "gain_high_ci_high": s.gain_high.high,
            }
            for s in self.swings
        ]


def _ranking(labels: Sequence[str], means: Sequence[float], sign: float) -> tuple[str, ...]:
    order = sorted(range(len(labels)), key=lambda i: (-sign * means[i], i))
    return tuple(labels[i] for i in order)


def sensitivity(
    variants: Mapping[str, Scenario],
    replications: int,
    *,
    measure: str = "efficiency",
    keys: Sequence[str] | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Sensitivity:
    """Every option at the base values and at each end of each uncertain parameter.

    The first option is the baseline. All runs share the base case's seeds.

    Raises:
        ValueError: a parameter without a range.
        ScenarioError: a range end a scenario refuses (named by its key).
    """
    labels = list(variants)
    if len(labels) < 2:
        raise ValueError("sensitivity needs at least two options to rank")
    first = variants[labels[0]]
    ranges = assumptions(first, keys)
    runs: dict[str, Scenario] = {f"base|{label}": scn for label, scn in variants.items()}
    for a in ranges:
        for side, value in (("low", a.low), ("high", a.high)):
            for label, scn in variants.items():
                runs[f"{a.key}={side}|{label}"] = with_overrides(scn, {f"params.{a.key}": value})
    base_seed = first.seed if seed is None else seed
    result = compare(runs, replications, seed=base_seed, executor=executor, progress=progress)
    sign = direction(measure)

    def values(point: str, label: str) -> list[float]:
        return result.values(f"{point}|{label}", measure)

    def mean(xs: list[float]) -> float:
        return sum(xs) / len(xs)

    def ranking(point: str) -> tuple[str, ...]:
        return _ranking(labels, [mean(values(point, label)) for label in labels], sign)

    base_ranking = ranking("base")
    winner = base_ranking[0] if base_ranking[0] != labels[0] else base_ranking[1]

    def gain(point: str) -> Interval:
        d = paired_difference(values(point, labels[0]), values(point, winner))
        if sign < 0:
            return Interval(-d.mean, -d.high, -d.low, d.n, d.level)
        return d

    swings = [
        Swing(
            assumption=a,
            ranking_low=ranking(f"{a.key}=low"),
            ranking_high=ranking(f"{a.key}=high"),
            gain_low=gain(f"{a.key}=low"),
            gain_high=gain(f"{a.key}=high"),
            base_ranking=base_ranking,
        )
        for a in ranges
    ]
    swings.sort(key=lambda s: (-s.width, s.assumption.key))
    return Sensitivity(
        labels=tuple(labels),
        measure=measure,
        replications=replications,
        base_ranking=base_ranking,
        winner=winner,
        base_gain=gain("base"),
        swings=tuple(swings),
    )
