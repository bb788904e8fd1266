"""Groups (associations, events, companies) of the caller's team and their members."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import team_id
from referrals.api.pagination import page
from referrals.api.responses import created, no_content, to_json
from referrals.api.schemas import groups as schemas
from referrals.api.schemas.common import ListQuery
from referrals.api.schemas.people import PersonList
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.groups import services
from referrals.models import Group, Person


def _fields(group: Group, member_count: int) -> dict[str, Any]:
    return {
        "id": group.id, "name": group.name, "kind": group.kind, "notes": group.notes,
        "member_count": member_count, "created_at": group.created_at,
        "updated_at": group.updated_at,
    }


def group_json(group: Group) -> dict[str, Any]:
    count = services.member_counts(db.session, [group.id]).get(group.id, 0)
    return to_json(schemas.Group, _fields(group, count))


@bp.get("/groups")
def list_groups() -> dict[str, Any]:
    query = parse_query(schemas.GroupsQuery)
    stmt = services.groups_query(team_id(), kind=query.kind, q=query.q)
    items, next_url = page(stmt, Group.id, query)
    counts = services.member_counts(db.session, [group.id for group in items])
    return to_json(schemas.GroupList, {
        "items": [_fields(group, counts.get(group.id, 0)) for group in items], "next": next_url,
    })


@bp.post("/groups")
def create_group() -> ResponseReturnValue:
    data = parse_body(schemas.GroupCreate).model_dump()
    with unit_of_work(db.session):
        group = services.create_group(db.session, team_id(), data)
    return created(group_json(group), url_for(".get_group", group_id=group.id, _external=True))


@bp.get("/groups/<int:group_id>")
def get_group(group_id: int) -> dict[str, Any]:
    return group_json(lookups.group(group_id))


@bp.patch("/groups/<int:group_id>")
def update_group(group_id: int) -> dict[str, Any]:
    group = lookups.group(group_id)
    changes = parse_body(schemas.GroupUpdate).model_dump(exclude_unset=True)
    with unit_of_work(db.session):
        services.update_group(db.session, group, changes)
    return group_json(group)


@bp.delete("/groups/<int:group_id>")
def delete_group(group_id: int) -> ResponseReturnValue:
    services.delete_group(db.session, lookups.group(group_id))
    db.session.commit()
    return no_content()


@bp.get("/groups/<int:group_id>/members")
def list_members(group_id: int) -> dict[str, Any]:
    group = lookups.group(group_id)
    query = parse_query(ListQuery)
    items, next_url = page(services.members_query(group), Person.id, query)
    return to_json(PersonList, {"items": items, "next": next_url})


@bp.post("/groups/<int:group_id>/members")
def add_member(group_id: int) -> ResponseReturnValue:
    group = lookups.group(group_id)
    person_id = parse_body(schemas.MemberAdd).person_id
    with unit_of_work(db.session):
        membership = services.add_member(db.session, group, person_id)
    location = url_for(".get_member", group_id=group.id, person_id=person_id, _external=True)
    return created(to_json(schemas.Membership, membership), location)


@bp.get("/groups/<int:group_id>/members/<int:person_id>")
def get_member(group_id: int, person_id: int) -> dict[str, Any]:
    return to_json(schemas.Membership, lookups.membership(lookups.group(group_id), person_id))


@bp.delete("/groups/<int:group_id>/members/<int:person_id>")
def remove_member(group_id: int, person_id: int) -> ResponseReturnValue:
    group = lookups.group(group_id)
    services.remove_member(db.session, group, lookups.membership(group, person_id).person_id)
    db.session.commit()
    return no_content()
