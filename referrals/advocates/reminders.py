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
from referrals.base import utcnow
from referrals.models import CalendarFeed, Followup, User

PRODID = "-//referrals//follow-ups//EN"


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
        feed.created_at = utcnow()
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
    verb = "Thank" if followup.kind == "thank_you" else "Tell"
    what = "" if followup.kind == "thank_you" else " what came of it"
    about = f" ({followup.prospect.name})" if followup.prospect is not None else ""
    return f"{verb} {followup.person.name}{what}{about}"


def calendar_ics(followups: list[Followup], *, host: str, url_for_followup: Any) -> bytes:
    """RFC 5545 text: one all-day event per open follow-up, on its due date."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Follow-ups")
    stamp = utcnow()
    for f in followups:
        event = icalendar.Event()
        event.add("uid", f"followup-{f.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", f.due_on)
        event.add("dtend", f.due_on + timedelta(days=1))
        event.add("summary", _title(f))
        event.add("description", f"{f.reason}\n\nSuggested message:\n{f.message}")
        event.add("url", url_for_followup(f))
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


def digest_text(user: User, due: list[Followup], today: date, link: str) -> str:
    """The body of one rep's digest."""
    lines = [f"Good morning – {len(due)} follow-up{'s' if len(due) != 1 else ''} "
             f"due for {today:%A %d %B %Y}:", ""]
    for f in due:
        lines.append(f"* {_title(f)} – {fu.due_label(f.due_on, today)}")
        lines.append(f"  {f.reason}")
    lines += ["", f"Open your Today page: {link}", "",
              "A prompt thank-you keeps an advocate willing to help again."]
    return "\n".join(lines)


def digest_messages(session: Session, sender: str, link: str,
                    now: datetime | None = None) -> list[EmailMessage]:
    """One message per active rep with open follow-ups due today (in their zone) or earlier."""
    messages = []
    for user in session.scalars(select(User).order_by(User.id)):
        if not getattr(user, "is_active", True):
            continue
        today = fu.local_today(user, now)
        due = fu.due_followups(session, user, today)
        if not due:
            continue
        msg = EmailMessage()
        msg["From"] = sender
        msg["To"] = user.email
        msg["Subject"] = f"{len(due)} follow-up{'s' if len(due) != 1 else ''} due today"
        msg.set_content(digest_text(user, due, today, link))
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
