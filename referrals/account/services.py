"""The account pages' services: API tokens, signing out everywhere, team members and
removals. Services never commit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from referrals.auth.credentials import revoke_access_keys
from referrals.auth.sessions import end_all_sessions
from referrals.clock import utc_now
from referrals.errors import NotFound, ValidationFailed
from referrals.models import ApiToken, User

# --- API tokens and sessions ---------------------------------------------------------------

def active_tokens(session: Session, user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def revoke_token(session: Session, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; anyone else's (or a revoked one) is NotFound."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise NotFound("No such token.")
    token.revoked_at = utc_now()
    session.flush()
    return token


def sign_out_everywhere(session: Session, user: User, *, revoke_keys: bool = False) -> None:
    """End every session and remember-me cookie of the user; with `revoke_keys`, their API
    tokens and calendar feed address too."""
    end_all_sessions(session, user)
    if revoke_keys:
        revoke_access_keys(session, user)


# --- team members --------------------------------------------------------------------------

def team_members(session: Session, team_id: int) -> list[User]:
    return list(
        session.scalars(select(User).where(User.team_id == team_id).order_by(User.email))
    )


def remove_member(session: Session, admin: User, user_id: int) -> User:
    """Stop a teammate signing in or using tokens; their person, ties and history stay."""
    if not admin.is_admin:
        raise NotFound("Only a team admin can remove members.")
    member = session.get(User, user_id)
    if member is None or member.team_id != admin.team_id or not member.is_active:
        raise NotFound("No such member.")
    if member.id == admin.id:
        raise ValidationFailed("You can't remove yourself.")
    now = utc_now()
    member.deactivated_at = now
    member.is_admin = False
    end_all_sessions(session, member)
    for token in member.tokens:
        if token.revoked_at is None:
            token.revoked_at = now
    session.flush()
    return member
