"""People of a team: queries and changes. Services take the session and never commit."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from referrals.errors import Conflict, DomainError, NotFound, ValidationFailed
from referrals.models import Group, GroupMembership, Person, PersonNote, Relationship, User
from referrals.people.search import clean_query, matches
from referrals.rows import get_team_row
from referrals.vocab import COMPANY_SIZES, ISSUES, ROLES

PERSON_FIELDS = (
    "name", "company", "title", "email", "phone", "timezone",
    "roles", "do_not_contact", "deal_value", "notes",
    "industry", "company_size", "region",  # like recommends like: references match on these
    "pressing_issues",  # what value to offer them
    "keep_in_touch_days",  # None: the team's default for the person's roles
    "profile_url",  # an http(s) address: the form, the API and the import check it
)


class StaleVersion(DomainError):
    """An edit made against a version of a row that has changed since (optimistic
    concurrency): nothing is written. The API answers 412; the edit page shows what changed."""

    status = 412


def claim_version(session: Session, row: Person | Relationship, expected: int | None) -> None:
    """Bump `row.version` for an edit, refusing it when the row is no longer at `expected`.

    One conditional UPDATE does both the check and the bump, so two edits racing from the
    same version cannot both pass: the second waits for the first's row lock (PostgreSQL) or
    write lock (SQLite) and then matches no row. `expected=None` (no If-Match, a form
    without its version) skips the check but still bumps. Call it before any other write
    of the edit; the caller rolls back on StaleVersion.
    """
    model = type(row)
    if expected is not None and expected != row.version:
        raise StaleVersion("Someone else changed this since you loaded it.")
    stmt = update(model).where(model.id == row.id)
    if expected is not None:
        stmt = stmt.where(model.version == expected)
    stmt = stmt.values(version=model.version + 1).returning(model.version)
    new_version = session.execute(stmt, execution_options={"synchronize_session": False}
                                  ).scalar_one_or_none()
    if new_version is None:
        raise StaleVersion("Someone else changed this since you loaded it.")
    set_committed_value(row, "version", new_version)


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid_timezone(name: str) -> bool:
    """True for an IANA zone name such as 'America/Chicago'.

    >>> is_valid_timezone("America/Chicago"), is_valid_timezone("Mars/Olympus")
    (True, False)
    """
    return name in timezone_names()


def people_query(team_id: int, *, q: str | None = None, role: str | None = None) -> Select:
    """People of the team, optionally matching `q` as the person search does (name, company,
    e-mail, phone, notes, groups – see `search.matches`) and a role."""
    stmt = select(Person).where(Person.team_id == team_id)
    if q and clean_query(q):
        stmt = stmt.where(matches(team_id, q))
    if role:
        if role not in ROLES:
            raise ValidationFailed(
                "Unknown role.", {"role": [f"Choose one of: {', '.join(ROLES)}."]}
            )
        stmt = stmt.where(getattr(Person, f"is_{role}").is_(True))
    return stmt


def names_of(session: Session, team_id: int, ids: Collection[int]) -> dict[int, str]:
    """The names of the team's people among `ids`, as plain values (no ORM objects): for a
    page that only shows them. No query when `ids` is empty."""
    if not ids:
        return {}
    return {pid: name for pid, name in session.execute(
        _names_statement(), {"team_id": team_id, "ids": sorted(set(ids))})}


@lru_cache(maxsize=1)
def _names_statement() -> Select:
    """`names_of`'s query, built once with bound parameters (building it and its cache key
    cost about what running it does)."""
    return select(Person.id, Person.name).where(
        Person.team_id == bindparam("team_id"), Person.id.in_(bindparam("ids", expanding=True)))


def get_person(session: Session, team_id: int, person_id: int) -> Person:
    return get_team_row(session, Person, team_id, person_id, "No such person.")


def _check_email_free(
    session: Session, team_id: int, email: str | None, person_id: int | None
) -> None:
    if not email:
        return
    stmt = select(Person.id).where(
        Person.team_id == team_id, func.lower(Person.email) == email.lower()
    )
    if person_id is not None:
        stmt = stmt.where(Person.id != person_id)
    if session.scalar(stmt) is not None:
        raise Conflict(
            "Another person in this team has that e-mail.",
            {"email": ["Another person in this team already has this e-mail address."]},
        )


def _apply(person: Person, data: Mapping[str, Any]) -> None:
    for field in PERSON_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field in ("company", "title", "email", "phone", "timezone",
                     "industry", "company_size", "region", "profile_url"):
            value = (value or "").strip() or None
        elif field == "name":
            value = (value or "").strip()
        elif field == "notes":
            value = value or ""
        elif field == "pressing_issues":
            value = [i for i in ISSUES if i in set(value or ())]  # a stable order, no repeats
        elif field == "deal_value" and value is not None:
            value = Decimal(str(value))
        if field == "email" and value:
            value = value.lower()
        setattr(person, field, value)


def _validate(data: Mapping[str, Any]) -> None:
    """Checks that both the form and the API rely on (they validate types and lengths first)."""
    fields: dict[str, list[str]] = {}
    if "name" in data and not (data["name"] or "").strip():
        fields["name"] = ["This field is required."]
    if data.get("timezone") and not is_valid_timezone(data["timezone"].strip()):
        fields["timezone"] = ["Use a time zone name such as America/Chicago."]
    if data.get("company_size") and data["company_size"] not in COMPANY_SIZES:
        fields["company_size"] = [f"Choose one of: {', '.join(COMPANY_SIZES)}."]
    if "roles" in data and set(data["roles"] or ()) - set(ROLES):
        fields["roles"] = [f"Roles are any of: {', '.join(ROLES)}."]
    days = data.get("keep_in_touch_days")
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)
                             or not 1 <= days <= 3650):
        fields["keep_in_touch_days"] = ["Use 1 to 3,650 days, or leave it empty for the "
                                        "team's default."]
    if "pressing_issues" in data and set(data["pressing_issues"] or ()) - set(ISSUES):
        fields["pressing_issues"] = [f"Issues are any of: {', '.join(ISSUES)}."]
    if fields:
        raise ValidationFailed("Invalid person.", fields)


def create_person(session: Session, team_id: int, data: Mapping[str, Any]) -> Person:
    _validate({"name": "", **data})
    _check_email_free(session, team_id, data.get("email"), None)
    person = Person(team_id=team_id, notes="")
    _apply(person, data)
    session.add(person)
    session.flush()
    return person


def update_person(
    session: Session, person: Person, changes: Mapping[str, Any], *,
    expected_version: int | None = None,
) -> Person:
    """Apply `changes` and bump the version; StaleVersion when the person is no longer at
    `expected_version` (None: no check)."""
    if expected_version is not None and expected_version != person.version:
        raise StaleVersion("Someone else changed this person since you loaded them.")
    _validate(changes)
    if "email" in changes:
        _check_email_free(session, person.team_id, changes.get("email"), person.id)
    if changed_fields(person, changes):  # a save that changes nothing is no edit
        claim_version(session, person, expected_version)
    _apply(person, changes)
    session.flush()
    return person


#: The most people one bulk change may name: a page of the list is 25; an API client may
#: send more, but one request must not lock a whole network.
BULK_MAX = 500


def change_roles(
    session: Session, team_id: int, person_ids: Collection[int], role: str, *, add: bool,
) -> list[Person]:
    """Give `role` to (`add`) or take it from each of the team's people `person_ids`; the
    people whose roles changed (those who already were, or weren't, are left alone).

    All or nothing: NotFound when any id is not a person of the team (another team's, or
    deleted since the list was shown). Each changed person's version is bumped, so an edit
    form opened before cannot put the old roles back unseen, and the changes go out in one
    flush, so the graph version moves once for all of them (see `models.changes`) rather
    than once per person as `update_person` in a loop would.
    """
    if role not in ROLES:
        raise ValidationFailed("Unknown role.", {"role": [f"Choose one of: {', '.join(ROLES)}."]})
    ids = set(person_ids)
    if not ids:
        raise ValidationFailed("Nobody chosen.", {"person_ids": ["Choose at least one person."]})
    if len(ids) > BULK_MAX:
        raise ValidationFailed("Too many people.", {
            "person_ids": [f"Change at most {BULK_MAX} people at a time."]})
    people = list(session.scalars(
        select(Person).where(Person.team_id == team_id, Person.id.in_(ids)).order_by(Person.id)))
    if len(people) != len(ids):
        raise NotFound("No such person.", {"person_ids": [
            "Some of the people chosen are not in your network any more. Nothing was changed."]})
    changed = [person for person in people if (role in person.roles) != add]
    for person in changed:
        claim_version(session, person, None)
    for person in changed:
        setattr(person, f"is_{role}", add)  # the column behind `Person.roles`
    session.flush()
    return changed


def changed_fields(person: Person, data: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """`(field, submitted, saved)` for each field of `data` whose value, normalised as
    `update_person` would store it, differs from the person's saved one – what a stale edit
    would overwrite, for the page that asks whether to save anyway."""
    submitted = Person(notes="")
    _apply(submitted, data)
    return [(field, getattr(submitted, field), getattr(person, field))
            for field in PERSON_FIELDS
            if field in data and getattr(submitted, field) != getattr(person, field)]


def delete_person(session: Session, person: Person, *, expected_version: int | None = None) -> None:
    """Delete a person; their relationships and memberships go with them (ON DELETE CASCADE).
    StaleVersion when the person is no longer at `expected_version` (None: no check)."""
    if session.scalar(select(User.id).where(User.person_id == person.id)) is not None:
        raise ValidationFailed(
            "This person is a user of the app.",
            {"person": ["This is a rep's own record; it can't be deleted while the user exists."]},
        )
    if expected_version is not None:
        claim_version(session, person, expected_version)
    session.delete(person)
    session.flush()


def relationships_of(session: Session, person: Person) -> list[Relationship]:
    """The person's ties, closest first, each with the person on the other side loaded.

    One query per side, by that side's own index, and the other person in the same query
    (not one query per row as the page lists them). The team is checked here, not in SQL:
    a planner without statistics (SQLite before ANALYZE) would otherwise read the ties by
    the team's index – every tie of the team – and a tie is always within one team anyway.
    """
    found: list[Relationship] = []
    for mine, other in ((Relationship.person_a_id, Relationship.person_b),
                        (Relationship.person_b_id, Relationship.person_a)):
        found += session.scalars(
            select(Relationship).where(mine == person.id).options(joinedload(other)))
    return sorted((rel for rel in found if rel.team_id == person.team_id),
                  key=lambda rel: (-rel.rating, rel.id))


def groups_of(session: Session, person: Person) -> list[Group]:
    stmt = (
        select(Group)
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .where(GroupMembership.person_id == person.id, Group.team_id == person.team_id)
        .order_by(Group.kind, Group.name)
    )
    return list(session.scalars(stmt))


NOTE_MAX = 5000  # characters: a call's worth of notes, not a document


def add_note(session: Session, user: User, person: Person, body: str) -> PersonNote:
    """A dated note by `user` about `person` (of the user's team), stamped now."""
    text = (body or "").strip()
    if not text:
        raise ValidationFailed("Invalid note.", {"body": ["Write the note first."]})
    if len(text) > NOTE_MAX:
        raise ValidationFailed("Invalid note.", {
            "body": [f"Keep a note under {NOTE_MAX:,} characters; split a longer one."]})
    if person.team_id != user.team_id:
        raise NotFound("No such person.")
    note = PersonNote(team_id=user.team_id, person_id=person.id, user_id=user.id, body=text)
    session.add(note)
    session.flush()
    return note
