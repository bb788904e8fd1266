"""Typed SQLAlchemy models; every row belongs to a team. Their vocabularies live in
`referrals.vocab`."""

from referrals.base import Base
from referrals.models.advocacy import (
    AdvocateCall,
    CalendarFeed,
    Followup,
    FollowupEvent,
    IntroductionRequest,
    IntroductionStatusChange,
    ReferenceAsk,
)
from referrals.models.changes import GraphChange, bump_graph_version
from referrals.models.network import Group, GroupMembership, Person, PersonNote, Relationship
from referrals.models.outreach import (
    OpenerTemplate,
    SavedOpener,
    StallReview,
    Touch,
    ValueItem,
    VoicemailScript,
)
from referrals.models.requests import IdempotencyKey, ImportUpload
from referrals.models.sessions import LoginThrottle, UserSession
from referrals.models.team import ApiToken, Team, User

__all__ = [
    "AdvocateCall", "ApiToken", "Base", "CalendarFeed", "Followup", "FollowupEvent",
    "GraphChange", "Group", "GroupMembership", "IdempotencyKey", "ImportUpload",
    "IntroductionRequest", "IntroductionStatusChange", "LoginThrottle", "OpenerTemplate",
    "Person", "PersonNote", "ReferenceAsk", "Relationship", "SavedOpener", "StallReview",
    "Team", "Touch", "User", "UserSession", "ValueItem", "VoicemailScript", "bump_graph_version",
]
