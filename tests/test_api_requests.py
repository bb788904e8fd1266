"""API v1 request formats: JSON only, well-formed, an object, not too large."""

from __future__ import annotations

import pytest

from tests.test_api_support import CheckedApi, snapshot

WRITES = [
    ("POST", "/api/v1/people"),
    ("PATCH", "/api/v1/people/{me}"),
    ("POST", "/api/v1/relationships"),
    ("POST", "/api/v1/groups"),
]


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


def _send(api, user, method, url, **kw):
    return api.request(method, url.format(me=user.person_id), **kw)


@pytest.mark.parametrize(("method", "url"), WRITES)
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "application/json; charset=latin-1", None],
)
def test_non_json_is_refused_with_415(api, user, method, url, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    before = snapshot()
    response = _send(api, user, method, url, data=b'{"name": "X"}', headers=headers)
    assert response.status_code == 415
    assert response.get_json() == {"error": "Send JSON with Content-Type: application/json."}
    assert snapshot() == before


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8",
                                          "application/merge-patch+json"])
def test_json_variants_are_accepted(api, user, content_type):
    response = _send(api, user, "POST", "/api/v1/people", data='{"name": "Zoë"}'.encode(),
                     headers={"Content-Type": content_type})
    assert response.status_code == 201 and response.get_json()["name"] == "Zoë"


@pytest.mark.parametrize(("method", "url"), WRITES)
@pytest.mark.parametrize(
    "raw", [b"", b"{", b'{"name": }', b"{'name': 'x'}", b'{"name": "x",}', b"\xff\xfe",
            b'{"name": NaN}']
)
def test_malformed_json_is_refused_with_400(api, user, method, url, raw):
    before = snapshot()
    response = _send(api, user, method, url, data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"].startswith("The body is not valid JSON") or "fields" in body
    assert snapshot() == before


@pytest.mark.parametrize(("method", "url"), WRITES)
@pytest.mark.parametrize("raw", [b"[]", b'[{"name": "x"}]', b'"x"', b"42", b"null", b"true"])
def test_json_that_is_not_an_object_is_refused(api, user, method, url, raw):
    before = snapshot()
    response = _send(api, user, method, url, data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json() == {"error": "The body must be a JSON object."}
    assert snapshot() == before


@pytest.mark.parametrize(("method", "url"), WRITES)
def test_a_body_over_the_limit_is_refused_with_413(app, api, user, method, url):
    limit = app.config["MAX_CONTENT_LENGTH"]
    raw = b'{"name": "x", "notes": "' + b"n" * limit + b'"}'
    before = snapshot()
    response = _send(api, user, method, url, data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.get_json()["error"].startswith("The request body is larger than")
    assert snapshot() == before


def test_a_body_just_under_the_limit_is_read(app, api, user):
    limit = app.config["MAX_CONTENT_LENGTH"]
    head, tail = b'{"name": "x", "notes": "', b'"}'
    raw = head + b"n" * (limit - len(head) - len(tail)) + tail
    response = _send(api, user, "POST", "/api/v1/people", data=raw,
                     headers={"Content-Type": "application/json"})
    assert response.status_code == 201


def test_duplicate_keys_take_the_last_value(api, user):
    response = _send(api, user, "POST", "/api/v1/people", data=b'{"name": "A", "name": "B"}',
                     headers={"Content-Type": "application/json"})
    assert response.status_code == 201 and response.get_json()["name"] == "B"


def test_answers_are_json_in_utf8(api, user):
    response = api.post("/api/v1/people", json={"name": "<b>Zoë</b>"})
    assert response.mimetype == "application/json"
    assert response.get_json()["name"] == "<b>Zoë</b>"
