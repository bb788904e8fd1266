"""GET /me: the token's user, their own person in the graph, and their team."""

from __future__ import annotations

from typing import Any

from referrals.api import bp
from referrals.api.auth import current_user
from referrals.api.responses import to_json
from referrals.api.schemas import me as schemas


@bp.get("/me")
def get_me() -> dict[str, Any]:
    user = current_user()
    return to_json(schemas.Me, {"user": user, "person_id": user.person_id, "team": user.team})
