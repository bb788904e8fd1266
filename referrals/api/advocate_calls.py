"""Calls an advocate made on the rep's behalf; logging one creates its follow-ups."""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from flask.typing import ResponseReturnValue

from referrals.advocates import calls
from referrals.api import bp, lookups
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import created, to_json
from referrals.api.schemas import advocate_calls as schemas
from referrals.api.schemas.common import ListQuery
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import AdvocateCall


@bp.get("/advocate-calls")
def list_advocate_calls() -> dict[str, Any]:
    query = parse_query(ListQuery)
    items, next_url = page(calls.advocate_calls_query(team_id()), AdvocateCall.id, query)
    return to_json(schemas.AdvocateCallList, {"items": items, "next": next_url})


@bp.post("/advocate-calls")
def create_advocate_call() -> ResponseReturnValue:
    data = parse_body(schemas.AdvocateCallCreate).model_dump()
    with unit_of_work(db.session):
        call, new = calls.log_advocate_call_once(db.session, current_user(), data)
        # The answer is the rows as written: after the commit each would be read again.
        body = to_json(schemas.AdvocateCall, call)
    location = url_for(".get_advocate_call", call_id=body["id"], _external=True)
    if not new:  # the same call was logged moments ago: that one, unchanged (200, not 201)
        return jsonify(body), 200, {"Location": location}
    return created(body, location)


@bp.get("/advocate-calls/<int:call_id>")
def get_advocate_call(call_id: int) -> dict[str, Any]:
    return to_json(schemas.AdvocateCall, lookups.advocate_call(call_id))
