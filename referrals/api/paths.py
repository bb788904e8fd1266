"""Warm paths from the rep (or another person) to a person, and the prospect ranking."""

from __future__ import annotations

from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.responses import not_built


@bp.get("/people/<int:person_id>/paths")
def person_paths(person_id: int) -> ResponseReturnValue:
    return not_built(lookups.person(person_id))


@bp.get("/prospects/ranking")
def prospect_ranking() -> ResponseReturnValue:
    return not_built()
