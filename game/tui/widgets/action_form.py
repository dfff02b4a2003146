"""The form of one restructure verb, built from its field specs and the org as it is.

The form turns what the player picked into the action's plain data; whether
that action is valid (the schema) and possible (the org) is asked of `sim` by
the dialog that holds the form.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, SelectionList

from game.present.verbs import FieldSpec, Verb
from game.tui.widgets.checklist import CheckList

if TYPE_CHECKING:
    from sim.results import LinkView, Snapshot, TeamView
    from sim.scenario import Scenario

FormValue = str | float | list[str] | dict[str, float] | dict[str, object]
"""What one field of the form holds: a name, a number, names, weights, or a link."""


class FormError(ValueError):
    """An input that is missing or not a number; the message names the field."""


@dataclass(frozen=True)
class OrgFacts:
    """What the form offers to choose from, read off a snapshot and the scenario."""

    teams: tuple[TeamView, ...]
    """TeamViews of the teams that exist now."""
    links: tuple[LinkView, ...]
    """LinkViews of the links that exist now."""
    templates: tuple[tuple[str, float], ...]
    """Campaign kinds and their weights."""

    @classmethod
    def from_turn(cls, snapshot: Snapshot, scenario: Scenario) -> OrgFacts:
        templates = tuple((t.name, t.weight) for t in scenario.demand.templates)
        return cls(snapshot.teams, snapshot.links, templates)

    def team_names(self) -> list[str]:
        return [t.name for t in self.teams]

    def skills(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.teams:
            for s in t.skills:
                seen[s] = None
            for w in t.members:
                seen[w.skill] = None
        return list(seen)

    def workers(self) -> list[tuple[str, str]]:
        return [(f"{w.name} ({t.name}, {w.skill})", w.name) for t in self.teams for w in t.members]

    def members_of(self, team: str) -> list[tuple[str, str]]:
        for t in self.teams:
            if t.name == team:
                return [(f"{w.name} ({w.skill})", w.name) for w in t.members]
        return []


def link_label(link: LinkView) -> str:
    teams = "every team" if "*" in link.teams else ", ".join(link.teams)
    extra = f" ({link.liaison})" if link.liaison else f" ({link.skill})" if link.skill else ""
    return f"{link.kind}{extra}: {teams}"


class ActionForm(Vertical):
    """Inputs for one verb; posts `ActionForm.Changed` whenever any of them changes."""

    class Changed(Message):
        """Some input of the form changed."""

    def __init__(self, verb: Verb, facts: OrgFacts, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.verb = verb
        self.facts = facts

    def compose(self) -> ComposeResult:
        if not self.verb.fields:
            yield Label("Nothing to choose: this action has no options.", classes="form-note")
        for spec in self.verb.fields:
            with Vertical(id=f"row-{spec.name}", classes="form-row"):
                yield Label(spec.label, classes="form-label")
                yield from self._inputs(spec)

    def _inputs(self, spec: FieldSpec) -> ComposeResult:
        wid = f"f-{spec.name}"
        names = self.facts.team_names()
        kind = spec.kind
        if kind in ("team", "team_or_all", "agency", "worker", "skill", "link", "choice"):
            options = self._options(spec, names)
            default = "" if kind == "choice" and spec.default is None else spec.default
            value = default if any(v == default for _, v in options) else None
            if value is None and options and not spec.optional:
                value = options[0][1]
            yield Select(
                options,
                value=Select.NULL if value is None else value,
                allow_blank=value is None,
                prompt=f"choose: {spec.label.lower()}",
                id=wid,
                compact=True,
            )
        elif kind in ("teams", "teams_or_all"):
            choices: list[tuple[str, str, bool]] = []
            if kind == "teams_or_all":
                choices.append(("every team", "*", True))
            choices += [(n, n, False) for n in names]
            yield CheckList(*choices, id=wid, classes="form-multi", compact=True)
        elif kind == "members":
            first = names[0] if names else ""
            yield CheckList(
                *self.facts.members_of(first), id=wid, classes="form-multi", compact=True
            )
        elif kind in ("int", "float"):
            text = "" if spec.default is None else f"{spec.default:g}"
            yield Input(text, type="integer" if kind == "int" else "number", id=wid, compact=True)
        elif kind == "text":
            yield Input("", placeholder=spec.label.lower(), id=wid, compact=True)
        elif kind == "weights":
            for i, (name, weight) in enumerate(self.facts.templates):
                yield Label(f"  {name}", classes="form-sublabel")
                yield Input(f"{weight:g}", type="number", id=f"{wid}-{i}", compact=True)

    def _options(self, spec: FieldSpec, names: list[str]) -> Sequence[tuple[str, str | int]]:
        kind = spec.kind
        if kind == "team":
            return [(n, n) for n in names]
        if kind == "team_or_all":
            return [("every team", "*"), *((n, n) for n in names)]
        if kind == "agency":
            # Agencies left out come first: the default is then one that can be brought in.
            agencies = sorted((t for t in self.facts.teams if t.external), key=lambda t: t.included)
            return [
                (t.name + ("" if t.included else " (left out of planning)"), t.name)
                for t in agencies
            ]
        if kind == "worker":
            return self.facts.workers()
        if kind == "skill":
            return [(s, s) for s in self.facts.skills()]
        if kind == "link":
            return [(link_label(lk), i) for i, lk in enumerate(self.facts.links)]
        return [(label, "" if value is None else value) for label, value in spec.choices]

    def on_mount(self) -> None:
        self._show_relevant()
        if any(s.kind == "members" for s in self.verb.fields):
            self._refill_members()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "f-team" and any(s.kind == "members" for s in self.verb.fields):
            self._refill_members()
        self._show_relevant()
        self.post_message(self.Changed())

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.post_message(self.Changed())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())

    def _refill_members(self) -> None:
        team = self.query_one("#f-team", Select).value
        members = self.query_one("#f-members", SelectionList)
        members.clear_options()
        if isinstance(team, str):
            members.add_options(self.facts.members_of(team))

    def _show_relevant(self) -> None:
        for spec in self.verb.fields:
            self.query_one(f"#row-{spec.name}").display = self._relevant(spec)

    def _relevant(self, spec: FieldSpec) -> bool:
        for other, allowed in spec.show_when.items():
            value = self.query_one(f"#f-{other}", Select).value
            if value not in allowed:
                return False
        return True

    def action_data(self) -> dict[str, Any]:
        """The action as plain data, from the visible inputs.

        Raises:
            FormError: a required input left empty, or text where a number goes.
        """
        data: dict[str, Any] = {"action": self.verb.action}
        for spec in self.verb.fields:
            if not self._relevant(spec):
                continue
            value = self._value(spec)
            if value is None:
                continue
            if spec.kind == "link" and isinstance(value, dict):
                data.update(value)  # a link is picked whole: its kind and its teams
            else:
                data[spec.name] = value
        return data

    def _value(self, spec: FieldSpec) -> FormValue | None:
        wid = f"#f-{spec.name}"
        kind = spec.kind
        if kind in ("teams", "teams_or_all", "members"):
            picked = list(self.query_one(wid, SelectionList).selected)
            if kind == "teams_or_all" and (not picked or "*" in picked):
                return ["*"]
            if not picked:
                raise FormError(f"{spec.label}: pick at least one")
            return picked
        if kind == "weights":
            weights = {}
            for i, (name, _) in enumerate(self.facts.templates):
                text = self.query_one(f"#f-weights-{i}", Input).value.strip()
                weights[name] = _number(text, f"weight of {name}", float)
            return weights
        if kind in ("int", "float", "text"):
            text = self.query_one(wid, Input).value.strip()
            if not text:
                if spec.optional:
                    return None
                what = "a name" if kind == "text" else "a number"
                raise FormError(f"{spec.label}: enter {what}")
            return (
                text
                if kind == "text"
                else _number(text, spec.label, int if kind == "int" else float)
            )
        value = self.query_one(wid, Select).value
        # Options hold names (str) or link indexes (int); Select.NULL is neither.
        if not isinstance(value, str | int) or value == "":
            if spec.optional:
                return None
            raise FormError(f"{spec.label}: choose one")
        if kind == "link" and isinstance(value, int):
            link = self.facts.links[value]
            picked_link: dict[str, object] = {"kind": link.kind, "teams": list(link.teams)}
            return picked_link
        return value


def _number(text: str, label: str, kind: type[int] | type[float]) -> float:
    whole = " whole" if kind is int else ""
    if not text:
        raise FormError(f"{label}: enter a{whole} number")
    try:
        return kind(text)
    except ValueError:
        raise FormError(f"{label}: enter a{whole} number (“{text}” is not one)") from None
