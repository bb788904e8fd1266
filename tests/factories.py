"""Small builders for test data; each flushes and returns the object, the caller commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from referrals.auth.services import create_user
from referrals.clock import utc_today
from referrals.groups.services import add_member, create_group
from referrals.models import Group, Person, Relationship, User
from referrals.people.services import create_person
from referrals.relationships.services import create_relationship

EMAIL = "rep@example.com"
PASSWORD = "correct horse battery"


def make_user(
    session: Session, email: str = EMAIL, team: str = "Acme Sales", name: str | None = None
) -> User:
    return create_user(session, email, PASSWORD, team_name=team, name=name, fast_hash=True)


def make_person(
    session: Session, team_id: int, name: str = "Dana Whitfield", **fields: Any
) -> Person:
    return create_person(session, team_id, {"name": name, **fields})


def make_relationship(
    session: Session,
    a: Person,
    b: Person,
    kind: str = "colleague",
    rating: int = 3,
    last_interaction: date | None = None,
    recorded_by_id: int | None = None,
) -> Relationship:
    return create_relationship(
        session,
        a.team_id,
        {"person_a": a.id, "person_b": b.id, "kind": kind, "rating": rating,
         "last_interaction": last_interaction},
        recorded_by_id=recorded_by_id,
        today=utc_today(),
    )


def make_group(session: Session, team_id: int, name: str = "Ohio Manufacturers Association",
               kind: str = "association", members: list[Person] = ()) -> Group:
    group = create_group(session, team_id, {"name": name, "kind": kind})
    for person in members:
        add_member(session, group, person.id)
    return group
