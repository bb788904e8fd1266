"""Building answers: JSON through the response models, 201 with Location, 204."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel


def to_json(model: type[BaseModel], obj: Any) -> dict[str, Any]:
    """`obj` (an ORM object or a dict) as the JSON of response model `model`."""
    return model.model_validate(obj, from_attributes=True).model_dump(mode="json")


def created(body: dict[str, Any], location: str) -> ResponseReturnValue:
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = location
    return response


def no_content() -> Response:
    return Response(status=204)
