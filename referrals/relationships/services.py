"""Relationships between two people of a team. Services take the session and never commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from referrals.errors import Conflict, ValidationFailed
from referrals.graph.tie import tie_strength
from referrals.models import Person, Relationship, Team
from referrals.people.services import StaleVersion, claim_version
from referrals.rows import get_team_row
from referrals.settings import tie_params
from referrals.vocab import RELATIONSHIP_KINDS

EDITABLE_FIELDS = ("kind", "rating", "last_interaction", "notes")


def relationships_query(team_id: int, *, person_id: int | None = None) -> Select:
    stmt = select(Relationship).where(Relationship.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where(
            or_(Relationship.person_a_id == person_id, Relationship.person_b_id == person_id)
        )
    return stmt


def get_relationship(session: Session, team_id: int, relationship_id: int) -> Relationship:
    return get_team_row(session, Relationship, team_id, relationship_id, "No such relationship.")


def strength_of(rel: Relationship, team: Team, *, today: date) -> float:
    """The model's tie strength in (0, 1] for this relationship, under the team's settings."""
    return tie_strength(
        rel.kind, rel.rating, rel.last_interaction, today=today, params=tie_params(team)
    )


def _person_of_team(session: Session, team_id: int, person_id: Any, field: str) -> Person:
    person = session.get(Person, person_id) if isinstance(person_id, int) else None
    if person is None or person.team_id != team_id:
        raise ValidationFailed("Unknown person.", {field: ["No such person in your team."]})
    return person


def _validate(data: Mapping[str, Any], today: date) -> None:
    fields: dict[str, list[str]] = {}
    if "kind" in data and data["kind"] not in RELATIONSHIP_KINDS:
        fields["kind"] = [f"Choose one of: {', '.join(RELATIONSHIP_KINDS)}."]
    if "rating" in data and not (isinstance(data["rating"], int) and 1 <= data["rating"] <= 5):
        fields["rating"] = ["Rate the tie from 1 (barely know) to 5 (close)."]
    if data.get("last_interaction") and data["last_interaction"] > today:
        fields["last_interaction"] = ["The last interaction can't be in the future."]
    if fields:
        raise ValidationFailed("Invalid relationship.", fields)


def _check_unique(session: Session, rel: Relationship) -> None:
    stmt = select(Relationship.id).where(
        Relationship.pair_low == rel.pair_low,
        Relationship.pair_high == rel.pair_high,
        Relationship.kind == rel.kind,
    )
    if rel.id is not None:
        stmt = stmt.where(Relationship.id != rel.id)
    if session.scalar(stmt) is not None:
        raise Conflict(
            "These two people already have a relationship of that kind.",
            {"kind": ["These two people already have a relationship of this kind; edit that one."]},
        )


def _set_people(session: Session, rel: Relationship, team_id: int, a_id: Any, b_id: Any) -> None:
    a = _person_of_team(session, team_id, a_id, "person_a")
    b = _person_of_team(session, team_id, b_id, "person_b")
    if a.id == b.id:
        raise ValidationFailed(
            "A relationship needs two different people.",
            {"person_b": ["Choose someone other than the first person."]},
        )
    rel.set_people(a.id, b.id)


def create_relationship(
    session: Session, team_id: int, data: Mapping[str, Any], *, recorded_by_id: int | None,
    today: date,
) -> Relationship:
    """Record a tie; `today` is the rep's, so a last interaction today is never "future"."""
    _validate({"rating": 3, **data}, today)
    rel = Relationship(team_id=team_id, recorded_by_id=recorded_by_id, notes="", rating=3)
    _set_people(session, rel, team_id, data.get("person_a"), data.get("person_b"))
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(rel, field, data[field] if field != "notes" else (data[field] or ""))
    _check_unique(session, rel)
    session.add(rel)
    session.flush()
    return rel


def update_relationship(
    session: Session, rel: Relationship, changes: Mapping[str, Any], *,
    expected_version: int | None = None, today: date,
) -> Relationship:
    """Apply `changes` and bump the version; StaleVersion when the tie is no longer at
    `expected_version` (None: no check)."""
    if expected_version is not None and expected_version != rel.version:
        raise StaleVersion("Someone else changed this relationship since you loaded it.")
    _validate(changes, today)
    moved = any(key in changes and changes[key] != getattr(rel, f"{key}_id")
                for key in ("person_a", "person_b"))
    if moved or changed_fields(rel, changes):  # a save that changes nothing is no edit
        claim_version(session, rel, expected_version)
    if "person_a" in changes or "person_b" in changes:
        _set_people(
            session, rel, rel.team_id,
            changes.get("person_a", rel.person_a_id), changes.get("person_b", rel.person_b_id),
        )
    for field in EDITABLE_FIELDS:
        if field in changes:
            setattr(rel, field, changes[field] if field != "notes" else (changes[field] or ""))
    _check_unique(session, rel)
    session.flush()
    return rel


def changed_fields(rel: Relationship, data: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """`(field, submitted, saved)` for each editable field of `data` that differs from the
    tie's saved value (see people.services.changed_fields)."""
    return [(field, data[field], getattr(rel, field)) for field in EDITABLE_FIELDS
            if field in data and (data[field] if field != "notes" else data[field] or "")
            != getattr(rel, field)]


def delete_relationship(
    session: Session, rel: Relationship, *, expected_version: int | None = None
) -> None:
    if expected_version is not None:
        claim_version(session, rel, expected_version)
    session.delete(rel)
    session.flush()
