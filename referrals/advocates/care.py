"""Advocate care: each helper's record with the team – asks, introductions, wins, thanks owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from referrals.advocates.intro_requests import INTRODUCED
from referrals.clock import today_for
from referrals.models import AdvocateCall, Followup, IntroductionRequest, Person, ReferenceAsk, User
from referrals.paths.asks import ask_cap, ask_dates, asks_within


@dataclass
class HelperCare:
    """One advocate's or reference's record with the team."""

    person: Person
    asks_30: int = 0
    asks_90: int = 0
    calls_30: int = 0
    calls_90: int = 0
    introductions: int = 0
    meetings: int = 0
    won: int = 0
    thanks_outstanding: int = 0
    last_feedback: datetime | None = None
    over_cap: bool = False

    @property
    def rank_key(self) -> tuple:
        return (-self.won, -self.meetings, -self.introductions, self.person.name)


def _naive(value: datetime) -> datetime:
    # SQLite gives back naive UTC timestamps; compare everything as naive UTC.
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def advocate_care(session: Session, user: User, today: date | None = None) -> list[HelperCare]:
    """Every advocate and reference of the team (and anyone who helped), best helpers first."""
    today = today or today_for(user)
    team_id = user.team_id
    cap = ask_cap(user.team)
    helpers = {p.id: HelperCare(p) for p in session.scalars(select(Person).where(
        Person.team_id == team_id, Person.is_advocate.is_(True) | Person.is_reference.is_(True)))}

    def care(person: Person) -> HelperCare:
        return helpers.setdefault(person.id, HelperCare(person))

    for call in session.scalars(select(AdvocateCall).where(AdvocateCall.team_id == team_id)):
        c = care(call.advocate)
        c.calls_30 += asks_within([call.occurred_on], today, 30)
        c.calls_90 += asks_within([call.occurred_on], today, 90)
        c.introductions += 1
        c.meetings += call.prospect_outcome in ("meeting_set", "won")
        c.won += call.prospect_outcome == "won"
    for intro in session.scalars(select(IntroductionRequest).where(
            IntroductionRequest.team_id == team_id)):
        c = care(intro.via)
        if intro.status in INTRODUCED:
            c.introductions += 1
        c.meetings += intro.status in ("meeting_set", "won")
        c.won += intro.status == "won"
    for ask in session.scalars(select(ReferenceAsk).where(ReferenceAsk.team_id == team_id)):
        c = care(ask.reference)
        c.meetings += ask.prospect_outcome in ("meeting_set", "won")
        c.won += ask.prospect_outcome == "won"
    since = today - timedelta(days=cap.window_days)
    for person_id, dates in ask_dates(session, team_id, since).items():
        if person_id in helpers:
            helpers[person_id].asks_30 = asks_within(dates, today, 30)
            helpers[person_id].asks_90 = asks_within(dates, today, 90)
            helpers[person_id].over_cap = asks_within(dates, today, cap.window_days) >= cap.cap
    for f in session.scalars(select(Followup).where(Followup.team_id == team_id)):
        if f.person_id not in helpers:
            continue
        c = helpers[f.person_id]
        if f.kind == "thank_you" and f.status == "open":
            c.thanks_outstanding += 1
        if f.kind == "feedback" and f.status == "done" and f.completed_at is not None:
            if c.last_feedback is None or _naive(f.completed_at) > _naive(c.last_feedback):
                c.last_feedback = f.completed_at
    return sorted(helpers.values(), key=lambda c: c.rank_key)
