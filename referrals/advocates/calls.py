"""Advocate calls: a helper phoned a prospect on the rep's behalf – log it once, touch the
prospect, and set up the thank-you and the feedback."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, Update, bindparam, select, update
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.advocates.checks import team_person
from referrals.advocates.introductions import introduced_by_call
from referrals.base import MAX_ID
from referrals.clock import today_for, utc_now
from referrals.errors import ValidationFailed
from referrals.models import AdvocateCall, Person, Touch, User
from referrals.relationships.interactions import note_interaction
from referrals.rows import get_team_row

# The same call logged again this soon (same advocate, prospect, day and outcome) is a double
# submit or a client's retry, not a second call: it returns the first instead of adding one.
REPEAT_CALL_WINDOW = timedelta(minutes=10)


def log_advocate_call(session: Session, user: User, data: Mapping[str, Any]) -> AdvocateCall:
    """Record an advocate's call to a prospect on the rep's behalf.

    Marks the person an advocate, records a touch on the prospect and creates the thank-you
    (next business day) and the feedback follow-up (a week on). The call is the introduction
    any open request of the same helper for the same prospect asked for: those move to
    "introduced". `data` holds `advocate_id`, `prospect_id`, `occurred_on`, `outcome` and
    `notes`. Logging the same call again within REPEAT_CALL_WINDOW changes nothing and
    returns the call logged first (see `log_advocate_call_once`).
    """
    return log_advocate_call_once(session, user, data)[0]


def log_advocate_call_once(
    session: Session, user: User, data: Mapping[str, Any]
) -> tuple[AdvocateCall, bool]:
    """As `log_advocate_call`, and whether the call is new (False: the same call, logged
    within REPEAT_CALL_WINDOW, was returned and nothing was written)."""
    advocate, prospect, occurred_on = _checked(session, user, data)
    outcome = (data.get("outcome") or "").strip()
    repeat = _recent_repeat(session, user.team_id, advocate, prospect, occurred_on, outcome)
    if repeat is not None:
        return repeat, False
    team_id = user.team_id
    call = AdvocateCall(
        team_id=team_id, advocate_id=advocate.id, prospect_id=prospect.id,
        occurred_on=occurred_on, outcome=outcome,
        notes=data.get("notes") or "", recorded_by_id=user.id,
    )
    session.add(call)
    if not advocate.is_advocate:
        advocate.is_advocate = True
    # Before the flush: the advocate's row is then written once (role and last contact), and
    # a freshened tie to the rep goes in the same graph change as the new role.
    note_interaction(session, user, advocate, occurred_on)
    session.add(Touch(
        team_id=team_id, person_id=prospect.id, user_id=user.id, channel="advocate_call",
        occurred_at=datetime.combine(occurred_on, time(12), tzinfo=UTC),
        notes=f"{advocate.name} called on your behalf." + (
            f" {call.outcome}" if call.outcome else ""),
    ))
    session.flush()
    fu.create_help_followups(session, user, advocate, prospect, occurred_on, "called",
                             advocate_call_id=call.id)
    introduced_by_call(session, user, call)
    return call, True


def _checked(
    session: Session, user: User, data: Mapping[str, Any]
) -> tuple[Person, Person, date]:
    """The call's advocate, prospect and day, or ValidationFailed naming every bad field."""
    team_id = user.team_id
    # Held while checking: the session keeps a row only while something refers to it.
    held = _load_people(session, data.get("advocate_id"), data.get("prospect_id"),
                        user.person_id)
    fields: dict[str, list[str]] = {}
    advocate = prospect = None
    try:
        advocate = team_person(session, team_id, data.get("advocate_id"), "advocate_id")
    except ValidationFailed as exc:
        fields.update(exc.fields)
    try:
        prospect = team_person(session, team_id, data.get("prospect_id"), "prospect_id")
    except ValidationFailed as exc:
        fields.update(exc.fields)
    today = today_for(user)
    occurred_on = data.get("occurred_on")
    if not isinstance(occurred_on, date):
        fields["occurred_on"] = ["Enter the date of the call."]
    elif occurred_on > today:
        fields["occurred_on"] = [
            f"That date is in the future (today is {today.isoformat()}). Log the call once "
            "it has happened."]
    if advocate is not None and prospect is not None and advocate.id == prospect.id:
        fields["prospect_id"] = ["The advocate and the prospect must be two different people."]
    if advocate is not None and advocate.id == user.person_id:
        fields["advocate_id"] = ["That's you – an advocate is someone who calls on your behalf."]
    if prospect is not None and prospect.do_not_contact:
        fields["prospect_id"] = [f"{prospect.name} asked not to be contacted."]
    del held
    if fields:
        raise ValidationFailed("Invalid advocate call.", fields)
    assert advocate is not None and prospect is not None and isinstance(occurred_on, date)
    return advocate, prospect, occurred_on


def _load_people(session: Session, *ids: Any) -> list[Person]:
    """Read the people a call names (and the rep's own, for their day) in one SELECT: the
    checks then find them in the session instead of reading them one by one."""
    wanted = {i for i in ids if isinstance(i, int) and not isinstance(i, bool)
              and 0 < i <= MAX_ID}
    if not wanted:
        return []
    return list(session.scalars(select(Person).where(Person.id.in_(sorted(wanted)))))


def _recent_repeat(
    session: Session, team_id: int, advocate: Person, prospect: Person, occurred_on: date,
    outcome: str,
) -> AdvocateCall | None:
    """The same call logged within REPEAT_CALL_WINDOW, if any.

    It first locks the advocate's row with a write that changes nothing, so that two posts of
    the same call queue here (a row lock on PostgreSQL, the write lock on SQLite) and the
    second one sees the first's call instead of adding its own."""
    lock, same_call = _repeat_statements()
    session.execute(lock, {"person_id": advocate.id},
                    execution_options={"synchronize_session": False})
    return session.scalar(same_call, {
        "team_id": team_id, "advocate_id": advocate.id, "prospect_id": prospect.id,
        "occurred_on": occurred_on, "outcome": outcome,
        "since": utc_now() - REPEAT_CALL_WINDOW})


@cache
def _repeat_statements() -> tuple[Update, Select[tuple[AdvocateCall]]]:
    """`_recent_repeat`'s two statements, built once with bound parameters (each takes its
    column's type): building them and their cache keys cost more than running them."""
    lock = (update(Person).where(Person.id == bindparam("person_id"))
            .values(version=Person.version, updated_at=Person.updated_at))
    same_call = select(AdvocateCall).where(
        AdvocateCall.team_id == bindparam("team_id"),
        AdvocateCall.advocate_id == bindparam("advocate_id"),
        AdvocateCall.prospect_id == bindparam("prospect_id"),
        AdvocateCall.occurred_on == bindparam("occurred_on"),
        AdvocateCall.outcome == bindparam("outcome"),
        AdvocateCall.created_at >= bindparam("since"),
    ).order_by(AdvocateCall.id).limit(1)
    return lock, same_call


def get_advocate_call(session: Session, team_id: int, call_id: int) -> AdvocateCall:
    return get_team_row(session, AdvocateCall, team_id, call_id, "No such advocate call.")


def advocate_calls_query(team_id: int, *, person_id: int | None = None) -> Select:
    stmt = select(AdvocateCall).where(AdvocateCall.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where((AdvocateCall.advocate_id == person_id)
                          | (AdvocateCall.prospect_id == person_id))
    return stmt


def calls_of(session: Session, person: Person) -> list[AdvocateCall]:
    stmt = advocate_calls_query(person.team_id, person_id=person.id)
    return list(session.scalars(stmt.order_by(AdvocateCall.occurred_on.desc(),
                                              AdvocateCall.id.desc())))
