"""Write the key reference of scenarios/README.md from the schema's docstrings.

    python -m scenarios.make_reference

Rewrites the part of scenarios/README.md between the reference markers, so
the reference is the schema's own words and cannot drift from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sim.params import Params
from sim.scenario import (
    CampaignTemplate,
    Demand,
    Event,
    Link,
    Objective,
    Scenario,
    ScriptStep,
    TaskTemplate,
    Team,
    Tools,
)

README = Path(__file__).with_name("README.md")
START, END = "<!-- reference: start -->", "<!-- reference: end -->"
SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("top level", Scenario),
    ("[[teams]]", Team),
    ("[[links]]", Link),
    ("[tools]", Tools),
    ("[demand]", Demand),
    ("[[demand.templates]]", CampaignTemplate),
    ("tasks = [...] of a template", TaskTemplate),
    ("[[events]]", Event),
    ("[[objectives]]", Objective),
    ("[[script]]", ScriptStep),
    ("[params]", Params),
]


def _default(field: Any) -> str:
    if field.is_required():
        return "required"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "see its table"
    return f"`{value!r}`" if value not in ((), {}, None) else "empty"


def reference(sections: list[tuple[str, type[BaseModel]]] | None = None) -> str:
    lines = []
    for title, model in SECTIONS if sections is None else sections:
        lines += [f"### {title}", "", "| key | default | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            text = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {_default(field)} | {text} |")
        lines.append("")
    return "\n".join(lines)


# The experiment file's keys (silo experiment), in their own marked part of the README.
EXPERIMENT_START = "<!-- experiment reference: start -->"
EXPERIMENT_END = "<!-- experiment reference: end -->"


def experiment_sections() -> list[tuple[str, type[BaseModel]]]:
    from sim.experiment_file import Experiment, Outputs, SensitivitySpec, Variant

    return [("experiment: top level", Experiment), ("[[variants]]", Variant),
            ("[outputs]", Outputs), ("[sensitivity]", SensitivitySpec)]  # fmt: skip


def _replace(text: str, start: str, end: str, body: str) -> str:
    if start not in text:
        return text
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body}\n{end}{tail}"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    text = _replace(text, START, END, reference())
    text = _replace(text, EXPERIMENT_START, EXPERIMENT_END, reference(experiment_sections()))
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
