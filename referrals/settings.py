"""Team settings stored as JSON on the team: read with defaults, validated on write."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from referrals.errors import ValidationFailed
from referrals.graph.tie import TieParams
from referrals.models import Team


def tie_params(team: Team) -> TieParams:
    """The team's tie-strength constants (the defaults where the team set none)."""
    return TieParams.from_dict((team.settings or {}).get("tie", {}))


def update_tie_params(session: Session, team: Team, data: dict[str, Any]) -> TieParams:
    """Validate and store the team's tie-strength constants (bumps the graph version).

    Raises ValidationFailed with a message per bad field; nothing is written then.
    """
    try:
        params = TieParams.from_dict(data)
    except ValueError as exc:
        fields = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
        raise ValidationFailed("Invalid tie-strength settings.", fields) from exc
    # A new dict, not an in-place edit: the JSON column only notices reassignment.
    team.settings = {**(team.settings or {}), "tie": params.to_dict()}
    session.flush()
    return params


def reset_tie_params(session: Session, team: Team) -> TieParams:
    """Forget the team's own constants and use the defaults again."""
    team.settings = {k: v for k, v in (team.settings or {}).items() if k != "tie"}
    session.flush()
    return TieParams()
