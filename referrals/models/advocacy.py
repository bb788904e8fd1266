"""Advocacy: advocate calls, introduction requests, reference asks, follow-ups, calendar feeds."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from referrals.base import Timestamp
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models.network import Person, _in_list
from referrals.vocab import (
    FOLLOWUP_ACTIONS,
    FOLLOWUP_KINDS,
    FOLLOWUP_STATUSES,
    INTRO_STATUSES,
    PROSPECT_OUTCOMES,
    REFERENCE_ASK_STATUSES,
)


class AdvocateCall(db.Model):
    """A call an advocate made (or will make) to a prospect on the rep's behalf."""

    __tablename__ = "advocate_calls"
    __table_args__ = (
        Index("ix_advocate_calls_team_id_advocate_id", "team_id", "advocate_id"),
        Index("ix_advocate_calls_team_id_prospect_id", "team_id", "prospect_id"),
        CheckConstraint(
            f"prospect_outcome IS NULL OR {_in_list('prospect_outcome', PROSPECT_OUTCOMES)}",
            name="prospect_outcome_known",
        ),
        CheckConstraint("advocate_id <> prospect_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    advocate_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    occurred_on: Mapped[date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    prospect_outcome: Mapped[str | None] = mapped_column(String(20))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    advocate: Mapped[Person] = relationship(foreign_keys=[advocate_id])
    prospect: Mapped[Person] = relationship(foreign_keys=[prospect_id])
    followups: Mapped[list[Followup]] = relationship(
        back_populates="advocate_call", order_by="Followup.id", passive_deletes=True
    )

    @property
    def recorded_by(self) -> int | None:
        return self.recorded_by_id


class IntroductionRequest(db.Model):
    """A rep's request that `via` introduce them to `prospect`, with its status."""

    __tablename__ = "introduction_requests"
    __table_args__ = (
        Index("ix_introduction_requests_team_id_via_id", "team_id", "via_id"),
        Index("ix_introduction_requests_team_id_prospect_id", "team_id", "prospect_id"),
        CheckConstraint(_in_list("status", INTRO_STATUSES), name="status_known"),
        CheckConstraint("via_id <> prospect_id", name="not_self"),
        {"sqlite_autoincrement": True},  # ids in reply links are never reused (see Person)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    via_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    status_on: Mapped[date] = mapped_column(Date)
    asked_on: Mapped[date | None] = mapped_column(Date)
    introduced_on: Mapped[date | None] = mapped_column(Date)
    ask_text: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The helper's reply link: a signed token carries this nonce; answering clears it, so a
    # link works once, and a new link (a new nonce) retires the old one.
    reply_nonce: Mapped[str | None] = mapped_column(String(43))
    reply_answer: Mapped[str | None] = mapped_column(String(20))
    replied_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now, onupdate=utc_now)

    prospect: Mapped[Person] = relationship(foreign_keys=[prospect_id])
    via: Mapped[Person] = relationship(foreign_keys=[via_id])
    history: Mapped[list[IntroductionStatusChange]] = relationship(
        back_populates="request", order_by="IntroductionStatusChange.id",
        cascade="all, delete-orphan", passive_deletes=True,
    )


class IntroductionStatusChange(db.Model):
    """One step in an introduction request's history."""

    __tablename__ = "introduction_status_changes"
    __table_args__ = (CheckConstraint(_in_list("status", INTRO_STATUSES), name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("introduction_requests.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    request: Mapped[IntroductionRequest] = relationship(back_populates="history")


class ReferenceAsk(db.Model):
    """A reference the rep offered to a prospect; `phoned_on` once the prospect called them."""

    __tablename__ = "reference_asks"
    __table_args__ = (
        Index("ix_reference_asks_team_id_reference_id", "team_id", "reference_id"),
        CheckConstraint(_in_list("status", REFERENCE_ASK_STATUSES), name="status_known"),
        CheckConstraint(
            f"prospect_outcome IS NULL OR {_in_list('prospect_outcome', PROSPECT_OUTCOMES)}",
            name="prospect_outcome_known",
        ),
        CheckConstraint("reference_id <> prospect_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    reference_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    prospect_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="offered")
    asked_on: Mapped[date] = mapped_column(Date)
    phoned_on: Mapped[date | None] = mapped_column(Date)
    prospect_outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    reference: Mapped[Person] = relationship(foreign_keys=[reference_id])
    prospect: Mapped[Person] = relationship(foreign_keys=[prospect_id])


class Followup(db.Model):
    """Something the rep owes a person – a thank-you, or word of what came of their help."""

    __tablename__ = "followups"
    __table_args__ = (
        Index("ix_followups_team_id_status_due_on", "team_id", "status", "due_on"),
        CheckConstraint(_in_list("kind", FOLLOWUP_KINDS), name="kind_known"),
        CheckConstraint(_in_list("status", FOLLOWUP_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    prospect_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open")
    due_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    advocate_call_id: Mapped[int | None] = mapped_column(
        ForeignKey("advocate_calls.id", ondelete="CASCADE"), index=True
    )
    introduction_id: Mapped[int | None] = mapped_column(
        ForeignKey("introduction_requests.id", ondelete="CASCADE"), index=True
    )
    reference_ask_id: Mapped[int | None] = mapped_column(
        ForeignKey("reference_asks.id", ondelete="CASCADE"), index=True
    )
    completed_at: Mapped[datetime | None] = mapped_column(Timestamp())
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    prospect: Mapped[Person | None] = relationship(foreign_keys=[prospect_id])
    advocate_call: Mapped[AdvocateCall | None] = relationship(back_populates="followups")
    events: Mapped[list[FollowupEvent]] = relationship(
        back_populates="followup", order_by="FollowupEvent.id",
        cascade="all, delete-orphan", passive_deletes=True,
    )


class FollowupEvent(db.Model):
    """The history of a follow-up: created, snoozed, brought forward, completed."""

    __tablename__ = "followup_events"
    __table_args__ = (CheckConstraint(_in_list("action", FOLLOWUP_ACTIONS), name="action_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(
        ForeignKey("followups.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date | None] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    followup: Mapped[Followup] = relationship(back_populates="events")


class CalendarFeed(db.Model):
    """A user's secret calendar address; only the SHA-256 of its token is kept."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
