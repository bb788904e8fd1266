"""Keyset pagination by id: `?limit=` and `?after=`, with an absolute `next` link."""

from __future__ import annotations

from typing import Any

from flask import current_app, request, url_for
from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute

from referrals.api.schemas.common import ListQuery, QueryModel
from referrals.errors import ValidationFailed
from referrals.extensions import db


def resolve_limit(query: QueryModel) -> int:
    limit = getattr(query, "limit", None)
    maximum = current_app.config["API_MAX_LIMIT"]
    if limit is None:
        return current_app.config["API_DEFAULT_LIMIT"]
    if limit > maximum:
        raise ValidationFailed(
            "Invalid query parameters.", {"limit": [f"Use a number of at most {maximum}."]}
        )
    return limit


def page(
    stmt: Select, id_column: InstrumentedAttribute[int], query: ListQuery
) -> tuple[list[Any], str | None]:
    """One page of `stmt` in id order, and the link to the next page (None on the last)."""
    limit = resolve_limit(query)
    if query.after is not None:
        stmt = stmt.where(id_column > query.after)
    rows = list(db.session.scalars(stmt.order_by(None).order_by(id_column).limit(limit + 1)))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    args = {**(request.view_args or {}), **request.args.to_dict(), "after": rows[-1].id}
    return rows, url_for(request.endpoint or "", **args, _external=True)
