"""The command palette's game commands: every decision and the clock, by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.present.verbs import VERBS
from game.tui.silo_app import silo_app

if TYPE_CHECKING:
    from game.tui.screens.play import PlayScreen


class GameCommands(Provider):
    """Decisions ("Decide: merge teams…") and time controls for the play screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = cast("PlayScreen", self.screen)  # the palette is offered on the play screen only
        out: list[tuple[str, str, Callable[[], object]]] = [
            ("Next week", "Play one week", screen.action_next_week),
            ("Play / pause", "Play weeks one after another", screen.action_toggle_play),
            ("Run to the end", "Play every remaining week", screen.action_run_to_end),
            ("Save game", "Save to the saves folder", screen.action_save),
            (
                "Glossary: levers",
                "Every lever with its price, payback and limits",
                partial(silo_app(screen).action_help, "levers"),
            ),
            (
                "Glossary: measures",
                "Every measure: its definition, unit and what moves it",
                partial(silo_app(screen).action_help, "measures"),
            ),
            (
                "Score parts",
                "Value, spend and engagement behind the score (s)",
                screen.action_score_parts,
            ),
            ("Undo last queued decision", "Take back a queued decision", screen.action_unqueue),
            (
                "Silo view: next team",
                "See the org as one team does (again: the next team, then everything)",
                screen.action_silo_view,
            ),
            (
                "Why: efficiency",
                "Value and hours against doing nothing",
                partial(screen.action_why, "efficiency"),
            ),
            (
                "Why: engagement",
                "Each team's target and what pulls it",
                partial(screen.action_why, "engagement"),
            ),
            (
                "Why: late campaigns",
                "The chain of waits behind each late campaign",
                partial(screen.action_why, "late"),
            ),
        ]
        for verb in VERBS:
            out.append(
                (
                    f"Decide: {verb.label.lower()}…",
                    verb.blurb,
                    partial(screen.action_verb, verb.action),
                )
            )
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
