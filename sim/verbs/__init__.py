"""The restructure verbs: one handler per verb, found through a registry.

Each handler checks an action against the current org (raising ActionError,
changing nothing), prices it in plain words before it is taken, applies it at a
week boundary, and says it in one sentence for the feed. Adding a verb is one
module here plus its action class in `sim.actions`.
"""

from __future__ import annotations

from typing import Any

from sim.actions import ActionError
from sim.verbs.base import Verb
from sim.verbs.celebrate import CelebrateVerb
from sim.verbs.goals import SetGoalVerb
from sim.verbs.hiring import HireVerb, ReleaseVerb
from sim.verbs.links import AddLinkVerb, RemoveLinkVerb
from sim.verbs.merge import MergeVerb
from sim.verbs.mix import SetMixVerb
from sim.verbs.move import MoveVerb
from sim.verbs.partners import IncludeAgencyVerb
from sim.verbs.split import SplitVerb
from sim.verbs.squads import SquadsVerb
from sim.verbs.tools import EnableToolVerb

VERBS: dict[str, Verb[Any]] = {
    v.kind: v
    for v in (
        MergeVerb(),
        SplitVerb(),
        MoveVerb(),
        SquadsVerb(),
        SetGoalVerb(),
        AddLinkVerb(),
        RemoveLinkVerb(),
        EnableToolVerb(),
        CelebrateVerb(),
        IncludeAgencyVerb(),
        HireVerb(),
        SetMixVerb(),
        ReleaseVerb(),
    )
}


def handler_for(action: Any) -> Verb[Any]:
    """The handler of an action's verb, or ActionError for something that is not an action."""
    verb = VERBS.get(getattr(action, "action", ""))
    if verb is None:
        raise ActionError(f"unknown action {action!r}")
    return verb


def title(action: Any) -> str:
    """The decision in a few words, from the action alone (no org needed)."""
    return handler_for(action).title(action)


def describe(sim: Any, action: Any) -> str:
    """The action's sentence for the feed, as the org stands now."""
    return handler_for(action).describe(sim, action)


__all__ = ["VERBS", "Verb", "describe", "handler_for", "title"]
