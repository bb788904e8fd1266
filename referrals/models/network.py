"""The rep's network: people, the relationships between them, and the groups they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from referrals.base import Timestamp, TimestampMixin
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models.search_keys import SOURCE_FIELDS, search_columns
from referrals.vocab import GROUP_KINDS, RELATIONSHIP_KINDS, ROLES


def _in_list(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _search_default(column: str) -> Callable[[Any], str]:
    """A column default computing `column` from the row being inserted, so every INSERT –
    the ORM's, and the imports' and loaders' Core bulk inserts alike – fills it."""

    def fill(context: Any) -> str:
        return search_columns(context.get_current_parameters())[column]

    return fill


class Person(TimestampMixin, db.Model):
    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("team_id", "email"),
        Index("ix_people_team_id_name", "team_id", "name"),
        # The person search's indexes (see people.search). A name prefix is a range of
        # `name_key` (text_pattern_ops: LIKE 'q%' on PostgreSQL whatever the collation).
        Index("ix_people_team_id_name_key", "team_id", "name_key",
              postgresql_ops={"name_key": "text_pattern_ops"}),
        # Trigram indexes for "contains" on PostgreSQL (pg_trgm); the migration gives SQLite,
        # which has no such index, an empty stand-in of the same name.
        Index("ix_people_name_key_trgm", "name_key", postgresql_using="gin",
              postgresql_ops={"name_key": "gin_trgm_ops"}),
        Index("ix_people_search_text_trgm", "search_text", "phone_digits",
              postgresql_using="gin",
              postgresql_ops={"search_text": "gin_trgm_ops", "phone_digits": "gin_trgm_ops"}),
        CheckConstraint("deal_value IS NULL OR deal_value >= 0", name="deal_value_not_negative"),
        CheckConstraint(
            "keep_in_touch_days IS NULL OR keep_in_touch_days BETWEEN 1 AND 3650",
            name="keep_in_touch_days_range",
        ),
        # AUTOINCREMENT: SQLite never hands out a deleted person's id again, so an old link
        # (/people/3) cannot open someone else (PostgreSQL's sequences never reuse ids).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    timezone: Mapped[str | None] = mapped_column(String(64))
    is_customer: Mapped[bool] = mapped_column(default=False)
    is_reference: Mapped[bool] = mapped_column(default=False)
    is_advocate: Mapped[bool] = mapped_column(default=False)
    is_prospect: Mapped[bool] = mapped_column(default=False)
    do_not_contact: Mapped[bool] = mapped_column(default=False)
    deal_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    notes: Mapped[str] = mapped_column(Text, default="")
    # Firmographics for reference matching: like recommends like.
    industry: Mapped[str | None] = mapped_column(String(100))
    company_size: Mapped[str | None] = mapped_column(String(20))
    region: Mapped[str | None] = mapped_column(String(100))
    # Their public profile (LinkedIn, a company page): an http(s) address, checked on the way in.
    profile_url: Mapped[str | None] = mapped_column(String(500))
    # What keeps the prospect up at night (tags of outreach.ISSUES): picks the value to offer.
    pressing_issues: Mapped[list[str]] = mapped_column(
        JSON, default=list, server_default=text("'[]'")
    )
    # "Stay in touch every N days" (None: the team's default for the person's roles), and the
    # day of the latest logged interaction with anyone on the team, which restarts the count.
    keep_in_touch_days: Mapped[int | None] = mapped_column()
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    # Bumped by every edit a person makes through a form or the API, so a stale edit is
    # caught (optimistic concurrency: If-Match / the form's hidden version).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Derived from name, company, e-mail, notes and phone for the person search (see
    # models.search_keys): filled on every insert by their defaults, on an ORM update by
    # `_refill_search_columns`; bulk UPDATEs call `refresh_search_columns`.
    name_key: Mapped[str] = mapped_column(Text, default=_search_default("name_key"),
                                          server_default="")
    search_text: Mapped[str] = mapped_column(Text, default=_search_default("search_text"),
                                             server_default="")
    phone_digits: Mapped[str] = mapped_column(String(50), default=_search_default("phone_digits"),
                                              server_default="")

    memberships: Mapped[list[GroupMembership]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def roles(self) -> list[str]:
        """The person's roles in the fixed order of `ROLES`."""
        return [role for role in ROLES if getattr(self, f"is_{role}")]

    @roles.setter
    def roles(self, values: list[str] | tuple[str, ...] | set[str]) -> None:
        unknown = set(values) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        for role in ROLES:
            setattr(self, f"is_{role}", role in values)


@event.listens_for(Person, "before_update")
def _refill_search_columns(mapper: Any, connection: Any, target: Person) -> None:
    """An edit through the ORM (a form, the API, a merge) refills the search columns."""
    state = inspect(target)
    if any(state.attrs[name].history.has_changes() for name in SOURCE_FIELDS):
        for column, value in search_columns(
                {name: getattr(target, name) for name in SOURCE_FIELDS}).items():
            setattr(target, column, value)


def refresh_search_columns(session: Session, person_ids: Iterable[int]) -> None:
    """Refill the search columns of these people from their saved fields, after a bulk UPDATE
    (which runs no ORM event) changed those fields."""
    ids = sorted(set(person_ids))
    fields = [getattr(Person, name) for name in SOURCE_FIELDS]
    for start in range(0, len(ids), 500):
        rows = session.execute(select(Person.id, *fields)
                               .where(Person.id.in_(ids[start:start + 500])))
        changes = [{"id": row.id, **search_columns(row._mapping)} for row in rows]
        if changes:
            session.execute(update(Person), changes)


class Relationship(TimestampMixin, db.Model):
    """How two people know each other. One row per unordered pair and kind.

    `pair_low`/`pair_high` hold the two ids in order so the unique constraint covers the
    pair regardless of which side was named first (SQLite and PostgreSQL have no portable
    expression index for that); `set_people` keeps them in step.
    """

    __tablename__ = "relationships"
    __table_args__ = (
        UniqueConstraint("pair_low", "pair_high", "kind"),
        CheckConstraint("pair_low < pair_high", name="no_self_loop"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        CheckConstraint(_in_list("kind", RELATIONSHIP_KINDS), name="kind_known"),
        {"sqlite_autoincrement": True},  # see Person
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    person_a_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    person_b_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    pair_low: Mapped[int]
    pair_high: Mapped[int]
    # See Person.version.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    kind: Mapped[str] = mapped_column(String(20))
    rating: Mapped[int] = mapped_column(SmallInteger, default=3)
    last_interaction: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    person_a: Mapped[Person] = relationship(foreign_keys=[person_a_id])
    person_b: Mapped[Person] = relationship(foreign_keys=[person_b_id])

    def set_people(self, person_a_id: int, person_b_id: int) -> None:
        self.person_a_id = person_a_id
        self.person_b_id = person_b_id
        self.pair_low, self.pair_high = sorted((person_a_id, person_b_id))

    def other(self, person_id: int) -> Person:
        """The person on the other side of the tie from `person_id`."""
        return self.person_b if self.person_a_id == person_id else self.person_a


class Group(TimestampMixin, db.Model):
    """An association, an event or a company that people share."""

    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("team_id", "name", "kind"),
        CheckConstraint(_in_list("kind", GROUP_KINDS), name="kind_known"),
        {"sqlite_autoincrement": True},  # see Person
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")

    memberships: Mapped[list[GroupMembership]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True
    )


class GroupMembership(db.Model):
    __tablename__ = "group_memberships"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    group: Mapped[Group] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(back_populates="memberships")


class PersonNote(db.Model):
    """A dated note the rep wrote about a person: what they said, what to remember."""

    __tablename__ = "person_notes"
    __table_args__ = (
        Index("ix_person_notes_person_id_created_at", "person_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
