"""Credentials: password-reset and invitation links, setting a password, and revoking every
key to an account besides its sessions."""

from __future__ import annotations

from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from referrals.auth.services import (
    check_password_policy,
    create_user,
    hash_password,
    normalize_email,
)
from referrals.auth.sessions import end_all_sessions
from referrals.clock import utc_now
from referrals.errors import Conflict, NotFound, ValidationFailed
from referrals.models import ApiToken, CalendarFeed, Team, User

RESET_SALT = "referrals.password-reset"
INVITE_SALT = "referrals.invite"


def revoke_access_keys(session: Session, user: User) -> None:
    """Everything besides a session that opens the account: every API token is revoked and
    the calendar feed's secret address stops working (the user can make a new one)."""
    session.execute(
        update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )
    session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    session.flush()


def _serializer(secret_key: str, salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=salt)


def _password_fingerprint(user: User) -> str:
    # Part of the signed token: once the password changes the link no longer verifies,
    # so a reset link works once.
    return user.password_hash[-16:]


def make_reset_token(secret_key: str, user: User) -> str:
    return _serializer(secret_key, RESET_SALT).dumps(
        {"uid": user.id, "pw": _password_fingerprint(user)}
    )


def user_for_email(session: Session, email: str) -> User | None:
    """The active user with that address, or None (also for a malformed address)."""
    try:
        email = normalize_email(email)
    except ValidationFailed:
        return None
    user = session.scalar(select(User).where(User.email == email))
    return user if user is not None and user.is_active else None


def user_for_reset_token(session: Session, secret_key: str, token: str, max_age: int) -> User:
    """The user a reset link is for; NotFound when it is forged, expired or already used."""
    try:
        data = _serializer(secret_key, RESET_SALT).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise NotFound("That link has expired; ask for a new one.") from exc
    except BadSignature as exc:
        raise NotFound("That link is not valid.") from exc
    user = session.get(User, data.get("uid")) if isinstance(data, dict) else None
    if user is None or not user.is_active or data.get("pw") != _password_fingerprint(user):
        raise NotFound("That link has been used already or is not valid.")
    return user


def set_password(session: Session, user: User, password: str, *, fast_hash: bool = False,
                 revoke_keys: bool = False) -> None:
    """New password; every existing session of the user ends, and with `revoke_keys` every
    other key to the account too (see `revoke_access_keys`) – one step, all or nothing."""
    check_password_policy(password)
    user.password_hash = hash_password(password, fast=fast_hash)
    end_all_sessions(session, user)
    if revoke_keys:
        revoke_access_keys(session, user)


# --- invitations ---------------------------------------------------------------------------

def make_invite_token(session: Session, secret_key: str, admin: User, email: str) -> str:
    """A signed invitation to `admin`'s team for `email` (who must not have an account)."""
    if not admin.is_admin or not admin.is_active:
        raise NotFound("Only a team admin can invite.")
    email = normalize_email(email)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict("That address already has an account.", {"email": ["Already in use."]})
    return _serializer(secret_key, INVITE_SALT).dumps(
        {"team_id": admin.team_id, "email": email, "by": admin.id}
    )


def read_invite(session: Session, secret_key: str, token: str, max_age: int) -> dict[str, Any]:
    """The invitation's team and e-mail; NotFound when forged, expired or already accepted."""
    try:
        data = _serializer(secret_key, INVITE_SALT).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise NotFound("That invitation has expired; ask for a new one.") from exc
    except BadSignature as exc:
        raise NotFound("That invitation is not valid.") from exc
    team = session.get(Team, data.get("team_id")) if isinstance(data, dict) else None
    if team is None:
        raise NotFound("That invitation is not valid.")
    if session.scalar(select(User.id).where(User.email == data["email"])) is not None:
        raise NotFound("That invitation has been accepted already; sign in instead.")
    return {"team": team, "email": data["email"]}


def accept_invite(
    session: Session, invite: dict[str, Any], name: str, password: str, *, fast_hash: bool = False
) -> User:
    """Create the invited user in the inviting team."""
    return create_user(
        session, invite["email"], password, team_name=invite["team"].name,
        name=name.strip() or None, fast_hash=fast_hash,
    )
