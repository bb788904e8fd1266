"""Teams, their users and the users' API tokens."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from referrals.base import Timestamp
from referrals.clock import utc_now
from referrals.extensions import db


def new_session_token() -> str:
    return secrets.token_hex(16)


if TYPE_CHECKING:
    from referrals.models.network import Person


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # Bumped by every change to the team's people, ties, groups or settings: each worker
    # compares it with the version of its cached graph to know when to rebuild.
    graph_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # Bumped with every write of the team's asks, and of its opener templates: each worker
    # keeps what it read of them under the value read with the request's user
    # (`referrals.models.counters`).
    asks_version: Mapped[int] = mapped_column(default=1, server_default="1")
    openers_version: Mapped[int] = mapped_column(default=1, server_default="1")
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)

    users: Mapped[list[User]] = relationship(back_populates="team")


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # The rep's own node in the graph. RESTRICT: deleting it would cut the rep out of every path.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), unique=True
    )
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    # Part of the id kept in session and remember cookies: a new value signs the user out
    # of every browser ("sign out everywhere", password reset, removal from the team).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Set when a team admin removes the user: they can no longer sign in or use a token,
    # but their person, ties and history stay in the team's graph.
    deactivated_at: Mapped[datetime | None] = mapped_column(Timestamp())

    team: Mapped[Team] = relationship(back_populates="users")
    person: Mapped[Person | None] = relationship(foreign_keys=[person_id])
    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses to sign in an inactive user
        return self.deactivated_at is None

    def get_id(self) -> str:
        """What Flask-Login keeps in the session: the id, the current session token and the
        secret of this sign-in's UserSession row (set by referrals.auth.sessions)."""
        key = getattr(self, "login_session_key", None)
        return f"{self.id}.{self.session_token}" + (f".{key}" if key else "")


class ApiToken(db.Model):
    """A bearer token; only its SHA-256 digest is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(Timestamp())
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp())

    user: Mapped[User] = relationship(back_populates="tokens")
