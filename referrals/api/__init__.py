"""JSON API v1: one module per resource, authenticated by bearer tokens."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# The modules register their routes (and the auth check) on `bp` when imported.
from referrals.api import (  # noqa: E402
    advocate_calls,
    auth,
    errors,
    exports,
    followups,
    groups,
    idempotency,  # after auth (imported by the modules above): it needs the token's user
    imports,
    introductions,
    me,
    openapi,
    outreach,
    paths,
    people,
    relationships,
    touches,
    value_items,
)

__all__ = [
    "advocate_calls", "auth", "bp", "errors", "exports", "followups", "groups", "imports",
    "idempotency", "introductions", "me",
    "openapi", "outreach", "paths", "people", "relationships", "touches", "value_items",
]
