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

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False
    )

    # Demand
    # The demand bounds admit a generated org of 5,000 people (scenarios/generate.py
    # scales demand with head count); campaign ids stay under work.MAX_PER_WEEK.
    campaigns_per_week: float = Field(1.5, ge=0, le=1000)
    """Mean campaign arrivals per week (Poisson)."""
    due_weeks: float = Field(6.0, gt=0, le=104)
    """Weeks from a campaign's arrival to its due time."""
    own_work_per_week: float = Field(6.5, ge=0, le=2000)
    """Own initiatives arriving per week for each channel (skill)."""
    own_effort: float = Field(12.0, gt=0, le=400)
    """Effort hours of an own initiative."""
    own_value: float = Field(8.0, ge=0, le=1000)
    """Value of a delivered own initiative."""
    topics: int = Field(120, ge=1, le=100_000)
    """Size of the pool of topics initiatives and campaigns are drawn from."""
    effort_cv: float = Field(0.5, ge=0, le=3)
    """Coefficient of variation of lognormal task efforts around their template means."""

    # Money (Economics E2)
    hourly_cost: float = Field(60.0, ge=0, le=10_000)
    """Loaded cost of an in-house paid hour (a marketer's salary and overheads, about
    120,000 a year over 2,000 hours)."""
    agency_fee_per_hour: float = Field(120.0, ge=0, le=10_000)
    """Fee per hour of an agency's people (blended agency rates run 100-200 an hour)."""
    recruiting_cost: float = Field(5000.0, ge=0, le=1_000_000)
    """One-off cost of filling a position (advertising, recruiters, interviews)."""

    # Warm-up (Economics E1)
    warmup_weeks: int = Field(12, ge=0, le=104)
    """Weeks played under the starting org before week 0, never recorded or shown."""
    warmup_engagement_rate: float = Field(0.3, ge=0, le=1)
    """Share of the gap to target engagement closing each warm-up week (settles it fast)."""

    # Work
    chunk_hours: float = Field(4.0, gt=0, le=40)
    """Longest stretch a worker works before choosing again."""
    productivity_base: float = Field(0.82, ge=0, le=2)
    """Speed at zero engagement."""
    productivity_slope: float = Field(0.32, ge=0, le=2)
    """Extra speed per unit of engagement (0.75 against 0.25: +18%, within the +12% to
    +25% of engaged against disengaged units in Gallup's meta-analysis)."""
    overhead_per_member: float = Field(0.01, ge=0, le=0.2)
    """Coordination overhead per team member beyond the first."""
    overhead_knee: int = Field(8, ge=1, le=1000)
    """Team size past which coordination overhead grows faster than linearly."""
    overhead_superlinear: float = Field(0.002, ge=0, le=0.1)
    """Overhead per squared member past the knee (paths grow as n(n-1)/2)."""
    overhead_per_craft: float = Field(0.015, ge=0, le=0.2)
    """Coordination overhead per craft (skill) a team covers beyond the first: a squad of
    four crafts spends 4.5% of its time on explaining work, tools and deadlines across
    disciplines that a one-craft team shares without saying."""
    overhead_cap: float = Field(0.6, ge=0, le=0.9)
    """Largest coordination overhead share of a team (keeps the share below 1)."""
    lone_specialist_loss: float = Field(0.4, ge=0, le=1)
    """Speed lost by someone a reorg left with no peer of their skill to learn from (the
    only one in a new team, and no guild of it): craft standards and reviews suffer (why
    squads keep chapters and guilds)."""
    lone_drift_weeks: float = Field(8.0, gt=0, le=104)
    """Weeks over which a lone specialist's loss grows to the full: right after a re-cut
    they still draw on their old channel team; their practice drifts as the ties fade."""
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
    chat_cost_hours: float = Field(2.0, ge=0, le=40)
    """Weekly hours a chat link costs each member, per linked team (reading, replying,
    the interruptions of a busy channel: two or three a day from one other team's
    threads, at about 23 minutes each to get back to work, Mark et al. 2008)."""
    chat_crowd: float = Field(8.0, gt=0, le=10_000)
    """Members up to which a shared channel gets a fact through at chat_p; past it the
    chance falls as the square root of crowd / members (a busy channel scrolls past what
    matters to you)."""
    chat_agenda_p: float = Field(0.3, ge=0, le=1)
    """Chance that a team's plans or new assets are posted in a shared chat at all: chat
    carries handoffs and changes; plans scroll past."""
    meeting_p: float = Field(0.95, gt=0, le=1)
    """Chance that a fact comes up at a meeting of the linked teams."""
    meeting_hours: float = Field(1.0, gt=0, le=40)
    """Default length of a meeting."""
    meeting_switch_hours: float = Field(0.4, ge=0, le=8)
    """Focus lost around each meeting attended, booked as coordination (it takes about 23
    minutes to get back to a task after an interruption, Mark et al., 2008)."""
    meeting_agenda_p: float = Field(0.3, ge=0, le=1)
    """Chance that a team's plans or new assets come up at a cross-team meeting at all:
    the hour goes to handoffs and changes of course first."""
    meeting_crowd: float = Field(6.0, gt=0, le=10_000)
    """Attendees up to which a meeting gets a fact through at meeting_p; past it the chance
    falls as the square root of crowd / attendees (nobody speaks up in an all-hands)."""
    relay_p: float = Field(0.8, gt=0, le=1)
    """Share of what a meeting of some of the teams' people (its attendees, such as leads)
    hears that they pass on to their teams."""
    relay_delay: float = Field(8.0, ge=0, le=10_000)
    """Mean delay (h) before an attendee passes on what they heard: a working day."""
    liaison_delay: float = Field(2.0, gt=0, le=10_000)
    """Mean delay of news carried by a liaison."""
    liaison_p: float = Field(0.9, gt=0, le=1)
    """Chance that a liaison carries a fact."""
    liaison_hours_per_team: float = Field(7.0, ge=0, le=40)
    """Weekly hours the role takes per team the liaison links (its planning and stand-ups,
    its channel and documents, follow-ups with its lead): 14 h for two teams, all of a
    week from six."""
    liaison_hours_per_fact: float = Field(2.0, gt=0, le=40)
    """A liaison's hours to carry one handoff or change (understand, pass on, follow up):
    their role's hours over this is what they can carry a week; past it facts queue."""
    liaison_span: float = Field(2.0, gt=0, le=1000)
    """Teams a liaison can follow closely; past it each fact gets through less often
    (as the square of span / teams: they lose track of who needs what)."""
    guild_p: float = Field(0.9, gt=0, le=1)
    """Chance that a fact comes up at a guild meeting."""
    guild_hours: float = Field(1.0, ge=0, le=40)
    """Weekly hours of a guild meeting for each member of its skill."""
    calendar_adoption: float = Field(0.8, ge=0, le=1)
    """Chance that a plan or asset fact is entered in the shared calendar."""
    knowledge_base_adoption: float = Field(0.6, ge=0, le=1)
    """Chance that a finished asset is filed in the knowledge base."""
    tool_adoption_weeks: float = Field(8.0, gt=0, le=104)
    """Weeks for a new tool to reach full adoption (it climbs linearly from a quarter)."""
    tool_upkeep_hours: float = Field(0.75, ge=0, le=40)
    """Weekly hours each person spends keeping a tool up to date (entering plans, filing)."""
    tool_cost_per_seat: float = Field(10.0, ge=0, le=10_000)
    """Weekly licence cost of a tool per worker (about 40 a seat a month: work-management
    and marketing-calendar tools' business tiers)."""
    shared_goal_threshold: float = Field(0.5, ge=0, le=1)
    """Shared weight from which a team counts as on shared goals (and shares openly)."""
    openness_shared: float = Field(1.0, gt=0, le=1)
    """Openness of a team whose shared_weight is 1 (it rises linearly from openness_local)."""
    openness_local: float = Field(0.6, gt=0, le=1)
    """Openness of a team on purely local goals (shared_weight 0): reluctance to share is
    what makes a silo. Above 0: a team that shares nothing at all would leave every
    handoff from it unknown forever, and its campaigns would never go live."""
    alignment_hours: float = Field(3.0, ge=0, le=40)
    """Weekly hours of planning and negotiating per person at shared_weight 1 (they grow
    as the square of the weight: shared goals have to be agreed)."""
    channel_focus_loss: float = Field(0.15, ge=0, le=1)
    """Share of routine and own-initiative value lost at shared_weight 1 (as the square of
    the weight): each channel's own work and KPIs get less attention."""
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
    message_changes_per_campaign: float = Field(1.0, ge=0, le=20)
    """Mean random message changes per campaign (Poisson): about one before launch
    (stakeholder feedback, legal, a product change)."""
    message_change_window: float = Field(1.0, gt=0, le=1)
    """Share of the due window in which random message changes happen (up to launch:
    late changes are the ones that reach some teams too late)."""
    rework_fraction: float = Field(0.5, ge=0, le=2)
    """Share of the effort a stale output costs to redo."""
    live_fix_p: float = Field(0.5, ge=0, le=1)
    """Chance that an output which went live on the old message is spotted live (by the
    campaign's owner, a manager or a customer) and its team fixes it: rework that no
    longer saves the launch's consistency."""
    review_catch: float = Field(0.3, ge=0, le=1)
    """Chance that go-live review catches a stale output."""
    review_catch_linked: float = Field(0.7, ge=0, le=1)
    """Review catch rate when the campaign's teams share a meeting or a liaison."""
    late_factor: float = Field(0.5, ge=0, le=1)
    """Share of its value a late campaign keeps."""

    # People
    engagement_rate: float = Field(0.1, ge=0, le=1)
    """Share of the gap to its target engagement closes each week."""
    baseline_engagement: float = Field(0.75, ge=0, le=1)
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
    overload_cap: float = Field(0.25, ge=0, le=10)
    """Most load above the threshold that counts (a long queue is not an endless weight)."""
    meeting_weight: float = Field(20.0, ge=0, le=100)
    """Engagement target lost per squared share of the week in meetings (1 h a week costs
    0.0125, a daily hour 0.31: fatigue grows with every hour)."""
    ownership_blur_from: float = Field(0.6, ge=0, le=1)
    """Shared weight past which nobody owns a channel's results."""
    ownership_blur_weight: float = Field(1.2, ge=0, le=10)
    """Engagement target lost per squared shared weight past ownership_blur_from."""
    waiting_weight: float = Field(0.5, ge=0, le=10)
    """Engagement target lost per unit of the week spent waiting for information."""
    isolated_weight: float = Field(0.08, ge=0, le=10)
    """Engagement target lost by a lone specialist (the only one of their skill in a team
    a reorg made, with no guild of it): nobody to talk shop with."""
    excluded_weight: float = Field(0.3, ge=0, le=10)
    """Engagement target lost by people of an agency left out of planning."""
    celebrate_per_win: float = Field(0.02, ge=0, le=1)
    """Lift of the engagement target per win celebrated."""
    celebrate_cap: float = Field(0.12, ge=0, le=1)
    """Most lift one celebration adds."""
    celebrate_decay: float = Field(0.75, ge=0, le=1)
    """Share of the lift left a week later (a celebration wears off)."""
    celebrate_recovery_weeks: float = Field(6.0, gt=0, le=52)
    """Habituation: a celebration k weeks after the last lifts by 1 - exp(-k / this)."""
    celebrate_hollow: float = Field(0.03, ge=0, le=1)
    """Target lost by celebrating with no win since the last celebration."""
    celebrate_hours: float = Field(2.0, ge=0, le=8)
    """Hours of everyone's time a celebration takes (counted as meeting time)."""
    celebrate_spend: float = Field(25.0, ge=0, le=10_000)
    """Spend per person present on a celebration (a team lunch, or food and drinks after
    work: about 20-30 a head), booked with the one-off costs."""
    reorg_shock: float = Field(0.05, ge=0, le=1)
    """Engagement lost by the people of teams a reorg touches."""
    quit_base: float = Field(0.0006, ge=0, le=1)
    """Weekly quit probability of a fully engaged worker (about 3% a year)."""
    quit_slope: float = Field(3.0, ge=0, le=20)
    """How steeply quitting rises with disengagement: the weekly chance is
    quit_base * exp(quit_slope * (1 - engagement))."""
    attrition: bool = True
    """Whether people quit at all (switch off to isolate other effects)."""
    hire_delay_weeks: int = Field(4, ge=0, le=52)
    """Weeks from a vacancy or a hire to the new person starting."""
    hire_ramp: float = Field(0.5, ge=0, le=1)
    """Productivity of a new hire on day one."""
    ramp_weeks: float = Field(6.0, gt=0, le=52)
    """Weeks for a new or moved person to reach full productivity."""
    moved_ramp: float = Field(0.85, ge=0, le=1)
    """Productivity of a moved person right after the move."""
    handover_hours: float = Field(16.0, ge=0, le=400)
    """Coordination hours a moved person owes, spread over handover_weeks."""
    handover_weeks: float = Field(4.0, gt=0, le=52)
    """Weeks over which a move's handover is paid."""
    forming_weeks: float = Field(16.0, ge=0, le=104)
    """Weeks for a new team's people to learn to work together: handoffs inside it
    start slow and speed up linearly over these weeks."""
    forming_delay: float = Field(40.0, ge=0, le=1000)
    """Mean delay (h) of a handoff inside a team on its first day."""
    big_team_delay: float = Field(8.0, ge=0, le=1000)
    """Mean delay (h) of a handoff inside a team per overhead_knee people past the knee:
    a big team has a hallway of its own."""
    mentor_hours: float = Field(3.0, ge=0, le=40)
    """Weekly hours a teammate spends mentoring each new hire while they ramp up."""
    layoff_shock: float = Field(0.05, ge=0, le=1)
    """Engagement lost by the people of a team when one of them is let go."""
    handover_loss: float = Field(0.5, ge=0, le=1)
    """Share of its progress an in-progress task loses when it changes team."""

    # Seats (a game played one team per player)
    seat_report_weeks: int = Field(4, ge=0, le=52)
    """Weeks between the org-wide reports a seat sees (a monthly report by default;
    0: a seat never sees org-wide figures, only its own team's)."""
    seat_message_hours: float = Field(0.5, ge=0, le=40)
    """Hours one of the sender's people spends on a message to another seat (writing it
    and following up), booked as coordination."""


DEFAULTS = Params()
