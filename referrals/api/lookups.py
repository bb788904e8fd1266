"""Objects named by an id in the URL, of the caller's team only.

An id of another team, one that does not exist and one no row could have (past the integer
range) all raise the same `NotFound`, so the answer never tells them apart.
"""

from __future__ import annotations

from referrals.advocates import calls, followups
from referrals.api.auth import team_id
from referrals.base import MAX_ID
from referrals.errors import NotFound
from referrals.extensions import db
from referrals.groups import services as groups
from referrals.models import (
    AdvocateCall,
    Followup,
    Group,
    GroupMembership,
    Person,
    Relationship,
    Touch,
    ValueItem,
)
from referrals.outreach import library, touches
from referrals.people import services as people
from referrals.relationships import services as relationships

NO_ROW = 0  # ids start at 1: looking up 0 gives the services' own "not found"


def _id(value: int) -> int:
    return value if 1 <= value <= MAX_ID else NO_ROW


def person(person_id: int) -> Person:
    return people.get_person(db.session, team_id(), _id(person_id))


def relationship(relationship_id: int) -> Relationship:
    return relationships.get_relationship(db.session, team_id(), _id(relationship_id))


def group(group_id: int) -> Group:
    return groups.get_group(db.session, team_id(), _id(group_id))


def membership(group_: Group, person_id: int) -> GroupMembership:
    found = db.session.get(GroupMembership, (group_.id, _id(person_id)))
    if found is None:
        raise NotFound("That person is not a member of this group.")
    return found


def followup(followup_id: int) -> Followup:
    return followups.get_followup(db.session, team_id(), _id(followup_id))


def advocate_call(call_id: int) -> AdvocateCall:
    return calls.get_advocate_call(db.session, team_id(), _id(call_id))


def touch(touch_id: int) -> Touch:
    return touches.get_touch(db.session, team_id(), _id(touch_id))


def value_item(item_id: int) -> ValueItem:
    return library.get_value_item(db.session, team_id(), _id(item_id))
