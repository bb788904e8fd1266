"""The OpenAPI document is true: every route is in it, everything in it is a route, and its
schemas are valid JSON Schema (the other API tests validate every answer against them)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from tests.test_api_support import PREFIX, api_routes, document, openapi_path, validate

ROUTES = api_routes()


def documented_operations() -> set[tuple[str, str]]:
    return {
        (path, method.upper())
        for path, item in document()["paths"].items()
        for method in item
    }


@pytest.mark.parametrize(("rule", "method", "endpoint"), ROUTES)
def test_every_route_is_documented(rule, method, endpoint):
    operation = document()["paths"].get(openapi_path(rule), {}).get(method.lower())
    assert operation is not None, f"{method} {rule} is missing from referrals/api/openapi.py"
    assert operation["operationId"] == endpoint.removeprefix("api.")


def test_every_documented_operation_is_a_route():
    routes = {(openapi_path(rule), method) for rule, method, _ in ROUTES}
    assert documented_operations() - routes == set()


def test_the_served_document_is_the_built_one(client):
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.get_json() == document()


def test_document_basics():
    doc = document()
    assert doc["openapi"] == "3.1.0"
    assert doc["servers"] == [{"url": PREFIX}]
    bearer = doc["components"]["securitySchemes"]["bearerAuth"]
    assert bearer == {"type": "http", "scheme": "bearer"}
    assert doc["security"] == [{"bearerAuth": []}]
    ids = [op["operationId"] for item in doc["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("path", "method"), sorted(documented_operations()))
def test_every_operation_is_described(path, method):
    op = document()["paths"][path][method.lower()]
    assert op["summary"] and op["tags"]
    responses = op["responses"]
    assert any(status.startswith("2") for status in responses)
    for status, response in responses.items():
        assert response["description"]
        if status.startswith(("4", "5")):
            assert response["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }
    names = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
    assert names == set(path.replace("}", "{").split("{")[1::2])
    if path == "/openapi.json":
        assert op["security"] == []
    else:
        assert "401" in responses and "security" not in op
    if "{" in path:
        assert "404" in responses
    if method in ("POST", "PATCH") and "requestBody" in op:
        assert {"400", "413", "415"} <= set(responses)


def test_every_schema_is_valid_json_schema():
    for schema in document()["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_ref_resolves():
    doc = document()
    refs = set(re.findall(r"#/components/schemas/(\w+)", json.dumps(doc)))
    assert refs and refs <= set(doc["components"]["schemas"])


@pytest.mark.parametrize(
    ("path", "method", "params"),
    [
        ("/people", "GET", {"limit", "after", "role", "q"}),
        ("/relationships", "GET", {"limit", "after", "person_id"}),
        ("/groups", "GET", {"limit", "after", "kind", "q"}),
        ("/people/{person_id}/paths", "GET", {"person_id", "k", "max_hops", "from"}),
        ("/prospects/ranking", "GET", {"limit", "offset", "max_hops"}),
        ("/followups", "GET", {"limit", "after", "status", "due_before", "kind", "person_id"}),
    ],
)
def test_parameters(path, method, params):
    op = document()["paths"][path][method.lower()]
    assert {p["name"] for p in op["parameters"]} == params
    for parameter in op["parameters"]:
        assert "null" not in str(parameter["schema"])  # a query parameter is never null


@pytest.mark.parametrize(
    ("path", "method", "schema", "media_type"),
    [
        ("/people", "POST", "PersonCreate", "application/json"),
        ("/people/{person_id}", "PATCH", "PersonUpdate", "application/json"),
        ("/relationships", "POST", "RelationshipCreate", "application/json"),
        ("/groups/{group_id}/members", "POST", "MemberAdd", "application/json"),
        ("/advocate-calls", "POST", "AdvocateCallCreate", "application/json"),
        ("/imports", "POST", "ImportUpload", "multipart/form-data"),
    ],
)
def test_request_bodies(path, method, schema, media_type):
    body = document()["paths"][path][method.lower()]["requestBody"]
    assert body["content"][media_type]["schema"] == {"$ref": f"#/components/schemas/{schema}"}


def test_request_schemas_match_the_validation():
    schemas = document()["components"]["schemas"]
    validate({"name": "A", "roles": ["advocate"], "deal_value": 10}, schemas["PersonCreate"])
    for bad in ({}, {"name": "A", "colour": "red"}, {"name": "A", "roles": ["boss"]},
                {"name": "x" * 201}, {"name": "A", "deal_value": -1}):
        with pytest.raises(jsonschema.ValidationError):
            validate(bad, schemas["PersonCreate"])
    with pytest.raises(jsonschema.ValidationError):
        validate({"person_a": 1, "person_b": 2, "kind": "friend", "rating": 6},
                 schemas["RelationshipCreate"])


def test_update_schemas_require_nothing_and_default_nothing():
    schemas = document()["components"]["schemas"]
    for name in ("PersonUpdate", "RelationshipUpdate", "GroupUpdate"):
        assert "required" not in schemas[name]
        assert all("default" not in prop for prop in schemas[name]["properties"].values())


def test_paths_schema_follows_the_contract():
    validate(
        {"paths": [{"warmth": 0.42, "hops": 2,
                    "steps": [{"type": "person", "id": 1, "name": "Me"},
                              {"type": "group", "id": 7, "name": "OMA"},
                              {"type": "person", "id": 9, "name": "Pat"}],
                    "ties": [{"kind": "member", "tie_strength": 0.7},
                             {"kind": "member", "tie_strength": 0.6}],
                    "explanation": "You and Pat are both in OMA.",
                    "opener": "Pat, we're both members of OMA…"}]},
        document()["components"]["schemas"]["PathList"],
    )


@pytest.mark.parametrize(
    ("value", "valid"),
    [("2024-03-05T10:00:00+00:00", True), ("2024-03-05T10:00:00Z", True),
     ("2024-03-05T10:00:00", False), ("yesterday", False)],
)
def test_the_checker_insists_on_an_offset(value, valid):
    schema = {"type": "string", "format": "date-time"}
    if valid:
        validate(value, schema)
    else:
        with pytest.raises(jsonschema.ValidationError):
            validate(value, schema)
