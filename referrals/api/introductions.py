"""Introduction requests: asking a helper to introduce the rep to a prospect, and its history."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.advocates import introductions
from referrals.api import bp
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import created, to_json
from referrals.api.schemas import introductions as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.models import IntroductionRequest

FIELDS = {"via": "helper_id", "prospect": "prospect_id"}


def introduction_json(request: IntroductionRequest) -> dict[str, Any]:
    """The request in the API's words: the helper is `via` in the model, the message its ask."""
    return {
        "id": request.id, "helper_id": request.via_id, "prospect_id": request.prospect_id,
        "status": request.status, "message": request.ask_text,
        "created_at": request.created_at,
        "history": [{"status": h.status, "at": h.changed_on, "note": h.note}
                    for h in request.history],
    }


def _one(introduction_id: int) -> IntroductionRequest:
    return introductions.get_introduction(db.session, team_id(), introduction_id)


@bp.get("/introductions")
def list_introductions() -> dict[str, Any]:
    query = parse_query(schemas.IntroductionsQuery)
    stmt = introductions.introductions_query(team_id(), person_id=query.person_id,
                                        status=query.status)
    items, next_url = page(stmt, IntroductionRequest.id, query)
    return to_json(schemas.IntroductionList,
                   {"items": [introduction_json(r) for r in items], "next": next_url})


@bp.post("/introductions")
def create_introduction() -> ResponseReturnValue:
    data = parse_body(schemas.IntroductionCreate)
    try:
        with unit_of_work(db.session):
            request = introductions.create_introduction_request(
                db.session, current_user(), data.prospect_id, data.helper_id,
                status=data.status, ask_text=data.message,
                confirm_over_cap=data.confirm_over_cap)
    except DomainError as exc:
        # The services name the people as the pages do; the API calls them by its fields.
        exc.fields = {FIELDS.get(name, name): messages for name, messages in exc.fields.items()}
        raise
    location = url_for(".get_introduction", introduction_id=request.id, _external=True)
    return created(to_json(schemas.Introduction, introduction_json(request)), location)


@bp.get("/introductions/<int:introduction_id>")
def get_introduction(introduction_id: int) -> dict[str, Any]:
    return to_json(schemas.Introduction, introduction_json(_one(introduction_id)))


@bp.patch("/introductions/<int:introduction_id>")
def update_introduction(introduction_id: int) -> dict[str, Any]:
    request = _one(introduction_id)
    data = parse_body(schemas.IntroductionUpdate)
    with unit_of_work(db.session):
        introductions.change_introduction_status(
            db.session, current_user(), request, data.status, note=data.note,
            confirm_over_cap=data.confirm_over_cap)
    return to_json(schemas.Introduction, introduction_json(request))
