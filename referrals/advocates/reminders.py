"""Reminders where reps already look: a secret iCalendar feed and an e-mailed digest."""

from __future__ import annotations

import hashlib
import secrets
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.clock import today_for, utc_now
from referrals.models import CalendarFeed, Followup, Team, User

PRODID = "-//referrals//follow-ups//EN"
KEEP_IN_TOUCH_AHEAD_DAYS = 30  # the feed shows keep-in-touch reminders due within a month


# --- the calendar feed ---------------------------------------------------------------------

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_calendar_token(session: Session, user: User) -> str:
    """A new secret for the user's feed; the old address stops working. Shown once."""
    token = secrets.token_urlsafe(32)
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        session.add(CalendarFeed(user_id=user.id, token_hash=_digest(token)))
    else:
        feed.token_hash = _digest(token)
        feed.created_at = utc_now()
    session.flush()
    return token


def revoke_calendar_token(session: Session, user: User) -> None:
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is not None:
        session.delete(feed)
        session.flush()


def calendar_feed_of(session: Session, user: User) -> CalendarFeed | None:
    return session.scalar(select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def user_for_calendar_token(session: Session, token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _digest(token)))
    if feed is None:
        return None
    user = session.get(User, feed.user_id)
    if user is None or not getattr(user, "is_active", True):
        return None
    return user


def _title(followup: Followup) -> str:
    name = followup.person.name
    if followup.kind == "call":
        return f"Call {name}"
    if followup.kind in ("custom", "nudge", "keep_in_touch"):
        return f"{name}: {followup.reason}"
    verb = "Thank" if followup.kind == "thank_you" else "Tell"
    what = "" if followup.kind == "thank_you" else " what came of it"
    about = f" ({followup.prospect.name})" if followup.prospect is not None else ""
    return f"{verb} {name}{what}{about}"


def keep_in_touch_title(item: fu.KeepInTouch) -> str:
    return f"Get back in touch with {item.person.name}"


def keep_in_touch_reason(item: fu.KeepInTouch, today: date) -> str:
    """Why the person is listed – only what the data holds."""
    every = f"every {item.every_days} day{'s' if item.every_days != 1 else ''}"
    if item.last_contact_on is None:
        return f"You keep in touch {every}; no contact with them is logged yet."
    days = (today - item.last_contact_on).days
    return (f"You keep in touch {every}; the last contact logged was "
            f"{item.last_contact_on:%d %b %Y} ({days} day{'s' if days != 1 else ''} ago).")


def calendar_ics(followups: list[Followup], *, host: str, url_for_followup: Any,
                 keep_in_touch: list[fu.KeepInTouch] | None = None, today: date | None = None,
                 url_for_person: Any = None) -> bytes:
    """RFC 5545 text: one all-day event per open follow-up, on its due date, and one per
    keep-in-touch reminder – on its due day, or today when that has passed (an event on a
    past day is one nobody sees)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Follow-ups")
    stamp = utc_now()
    for f in followups:
        event = icalendar.Event()
        event.add("uid", f"followup-{f.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", f.due_on)
        event.add("dtend", f.due_on + timedelta(days=1))
        event.add("summary", _title(f))
        event.add("description", f"{f.reason}\n\nSuggested message:\n{f.message}"
                  if f.message else f.reason)
        event.add("url", url_for_followup(f))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    today = today or utc_now().date()
    for item in keep_in_touch or ():
        day = max(item.due_on, today)
        event = icalendar.Event()
        event.add("uid", f"keep-in-touch-{item.person.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", keep_in_touch_title(item))
        event.add("description", keep_in_touch_reason(item, today))
        if url_for_person is not None:
            event.add("url", url_for_person(item.person))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


# --- the digest ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    username: str | None = None
    password: str | None = None
    sender: str = "referrals <no-reply@localhost>"
    starttls: bool = True
    timeout: float = 10

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings | None:
        """From the app config (which reads SMTP_* from the environment); None without a host."""
        host = config.get("SMTP_HOST")
        if not host:
            return None
        starttls = config.get("SMTP_STARTTLS", True)
        if isinstance(starttls, str):
            starttls = starttls.lower() not in {"0", "false", "no", ""}
        return cls(
            host=host, port=int(config.get("SMTP_PORT") or 587),
            username=config.get("SMTP_USERNAME") or None,
            password=config.get("SMTP_PASSWORD") or None,
            sender=config.get("SMTP_FROM") or cls.sender, starttls=bool(starttls),
            timeout=float(config.get("SMTP_TIMEOUT") or 10),
        )


@dataclass
class Digest:
    """What one rep's digest lists: everything Today shows that is due by today."""

    followups: list[Followup]
    calls: list[Followup]
    nudges: list[fu.Nudge]
    keep_in_touch: list[fu.KeepInTouch]

    @property
    def empty(self) -> bool:
        return not (self.followups or self.calls or self.nudges or self.keep_in_touch)

    def subject(self) -> str:
        parts = []
        if self.followups:
            parts.append(_count(len(self.followups), "follow-up") + " due today")
        if self.calls:
            parts.append(_count(len(self.calls), "promised call"))
        if self.nudges:
            parts.append(_count(len(self.nudges), "unanswered ask"))
        if self.keep_in_touch:
            parts.append(_count(len(self.keep_in_touch), "person", "people")
                         + " to get back in touch with")
        return ", ".join(parts)


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def digest_for(session: Session, user: User, today: date) -> Digest:
    due = fu.due_followups(session, user, today)
    team = session.get(Team, user.team_id)
    assert team is not None
    return Digest(
        followups=[f for f in due if f.kind != "call"],
        calls=[f for f in due if f.kind == "call"],
        nudges=fu.unanswered_asks(session, user, today),
        keep_in_touch=fu.keep_in_touch_due(session, team, today),
    )


def digest_text(user: User, digest: Digest, today: date, link: str) -> str:
    """The body of one rep's digest: plain text, one block per kind of work."""
    lines = [f"Your list for {today:%A %d %B %Y}.", ""]
    if digest.followups:
        lines += ["Follow-ups due:"]
        for f in digest.followups:
            lines += [f"* {_title(f)} – {fu.due_label(f.due_on, today)}", f"  {f.reason}"]
        lines.append("")
    if digest.calls:
        lines += ["Calls you promised:"]
        for f in digest.calls:
            phone = f" ({f.person.phone})" if f.person.phone else ""
            lines += [f"* {f.reason}{phone} – {fu.due_label(f.due_on, today)}"]
        lines.append("")
    if digest.nudges:
        lines += ["Asks with no answer:"]
        for n in digest.nudges:
            r = n.request
            lines += [f"* You asked {r.via.name} to introduce you to {r.prospect.name} "
                      f"{n.business_days} business days ago; no answer is recorded."]
        lines.append("")
    if digest.keep_in_touch:
        lines += ["Keep in touch:"]
        for k in digest.keep_in_touch:
            lines += [f"* {keep_in_touch_title(k)}", f"  {keep_in_touch_reason(k, today)}"]
        lines.append("")
    lines += [f"Open your Today page: {link}"]
    return "\n".join(lines)


def digest_messages(session: Session, sender: str, link: str,
                    now: datetime | None = None) -> list[EmailMessage]:
    """One message per active rep with something due today (in their zone) or earlier."""
    messages = []
    for user in session.scalars(select(User).order_by(User.id)):
        if not getattr(user, "is_active", True):
            continue
        today = today_for(user, now)
        digest = digest_for(session, user, today)
        if digest.empty:
            continue
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = user.email
        msg["Subject"] = digest.subject()
        msg.set_content(digest_text(user, digest, today, link))
        messages.append(msg)
    return messages


def send_messages(settings: SmtpSettings, messages: list[EmailMessage]) -> int:
    """Send over one SMTP connection; returns how many were sent."""
    if not messages:
        return 0
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        for msg in messages:
            smtp.send_message(msg)
    return len(messages)
