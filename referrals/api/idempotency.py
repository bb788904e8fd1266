"""Idempotency-Key on API POSTs: a repeat of a request replays the first answer, writes nothing.

The first POST with a key claims it: a row (user, key) is inserted inside the request's own
transaction, before the view runs, so the key commits together with what the view wrote (or
not at all), and the unique constraint on (user_id, key) lets only one of two racing requests
claim it – the other waits for the first's answer and replays it. After a successful answer
(2xx) its status, body and Location are stored. A refused request (4xx, 5xx) stores nothing,
so the client may fix it and retry with the same key. The same key with another method, path
or body is a client error: 409. Keys are kept for 24 hours.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import timedelta

from flask import Response, g, request
from flask.typing import ResponseReturnValue
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from referrals.api import bp
from referrals.api.auth import current_user
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import IdempotencyKey
from referrals.web.errors import error_response

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TTL = timedelta(hours=24)
WAIT_SECONDS = 5.0  # how long a repeat waits for the first request's answer
POLL_SECONDS = 0.05
VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as a UUID or any token
# POST endpoints that do not take a key: imports answer large multipart uploads.
NOT_IDEMPOTENT = frozenset({"api.create_import"})


def applies(method: str, endpoint: str | None) -> bool:
    """Whether a request to `endpoint` honours Idempotency-Key (every POST but the above)."""
    return method == "POST" and endpoint is not None and endpoint not in NOT_IDEMPOTENT


def _request_hash() -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.full_path.encode(),
                 (request.content_type or "").encode()):
        digest.update(part + b"\0")
    digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _replay(row: IdempotencyKey) -> Response:
    response = Response(row.body, status=row.status_code, mimetype="application/json")
    if row.location:
        response.headers["Location"] = row.location
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _find(user_id: int, key: str) -> IdempotencyKey | None:
    stmt = select(IdempotencyKey).where(
        IdempotencyKey.user_id == user_id, IdempotencyKey.key == key,
        IdempotencyKey.created_at >= utc_now() - TTL,
    ).execution_options(populate_existing=True)
    return db.session.scalar(stmt)


def _claim(user_id: int, key: str, request_hash: str) -> bool:
    """Insert the key's row in this request's transaction; False if another request has it."""
    # Expired keys of the user go first, so an old key can be used again after 24 hours.
    db.session.execute(delete(IdempotencyKey).where(
        IdempotencyKey.user_id == user_id, IdempotencyKey.created_at < utc_now() - TTL))
    row = IdempotencyKey(user_id=user_id, key=key, method=request.method, path=request.path,
                         request_hash=request_hash)
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    g.idempotency_key_id = row.id
    return True


@bp.before_request
def replay_or_claim() -> ResponseReturnValue | None:
    """Runs after authentication (this module is imported after referrals.api.auth)."""
    key = request.headers.get(HEADER)
    if key is None or not applies(request.method, request.endpoint):
        return None
    if not VALID_KEY.fullmatch(key):
        return error_response(400, f"{HEADER} must be 1 to 255 visible ASCII characters.",
                              {HEADER: ["Use a random token such as a UUID."]})
    user_id, request_hash = current_user().id, _request_hash()
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        row = _find(user_id, key)
        if row is None:
            if _claim(user_id, key, request_hash):
                return None
            continue  # another request claimed it a moment ago: read its row
        if (row.method, row.path, row.request_hash) != (request.method, request.path,
                                                       request_hash):
            return error_response(
                409, f"This {HEADER} was already used for a different request (another "
                     "method, path or body). Use a new key for a new request.",
                {HEADER: ["Already used for a different request."]})
        if row.status_code is not None:
            return _replay(row)
        if time.monotonic() > deadline:
            return error_response(
                409, f"A request with this {HEADER} is still being processed; retry shortly.")
        db.session.rollback()  # end the snapshot so the next read sees the answer
        time.sleep(POLL_SECONDS)


@bp.after_request
def remember_answer(response: Response) -> Response:
    key_id = g.pop("idempotency_key_id", None)
    if key_id is None:
        return response
    if response.status_code >= 400:
        # A refused request writes nothing – not even its key, so a corrected retry can run.
        db.session.rollback()
        return response
    row = db.session.get(IdempotencyKey, key_id)
    if row is None:  # the view rolled back its work and still answered 2xx: nothing to keep
        return response
    row.status_code = response.status_code
    row.body = response.get_data(as_text=True)
    row.location = response.headers.get("Location")
    db.session.commit()
    return response
