"""Today, the rep's work queue: follow-ups, promised calls, unanswered asks, stalled prospects,
open call windows and people to keep in touch with, gathered from every feature."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import url_for
from sqlalchemy import select

from referrals.advocates import followups as fu
from referrals.clock import today_for, zone_of
from referrals.models import Followup, Person, Team, User
from referrals.outreach.cadence import Window, off_hours_windows
from referrals.outreach.callback import stalled_prospects

SHOWN = 20  # rows per Today section; the count says how many there are in all


@dataclass
class Section:
    """One block of Today: its items (at most SHOWN) and how many there are in all."""

    key: str
    title: str
    items: list[Any]
    count: int
    note: str = ""
    more_url: str | None = None


@dataclass
class Queue:
    today: date
    sections: list[Section] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sections


def open_call_windows(session: Any, user: User, now: datetime
                      ) -> tuple[list[tuple[Person, Window]], int]:
    """The team's prospects whose off-hours window is open now in their own time zone, and
    how many prospects were not checked because their time zone is unknown."""
    stmt = select(Person).where(Person.team_id == user.team_id, Person.is_prospect.is_(True),
                                Person.do_not_contact.is_(False)).order_by(Person.name, Person.id)
    open_now, unknown = [], 0
    for person in session.scalars(stmt):
        if not person.timezone:
            unknown += 1
            continue
        window = off_hours_windows(now, zone_of(person), count=1)[0]
        if window.start <= now < window.end:
            open_now.append((person, window))
    return open_now, unknown


def _section(key: str, title: str, items: list[Any], **extra: Any) -> Section | None:
    if not items:
        return None
    return Section(key, title, items[:SHOWN], len(items), **extra)


def today_queue(session: Any, user: User, now: datetime) -> Queue:
    """What the rep has to do, in the order they should look at it; empty sections left out."""
    day = today_for(user, now)
    team = session.get(Team, user.team_id)
    upcoming = list(session.scalars(fu.followups_query(
        user.team_id, user_id=user.id, status="open",
        due_on_or_before=day + timedelta(days=fu.AHEAD_DAYS),
        kinds=[k for k in fu.LISTED_KINDS if k != "call"],
    ).order_by(Followup.due_on, Followup.id)))
    calls = list(session.scalars(fu.followups_query(
        user.team_id, user_id=user.id, status="open", kinds=("call",),
    ).order_by(Followup.due_on, Followup.id)))
    windows, no_zone = open_call_windows(session, user, now)
    zone_note = (f"{no_zone} prospect{'s have' if no_zone != 1 else ' has'} no time zone, so "
                 "their window is unknown." if no_zone else "")
    found = [
        _section("overdue", "Overdue", [f for f in upcoming if f.due_on < day]),
        _section("today", "Today", [f for f in upcoming if f.due_on == day]),
        _section("week", "Next 7 days", [f for f in upcoming if f.due_on > day]),
        _section("calls", "Calls you promised", calls),
        _section("asks", "Asks with no answer", fu.unanswered_asks(session, user, day)),
        _section("stalled", "Stalled prospects", stalled_prospects(session, user, now=now),
                 more_url=url_for("outreach.index")),
        _section("windows", "Call window open now", windows, note=zone_note),
        _section("keep", "Keep in touch", fu.keep_in_touch_due(session, team, day)),
    ]
    return Queue(day, [s for s in found if s is not None])
