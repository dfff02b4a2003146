"""Experiment files: one TOML that names a whole what-if, validated before anything runs.

An experiment names its question, the scenario (a built-in or an org file),
the variants (each a label, a description in words, overrides and a script of
actions, in a file or inline), replications, horizon, warm-up, the measures
shown, the weekly measure of the dip and payback, and what to write where.
Like a scenario it is read with `tomllib` and checked by a pydantic schema
that refuses unknown keys, and every variant is built (scenario loaded,
overrides applied, script checked against it) before the first run, so a
mistake is one line naming the file and key path, and nothing is written.

Paths inside the file (the scenario, script files, the output folder) are
relative to the file's own folder, so an experiment travels with its org file.

    from sim.experiment_file import load_experiment
    plan = load_experiment("scenarios/examples/six-teams.toml")
    result = compare(plan.variants(), plan.replications, seed=plan.seed)
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.limits import MAX_REPLICATIONS, MAX_SEED, MAX_WEEKS
from sim.results import SUMMARY_KEYS, WEEKLY_KEYS
from sim.scenario import Scenario, ScenarioError, ScriptStep, read_toml
from sim.timeline import DEFAULT_FOCUS

EXPERIMENT_VERSION = 1

Name = Annotated[str, Field(min_length=1, max_length=80)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _known(value: str, known: tuple[str, ...], what: str) -> None:
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f" ({what}: {', '.join(known)})"
    raise ValueError(f"unknown {what[:-1]} {value!r}{hint}")


class Variant(_Model):
    """One option to compare: the scenario changed by overrides and actions."""

    label: Name
    """Short name in tables and charts ("shared goals")."""
    description: str = ""
    """The option in a manager's words, for the report."""
    set: dict[str, Any] = Field(default_factory=dict)
    """Overrides of the scenario, dotted key paths (`"teams.*.shared_weight" = 0.6`)."""
    script_file: str | None = None
    """A script file of [[script]] steps (relative to the experiment file)."""
    script: tuple[dict[str, Any], ...] = ()
    """Inline [[variants.script]] steps: `week` (acts after that week) and `do` (actions)."""


class Outputs(_Model):
    """What `silo experiment` writes, and where."""

    folder: str = ""
    """Output folder, relative to the experiment file (default: NAME-results beside it)."""
    report: bool = True
    """report.html: one self-contained page to forward."""
    plot: bool = True
    """comparison.png: weekly means with bands, action weeks, paired differences, hours."""
    weekly_csv: bool = True
    """weekly.csv: every run's weekly series (variant, replication, seed, week, measures)."""
    differences_csv: bool = True
    """differences.csv: weekly paired differences against the baseline with 95% bands."""
    teams_csv: bool = True
    """teams.csv: per run and team, engagement, people and hours by category."""
    runs_csv: bool = True
    """runs.csv: one row per run with every summary measure."""
    summary_csv: bool = True
    """summary.csv: per measure and variant, the mean, its interval and the paired difference."""


class SensitivitySpec(_Model):
    """[sensitivity]: run every option at both ends of each uncertain parameter's range."""

    replications: int = Field(5, ge=1, le=MAX_REPLICATIONS)
    """Runs of each option at each end (the base case's seeds)."""
    params: tuple[str, ...] = ()
    """Uncertain parameters to vary (default: all of sim.sensitivity.UNCERTAIN)."""

    @model_validator(mode="after")
    def _known_params(self) -> SensitivitySpec:
        from sim.sensitivity import UNCERTAIN

        for key in self.params:
            _known(key, tuple(UNCERTAIN), "uncertain parameters")
        return self


class Experiment(_Model):
    """An experiment file."""

    schema_version: int = EXPERIMENT_VERSION
    """Version of this file format."""
    name: Name
    """Short identifier (names the output folder)."""
    title: str = ""
    """Title of the report."""
    question: str = ""
    """The question the experiment answers, in a manager's words."""
    scenario: Name
    """A built-in scenario's name or an org/scenario file (relative to this file)."""
    replications: int = Field(20, ge=1, le=MAX_REPLICATIONS)
    """Runs of each variant, on the same seeds (common random numbers)."""
    seed: int | None = Field(None, ge=0, le=MAX_SEED)
    """Base seed of the replications (default: the scenario's)."""
    weeks: int | None = Field(None, ge=1, le=MAX_WEEKS)
    """Horizon (default: the scenario's)."""
    warmup_weeks: int | None = Field(None, ge=0, le=104)
    """Weeks run under the starting org before week 0, not recorded (default: the model's)."""
    measures: tuple[str, ...] = ()
    """Summary measures in the table (default: the headline ones; spend, value and
    efficiency always)."""
    focus: str = DEFAULT_FOCUS
    """Weekly measure of the transition dip and the payback week."""
    set: dict[str, Any] = Field(default_factory=dict)
    """Overrides for every variant, before each variant's own."""
    variants: tuple[Variant, ...] = Field(min_length=2, max_length=26)
    """The options ([[variants]] tables); the first is the baseline."""
    outputs: Outputs = Outputs()
    """What to write ([outputs])."""
    sensitivity: SensitivitySpec | None = None
    """[sensitivity]: whether the ranking survives the model's uncertain parameters (off
    unless the table is given)."""

    @model_validator(mode="after")
    def _names(self) -> Experiment:
        if self.schema_version > EXPERIMENT_VERSION:
            raise ValueError(
                f"schema_version {self.schema_version} is newer than this silo reads "
                f"({EXPERIMENT_VERSION})"
            )
        labels = [v.label for v in self.variants]
        repeated = sorted({x for x in labels if labels.count(x) > 1})
        if repeated:
            raise ValueError(f"variant labels repeat: {', '.join(repeated)}")
        for measure in self.measures:
            _known(measure, SUMMARY_KEYS, "summary measures")
        _known(self.focus, WEEKLY_KEYS, "weekly measures")
        return self


@dataclass(frozen=True)
class ExperimentPlan:
    """An experiment file, every variant built and checked: ready to run."""

    spec: Experiment
    source: Path
    """The experiment file."""
    labels: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    folder: Path
    """Where its outputs go (not yet created)."""

    @property
    def seed(self) -> int:
        return self.scenarios[0].seed if self.spec.seed is None else self.spec.seed

    @property
    def replications(self) -> int:
        return self.spec.replications

    def variants(self) -> dict[str, Scenario]:
        return dict(zip(self.labels, self.scenarios, strict=True))


def _format(exc: ValidationError) -> tuple[str, str]:
    """The first problem's key path and message (the schema's words, as scenarios give them)."""
    first = exc.errors()[0]
    path = ".".join(str(p) for p in first["loc"])
    message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
    if first["type"] == "extra_forbidden":
        known = _fields_at(first["loc"])
        close = difflib.get_close_matches(str(first["loc"][-1]), known, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
    return path, message.removeprefix("Value error, ")


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Experiment
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        field = model.model_fields.get(str(step))
        if field is None:
            return []
        inners: dict[str, type[BaseModel]] = {
            "variants": Variant,
            "outputs": Outputs,
            "sensitivity": SensitivitySpec,
        }
        inner = inners.get(str(step))
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def parse_experiment(data: dict[str, Any], source: str = "") -> Experiment:
    """Validate plain data into an Experiment, or raise ScenarioError naming the key."""
    try:
        return Experiment.model_validate(data)
    except ValidationError as exc:
        path, message = _format(exc)
        raise ScenarioError(message, source, path) from None


def _resolve(base: Path, text: str) -> str:
    """A path relative to the experiment file; a bare built-in name stays as it is."""
    if not text.endswith(".toml") and "/" not in text:
        return text
    path = Path(text).expanduser()
    return str(path if path.is_absolute() else base / path)


def load_experiment(path: str | Path, folder: str | Path | None = None) -> ExperimentPlan:
    """Read an experiment file and build every variant, or raise ScenarioError.

    `folder` overrides the file's output folder (relative to the current folder).
    """
    from sim import load_scenario
    from sim.experiment import with_overrides
    from sim.scripts import load_script, script_steps

    source = str(path)
    spec = parse_experiment(read_toml(path, "experiment file"), source)
    base = Path(path).parent
    scenario = load_scenario(_resolve(base, spec.scenario))
    common: list[tuple[str, Any]] = list(spec.set.items())
    if spec.weeks is not None:
        common.append(("weeks", spec.weeks))
    if spec.warmup_weeks is not None:
        common.append(("params.warmup_weeks", spec.warmup_weeks))
    scenario = _blamed(lambda: with_overrides(scenario, common, source), source, "set")
    scenarios = []
    for i, variant in enumerate(spec.variants):
        where = f"variants.{i}"
        built = scenario
        steps: tuple[ScriptStep, ...] = ()
        if variant.script_file is not None:
            file = _resolve(base, variant.script_file)
            if "/" not in file and not file.endswith(".toml"):
                raise ScenarioError("a script file ends in .toml", source, f"{where}.script_file")
            steps += load_script(file, built)
        if variant.script:
            steps += script_steps(list(variant.script), built, source, f"{where}.script")
        built = built.with_actions(steps)
        built = _blamed(
            lambda b=built, v=variant: with_overrides(b, v.set, source), source, f"{where}.set"
        )
        scenarios.append(built)
    out = (
        Path(folder)
        if folder is not None
        else base / (spec.outputs.folder or f"{spec.name}-results")
    )
    return ExperimentPlan(
        spec=spec,
        source=Path(path),
        labels=tuple(v.label for v in spec.variants),
        scenarios=tuple(scenarios),
        folder=out,
    )


def _blamed(build: Any, source: str, prefix: str) -> Scenario:
    """Run `build`; an override's error is told at its key in the experiment file."""
    try:
        result: Scenario = build()
    except ScenarioError as exc:
        if exc.source == source:
            raise ScenarioError(exc.message, source, f"{prefix}.{exc.path}") from None
        raise
    return result
