"""Warm paths from the rep (or another person) to a person, and the prospect ranking."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import request, url_for

from referrals.api import bp, lookups
from referrals.api.auth import current_user
from referrals.api.pagination import resolve_limit
from referrals.api.responses import to_json
from referrals.api.schemas import paths as schemas
from referrals.api.validation import parse_query
from referrals.extensions import db
from referrals.outreach.wording import opener_context
from referrals.paths import services


def _penalty_json(penalty: services.Penalty | None) -> dict[str, Any] | None:
    if penalty is None:
        return None
    return {
        "factor": penalty.factor,
        "reason": penalty.reason,
        "helpers": [
            {"id": h.person_id, "name": h.name, "asks": h.asks, "window_days": h.window_days,
             "cap": h.cap, "factor": h.factor}
            for h in penalty.helpers
        ],
    }


def _path_json(found: services.WarmPath) -> dict[str, Any]:
    return {
        "warmth": found.warmth,
        "penalised_warmth": found.penalised_warmth,
        "penalty": _penalty_json(found.penalty),
        "hops": found.hops,
        "steps": [{"type": s.type, "id": s.id, "name": s.name} for s in found.steps],
        "ties": [asdict(t) for t in found.ties],
        "explanation": found.explanation,
        "opener": found.opener,
        "stage": found.stage,
        "ask": {"type": "person", "id": found.ask.id, "name": found.ask.name}
        if found.ask else None,
    }


@bp.get("/people/<int:person_id>/paths")
def person_paths(person_id: int) -> dict[str, Any]:
    target = lookups.person(person_id)
    query = parse_query(schemas.PathsQuery)
    source = None if query.from_ == "me" else lookups.person(int(query.from_))
    found = services.find_warm_paths(
        db.session, current_user(), target, k=query.k, max_hops=query.max_hops, source=source,
        openers=opener_context,
    )
    return to_json(schemas.PathList, {"paths": [_path_json(p) for p in found]})


@bp.get("/prospects/ranking")
def prospect_ranking() -> dict[str, Any]:
    query = parse_query(schemas.RankingQuery)
    limit = resolve_limit(query)
    offset = query.offset or 0
    page = services.ranking_page(
        db.session, current_user(), max_hops=query.max_hops, limit=limit, offset=offset
    )
    next_url = None
    if page.more:
        args = {**request.args.to_dict(), "offset": offset + limit}
        next_url = url_for(".prospect_ranking", **args, _external=True)
    items = [
        {
            "prospect": row.prospect,
            "warmth": row.warmth,
            "penalised_warmth": row.penalised_warmth,
            "penalty": _penalty_json(row.penalty),
            "hops": row.hops,
            "first_step": (
                {"type": row.first_step.type, "id": row.first_step.id, "name": row.first_step.name}
                if row.first_step else None
            ),
        }
        for row in page.rows
    ]
    return to_json(schemas.RankingList, {"items": items, "next": next_url})
