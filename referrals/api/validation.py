"""Reading a request: the JSON body and the query string, through the models in schemas/.

Pydantic's errors become `ValidationFailed` with one human message per field (nested
locations joined with '.'), which the global error handler answers as 400 JSON.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort, request
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from referrals.errors import ValidationFailed
from referrals.transfer.jsondepth import MAX_DEPTH, too_deep

M = TypeVar("M", bound=BaseModel)

JSON_TYPES = ("application/json",)

_TYPE_MESSAGES = {
    "string_type": "Enter text.",
    "int_type": "Enter a whole number.",
    "int_parsing": "Enter a whole number.",
    "int_from_float": "Enter a whole number.",
    "float_type": "Enter a number.",
    "float_parsing": "Enter a number.",
    "finite_number": "Enter a finite number.",
    "bool_type": "Use true or false.",
    "bool_parsing": "Use true or false.",
    "list_type": "Send a list.",
    "dict_type": "Send an object.",
    "model_type": "Send an object.",
    "model_attributes_type": "Send an object.",
    "date_type": "Use a date as YYYY-MM-DD.",
    "date_parsing": "Use a date as YYYY-MM-DD.",
    "date_from_datetime_parsing": "Use a date as YYYY-MM-DD.",
    "date_from_datetime_inexact": "Use a date as YYYY-MM-DD.",
}


def is_json_request() -> bool:
    mimetype = request.mimetype
    structured = mimetype.startswith("application/") and mimetype.endswith("+json")
    return mimetype in JSON_TYPES or structured


def parse_body(model: type[M]) -> M:
    """The request's JSON object validated by `model` (400, 413 or 415 otherwise)."""
    if not is_json_request():
        abort(415)
    if request.mimetype_params.get("charset", "utf-8").lower().replace("-", "") != "utf8":
        abort(415)
    raw = request.get_data(cache=False)  # past MAX_CONTENT_LENGTH this raises 413
    if too_deep(raw.decode("utf-8", errors="replace")):
        raise ValidationFailed(f"The body nests more than {MAX_DEPTH} levels deep.")
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            if error["type"] == "json_invalid":
                detail = (error.get("ctx") or {}).get("error", "")
                raise ValidationFailed(f"The body is not valid JSON: {detail}.") from None
            if not error["loc"]:
                raise ValidationFailed("The body must be a JSON object.") from None
        raise ValidationFailed(
            getattr(model, "invalid_message", "Some fields are invalid."), field_messages(errors)
        ) from None


def parse_query(model: type[M]) -> M:
    """The query string validated by `model`; unknown or repeated parameters are refused."""
    repeated = {key: ["Give this parameter only once."]
                for key, values in request.args.lists() if len(values) > 1}
    if repeated:
        raise ValidationFailed("Invalid query parameters.", repeated)
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as exc:
        raise ValidationFailed(
            "Invalid query parameters.",
            field_messages(exc.errors(include_url=False), unknown="Unknown parameter."),
        ) from None


def field_messages(
    errors: list[ErrorDetails], *, unknown: str = "Unknown field."
) -> dict[str, list[str]]:
    """`{"name": ["This field is required."]}` from pydantic's error list."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        name = ".".join(str(part) for part in error["loc"]) or "body"
        message = _message(error, unknown)
        if message not in fields.setdefault(name, []):
            fields[name].append(message)
    return fields


def _message(error: ErrorDetails, unknown: str) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "missing":
        return "This field is required."
    if kind == "extra_forbidden":
        return unknown
    if kind.endswith("_type") and error.get("input") is None:
        return "This field can't be null."
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind]
    if kind == "string_too_short":
        return "This field is required." if ctx.get("min_length") == 1 else \
            f"Use at least {ctx['min_length']} characters."
    if kind == "string_too_long":
        return f"Use at most {ctx['max_length']} characters."
    if kind == "literal_error":
        return f"Choose one of: {str(ctx.get('expected', '')).replace(chr(39), '')}."
    if kind == "greater_than_equal":
        return f"Use a number of at least {_number(ctx['ge'])}."
    if kind == "greater_than":
        return f"Use a number greater than {_number(ctx['gt'])}."
    if kind == "less_than_equal":
        return f"Use a number of at most {_number(ctx['le'])}."
    if kind == "less_than":
        return f"Use a number less than {_number(ctx['lt'])}."
    if kind == "string_pattern_mismatch":
        return "This value is not in the expected form."
    return error["msg"]  # our own PydanticCustomError messages are already written for people


def _number(value: Any) -> str:
    """0.0 -> '0', 999999999999.99 -> '999999999999.99'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
