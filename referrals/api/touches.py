"""Touches: every outreach to a person, checked against the team's cadence."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import created, to_json
from referrals.api.schemas import touches as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import Touch
from referrals.outreach import touches as services


@bp.get("/touches")
def list_touches() -> dict[str, Any]:
    query = parse_query(schemas.TouchesQuery)
    stmt = services.touches_query(team_id(), person_id=query.person_id)
    items, next_url = page(stmt, Touch.id, query)
    return to_json(schemas.TouchList, {"items": items, "next": next_url})


@bp.post("/touches")
def create_touch() -> ResponseReturnValue:
    data = parse_body(schemas.TouchCreate).model_dump()
    with unit_of_work(db.session):
        touch = services.log_touch(db.session, current_user(), data)
    return created(to_json(schemas.Touch, touch),
                   url_for(".get_touch", touch_id=touch.id, _external=True))


@bp.get("/touches/<int:touch_id>")
def get_touch(touch_id: int) -> dict[str, Any]:
    return to_json(schemas.Touch, lookups.touch(touch_id))


@bp.get("/people/<int:person_id>/cadence")
def person_cadence(person_id: int) -> dict[str, Any]:
    advice = services.cadence_for(db.session, lookups.person(person_id),
                                  rep=current_user().person)
    return to_json(schemas.Cadence, cadence_json(advice))


def cadence_json(advice: Any) -> dict[str, Any]:
    """A CadenceAdvice as the API's Cadence (its windows and verdict as plain dicts)."""
    verdict = advice.voicemail
    return {
        "attempts": advice.attempts, "budget": advice.budget,
        "budget_spent": advice.budget_spent, "call_attempts": advice.call_attempts,
        "other_attempts": advice.other_attempts, "other_budget": advice.other_budget,
        "other_budget_spent": advice.other_budget_spent, "appointment": advice.appointment,
        "timezone_known": advice.timezone_known, "windows_zone": advice.windows_zone.key,
        "unanswered_voicemails": advice.unanswered_voicemails,
        "voicemail": {"allowed": verdict.allowed, "reason": verdict.reason,
                      "in_window": verdict.in_window, "layoff_until": verdict.layoff_until},
        "suggest_email": advice.suggest_email, "responded": advice.responded,
        "stalled": advice.stalled, "next_step": advice.next_step,
        "windows": [{"start": w.start, "end": w.end, "label": w.label} for w in advice.windows],
    }
