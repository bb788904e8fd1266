"""Relationships (ties) between two people of the caller's team, with their tie strength."""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.preconditions import expected_version, with_etag
from referrals.api.responses import created, no_content, to_json
from referrals.api.schemas import relationships as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.clock import today_for
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import Relationship, Team
from referrals.relationships import services


def relationship_json(rel: Relationship, team: Team) -> dict[str, Any]:
    return to_json(schemas.Relationship, _fields(rel, team))


def _fields(rel: Relationship, team: Team) -> dict[str, Any]:
    return {
        "id": rel.id,
        "person_a": rel.person_a_id,
        "person_b": rel.person_b_id,
        "kind": rel.kind,
        "rating": rel.rating,
        "last_interaction": rel.last_interaction,
        "notes": rel.notes,
        "tie_strength": services.strength_of(rel, team, today=today_for(current_user())),
        "recorded_by": rel.recorded_by_id,
        "created_at": rel.created_at,
        "updated_at": rel.updated_at,
    }


@bp.get("/relationships")
def list_relationships() -> dict[str, Any]:
    query = parse_query(schemas.RelationshipsQuery)
    stmt = services.relationships_query(team_id(), person_id=query.person_id)
    items, next_url = page(stmt, Relationship.id, query)
    team = current_user().team
    return to_json(schemas.RelationshipList,
                   {"items": [_fields(rel, team) for rel in items], "next": next_url})


@bp.post("/relationships")
def create_relationship() -> ResponseReturnValue:
    data = parse_body(schemas.RelationshipCreate).model_dump()
    with unit_of_work(db.session):
        user = current_user()
        rel = services.create_relationship(
            db.session, team_id(), data, recorded_by_id=user.id, today=today_for(user))
    location = url_for(".get_relationship", relationship_id=rel.id, _external=True)
    return with_etag(created(relationship_json(rel, current_user().team), location), rel)


def _relationship_answer(rel: Relationship) -> ResponseReturnValue:
    return with_etag(jsonify(relationship_json(rel, current_user().team)), rel)


@bp.get("/relationships/<int:relationship_id>")
def get_relationship(relationship_id: int) -> ResponseReturnValue:
    return _relationship_answer(lookups.relationship(relationship_id))


@bp.patch("/relationships/<int:relationship_id>")
def update_relationship(relationship_id: int) -> ResponseReturnValue:
    rel = lookups.relationship(relationship_id)
    expected = expected_version(rel)
    changes = parse_body(schemas.RelationshipUpdate).model_dump(exclude_unset=True)
    with unit_of_work(db.session):
        services.update_relationship(db.session, rel, changes, expected_version=expected,
                                     today=today_for(current_user()))
    return _relationship_answer(rel)


@bp.delete("/relationships/<int:relationship_id>")
def delete_relationship(relationship_id: int) -> ResponseReturnValue:
    rel = lookups.relationship(relationship_id)
    services.delete_relationship(db.session, rel, expected_version=expected_version(rel))
    db.session.commit()
    return no_content()
