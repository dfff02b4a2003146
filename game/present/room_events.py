"""The scenario events a facilitator may inject into every table of a session.

The choices are the scenario's own `[[events]]` first, then one of each kind its
org allows: a rush campaign of each campaign kind, a change of course, a hiring
freeze, a named person leaving, a late team joining early. Each is a `sim.scenario.Event`'s
fields, which the tables validate again and apply through `Simulation.inject`
at the week the room gives it (see `game.present.room_control`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

FREEZE_WEEKS = 4
"""A facilitator's budget cut: long enough to be felt, short of a quarter."""

if TYPE_CHECKING:
    from sim.scenario import Event, Scenario


def event_choices(scenario: Scenario) -> list[tuple[str, dict[str, Any]]]:
    """(a label and a key for the facilitator, the event's fields), in the order shown."""
    choices: list[tuple[str, dict[str, Any]]] = []
    for i, ev in enumerate(scenario.events):
        data = ev.model_dump(exclude_defaults=True, exclude={"week"})
        label = ev.text or f"{ev.kind} {ev.template or ev.worker or ev.team or ''}".strip()
        choices.append((f"event:{i + 1}  {label}", data))
    for tpl in scenario.demand.templates:
        text = f"A rush {tpl.name} campaign lands: due in a week."
        choices.append((f"campaign:{tpl.name}", _event("campaign", template=tpl.name,
                                                       due_weeks=1.0, text=text)))  # fmt: skip
    text = "Change of course: every campaign in flight gets a new message."
    choices.append(("change_course", _event("change_course", text=text)))
    text = f"A budget cut: no hiring for {FREEZE_WEEKS} weeks."
    choices.append(("hiring_freeze", _event("hiring_freeze", weeks=FREEZE_WEEKS, text=text)))
    for team in scenario.teams:
        for member in team.members:
            text = f"{member} ({team.name}) leaves the company."
            choices.append((f"leave:{member}", _event("leave", worker=member, text=text)))
        if team.joins_week > 0:
            text = f"{team.name} joins early."
            choices.append((f"join:{team.name}", _event("join", team=team.name, text=text)))
    return choices


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, **fields}


def find_choice(scenario: Scenario, key: str) -> dict[str, Any] | None:
    """The event a facilitator named by its key (the label's first word), or None."""
    for label, data in event_choices(scenario):
        if label.split()[0] == key:
            return data
    return None


def as_event(data: dict[str, Any], week: int) -> Event:
    """The event to inject at `week` (ValueError: fields no event has)."""
    from pydantic import ValidationError

    from sim.scenario import Event

    try:
        return Event.model_validate({**data, "week": week})
    except ValidationError as exc:
        raise ValueError(str(exc).splitlines()[0]) from None


def describe(data: dict[str, Any]) -> str:
    """The event in a few words, for the console and the tables' feed."""
    text = str(data.get("text", ""))
    return text or " ".join(str(data.get(k, "")) for k in ("kind", "template", "worker", "team"))
