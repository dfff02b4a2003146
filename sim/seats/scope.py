"""Whose decision is it: a seat's own, or a proposal the teams it touches must accept.

A seat decides for its own team: its goal, its links and meetings (a link is
the team's own choice of whom to talk to), whom it lends or hires or lets go,
how it splits. A change that reshapes several teams at once (a merge, squads,
shared goals for everyone, an org-wide tool, a celebration together, the mix
of campaigns, bringing an agency in) is a proposal: every team it touches must
accept it. A seat may not decide for another team alone.
"""

from __future__ import annotations

from collections.abc import Callable

from sim.actions import (
    Action,
    AddLink,
    Celebrate,
    EnableTool,
    FormSquads,
    Hire,
    IncludeAgency,
    MergeTeams,
    MoveWorker,
    Release,
    RemoveLink,
    SetGoal,
    SetMix,
    SplitTeam,
)
from sim.seats.records import SeatError

OWN = "own"
PROPOSAL = "proposal"


def scope(
    action: Action, team: str, everyone: tuple[str, ...], team_of: Callable[[str], str | None]
) -> tuple[str, tuple[str, ...]]:
    """(OWN or PROPOSAL, the teams a proposal must be accepted by) for a seat's action.

    Args:
        action: the decision.
        team: the seat's team, as it is named now.
        everyone: every live team's name.
        team_of: the team of a person, by name (None: nobody of that name works here).

    Raises:
        SeatError: a decision for another team alone, with what the seat may do instead.
    """
    if isinstance(action, SetGoal):
        if action.team == team:
            return OWN, ()
        if action.team == "*":
            return PROPOSAL, everyone
        raise SeatError(
            f"set_goal: a seat sets only its own team's goal ({team}); "
            "propose shared goals for all with team '*'"
        )
    if isinstance(action, AddLink | RemoveLink):
        if "*" in action.teams:
            return PROPOSAL, everyone
        if team in action.teams:
            return OWN, ()
        raise SeatError(f"{action.action}: a seat links only its own team ({team}) to others")
    if isinstance(action, MoveWorker | Release):
        if team_of(action.worker) == team:
            return OWN, ()
        raise SeatError(f"{action.action}: {action.worker} is not in {team}")
    if isinstance(action, Hire | SplitTeam):
        if action.team == team:
            return OWN, ()
        raise SeatError(f"{action.action}: a seat does this only for its own team ({team})")
    if isinstance(action, MergeTeams):
        if team not in action.teams:
            raise SeatError(f"merge_teams: a seat proposes only merges of its own team ({team})")
        return PROPOSAL, tuple(t for t in everyone if t in action.teams)
    if isinstance(action, FormSquads | EnableTool | Celebrate | SetMix | IncludeAgency):
        return PROPOSAL, everyone
    raise SeatError(f"{action.action}: not a decision a seat can take")
