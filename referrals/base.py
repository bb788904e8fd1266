"""Declarative base with timestamps and a naming convention, so Alembic names constraints stably."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from referrals.clock import utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Ids are PostgreSQL `integer`s (SQLite refuses larger Python ints too): anything outside
# 1..MAX_ID names no row, so it is "not found", never a database error.
MAX_ID = 2**31 - 1


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def Timestamp() -> DateTime:  # noqa: N802  (reads like a type in mapped_column)
    """Timestamps are stored with their offset (UTC) on both SQLite and PostgreSQL."""
    return DateTime(timezone=True)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now, onupdate=utc_now)
