"""Why an action is refused, in the player's words.

The schema (`sim.actions`) names a problem by its place in the data and in
pydantic's words ("set_goal.shared_weight: Input should be less than or equal
to 1"); the player knows the field by its label in the dialog and the action
by its name in the menu ("Weight of shared goals: at most 1"). The engine's own
refusals are already plain; only the names in them are translated.
"""

from __future__ import annotations

import re

from game.present.verbs import VERB_BY_ACTION, Verb

_PLACE = re.compile(
    r"^(?P<action>[a-z_]+)(?:\.(?P<field>[a-z_]+))?(?:\.(?P<rest>\S+))?: (?P<msg>.*)$"
)

_LIMITS = (
    (re.compile(r"Input should be less than or equal to (\S+)"), "at most {}"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), "at least {}"),
    (re.compile(r"Input should be greater than (\S+)"), "more than {}"),
    (re.compile(r"Input should be less than (\S+)"), "less than {}"),
    (re.compile(r"should have at least (\d+) items?"), "pick at least {}"),
    (re.compile(r"should have at least 1 character"), "cannot be blank{}"),
    (re.compile(r"should have at least (\d+) characters"), "at least {} characters"),
    (re.compile(r"should have at most (\d+) characters?"), "at most {} characters"),
)
_PLAIN = {
    "Field required": "needed",
    "Input should be a valid number": "enter a number",
    "Input should be a valid integer": "enter a whole number",
}


def field_label(verb: Verb | None, name: str) -> str:
    """The label the dialog shows for a field, without its hint in brackets."""
    if verb is not None:
        for spec in verb.fields:
            if spec.name == name:
                return spec.label.split(" (")[0]
    return name.replace("_", " ").capitalize()


def _limit_words(msg: str) -> str:
    for pattern, words in _LIMITS:
        found = pattern.search(msg)
        if found:
            return words.format(*found.groups())
    for known, words in _PLAIN.items():
        if msg.startswith(known):
            return words
    # pydantic's own sentence, without its "Value error, " prefix.
    return msg.removeprefix("Value error, ")


def plain_reason(message: str) -> str:
    """A refusal as the player reads it: labels for field names, the limit in words.

    >>> plain_reason("set_goal.shared_weight: Input should be less than or equal to 1")
    'Weight of shared goals: at most 1'
    """
    place = _PLACE.match(message)
    if place is None or place["action"] not in VERB_BY_ACTION:
        return _named(message)
    verb = VERB_BY_ACTION[place["action"]]
    words = _limit_words(place["msg"])
    if place["field"] is None:
        return _named(words)
    label = field_label(verb, place["field"])
    if place["rest"]:  # a key inside the field: a campaign kind's weight, say
        label = f"{label} of {place['rest']}"
    return f"{label}: {_named(words)}"


def _named(text: str) -> str:
    """Action kinds named in a sentence become the menu's names ("set_mix": "Change the
    campaign mix")."""
    for action, verb in VERB_BY_ACTION.items():
        text = re.sub(rf"\b{action}\b", verb.label.lower(), text)
    return text
