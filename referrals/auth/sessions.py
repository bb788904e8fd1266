"""Sessions the server can end. Services take the session and never commit.

The id Flask-Login keeps in the session and remember-me cookies is
``<user id>.<user's session token>.<session key>``. The session key names one UserSession
row (stored as its digest): signing out deletes that row, so every copy of the cookie stops
working; rotating the user's session token ends all of them at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import Integer, Select, String, bindparam, delete, select
from sqlalchemy.orm import Session, contains_eager

from referrals.base import MAX_ID
from referrals.clock import utc_now
from referrals.models import Team, User, UserSession
from referrals.models.changes import saw_graph_version
from referrals.models.team import new_session_token


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(session: Session, user: User, *, keep_for: timedelta) -> str:
    """A new server-side session for `user`; returns its key, which `user.get_id()` now
    carries. Sessions older than `keep_for` (no cookie outlives it) are pruned."""
    session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id, UserSession.created_at < utc_now() - keep_for
        )
    )
    key = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, key_hash=_digest(key)))
    session.flush()
    user.login_session_key = key  # type: ignore[attr-defined]  (read by User.get_id)
    return key


@cache
def _session_user_statement() -> Select[tuple[User, int]]:
    """`user_for_session_id`'s query, built once with bound parameters: building the
    statement and its cache key on every page cost about as much as running it."""
    return (
        select(User, Team.graph_version)
        .join(User.team)
        .join(UserSession, UserSession.user_id == User.id)
        .options(contains_eager(User.team))
        .where(User.id == bindparam("user_id", type_=Integer),
               UserSession.key_hash == bindparam("key_hash", type_=String))
    )


def user_for_session_id(session: Session, session_id: str) -> User | None:
    """The active user a cookie's id names, if its session has not been ended.

    Read on every signed-in page, so the user, their team and the session row come back in
    one joined SELECT (`user.team` then costs nothing more; the team's graph version is
    noted for the graph cache, `models.changes.saw_graph_version`)."""
    uid, token, key = (session_id.split(".") + ["", ""])[:3]
    if not uid.isdigit() or not token or not key or not 1 <= int(uid) <= MAX_ID:
        return None
    # A missing row means signed out: this cookie, and every copy of it, is dead.
    row = session.execute(
        _session_user_statement(), {"user_id": int(uid), "key_hash": _digest(key)}
    ).one_or_none()
    if row is None:
        return None
    user, graph_version = row
    if not user.is_active:
        return None
    # A rotated token ("sign out everywhere", new password, removal) ends every session.
    if not hmac.compare_digest(user.session_token, token):
        return None
    user.login_session_key = key  # type: ignore[attr-defined]
    saw_graph_version(session, user.team_id, graph_version)  # the graph cache's check
    return user


def end_session(session: Session, session_id: str | None) -> None:
    """Sign out one browser: the session named by `session_id` (a cookie's id) ends."""
    parts = (session_id or "").split(".")
    if len(parts) == 3 and parts[2]:
        session.execute(delete(UserSession).where(UserSession.key_hash == _digest(parts[2])))
        session.flush()


def end_all_sessions(session: Session, user: User) -> None:
    """Sign `user` out of every browser and remember-me cookie."""
    user.session_token = new_session_token()
    session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    session.flush()
