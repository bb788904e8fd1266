"""API v1 authentication: every route but the OpenAPI document needs a valid bearer token."""

from __future__ import annotations

import pytest

from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import ApiToken
from tests.test_api_support import CheckedApi, api_routes, fill, snapshot

PROTECTED = [(rule, method) for rule, method, endpoint in api_routes() if endpoint != "api.openapi"]
BAD_HEADERS = {
    "no header": {},
    "empty bearer": {"Authorization": "Bearer "},
    "wrong token": {"Authorization": "Bearer not-a-real-token"},
    "very long token": {"Authorization": "Bearer " + "x" * 5000},
    "basic auth": {"Authorization": "Basic cmVwQGV4YW1wbGUuY29tOnB3"},
    "token without scheme": {"Authorization": "abc"},
}


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.mark.parametrize("how", BAD_HEADERS)
@pytest.mark.parametrize(("rule", "method"), PROTECTED)
def test_every_route_needs_a_valid_token(client, user, api, rule, method, how):
    url = fill(rule, person_id=1, relationship_id=1, group_id=1, followup_id=1, call_id=1,
               touch_id=1, item_id=1, introduction_id=1)
    before = snapshot()
    response = client.open(url, method=method, headers=BAD_HEADERS[how], json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert set(response.get_json()) == {"error"}
    assert snapshot() == before


def test_the_openapi_document_needs_no_token(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.get_json()["openapi"].startswith("3.1")


def test_a_valid_token_is_accepted_and_its_use_recorded(api, user):
    assert db.session.scalar(db.select(ApiToken.last_used_at)) is None
    assert api.get("/api/v1/me").status_code == 200
    db.session.expire_all()
    assert db.session.scalar(db.select(ApiToken.last_used_at)) is not None


def test_the_scheme_is_case_insensitive(client, api):
    response = client.get("/api/v1/me", headers={"Authorization": f"bearer {api.token}"})
    assert response.status_code == 200


def test_a_revoked_token_is_refused(client, api):
    token = db.session.scalar(db.select(ApiToken))
    token.revoked_at = utc_now()
    db.session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {api.token}"})
    assert response.status_code == 401


def test_me(api, user):
    body = api.get("/api/v1/me").get_json()
    assert body == {
        "user": {"id": user.id, "email": "rep@example.com", "is_admin": True},
        "person_id": user.person_id,
        "team": {"id": user.team_id, "name": "Acme Sales"},
    }


def test_unknown_api_path_is_a_json_404(api):
    response = api.client.get("/api/v1/nothing-here", headers=api.headers())
    assert response.status_code == 404 and "error" in response.get_json()


def test_wrong_method_is_a_json_405(api):
    response = api.client.put("/api/v1/people", headers=api.headers(), json={})
    assert response.status_code == 405 and "error" in response.get_json()
