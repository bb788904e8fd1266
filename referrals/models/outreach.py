"""Outreach to prospects: every touch a rep (or an advocate on the rep's behalf) makes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from referrals.base import Timestamp, utcnow
from referrals.extensions import db
from referrals.models.network import Person, _in_list

TOUCH_CHANNELS = (
    "call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit", "social",
    "advocate_call",
)
TOUCH_OUTCOMES = ("no_answer", "voicemail_left", "spoke", "callback_received", "meeting_set")


class Touch(db.Model):
    """One outreach to a person: channel, when, and what came of it."""

    __tablename__ = "touches"
    __table_args__ = (
        Index("ix_touches_team_id_person_id_occurred_at", "team_id", "person_id", "occurred_at"),
        CheckConstraint(_in_list("channel", TOUCH_CHANNELS), name="channel_known"),
        CheckConstraint(f"outcome IS NULL OR {_in_list('outcome', TOUCH_OUTCOMES)}", name="outcome_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utcnow)

    person: Mapped[Person] = relationship()
