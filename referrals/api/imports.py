"""Importing contacts or ties from a CSV or vCard file."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from referrals.api import bp
from referrals.api.responses import not_built


@bp.post("/imports")
def create_import() -> ResponseReturnValue:
    return not_built()
