"""Uploads waiting between their preview and the import, kept as `ImportUpload` rows so that
every app machine sees them (a preview made on one is confirmed on another).

Only a random token travels in the URL and only its SHA-256 is stored; a row opens for its
own uploader only, so another user's token – or a made-up one – answers exactly as an expired
upload does. Rows older than a day are swept away. Services never commit: the caller does.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from referrals.clock import utc_now
from referrals.errors import NotFound
from referrals.models import ImportUpload

MAX_AGE = timedelta(hours=24)
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
EXPIRED = "That upload has expired; upload the file again."


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which the upload of `token` is stored."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def save_upload(session: Session, user_id: int, data: bytes, meta: dict[str, Any],
                now: datetime | None = None) -> str:
    """Stage `data` for `user_id` and return the token that opens it again."""
    now = now or utc_now()
    sweep(session, now)
    token = secrets.token_hex(16)
    session.add(ImportUpload(user_id=user_id, token_hash=token_hash(token), meta=meta,
                             data=data, created_at=now))
    session.flush()
    return token


def load_upload(session: Session, user_id: int, token: str,
                now: datetime | None = None) -> tuple[bytes, dict[str, Any]]:
    """The staged file and its meta; `NotFound` when expired, unknown or someone else's."""
    row = session.execute(_own(user_id, token, now).with_only_columns(
        ImportUpload.data, ImportUpload.meta)).first()
    if row is None:
        raise NotFound(EXPIRED)
    return row.data, dict(row.meta)


def discard_upload(session: Session, user_id: int, token: str) -> bool:
    """Delete the staged file; False when it was gone already (another request claimed it)."""
    if not TOKEN_RE.fullmatch(token):
        return False
    result = session.execute(delete(ImportUpload).where(
        ImportUpload.user_id == user_id, ImportUpload.token_hash == token_hash(token)))
    return bool(result.rowcount)


def claim_upload(session: Session, user_id: int, token: str) -> None:
    """Delete the staged file inside the import's transaction, or raise `NotFound`: of two
    confirmations of one upload (a double click, two machines) only one imports."""
    if not discard_upload(session, user_id, token):
        raise NotFound(EXPIRED)


def sweep(session: Session, now: datetime | None = None) -> int:
    """Delete every staged upload older than `MAX_AGE`; how many went."""
    limit = (now or utc_now()) - MAX_AGE
    result = session.execute(delete(ImportUpload).where(ImportUpload.created_at < limit))
    return int(result.rowcount or 0)


def _own(user_id: int, token: str, now: datetime | None):
    if not TOKEN_RE.fullmatch(token):
        raise NotFound(EXPIRED)
    return select(ImportUpload.id).where(
        ImportUpload.user_id == user_id,
        ImportUpload.token_hash == token_hash(token),
        ImportUpload.created_at >= (now or utc_now()) - MAX_AGE,
    )
