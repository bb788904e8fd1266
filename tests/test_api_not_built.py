"""Routes that later issues fill in: they exist, check the token and ids, and answer 501."""

from __future__ import annotations

import pytest

from referrals.extensions import db
from tests import factories
from tests.test_api_support import CheckedApi, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.mark.parametrize(
    ("method", "url"),
    [
    ],
)
def test_not_built_yet(api, user, method, url):
    person = factories.make_person(db.session, user.team_id)
    db.session.commit()
    before = snapshot()
    response = api.request(method, url.format(person=person.id))
    assert response.status_code == 501
    assert response.get_json() == {"error": "Not built yet."}
    assert snapshot() == before


def test_completing_a_followup_finds_none_yet(api, user):
    response = api.post("/api/v1/followups/1/complete")
    assert response.status_code == 404
