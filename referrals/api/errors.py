"""API-only error answers; everything else is handled by referrals.web.errors."""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from sqlalchemy.exc import IntegrityError

from referrals.api import bp
from referrals.extensions import db
from referrals.web.errors import error_response


@bp.errorhandler(IntegrityError)
def integrity_error(exc: IntegrityError) -> ResponseReturnValue:
    # The services check uniqueness first; this covers two requests racing past that check.
    db.session.rollback()
    return error_response(409)
