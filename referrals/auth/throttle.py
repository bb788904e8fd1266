"""Slowing password guessing without locking the owner out (OWASP Authentication Cheat
Sheet: throttle per account *and* address, back off exponentially, never a hard lock of the
account for everyone). Services take the session and never commit.

Two counters are kept for a failed sign-in: the account from this address, and this address
for any account. Each allows some failures free, then asks for a wait that doubles with
every further failure, up to a ceiling. The owner signing in from anywhere else is never
slowed by an attacker's guesses; a correct sign-in clears the account-and-address counter.
The counters live in the database, which every worker and machine shares.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from referrals.clock import utc_now
from referrals.models import LoginThrottle


@dataclass(frozen=True)
class Policy:
    free_failures: int  # failures before any wait
    base_seconds: float  # the first wait; each further failure doubles it
    max_seconds: float  # the ceiling: an attacker gets a few guesses an hour, never none
    forget_after: timedelta  # a counter with no failure for this long starts again

    def wait_after(self, failures: int) -> float:
        """Seconds to wait after `failures` failures.

        >>> p = Policy(3, 2, 60, timedelta(hours=1))
        >>> [p.wait_after(n) for n in (1, 3, 4, 5, 6, 10)]
        [0, 0, 2, 4, 8, 60]
        """
        extra = failures - self.free_failures
        if extra <= 0:
            return 0
        return min(self.base_seconds * 2 ** min(extra - 1, 60), self.max_seconds)


def policies(config: Mapping[str, Any]) -> tuple[Policy, Policy]:
    """The account-and-address policy and the address policy from the app's config."""
    common = {
        "base_seconds": config["LOGIN_BACKOFF_BASE_SECONDS"],
        "max_seconds": config["LOGIN_BACKOFF_MAX_SECONDS"],
        "forget_after": config["LOGIN_FAILURES_FORGOTTEN_AFTER"],
    }
    return (Policy(config["LOGIN_FREE_FAILURES_PER_ACCOUNT_AND_ADDRESS"], **common),
            Policy(config["LOGIN_FREE_FAILURES_PER_ADDRESS"], **common))


def address_key(address: str | None) -> str:
    """The client address as counted: an IPv6 client owns a whole /64, so count the /64.

    >>> address_key("2001:db8::1") == address_key("2001:db8::ffff")
    True
    >>> address_key("192.0.2.7")
    'addr:192.0.2.7'
    """
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return f"addr:{address or 'unknown'}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return f"addr:{ip.ipv4_mapped}"
        return f"addr:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
    return f"addr:{ip}"


def account_key(email: str, address: str | None) -> str:
    return f"acct:{email.strip().lower()[:254]}|{address_key(address)}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite hands back naive UTC
        return moment.replace(tzinfo=UTC)
    return moment


def seconds_to_wait(
    session: Session, counters: list[tuple[str, Policy]], now: datetime | None = None
) -> int:
    """How long before the next attempt is heard (0: now), the longest of the counters."""
    now = now or utc_now()
    rows = session.execute(
        select(LoginThrottle.key_hash, LoginThrottle.blocked_until)
        .where(LoginThrottle.key_hash.in_([_digest(k) for k, _ in counters]))
    ).all()
    wait = 0.0
    for _, blocked_until in rows:
        until = _aware(blocked_until)
        if until is not None and until > now:
            wait = max(wait, (until - now).total_seconds())
    return math.ceil(wait)


def record_failure(
    session: Session, counters: list[tuple[str, Policy]], now: datetime | None = None
) -> None:
    """Count one failed sign-in against each counter and set its next wait."""
    now = now or utc_now()
    for key, policy in counters:
        row = _row(session, _digest(key), now)
        stale = now - (_aware(row.last_failed_at) or now) > policy.forget_after
        # failures + 1 in SQL: two workers counting at once both count.
        session.execute(
            update(LoginThrottle).where(LoginThrottle.id == row.id).values(
                failures=1 if stale else LoginThrottle.failures + 1, last_failed_at=now)
        )
        session.refresh(row)
        wait = policy.wait_after(row.failures)
        row.blocked_until = now + timedelta(seconds=wait) if wait else None
    session.flush()


def _row(session: Session, key_hash: str, now: datetime) -> LoginThrottle:
    row = session.scalar(select(LoginThrottle).where(LoginThrottle.key_hash == key_hash))
    if row is not None:
        return row
    try:
        with session.begin_nested():  # another worker may insert the same key first
            row = LoginThrottle(key_hash=key_hash, failures=0, last_failed_at=now)
            session.add(row)
        return row
    except IntegrityError:
        return session.scalars(
            select(LoginThrottle).where(LoginThrottle.key_hash == key_hash)
        ).one()


def clear(session: Session, key: str) -> None:
    """Forget a counter (the account-and-address one, after a correct password)."""
    session.execute(
        update(LoginThrottle).where(LoginThrottle.key_hash == _digest(key))
        .values(failures=0, blocked_until=None)
    )
    session.flush()
