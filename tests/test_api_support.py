"""Helpers for the API tests (no tests here): the routes of /api/v1, a JSON client that
checks every answer against the OpenAPI document, and a snapshot of every table.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from flask import Flask
from sqlalchemy import select

from referrals import create_app
from referrals.extensions import db
from referrals.models import Base

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


@cache
def _route_app() -> Flask:
    # An app only to read the routes when collecting tests; it never touches a database.
    return create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def api_routes(app: Flask | None = None) -> list[tuple[str, str, str]]:
    """Every (rule, method, endpoint) under /api/v1, e.g. ('/api/v1/me', 'GET', 'api.get_me')."""
    url_map = (app or _route_app()).url_map
    return sorted(
        (rule.rule, method, rule.endpoint)
        for rule in url_map.iter_rules()
        if rule.rule.startswith(PREFIX + "/")
        for method in sorted((rule.methods or set()) - IGNORED_METHODS)
    )


def openapi_path(rule: str) -> str:
    """'/api/v1/people/<int:person_id>' -> '/people/{person_id}'."""
    path = rule[len(PREFIX):]
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        name = path[start + 1:end].split(":")[-1]
        path = path[:start] + "{" + name + "}" + path[end + 1:]
    return path


def fill(rule: str, **values: int) -> str:
    """The rule with its arguments filled in from `values`."""
    path = rule
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        name = path[start + 1:end].split(":")[-1]
        path = path[:start] + str(values[name]) + path[end + 1:]
    return path


def document() -> dict[str, Any]:
    from referrals.api.openapi import document as build

    return build()


FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time_with_offset(value: object) -> bool:
    # The API promises ISO 8601 *with offset*; a naive timestamp is a bug.
    return not isinstance(value, str) or datetime.fromisoformat(value).utcoffset() is not None


def validate(instance: Any, schema: dict[str, Any]) -> None:
    """Validate against a schema of the OpenAPI document (its $refs resolved in the document)."""
    wrapper = {"allOf": [schema], "components": document()["components"]}
    jsonschema.Draft202012Validator(wrapper, format_checker=FORMATS).validate(instance)


def check_response(app: Flask, method: str, url: str, response: Any) -> None:
    """The answer's status is documented for that operation and its body fits the schema."""
    path = urlsplit(url).path
    endpoint, _ = app.url_map.bind("localhost").match(path, method=method)
    operations = [
        (op_path, spec)
        for op_path, item in document()["paths"].items()
        for op_method, spec in item.items()
        if op_method == method.lower() and spec["operationId"] == endpoint.removeprefix("api.")
    ]
    assert len(operations) == 1, f"{method} {path} ({endpoint}) is not documented once"
    _, spec = operations[0]
    status = str(response.status_code)
    assert status in spec["responses"], f"{method} {path} answered {status}, not documented"
    documented = spec["responses"][status]
    if "content" not in documented:
        assert response.data == b"", f"{method} {path} {status} should have no body"
        return
    if "application/json" not in documented["content"]:  # an export: CSV or vCard
        assert response.mimetype in documented["content"], f"{method} {path} {status}"
        return
    assert response.is_json, f"{method} {path} {status} is not JSON"
    validate(response.get_json(), documented["content"]["application/json"]["schema"])
    if status == "201":
        assert response.headers.get("Location", "").startswith("http")


class CheckedApi:
    """The conftest `Api` client, checking every answer against the OpenAPI document."""

    def __init__(self, api: Any, app: Flask) -> None:
        self.api = api
        self.app = app
        self.client = api.client
        self.token = api.token

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}

    def request(self, method: str, url: str, **kw: Any) -> Any:
        kw["headers"] = {**self.headers(), **kw.get("headers", {})}
        response = self.client.open(url, method=method, **kw)
        check_response(self.app, method, url, response)
        return response

    def get(self, url: str, **kw: Any) -> Any:
        return self.request("GET", url, **kw)

    def post(self, url: str, json: Any = None, **kw: Any) -> Any:
        return self.request("POST", url, json=json, **kw)

    def patch(self, url: str, json: Any = None, **kw: Any) -> Any:
        return self.request("PATCH", url, json=json, **kw)

    def delete(self, url: str, **kw: Any) -> Any:
        return self.request("DELETE", url, **kw)


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (a token's last use aside), to prove a request wrote nothing."""
    db.session.expire_all()
    tables: dict[str, list[tuple]] = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns
                       if (table.name, c.name) != ("api_tokens", "last_used_at")]
            rows = conn.execute(select(*columns)).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def count(model: Any) -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(model)) or 0
