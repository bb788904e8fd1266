"""Outreach to prospects: touches, the team's value library, opener templates, saved openers,
voicemail scripts and stalled-prospect reviews."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from referrals.base import Timestamp, TimestampMixin
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models.network import Person, _in_list
from referrals.vocab import (
    STALL_CAUSES,
    TOUCH_CHANNELS,
    TOUCH_OUTCOMES,
    VALUE_KINDS,
)


class ValueItem(TimestampMixin, db.Model):
    """Something of value to a prospect – an article, research, a tip – tagged by issue."""

    __tablename__ = "value_items"
    __table_args__ = (
        UniqueConstraint("team_id", "title"),
        CheckConstraint(_in_list("kind", VALUE_KINDS), name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    # One sentence the rep can say or write about it, in the prospect's terms.
    pitch: Mapped[str] = mapped_column(Text, default="")
    # The pitch said in about a dozen words, for a voicemail that needs the room.
    short: Mapped[str | None] = mapped_column(String(90))
    url: Mapped[str | None] = mapped_column(String(500))
    issues: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Touch(db.Model):
    """One outreach to a person: channel, when, what value went with it, what came of it."""

    __tablename__ = "touches"
    __table_args__ = (
        Index("ix_touches_team_id_person_id_occurred_at", "team_id", "person_id", "occurred_at"),
        CheckConstraint(_in_list("channel", TOUCH_CHANNELS), name="channel_known"),
        CheckConstraint(
            f"outcome IS NULL OR {_in_list('outcome', TOUCH_OUTCOMES)}", name="outcome_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str | None] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    notes: Mapped[str] = mapped_column(Text, default="")
    value_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("value_items.id", ondelete="SET NULL"), index=True
    )
    script_id: Mapped[int | None] = mapped_column(
        ForeignKey("voicemail_scripts.id", ondelete="SET NULL")
    )
    # The rep confirmed a voicemail that broke the team's cadence (kept, so it can be seen).
    broke_cadence: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    person: Mapped[Person] = relationship()
    value_item: Mapped[ValueItem | None] = relationship()
    script: Mapped[VoicemailScript | None] = relationship()


class OpenerTemplate(TimestampMixin, db.Model):
    """A team's own opener variant for one kind of connection (a Jinja source, sandboxed).

    `replaces` names a built-in variant (its key) that this one stands in for; without it the
    template is one more variant of its kind.
    """

    __tablename__ = "opener_templates"
    __table_args__ = (UniqueConstraint("team_id", "kind", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(Text)
    replaces: Mapped[str | None] = mapped_column(String(60))


class SavedOpener(db.Model):
    """The opener a rep picked (and maybe edited) for one prospect; the latest one counts."""

    __tablename__ = "saved_openers"
    __table_args__ = (Index("ix_saved_openers_team_id_person_id", "team_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    template_key: Mapped[str | None] = mapped_column(String(60))
    via_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)


script_value_items = Table(
    "script_value_items",
    db.metadata,
    Column("script_id", Integer, ForeignKey("voicemail_scripts.id", ondelete="CASCADE"),
           primary_key=True),
    Column("value_item_id", Integer, ForeignKey("value_items.id", ondelete="CASCADE"),
           primary_key=True),
)


class VoicemailScript(db.Model):
    """A voicemail "commercial" written for one prospect: connection, reasons, one action."""

    __tablename__ = "voicemail_scripts"
    __table_args__ = (Index("ix_voicemail_scripts_team_id_person_id", "team_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    call_to_action: Mapped[str] = mapped_column(String(40))
    words: Mapped[int]
    seconds: Mapped[float]
    # Saved although longer than the 30-second limit, because the rep said so.
    over_length: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    person: Mapped[Person] = relationship()
    value_items: Mapped[list[ValueItem]] = relationship(
        secondary=script_value_items, order_by=ValueItem.id
    )


class StallReview(db.Model):
    """A rep's answer to "why no call-back?" for a stalled prospect, and when."""

    __tablename__ = "stall_reviews"
    __table_args__ = (
        Index("ix_stall_reviews_team_id_person_id", "team_id", "person_id"),
        CheckConstraint(_in_list("cause", STALL_CAUSES), name="cause_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    cause: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
