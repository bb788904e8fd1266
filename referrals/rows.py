"""One row of a team, by id: another team's row, or an id no row can have, is no such row."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from referrals.base import MAX_ID
from referrals.errors import NotFound

T = TypeVar("T")


def team_row(session: Session, model: type[T], team_id: int, row_id: Any) -> T | None:
    """The team's `model` row with this id, or None.

    None too for another team's row (it answers exactly as a missing one) and for an id that
    is not an int from 1 to MAX_ID – past PostgreSQL's integer range no row can match, and
    asking would be a database error rather than "no such".
    """
    if isinstance(row_id, bool) or not isinstance(row_id, int) or not 0 < row_id <= MAX_ID:
        return None
    row = session.get(model, row_id)
    if row is None or row.team_id != team_id:  # type: ignore[attr-defined]
        return None
    return row


def get_team_row(session: Session, model: type[T], team_id: int, row_id: Any, missing: str) -> T:
    """:func:`team_row`, or NotFound(`missing`) – a 404 – when there is none."""
    row = team_row(session, model, team_id, row_id)
    if row is None:
        raise NotFound(missing)
    return row
