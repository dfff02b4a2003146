"""Every default number of the model, in one place.

A scenario overrides any of these under `[params]`; the engine reads them only
from here, so a number that is not in this class is not a model parameter.
Units: hours are working hours (8 a day, 40 a week), rates are per week.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

HOURS_PER_WEEK = 40.0
"""Working hours in a week: the model's clock (8 h a day, 5 days)."""
HOURS_PER_DAY = 8.0
"""Working hours in a day (feed and Why texts speak in days)."""


class Params(BaseModel):
    """Model parameters (MODEL.md), each with its default."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    # Demand
    campaigns_per_week: float = Field(1.5, ge=0, le=200)
    """Mean campaign arrivals per week (Poisson)."""
    due_weeks: float = Field(6.0, gt=0, le=104)
    """Weeks from a campaign's arrival to its due time."""
    own_work_per_week: float = Field(6.0, ge=0, le=500)
    """Own initiatives arriving per week for each channel (skill)."""
    own_effort: float = Field(12.0, gt=0, le=400)
    """Effort hours of an own initiative."""
    own_value: float = Field(8.0, ge=0, le=1000)
    """Value of a delivered own initiative."""
    topics: int = Field(120, ge=1, le=100_000)
    """Size of the pool of topics initiatives and campaigns are drawn from."""
    effort_cv: float = Field(0.5, ge=0, le=3)
    """Coefficient of variation of lognormal task efforts around their template means."""

    # Work
    chunk_hours: float = Field(4.0, gt=0, le=40)
    """Longest stretch a worker works before choosing again."""
    productivity_base: float = Field(0.6, ge=0, le=2)
    """Speed at zero engagement."""
    productivity_slope: float = Field(0.6, ge=0, le=2)
    """Extra speed per unit of engagement."""
    overhead_per_member: float = Field(0.01, ge=0, le=0.2)
    """Coordination overhead per team member beyond the first."""
    overhead_cap: float = Field(0.3, ge=0, le=0.9)
    """Largest coordination overhead share of a team."""
    routine_value_per_hour: float = Field(0.4, ge=0, le=100)
    """Value of an effective hour of routine channel work."""

    # Information flow: delays are means of exponentials in hours
    hallway_delay: float = Field(80.0, gt=0, le=10_000)
    """Mean delay of news with no route but the hallway."""
    hallway_p: float = Field(0.15, gt=0, le=1)
    """Chance that hallway talk carries a fact."""
    email_delay: float = Field(16.0, gt=0, le=10_000)
    """Mean delay of news by email."""
    email_p: float = Field(0.6, gt=0, le=1)
    """Chance that an email gets through (is read and acted on)."""
    chat_delay: float = Field(4.0, gt=0, le=10_000)
    """Mean delay of news over a shared chat channel."""
    chat_p: float = Field(0.75, gt=0, le=1)
    """Chance that a chat message gets through."""
    chat_cost_hours: float = Field(0.5, ge=0, le=40)
    """Weekly hours a chat link costs each member, per linked team."""
    meeting_p: float = Field(0.95, gt=0, le=1)
    """Chance that a fact comes up at a meeting of the linked teams."""
    meeting_hours: float = Field(1.0, gt=0, le=40)
    """Default length of a meeting."""
    liaison_delay: float = Field(2.0, gt=0, le=10_000)
    """Mean delay of news carried by a liaison."""
    liaison_p: float = Field(0.9, gt=0, le=1)
    """Chance that a liaison carries a fact."""
    liaison_share: float = Field(0.2, ge=0, le=1)
    """Share of the liaison's time the role takes."""
    guild_p: float = Field(0.9, gt=0, le=1)
    """Chance that a fact comes up at a guild meeting."""
    guild_hours: float = Field(1.0, ge=0, le=40)
    """Weekly hours of a guild meeting for each member of its skill."""
    calendar_adoption: float = Field(0.8, ge=0, le=1)
    """Chance that a plan or asset fact is entered in the shared calendar."""
    knowledge_base_adoption: float = Field(0.6, ge=0, le=1)
    """Chance that a finished asset is filed in the knowledge base."""
    tool_cost_per_seat: float = Field(10.0, ge=0, le=10_000)
    """Weekly licence cost of a tool per worker (money, reported apart from hours)."""
    shared_goal_threshold: float = Field(0.5, ge=0, le=1)
    """Shared weight from which a team counts as on shared goals (and shares openly)."""
    openness_shared: float = Field(1.0, gt=0, le=1)
    """Openness of a team whose shared_weight is at least 0.5 (above 0: see openness_local)."""
    openness_local: float = Field(0.7, gt=0, le=1)
    """Openness of a team on mostly local goals: reluctance to share is what makes a silo.
    Above 0: a team that shares nothing at all would leave every handoff from it unknown
    forever, and its campaigns would never go live."""
    openness_excluded: float = Field(0.4, gt=0, le=1)
    """Openness of an agency left out of planning (above 0: see openness_local)."""

    # Priority
    local_score_campaign_kpi: float = Field(1.0, ge=0, le=2)
    """Local score of campaign tasks for a team on a campaign KPI."""
    local_score_owner: float = Field(0.8, ge=0, le=2)
    """Local score of the team's own campaigns."""
    local_score_request: float = Field(0.2, ge=0, le=2)
    """Local score of other teams' requests (they wait)."""
    own_shared_score: float = Field(0.2, ge=0, le=2)
    """Shared score of an own initiative."""
    own_local_score: float = Field(1.0, ge=0, le=2)
    """Local score of an own initiative under a channel KPI."""
    own_local_score_campaign_kpi: float = Field(0.5, ge=0, le=2)
    """Local score of an own initiative under a campaign KPI."""
    rework_bonus: float = Field(0.1, ge=0, le=2)
    """Added to the shared score of rework."""

    # Duplication and reuse
    asset_valid_weeks: float = Field(6.0, gt=0, le=104)
    """How long an output stays a valid equivalent of a new one."""
    reuse_cost: float = Field(0.1, ge=0, le=1)
    """Share of the effort spent reusing a known equivalent."""

    # Consistency
    message_changes_per_campaign: float = Field(0.6, ge=0, le=20)
    """Mean random message changes per campaign (Poisson)."""
    message_change_window: float = Field(0.6, gt=0, le=1)
    """Share of the due window in which random message changes happen."""
    rework_fraction: float = Field(0.5, ge=0, le=2)
    """Share of the effort a stale output costs to redo."""
    review_catch: float = Field(0.3, ge=0, le=1)
    """Chance that go-live review catches a stale output."""
    review_catch_linked: float = Field(0.7, ge=0, le=1)
    """Review catch rate when the campaign's teams share a meeting or a liaison."""
    late_factor: float = Field(0.5, ge=0, le=1)
    """Share of its value a late campaign keeps."""

    # People
    engagement_rate: float = Field(0.1, ge=0, le=1)
    """Share of the gap to its target engagement closes each week."""
    baseline_engagement: float = Field(0.7, ge=0, le=1)
    """Mean baseline engagement of workers."""
    baseline_spread: float = Field(0.1, ge=0, le=0.5)
    """Half-width of the uniform spread of baselines around the mean."""
    goal_weight: float = Field(0.4, ge=0, le=5)
    """Engagement target per unit of shared weight above 0.5."""
    wasted_weight: float = Field(1.0, ge=0, le=10)
    """Engagement target lost per unit of wasted share (duplicated + rework hours)."""
    overload_threshold: float = Field(1.1, ge=0, le=10)
    """Load (ready hours / capacity) above which people feel overloaded."""
    overload_weight: float = Field(1.0, ge=0, le=10)
    """Engagement target lost per unit of load above the threshold."""
    meeting_threshold: float = Field(0.10, ge=0, le=1)
    """Share of the week in meetings that people accept."""
    meeting_weight: float = Field(10.0, ge=0, le=100)
    """Engagement target lost per unit of meeting share above the threshold."""
    waiting_weight: float = Field(0.5, ge=0, le=10)
    """Engagement target lost per unit of the week spent waiting for information."""
    excluded_weight: float = Field(0.3, ge=0, le=10)
    """Engagement target lost by people of an agency left out of planning."""
    celebrate_per_win: float = Field(0.04, ge=0, le=1)
    """Engagement gained per win celebrated."""
    celebrate_cap: float = Field(0.2, ge=0, le=1)
    """Most engagement one celebration adds."""
    reorg_shock: float = Field(0.05, ge=0, le=1)
    """Engagement lost by the people of teams a reorg touches."""
    quit_base: float = Field(0.002, ge=0, le=1)
    """Weekly quit probability of a fully engaged worker."""
    quit_disengaged: float = Field(4.0, ge=0, le=100)
    """Multiplier of disengagement in the weekly quit probability."""
    attrition: bool = True
    """Whether people quit at all (switch off to isolate other effects)."""
    hire_delay_weeks: int = Field(4, ge=0, le=52)
    """Weeks from a vacancy or a hire to the new person starting."""
    hire_ramp: float = Field(0.5, ge=0, le=1)
    """Productivity of a new hire on day one."""
    ramp_weeks: float = Field(6.0, gt=0, le=52)
    """Weeks for a new or moved person to reach full productivity."""
    moved_ramp: float = Field(0.7, ge=0, le=1)
    """Productivity of a moved person right after the move."""
    handover_hours: float = Field(16.0, ge=0, le=400)
    """Coordination hours a moved person owes."""
    handover_loss: float = Field(0.5, ge=0, le=1)
    """Share of its progress an in-progress task loses when it changes team."""


DEFAULTS = Params()
