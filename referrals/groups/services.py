"""Groups (associations, events, companies) and their members. Services never commit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.errors import Conflict, NotFound, ValidationFailed
from referrals.models import Group, GroupMembership, Person
from referrals.people.services import people_query
from referrals.rows import get_team_row
from referrals.vocab import GROUP_KINDS

GROUP_FIELDS = ("name", "kind", "notes")


def groups_query(team_id: int, *, kind: str | None = None, q: str | None = None) -> Select:
    stmt = select(Group).where(Group.team_id == team_id)
    if kind:
        if kind not in GROUP_KINDS:
            raise ValidationFailed(
                "Unknown kind.", {"kind": [f"Choose one of: {', '.join(GROUP_KINDS)}."]}
            )
        stmt = stmt.where(Group.kind == kind)
    if q:
        stmt = stmt.where(contains(Group.name, q))
    return stmt


def member_counts(session: Session, group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    rows = session.execute(
        select(GroupMembership.group_id, func.count())
        .where(GroupMembership.group_id.in_(group_ids))
        .group_by(GroupMembership.group_id)
    )
    return {gid: count for gid, count in rows}


def get_group(session: Session, team_id: int, group_id: int) -> Group:
    return get_team_row(session, Group, team_id, group_id, "No such group.")


def _validate(data: Mapping[str, Any]) -> None:
    fields: dict[str, list[str]] = {}
    if "name" in data and not (data["name"] or "").strip():
        fields["name"] = ["This field is required."]
    if "kind" in data and data["kind"] not in GROUP_KINDS:
        fields["kind"] = [f"Choose one of: {', '.join(GROUP_KINDS)}."]
    if fields:
        raise ValidationFailed("Invalid group.", fields)


def _check_unique(session: Session, group: Group) -> None:
    stmt = select(Group.id).where(
        Group.team_id == group.team_id, Group.name == group.name, Group.kind == group.kind
    )
    if group.id is not None:
        stmt = stmt.where(Group.id != group.id)
    if session.scalar(stmt) is not None:
        raise Conflict(
            "A group with that name and kind exists.",
            {"name": ["A group of this kind already has this name."]},
        )


def _apply(group: Group, data: Mapping[str, Any]) -> None:
    for field in GROUP_FIELDS:
        if field in data:
            value = data[field]
            setattr(group, field, (value or "").strip() if field == "name" else (value or ""))


def create_group(session: Session, team_id: int, data: Mapping[str, Any]) -> Group:
    _validate({"name": "", "kind": None, **data})
    group = Group(team_id=team_id, notes="")
    _apply(group, data)
    _check_unique(session, group)
    session.add(group)
    session.flush()
    return group


def update_group(session: Session, group: Group, changes: Mapping[str, Any]) -> Group:
    _validate(changes)
    _apply(group, changes)
    _check_unique(session, group)
    session.flush()
    return group


def delete_group(session: Session, group: Group) -> None:
    session.delete(group)
    session.flush()


def members_query(group: Group) -> Select:
    return (
        select(Person)
        .join(GroupMembership, GroupMembership.person_id == Person.id)
        .where(GroupMembership.group_id == group.id)
        .order_by(Person.name, Person.id)
    )


def add_member(session: Session, group: Group, person_id: Any) -> GroupMembership:
    person = session.get(Person, person_id) if isinstance(person_id, int) else None
    if person is None or person.team_id != group.team_id:
        raise ValidationFailed("Unknown person.", {"person_id": ["No such person in your team."]})
    if session.get(GroupMembership, (group.id, person.id)) is not None:
        raise Conflict(
            "Already a member.",
            {"person_id": [f"{person.name} is already a member of {group.name}."]},
        )
    membership = GroupMembership(group_id=group.id, person_id=person.id, team_id=group.team_id)
    session.add(membership)
    session.flush()
    return membership


def remove_member(session: Session, group: Group, person_id: int) -> None:
    membership = session.get(GroupMembership, (group.id, person_id))
    if membership is None:
        raise NotFound("That person is not a member of this group.")
    session.delete(membership)
    session.flush()


def non_members_query(group: Group, *, q: str | None = None) -> Select:
    """People of the group's team, matching `q` like the people list, who are not members yet."""
    members = select(GroupMembership.person_id).where(GroupMembership.group_id == group.id)
    return people_query(group.team_id, q=q).where(Person.id.not_in(members))
