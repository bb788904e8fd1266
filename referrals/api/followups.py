"""Follow-ups (thank-yous, feedback, …) that keep advocates willing."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.responses import not_built


@bp.get("/followups")
def list_followups() -> ResponseReturnValue:
    return not_built()


@bp.post("/followups/<int:followup_id>/complete")
def complete_followup(followup_id: int) -> ResponseReturnValue:
    return not_built(lookups.followup(followup_id))
