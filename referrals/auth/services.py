"""Users, passwords and API tokens. Services take the session and never commit."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Select, String, bindparam, func, select, update
from sqlalchemy.orm import Session, contains_eager

from referrals.clock import utc_now
from referrals.errors import Conflict, ValidationFailed
from referrals.models import ApiToken, Person, Team, User, bump_graph_version
from referrals.models.changes import saw_graph_version

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
LAST_USED_PRECISION = timedelta(minutes=1)

_hashers = {
    # Argon2id with the library's recommended (RFC 9106 low-memory) parameters.
    False: PasswordHasher(),
    # The tests hash hundreds of passwords; a cheap setting keeps the suite fast.
    True: PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1),
}


def hash_password(password: str, *, fast: bool = False) -> str:
    return _hashers[fast].hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hashers[False].verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def normalize_email(email: str) -> str:
    """Check the syntax and return the address lower-cased (raises ValidationFailed)."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationFailed("Invalid e-mail address.", {"email": [str(exc)]}) from exc
    return result.normalized.lower()


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            "Password too short.",
            {"password": [f"Use at least {MIN_PASSWORD_LENGTH} characters."]},
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed(
            "Password too long.",
            {"password": [f"Use at most {MAX_PASSWORD_LENGTH} characters."]},
        )


def create_user(
    session: Session,
    email: str,
    password: str,
    *,
    team_name: str,
    name: str | None = None,
    is_admin: bool = False,
    fast_hash: bool = False,
) -> User:
    """Create a user, the team if it is new, and the user's own person in the team's graph."""
    email = normalize_email(email)
    check_password_policy(password)
    team_name = team_name.strip()
    if not team_name or len(team_name) > 120:
        raise ValidationFailed("Invalid team name.",
                               {"team": ["Give a team name of 1–120 characters."]})
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict("A user with that e-mail already exists.", {"email": ["Already in use."]})
    team = session.scalar(select(Team).where(Team.name == team_name))
    if team is None:
        team = Team(name=team_name, settings={})
        session.add(team)
        session.flush()
        is_admin = True  # whoever creates a team administers it
    person = session.scalar(
        select(Person).where(Person.team_id == team.id, func.lower(Person.email) == email)
    )
    if person is None:
        display = name or email.split("@")[0].replace(".", " ").title()
        person = Person(team_id=team.id, name=display, email=email, company=team.name)
        session.add(person)
        session.flush()
    user = User(
        team=team,
        email=email,
        password_hash=hash_password(password, fast=fast_hash),
        person_id=person.id,
        is_admin=is_admin,
    )
    session.add(user)
    session.flush()
    # A new teammate brings their whole network into every rep's warm paths: the cached
    # graphs must rebuild (the teammate ties are set at build time), not replay.
    bump_graph_version(session, team.id)
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user with that e-mail and password, or None (same answer for both failures)."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        # Spend the same time as a real check so the answer does not reveal the address.
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    return user if user.is_active else None  # removed from the team: no more sign-ins


_DUMMY_HASH = hash_password("not-a-real-password")


def _digest(token: str) -> str:
    # Tokens are 256 random bits, so a fast digest is enough: nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User, name: str = "") -> str:
    """Create an API token for `user`; returns the token, which is stored only hashed."""
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_digest(token), name=name[:120]))
    session.flush()
    return token


@cache
def _token_user_statement() -> Select[tuple[User, int, datetime | None, int]]:
    """`user_for_token`'s query, built once with a bound parameter: building the statement
    and its cache key on every request cost about as much as running it."""
    return (
        select(User, ApiToken.id, ApiToken.last_used_at, Team.graph_version)
        .join(ApiToken, ApiToken.user_id == User.id)
        .join(User.team)
        .options(contains_eager(User.team))
        .where(
            ApiToken.token_hash == bindparam("token_hash", type_=String),
            ApiToken.revoked_at.is_(None),
            User.deactivated_at.is_(None),
        )
    )


def user_for_token(session: Session, token: str) -> User | None:
    """The active user an unrevoked API token belongs to, with their team, in one query.

    Read on every API request, so the token, the user and the team come back in a single
    joined SELECT (the team eager, `user.team` costs nothing more; the team's graph version
    is noted for the graph cache, `models.changes.saw_graph_version`). When the token's "last
    used" is more than LAST_USED_PRECISION old it is moved on with an UPDATE in the
    session's transaction, for the caller to commit (`last_used_moved` says whether).
    Revoking a token or deactivating its user takes effect on the very next request: nothing
    is cached between requests.
    """
    row = session.execute(
        _token_user_statement(), {"token_hash": _digest(token)}
    ).one_or_none()
    if row is None:
        return None
    user, token_id, last, graph_version = row
    saw_graph_version(session, user.team_id, graph_version)  # the graph cache's check
    now = utc_now()
    # "Last used" to the minute is plenty, and sparing the write keeps API reads read-only.
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=UTC)
    if last is None or now - last > LAST_USED_PRECISION:
        session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
        session.info["last_used_moved"] = True
    return user


def last_used_moved(session: Session) -> bool:
    """Did `user_for_token` move a token's "last used" in this session (not committed yet)?"""
    return bool(session.info.pop("last_used_moved", False))
