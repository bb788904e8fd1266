"""Follow-ups: thank-yous and feedback owed to helpers, promised calls, the rep's own reminders."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.advocates import followups as services
from referrals.api import bp, lookups
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import created, to_json
from referrals.api.schemas import followups as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.extensions import db
from referrals.models import Followup


@bp.get("/followups")
def list_followups() -> dict[str, Any]:
    query = parse_query(schemas.FollowupsQuery)
    stmt = services.followups_query(
        team_id(), status=query.status, due_before=query.due_before, person_id=query.person_id,
        kinds=(query.kind,) if query.kind else None)
    items, next_url = page(stmt, Followup.id, query)
    return to_json(schemas.FollowupList, {"items": items, "next": next_url})


@bp.post("/followups")
def create_followup() -> ResponseReturnValue:
    data = parse_body(schemas.FollowupCreate).model_dump()
    followup = services.create_own_followup(db.session, current_user(), data)
    db.session.commit()
    return created(to_json(schemas.Followup, followup),
                   url_for(".get_followup", followup_id=followup.id, _external=True))


@bp.get("/followups/<int:followup_id>")
def get_followup(followup_id: int) -> dict[str, Any]:
    return to_json(schemas.Followup, lookups.followup(followup_id))


@bp.post("/followups/<int:followup_id>/complete")
def complete_followup(followup_id: int) -> dict[str, Any]:
    followup = lookups.followup(followup_id)
    services.complete_followup(db.session, current_user(), followup)
    db.session.commit()
    return to_json(schemas.Followup, followup)
