"""Signed-in sessions the server can end, and the failed sign-in counters that slow guessing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from referrals.base import Timestamp
from referrals.clock import utc_now
from referrals.extensions import db


class UserSession(db.Model):
    """One signed-in browser. Its secret travels in the session (and remember-me) cookie; only
    the SHA-256 digest is stored. Deleting the row ends the session for every copy of the
    cookie, which a signed cookie alone cannot do."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)


class LoginThrottle(db.Model):
    """Failed sign-ins for one key (an account from one address, or one address), kept in
    the database so every worker and machine sees the same count. The key is stored as a
    SHA-256 digest: no e-mail address or IP address sits in this table."""

    __tablename__ = "login_throttles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    blocked_until: Mapped[datetime | None] = mapped_column(Timestamp())
