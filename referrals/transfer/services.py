"""Imports, exports and merging people, over the database. Services never commit.

An import reads the file (`read_upload`), loads what it needs of the team in a few queries
(`load_snapshot`), plans every row (`planning.plan_import`) and, unless it is a preview,
writes the plan with bulk statements (`apply_plan`). Bulk statements skip the ORM's flush
listeners, so the graph version is bumped once at the end (a full rebuild for the workers).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from referrals.clock import utc_now
from referrals.errors import ValidationFailed
from referrals.models import (
    Base,
    Group,
    GroupMembership,
    Person,
    Relationship,
    Touch,
    User,
    bump_graph_version,
)
from referrals.models.network import refresh_search_columns
from referrals.models.search_keys import SOURCE_FIELDS
from referrals.transfer import csvfiles, teamdoc, vcards
from referrals.transfer.decoding import decode
from referrals.transfer.planning import EXTRA_FIELDS, Plan, Snapshot, as_utc, plan_import
from referrals.transfer.records import ParsedFile
from referrals.vocab import ROLES

FORMATS = ("auto", "linkedin", "google", "outlook", "vcard", "csv", "ties", "members", "team")
BATCH = 5000  # rows per bulk statement
PERSON_COLUMNS = ("id", "name", "company", "title", "email", "phone", "timezone", "notes",
                  "deal_value", "do_not_contact", *(f"is_{role}" for role in ROLES),
                  *EXTRA_FIELDS)

SEARCH_SOURCES = frozenset(SOURCE_FIELDS)

Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """No progress report."""


# --- reading --------------------------------------------------------------------------------


def read_upload(data: bytes, fmt: str | None = None,
                mapping: dict[int, str] | None = None) -> ParsedFile:
    """The records of an uploaded file; `ValidationFailed` when it is not one we can read."""
    text = decode(data)
    fmt = None if fmt in (None, "", "auto") else fmt
    if fmt not in (None, *FORMATS):
        raise ValidationFailed("Unknown format.",
                               {"format": [f"Choose one of: {', '.join(FORMATS)}."]})
    if fmt == "vcard" or (fmt is None and vcards.is_vcard(text)):
        return vcards.parse_vcards(text)
    if fmt == "team" or (fmt is None and teamdoc.is_team_document(text)):
        return teamdoc.parse_team_document(text)
    return csvfiles.parse_csv(text, fmt, mapping)


# --- the team as the planner sees it --------------------------------------------------------


def load_snapshot(session: Session, team_id: int, rep_person_id: int | None) -> Snapshot:
    """Everything the planner matches against, in four queries."""
    snap = Snapshot(rep_person_id=rep_person_id)
    columns = [getattr(Person, c) for c in PERSON_COLUMNS]
    for row in session.execute(select(*columns).where(Person.team_id == team_id)):
        snap.people[row.id] = row._asdict()
    ties = select(Relationship.id, Relationship.pair_low, Relationship.pair_high,
                  Relationship.kind, Relationship.last_interaction, Relationship.notes)
    for row in session.execute(ties.where(Relationship.team_id == team_id)):
        snap.ties[(row.pair_low, row.pair_high, row.kind)] = {
            "id": row.id, "last_interaction": row.last_interaction, "notes": row.notes}
    groups = select(Group.id, Group.name, Group.kind).where(Group.team_id == team_id)
    for row in session.execute(groups.order_by(Group.id)):
        snap.groups.setdefault((row.name.casefold(), row.kind), row.id)
    members = select(GroupMembership.group_id, GroupMembership.person_id)
    snap.memberships = {(g, p) for g, p in
                        session.execute(members.where(GroupMembership.team_id == team_id))}
    touches = select(Touch.person_id, Touch.channel, Touch.occurred_at)
    snap.touches = {(p, c, as_utc(at))
                    for p, c, at in session.execute(touches.where(Touch.team_id == team_id))}
    return snap


def check_roles(roles: Collection[str]) -> None:
    """`ValidationFailed` (field `roles`) unless every role is one of `ROLES`."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ValidationFailed("Unknown roles.", {"roles": [
            f"{', '.join(unknown)}: not a role; roles are any of: {', '.join(ROLES)}."]})


def preview_import(session: Session, user: User, parsed: ParsedFile, *, today: date,
                   roles: Collection[str] = (), roles_for_existing: bool = False) -> Plan:
    """What the import would do, writing nothing; `roles` as in `planning.plan_import`."""
    check_roles(roles)
    snapshot = load_snapshot(session, user.team_id, user.person_id)
    return plan_import(parsed, snapshot, today=today, roles=roles,
                       roles_for_existing=roles_for_existing)


def import_records(session: Session, user: User, parsed: ParsedFile, *,
                   today: date, progress: Progress = _quiet, roles: Collection[str] = (),
                   roles_for_existing: bool = False) -> Plan:
    """Plan and write the import; the caller commits (or rolls back: nothing is half-done)."""
    plan = preview_import(session, user, parsed, today=today, roles=roles,
                          roles_for_existing=roles_for_existing)
    progress("planned", len(plan.outcomes), len(plan.outcomes))
    apply_plan(session, user, plan, progress=progress)
    return plan


def apply_plan(session: Session, user: User, plan: Plan, *, progress: Progress = _quiet) -> None:
    """Write a plan with bulk statements, then bump the team's graph version once."""
    if not plan.writes_anything:
        return
    team_id = user.team_id
    _update_people(session, plan.person_updates)
    people = _insert_people(session, team_id, plan.new_people, progress)
    _insert_ties(session, team_id, user.id, plan.new_ties, people, progress)
    _update_ties(session, plan.tie_updates)
    groups = _insert_groups(session, team_id, plan.new_groups)
    _insert_memberships(session, team_id, plan.new_memberships, people, groups)
    _insert_touches(session, team_id, plan.new_touches, people)
    bump_graph_version(session, team_id)  # no change list: workers rebuild the graph
    session.expire_all()  # the bulk statements went around any objects already loaded


def _batches(rows: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def _update_people(session: Session, updates: dict[int, dict[str, Any]]) -> None:
    by_fields: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    now = utc_now()
    for person_id, changes in updates.items():
        by_fields.setdefault(tuple(sorted(changes)), []).append(
            {"id": person_id, **changes, "updated_at": now})
    for rows in by_fields.values():
        for batch in _batches(rows):
            session.execute(update(Person), batch)
    # A bulk UPDATE runs no ORM event: refill the search columns of whoever got a field
    # the search reads (a phone, an e-mail, notes...).
    refresh_search_columns(session, [person_id for person_id, changes in updates.items()
                                     if not SEARCH_SOURCES.isdisjoint(changes)])


def _insert_people(session: Session, team_id: int, new_people: list[dict[str, Any]],
                   progress: Progress) -> list[int]:
    ids: list[int] = []
    for batch in _batches(new_people):
        # Every column with a server default is given: otherwise the ORM fetches it back
        # for each row, one statement a row (seconds, quadratic, at 10,000 people).
        rows = [{"pressing_issues": [], **person, "team_id": team_id} for person in batch]
        table = Person.__table__
        ids.extend(session.scalars(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows))
        progress("people", len(ids), len(new_people))
    return ids


def _real(ref: int, new_ids: list[int]) -> int:
    return new_ids[-ref - 1] if ref < 0 else ref


def _insert_ties(session: Session, team_id: int, user_id: int, new_ties: list[dict[str, Any]],
                 people: list[int], progress: Progress) -> None:
    table = Relationship.__table__
    now = utc_now()
    done = 0
    for batch in _batches(new_ties):
        rows = []
        for tie in batch:
            a, b = _real(tie["person_a"], people), _real(tie["person_b"], people)
            rows.append({**tie, "person_a_id": a, "person_b_id": b, "pair_low": min(a, b),
                         "pair_high": max(a, b), "team_id": team_id, "recorded_by_id": user_id,
                         "created_at": now, "updated_at": now})
            del rows[-1]["person_a"], rows[-1]["person_b"]
        session.execute(insert(table), rows)
        done += len(rows)
        progress("ties", done, len(new_ties))


def _update_ties(session: Session, updates: dict[int, dict[str, Any]]) -> None:
    now = utc_now()
    for tie_id, changes in updates.items():
        session.execute(update(Relationship.__table__)
                        .where(Relationship.__table__.c.id == tie_id)
                        .values(**changes, updated_at=now))


def _insert_groups(session: Session, team_id: int, new_groups: list[dict[str, Any]]) -> list[int]:
    if not new_groups:
        return []
    rows = [{**group, "team_id": team_id} for group in new_groups]
    return list(session.scalars(
        insert(Group).returning(Group.id, sort_by_parameter_order=True), rows))


def _insert_memberships(session: Session, team_id: int, memberships: list[tuple[int, int]],
                        people: list[int], groups: list[int]) -> None:
    now = utc_now()
    rows = [{"group_id": _real(g, groups), "person_id": _real(p, people), "team_id": team_id,
             "created_at": now} for g, p in memberships]
    for batch in _batches(rows):
        session.execute(insert(GroupMembership.__table__), batch)


def _insert_touches(session: Session, team_id: int, touches: list[dict[str, Any]],
                    people: list[int]) -> None:
    now = utc_now()
    rows = [{**touch, "person_id": _real(touch["person_id"], people), "team_id": team_id,
             "user_id": None, "created_at": now} for touch in touches]
    for batch in _batches(rows):
        session.execute(insert(Touch.__table__), batch)


# --- exports ---------------------------------------------------------------------------------


def people_rows(session: Session, team_id: int) -> list[dict[str, Any]]:
    """Every person of the team as a mapping of fields (roles as a list), by name."""
    columns = [getattr(Person, c) for c in PERSON_COLUMNS]
    stmt = select(*columns).where(Person.team_id == team_id).order_by(Person.name, Person.id)
    rows = []
    for row in session.execute(stmt):
        person = row._asdict()
        person["roles"] = [role for role in ROLES if person.pop(f"is_{role}")]
        rows.append(person)
    return rows


def relationship_rows(session: Session, team_id: int) -> list[dict[str, Any]]:
    """Every tie of the team with both people's e-mail, name and company."""
    a, b = aliased(Person), aliased(Person)
    stmt = (
        select(Relationship.id, Relationship.person_a_id, Relationship.person_b_id,
               Relationship.kind, Relationship.rating, Relationship.last_interaction,
               Relationship.notes, a.email.label("a_email"), a.name.label("a_name"),
               a.company.label("a_company"), b.email.label("b_email"), b.name.label("b_name"),
               b.company.label("b_company"))
        .join(a, a.id == Relationship.person_a_id)
        .join(b, b.id == Relationship.person_b_id)
        .where(Relationship.team_id == team_id)
        .order_by(Relationship.id)
    )
    return [row._asdict() for row in session.execute(stmt)]


# --- merging two people ----------------------------------------------------------------------


def people_foreign_keys() -> list[tuple[Any, Any]]:
    """(table, column) of every column in the schema that points at people.id.

    Read from the metadata, so tables added later (follow-ups, advocate calls…) are
    re-pointed by `merge_people` without it knowing them.
    """
    found = []
    people_id = Person.__table__.c.id
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column is people_id:
                found.append((table, fk.parent))
    return found


def _unique_sets(table: Any, column: Any) -> list[list[Any]]:
    """The unique column sets of `table` that include `column` (primary key included)."""
    candidates = [list(table.primary_key.columns)]
    candidates += [list(c.columns) for c in table.constraints
                   if getattr(c, "__visit_name__", "") == "unique_constraint"]
    candidates += [list(i.columns) for i in table.indexes if i.unique]
    if column.unique:
        candidates.append([column])
    return [cols for cols in candidates if any(c is column for c in cols)]


def merge_people(session: Session, keep: Person, other: Person) -> Person:
    """Merge `other` into `keep`: every row pointing at `other` moves to `keep`, then
    `other` is deleted. `keep`'s empty fields take `other`'s values.

    A tie both had with a third person becomes one (the warmer rating and the later
    interaction win); a tie between the two disappears. Rows another table holds for both
    (a group membership, say) are kept once; a row naming the two as different people (a
    call from one to the other) goes.
    """
    if keep.id == other.id or keep.team_id != other.team_id:
        raise ValidationFailed("Choose two different people of your team.",
                               {"other": ["Choose someone other than the person kept."]})
    reps = set(session.scalars(select(User.id).where(User.person_id.in_([keep.id, other.id]))))
    if len(reps) > 1:
        raise ValidationFailed("Both are reps' own records.",
                               {"other": ["Two reps' own records can't be merged."]})
    _merge_fields(session, keep, other)
    _merge_ties(session, keep.id, other.id)
    by_table: dict[Any, list[Any]] = {}
    for table, column in people_foreign_keys():
        if table is not Relationship.__table__:
            by_table.setdefault(table, []).append(column)
    for table, columns in by_table.items():
        _drop_self_references(session, table, columns, keep.id, other.id)
        for column in columns:
            _repoint(session, table, column, keep.id, other.id)
    session.execute(delete(Person.__table__).where(Person.__table__.c.id == other.id))
    bump_graph_version(session, keep.team_id)
    session.expunge(other)
    session.expire_all()
    return session.get(Person, keep.id)  # type: ignore[return-value]


def _merge_fields(session: Session, keep: Person, other: Person) -> None:
    email = other.email
    for name in ("company", "title", "phone", "timezone", "deal_value", *EXTRA_FIELDS):
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, getattr(other, name))
    if other.notes and other.notes not in keep.notes:
        keep.notes = f"{keep.notes}\n{other.notes}".strip()
    keep.roles = sorted(set(keep.roles) | set(other.roles))
    keep.do_not_contact = keep.do_not_contact or other.do_not_contact
    if email and not keep.email:
        other.email = None  # the e-mail is unique per team: free it before keep takes it
        session.flush()
        keep.email = email
    session.flush()


def _merge_ties(session: Session, keep_id: int, other_id: int) -> None:
    table = Relationship.__table__
    c = table.c
    session.execute(delete(table).where(or_(
        and_(c.pair_low == min(keep_id, other_id), c.pair_high == max(keep_id, other_id)))))
    theirs = session.execute(select(table).where(or_(c.person_a_id == other_id,
                                                     c.person_b_id == other_id))).all()
    for tie in theirs:
        third = tie.person_b_id if tie.person_a_id == other_id else tie.person_a_id
        low, high = min(keep_id, third), max(keep_id, third)
        mine = session.execute(select(table).where(
            c.pair_low == low, c.pair_high == high, c.kind == tie.kind)).first()
        if mine is None:
            a = keep_id if tie.person_a_id == other_id else tie.person_a_id
            b = keep_id if tie.person_b_id == other_id else tie.person_b_id
            session.execute(update(table).where(c.id == tie.id).values(
                person_a_id=a, person_b_id=b, pair_low=low, pair_high=high))
            continue
        dates = [d for d in (mine.last_interaction, tie.last_interaction) if d]
        notes = mine.notes if not tie.notes or tie.notes in mine.notes else \
            f"{mine.notes}\n{tie.notes}".strip()
        session.execute(delete(table).where(c.id == tie.id))
        session.execute(update(table).where(c.id == mine.id).values(
            rating=max(mine.rating, tie.rating), last_interaction=max(dates) if dates else None,
            notes=notes))


def _drop_self_references(session: Session, table: Any, columns: list[Any], keep_id: int,
                          other_id: int) -> None:
    """Rows naming the two as two different people (an advocate's call to a "prospect" who
    is the advocate) would name one person twice after the merge: they go."""
    both = (keep_id, other_id)
    for i, first in enumerate(columns):
        for second in columns[i + 1:]:
            session.execute(delete(table).where(first.in_(both), second.in_(both)))


def _repoint(session: Session, table: Any, column: Any, keep_id: int, other_id: int) -> None:
    """Move `table`'s rows from `other` to `keep`, dropping those `keep` already has."""
    for unique in _unique_sets(table, column):
        twin = table.alias("twin")
        same = [twin.c[col.name] == col for col in unique if col is not column]
        session.execute(delete(table).where(
            column == other_id,
            exists().where(twin.c[column.name] == keep_id, *same),
        ))
    session.execute(update(table).where(column == other_id).values({column.name: keep_id}))


# --- one call for the page, the API and the CLI -----------------------------------------------


class NoNameColumn(ValidationFailed):
    def __init__(self) -> None:
        message = "The file has no name column, so it does not look like contacts."
        super().__init__(message, {"file": [message]})


def import_upload(session: Session, user: User, data: bytes, fmt: str | None = None,
                  mapping: dict[int, str] | None = None, *, today: date, dry_run: bool = False,
                  progress: Progress = _quiet, roles: Collection[str] = (),
                  roles_for_existing: bool = False) -> tuple[ParsedFile, Plan]:
    """Read `data` and plan (`dry_run`) or write its import; `NoNameColumn` when a CSV's
    columns must be chosen first. `roles` go to the people it creates (and with
    `roles_for_existing` to those already there that it names). The caller commits."""
    check_roles(roles)
    parsed = read_upload(data, fmt, mapping)
    if parsed.needs_mapping:
        raise NoNameColumn()
    progress("read", _size(parsed), _size(parsed))
    if dry_run:
        return parsed, preview_import(session, user, parsed, today=today, roles=roles,
                                      roles_for_existing=roles_for_existing)
    return parsed, import_records(session, user, parsed, today=today, progress=progress,
                                  roles=roles, roles_for_existing=roles_for_existing)


def _size(parsed: ParsedFile) -> int:
    return len(parsed.contacts) + len(parsed.ties) + len(parsed.members) + len(parsed.touches)


def ties_and_groups(session: Session, person: Person) -> dict[str, int]:
    """How many ties and group memberships a person has (shown before a merge)."""
    ties = session.scalar(select(func.count()).select_from(Relationship).where(
        or_(Relationship.person_a_id == person.id, Relationship.person_b_id == person.id)))
    groups = session.scalar(select(func.count()).select_from(GroupMembership).where(
        GroupMembership.person_id == person.id))
    return {"ties": ties or 0, "groups": groups or 0}
