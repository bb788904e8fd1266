"""Bearer-token authentication for every API route; the token's user scopes each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app, g, jsonify, request
from flask.typing import ResponseReturnValue

from referrals.api import bp
from referrals.auth.services import last_used_moved, user_for_token
from referrals.extensions import db
from referrals.models import User

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])

MAX_TOKEN_LENGTH = 200  # ours are 43 characters; anything far longer is not worth a query


def public(view: F) -> F:
    """Mark a view as open to requests without a token (only the OpenAPI document)."""
    view.api_public = True  # type: ignore[attr-defined]
    return view


@bp.before_request
def authenticate() -> ResponseReturnValue | None:
    view = current_app.view_functions.get(request.endpoint or "")
    if getattr(view, "api_public", False):
        return None
    credentials = request.authorization
    if credentials is None or credentials.type != "bearer" or not credentials.token:
        return _unauthorized("Send an API token: 'Authorization: Bearer <token>'.", None)
    token = credentials.token
    user = user_for_token(db.session, token) if len(token) <= MAX_TOKEN_LENGTH else None
    if user is None:
        return _unauthorized("That API token is not valid.", "invalid_token")
    if last_used_moved(db.session):  # at most once a minute: kept even if the request fails
        db.session.commit()  # (only then: a commit expires the user and costs a re-read)
    g.api_user = user
    return None


def _unauthorized(message: str, error: str | None) -> ResponseReturnValue:
    challenge = 'Bearer realm="referrals"' + (f', error="{error}"' if error else "")
    return jsonify(error=message), 401, {"WWW-Authenticate": challenge}


def current_user() -> User:
    return g.api_user


def team_id() -> int:
    return g.api_user.team_id
