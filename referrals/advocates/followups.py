"""Follow-ups the app creates – thank-yous and feedback – and what a rep does with them.

Services take the session and never commit. The date rules are pure functions with doctests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from referrals.base import utcnow
from referrals.errors import ValidationFailed
from referrals.models import Followup, FollowupEvent, Person, User
from referrals.rows import get_team_row

FEEDBACK_AFTER_DAYS = 7  # feedback is due a week after the help at the latest
MAX_SNOOZE_DAYS = 60

OUTCOME_WORDS = {
    "meeting_set": "a meeting is set",
    "won": "the deal is won",
    "lost": "the deal went elsewhere",
}


# --- dates -------------------------------------------------------------------------------

def next_business_day(day: date) -> date:
    """The first weekday after `day` (Saturday and Sunday are skipped).

    >>> next_business_day(date(2026, 11, 23))  # a Monday
    datetime.date(2026, 11, 24)
    >>> next_business_day(date(2026, 11, 27))  # a Friday: the thank-you is due Monday
    datetime.date(2026, 11, 30)
    >>> next_business_day(date(2026, 11, 28))  # a Saturday
    datetime.date(2026, 11, 30)
    """
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def feedback_due(helped_on: date) -> date:
    """When feedback is due at the latest if nothing comes of the help sooner.

    >>> feedback_due(date(2026, 11, 23))
    datetime.date(2026, 11, 30)
    """
    return helped_on + timedelta(days=FEEDBACK_AFTER_DAYS)


def local_today(user: User | None, now: datetime | None = None) -> date:
    """Today where the rep works (their person's time zone), UTC when it is not known."""
    now = now or utcnow()
    zone = user.person.timezone if user is not None and user.person is not None else None
    try:
        tz = ZoneInfo(zone) if zone else UTC
    except (KeyError, ValueError):  # pragma: no cover - zones are validated on input
        tz = UTC
    return now.astimezone(tz).date()


def due_label(due_on: date, today: date) -> str:
    """How a due date reads on the Today page.

    >>> d = date(2026, 11, 23)
    >>> due_label(d, d), due_label(d, d + timedelta(days=1)), due_label(d, d - timedelta(days=2))
    ('due today', 'overdue by 1 day', 'due in 2 days')
    """
    days = (due_on - today).days
    if days == 0:
        return "due today"
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return f"due in {days} day{'s' if days != 1 else ''}"


# --- the words ---------------------------------------------------------------------------

def first_name(name: str) -> str:
    """
    >>> first_name("Mike Kincaid"), first_name("  Mei ")
    ('Mike', 'Mei')
    """
    parts = name.split()
    return parts[0] if parts else name


def _at(person: Person) -> str:
    return f"{person.name} at {person.company}" if person.company else person.name


def thank_you_text(helper: Person, prospect: Person, rep_name: str, how: str) -> tuple[str, str]:
    """(reason, suggested message) for thanking `helper` for `how` they helped with `prospect`."""
    reason = (
        f"{helper.name} {how} {_at(prospect)} for you. A prompt thank-you keeps them glad "
        "they did it."
    )
    message = (
        f"Hi {first_name(helper.name)},\n\n"
        f"Thank you for speaking up for me with {first_name(prospect.name)}. "
        "A word from someone they trust opens a door no cold call can, and I don't take it "
        "lightly. I'll let you know how it goes.\n\n"
        f"With thanks,\n{rep_name}"
    )
    return reason, message


def feedback_text(
    helper: Person, prospect: Person, rep_name: str, how: str, outcome: str | None
) -> tuple[str, str]:
    """(reason, suggested message) for telling `helper` what came of their help."""
    if outcome:
        news = OUTCOME_WORDS[outcome]
        reason = f"Since {helper.name} {how} {_at(prospect)}, {news}: tell them what came of it."
    else:
        reason = (
            f"A week has passed since {helper.name} {how} {_at(prospect)}. "
            "Tell them where things stand, even if it is early days."
        )
    lines = {
        "meeting_set": f"{first_name(prospect.name)} and I have a meeting on the calendar – "
                       "your call is the reason it happened.",
        "won": f"{first_name(prospect.name)} has decided to go ahead with us. Your "
               "introduction started it, and I wanted you to hear it from me first.",
        "lost": f"{first_name(prospect.name)} chose another way this time, but thanks to you "
                "I had a real conversation instead of an unanswered voicemail.",
        None: f"A quick word on {first_name(prospect.name)}: we've been in touch since your "
              "call, and I'll keep you posted as it moves.",
    }
    message = (
        f"Hi {first_name(helper.name)},\n\n{lines[outcome]} Thank you again.\n\n{rep_name}"
    )
    return reason, message


# --- creating ------------------------------------------------------------------------------

def _event(session: Session, followup: Followup, action: str, user: User | None,
           note: str = "") -> None:
    session.add(FollowupEvent(
        followup=followup, action=action, due_on=followup.due_on,
        user_id=user.id if user else None, note=note,
    ))


def rep_name(user: User | None) -> str:
    if user is not None and user.person is not None:
        return user.person.name
    return user.email if user is not None else "your rep"


def create_help_followups(
    session: Session,
    user: User | None,
    helper: Person,
    prospect: Person,
    helped_on: date,
    how: str,
    **source: int,
) -> list[Followup]:
    """The thank-you (next business day) and the feedback (a week on) for one act of help.

    `how` completes "<helper> … <prospect>" ("called", "took a call from", "introduced you
    to"); `source` names the row the help is recorded in (`advocate_call_id=…`).
    """
    name = rep_name(user)
    made = []
    for kind, due, (reason, message) in (
        ("thank_you", next_business_day(helped_on), thank_you_text(helper, prospect, name, how)),
        ("feedback", feedback_due(helped_on), feedback_text(helper, prospect, name, how, None)),
    ):
        followup = Followup(
            team_id=helper.team_id, user_id=user.id if user else None, person_id=helper.id,
            prospect_id=prospect.id, kind=kind, status="open", due_on=due, reason=reason,
            message=message, **source,
        )
        session.add(followup)
        _event(session, followup, "created", user)
        made.append(followup)
    session.flush()
    return made


def bring_feedback_forward(
    session: Session, user: User | None, prospect: Person, outcome: str, on: date,
    how_of: dict[int, str] | None = None,
) -> list[Followup]:
    """The prospect's outcome changed: open feedback about them is due `on` at the latest.

    The reason and message are rewritten to say what happened. Returns the follow-ups moved.
    """
    if outcome not in OUTCOME_WORDS:
        raise ValidationFailed("Unknown outcome.", {"outcome": [
            "Choose meeting set, won or lost."]})
    stmt = select(Followup).where(
        Followup.team_id == prospect.team_id, Followup.prospect_id == prospect.id,
        Followup.kind == "feedback", Followup.status == "open",
    )
    moved = []
    for followup in session.scalars(stmt):
        how = (how_of or {}).get(followup.id) or _how(followup)
        followup.reason, followup.message = feedback_text(
            followup.person, prospect, rep_name(user), how, outcome)
        if followup.due_on > on:
            followup.due_on = on
        _event(session, followup, "brought_forward", user, OUTCOME_WORDS[outcome])
        moved.append(followup)
    session.flush()
    return moved


def _how(followup: Followup) -> str:
    if followup.advocate_call_id:
        return "called"
    if followup.reference_ask_id:
        return "took a call from"
    return "introduced you to"


# --- reading and acting --------------------------------------------------------------------

def followups_query(
    team_id: int, *, user_id: int | None = None, status: str | None = None,
    due_before: date | None = None, due_on_or_before: date | None = None,
    person_id: int | None = None,
) -> Select:
    stmt = select(Followup).where(Followup.team_id == team_id)
    if user_id is not None:
        stmt = stmt.where(Followup.user_id == user_id)
    if status is not None:
        stmt = stmt.where(Followup.status == status)
    if due_before is not None:
        stmt = stmt.where(Followup.due_on < due_before)
    if due_on_or_before is not None:
        stmt = stmt.where(Followup.due_on <= due_on_or_before)
    if person_id is not None:
        stmt = stmt.where(Followup.person_id == person_id)
    return stmt


def due_followups(session: Session, user: User, today: date) -> list[Followup]:
    """The rep's open follow-ups due today or earlier, most overdue first."""
    stmt = followups_query(user.team_id, user_id=user.id, status="open",
                           due_on_or_before=today)
    return list(session.scalars(stmt.order_by(Followup.due_on, Followup.id)))


def open_followups(session: Session, user: User) -> list[Followup]:
    stmt = followups_query(user.team_id, user_id=user.id, status="open")
    return list(session.scalars(stmt.order_by(Followup.due_on, Followup.id)))


def get_followup(session: Session, team_id: int, followup_id: int) -> Followup:
    return get_team_row(session, Followup, team_id, followup_id, "No such follow-up.")


def complete_followup(session: Session, user: User | None, followup: Followup,
                      note: str = "") -> Followup:
    """Close a follow-up; it stays in the history. Completing a done one changes nothing."""
    if followup.status == "done":
        return followup
    followup.status = "done"
    followup.completed_at = utcnow()
    _event(session, followup, "completed", user, note)
    session.flush()
    return followup


@dataclass(frozen=True)
class SnoozeChoice:
    days: int
    label: str


SNOOZE_CHOICES: Sequence[SnoozeChoice] = (
    SnoozeChoice(1, "Tomorrow"), SnoozeChoice(3, "In 3 days"), SnoozeChoice(7, "Next week"),
)


def snooze_followup(session: Session, user: User | None, followup: Followup, days: int,
                    today: date) -> Followup:
    """Move an open follow-up to `days` after today (1 to 60)."""
    if followup.status != "open":
        raise ValidationFailed("This follow-up is already done.", {})
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationFailed("Invalid snooze.", {"days": [
            f"Snooze for 1 to {MAX_SNOOZE_DAYS} days."]})
    followup.due_on = today + timedelta(days=days)
    _event(session, followup, "snoozed", user, f"for {days} day{'s' if days != 1 else ''}")
    session.flush()
    return followup
