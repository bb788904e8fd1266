"""Follow-ups (thank-yous, feedback, …) that keep advocates willing."""

from __future__ import annotations

from typing import Any

from referrals.advocates import followups as services
from referrals.api import bp, lookups, schemas
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import to_json
from referrals.api.validation import parse_query
from referrals.extensions import db
from referrals.models import Followup


@bp.get("/followups")
def list_followups() -> dict[str, Any]:
    query = parse_query(schemas.FollowupsQuery)
    stmt = services.followups_query(team_id(), status=query.status, due_before=query.due_before)
    items, next_url = page(stmt, Followup.id, query)
    return to_json(schemas.FollowupList, {"items": items, "next": next_url})


@bp.post("/followups/<int:followup_id>/complete")
def complete_followup(followup_id: int) -> dict[str, Any]:
    followup = lookups.followup(followup_id)
    services.complete_followup(db.session, current_user(), followup)
    db.session.commit()
    return to_json(schemas.Followup, followup)
