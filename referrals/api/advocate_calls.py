"""Calls an advocate made on the rep's behalf; logging one creates its follow-ups."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from referrals.api import bp
from referrals.api.responses import not_built


@bp.get("/advocate-calls")
def list_advocate_calls() -> ResponseReturnValue:
    return not_built()


@bp.post("/advocate-calls")
def create_advocate_call() -> ResponseReturnValue:
    return not_built()
