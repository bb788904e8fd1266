"""Typed SQLAlchemy models; every row belongs to a team."""

from referrals.base import Base
from referrals.models.network import Group, GroupMembership, Person, Relationship
from referrals.models.outreach import (
    OpenerTemplate,
    SavedOpener,
    StallReview,
    Touch,
    ValueItem,
    VoicemailScript,
)
from referrals.models.requests import IdempotencyKey, ImportUpload
from referrals.models.team import ApiToken, Team, User
from referrals.vocab import (
    GROUP_KINDS,
    ISSUES,
    RELATIONSHIP_KINDS,
    ROLES,
    STALL_CAUSES,
    TOUCH_CHANNELS,
    TOUCH_OUTCOMES,
    VALUE_KINDS,
)

__all__ = [
    "GROUP_KINDS",
    "RELATIONSHIP_KINDS",
    "ROLES",
    "ApiToken",
    "Base",
    "Group",
    "IdempotencyKey",
    "ImportUpload",
    "GroupMembership",
    "Person",
    "Relationship",
    "TOUCH_CHANNELS",
    "TOUCH_OUTCOMES",
    "Team",
    "Touch",
    "User",
    "ISSUES", "STALL_CAUSES", "VALUE_KINDS", "OpenerTemplate", "SavedOpener", "StallReview",
    "ValueItem", "VoicemailScript",
]

from referrals.models.changes import GraphChange, bump_graph_version  # noqa: E402

__all__ += ["GraphChange", "bump_graph_version"]

from referrals.models.advocacy import (
    AdvocateCall,
    CalendarFeed,
    Followup,
    FollowupEvent,
    IntroductionRequest,
    IntroductionStatusChange,
    ReferenceAsk,
)
from referrals.vocab import (
    COMPANY_SIZES,
    FOLLOWUP_KINDS,
    INTRO_REPLIES,
    INTRO_STATUSES,
    PROSPECT_OUTCOMES,
)

__all__ += [
    "COMPANY_SIZES", "FOLLOWUP_KINDS", "INTRO_REPLIES", "INTRO_STATUSES", "PROSPECT_OUTCOMES",
    "AdvocateCall", "CalendarFeed", "Followup", "FollowupEvent", "IntroductionRequest",
    "IntroductionStatusChange", "ReferenceAsk",
]

from referrals.models.sessions import LoginThrottle, UserSession  # noqa: E402

__all__ += ["LoginThrottle", "UserSession"]
