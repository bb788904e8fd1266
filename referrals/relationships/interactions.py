"""Logged interactions between a rep and a person: they restart keep-in-touch and freshen the
rep's tie. Services take the session and never commit."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from referrals.models import Person, Relationship, User


def note_interaction(session: Session, user: User, person: Person, on: date) -> None:
    """Record that ``user`` (a rep) dealt with ``person`` on ``on``.

    The person's ``last_contact_on`` moves forward to ``on`` (never back), and so does the
    ``last_interaction`` of every tie between the rep's own person and ``person`` – so the
    tie model's recency sees it. A rep without a person of their own, or the rep themself,
    changes only ``last_contact_on``.
    """
    if person.last_contact_on is None or person.last_contact_on < on:
        person.last_contact_on = on
    me = user.person_id
    if me is None or me == person.id:
        return
    low, high = min(me, person.id), max(me, person.id)
    ties = session.scalars(select(Relationship).where(
        Relationship.team_id == user.team_id,
        Relationship.pair_low == low, Relationship.pair_high == high,
        or_(Relationship.last_interaction.is_(None), Relationship.last_interaction < on)))
    for tie in ties:
        tie.last_interaction = on
