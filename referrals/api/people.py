"""People of the caller's team: list, create, read, update, delete, roles in bulk."""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import team_id
from referrals.api.pagination import page
from referrals.api.preconditions import expected_version, with_etag
from referrals.api.responses import created, no_content, to_json
from referrals.api.schemas import people as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import Person
from referrals.people import services


def _location(person: Person) -> str:
    return url_for(".get_person", person_id=person.id, _external=True)


@bp.get("/people")
def list_people() -> dict[str, Any]:
    query = parse_query(schemas.PeopleQuery)
    stmt = services.people_query(team_id(), q=query.q, role=query.role)
    items, next_url = page(stmt, Person.id, query)
    return to_json(schemas.PersonList, {"items": items, "next": next_url})


@bp.post("/people")
def create_person() -> ResponseReturnValue:
    data = parse_body(schemas.PersonCreate).model_dump()
    with unit_of_work(db.session):
        person = services.create_person(db.session, team_id(), data)
    return with_etag(created(to_json(schemas.Person, person), _location(person)), person)


def _person_answer(person: Person) -> ResponseReturnValue:
    return with_etag(jsonify(to_json(schemas.Person, person)), person)


@bp.get("/people/<int:person_id>")
def get_person(person_id: int) -> ResponseReturnValue:
    return _person_answer(lookups.person(person_id))


@bp.patch("/people/<int:person_id>")
def update_person(person_id: int) -> ResponseReturnValue:
    person = lookups.person(person_id)
    expected = expected_version(person)
    changes = parse_body(schemas.PersonUpdate).model_dump(exclude_unset=True)
    with unit_of_work(db.session):
        services.update_person(db.session, person, changes, expected_version=expected)
    return _person_answer(person)


@bp.delete("/people/<int:person_id>")
def delete_person(person_id: int) -> ResponseReturnValue:
    person = lookups.person(person_id)
    services.delete_person(db.session, person, expected_version=expected_version(person))
    db.session.commit()
    return no_content()


@bp.post("/people/roles")
def change_roles() -> dict[str, Any]:
    body = parse_body(schemas.RolesChange)
    with unit_of_work(db.session):
        changed = services.change_roles(db.session, team_id(), body.person_ids, body.role,
                                        add=body.action == "add")
    changed_ids = {person.id for person in changed}
    return to_json(schemas.RolesChanged, {
        "changed": sorted(changed_ids),
        "unchanged": sorted(set(body.person_ids) - changed_ids)})
