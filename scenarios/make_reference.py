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


def reference() -> str:
    lines = []
    for title, model in SECTIONS:
        lines += [f"### {title}", "", "| key | default | meaning |", "|---|---|---|"]
        for name, field in model.model_fields.items():
            text = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {_default(field)} | {text} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{reference()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
