"""The team's value library: articles, research, tips and whitepapers, tagged by issue."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import current_user, team_id
from referrals.api.pagination import page
from referrals.api.responses import created, no_content, to_json
from referrals.api.schemas import value_items as schemas
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import ValueItem
from referrals.outreach import library as services


@bp.get("/value-items")
def list_value_items() -> dict[str, Any]:
    query = parse_query(schemas.ValueItemsQuery)
    stmt = services.value_items_query(team_id(), issue=query.issue, q=query.q)
    items, next_url = page(stmt, ValueItem.id, query)
    return to_json(schemas.ValueItemList, {"items": items, "next": next_url})


@bp.post("/value-items")
def create_value_item() -> ResponseReturnValue:
    data = parse_body(schemas.ValueItemCreate).model_dump()
    with unit_of_work(db.session):
        item = services.create_value_item(db.session, current_user(), data)
    return created(to_json(schemas.ValueItem, item),
                   url_for(".get_value_item", item_id=item.id, _external=True))


@bp.get("/value-items/<int:item_id>")
def get_value_item(item_id: int) -> dict[str, Any]:
    return to_json(schemas.ValueItem, lookups.value_item(item_id))


@bp.patch("/value-items/<int:item_id>")
def update_value_item(item_id: int) -> dict[str, Any]:
    item = lookups.value_item(item_id)
    changes = parse_body(schemas.ValueItemUpdate).model_dump(exclude_unset=True)
    with unit_of_work(db.session):
        services.update_value_item(db.session, item, changes)
    return to_json(schemas.ValueItem, item)


@bp.delete("/value-items/<int:item_id>")
def delete_value_item(item_id: int) -> ResponseReturnValue:
    services.delete_value_item(db.session, lookups.value_item(item_id))
    db.session.commit()
    return no_content()
