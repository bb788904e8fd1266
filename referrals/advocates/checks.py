"""Checks the advocacy services share: a person of the team, a date that has happened."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from referrals.errors import ValidationFailed
from referrals.models import Person
from referrals.rows import team_row

NO_SUCH_PERSON = "No such person in your team."


def team_person(session: Session, team_id: int, person_id: int | None, field_name: str) -> Person:
    """A person of the team named in a request body: a field error, never another team's row."""
    person = team_row(session, Person, team_id, person_id)
    if person is None:
        raise ValidationFailed("Invalid request.", {field_name: [NO_SUCH_PERSON]})
    return person


def not_future(day: date, today: date, field_name: str) -> None:
    if day > today:
        raise ValidationFailed("Dates can't be in the future.", {field_name: [
            f"That date is in the future (today is {today.isoformat()}). Log a call once it "
            "has happened."]})
