"""/api/v1/introductions: list, create, read, move on; 404 across teams, 400 with fields,
409 over the ask cap, and nothing written on refusal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from referrals.advocates import introductions
from referrals.api.schemas.introductions import IntroStatus
from referrals.extensions import db
from referrals.models import IntroductionRequest
from referrals.vocab import INTRO_STATUSES
from tests import factories
from tests.test_api_support import snapshot


@pytest.fixture
def cast(user, other_user):
    s = db.session
    gus = factories.make_person(s, user.team_id, "Gus Ortega")
    dana = factories.make_person(s, user.team_id, "Dana Lee", roles=["prospect"])
    olga = factories.make_person(s, other_user.team_id, "Olga Secret")
    s.commit()
    return gus, dana, olga


def test_the_status_vocabulary_is_the_models():
    assert IntroStatus.__args__ == INTRO_STATUSES


def test_create_get_patch_and_list(api, cast):
    gus, dana, _ = cast
    response = api.post("/api/v1/introductions", json={
        "helper_id": gus.id, "prospect_id": dana.id, "status": "asked"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["helper_id"] == gus.id and body["status"] == "asked"
    assert "Hi Gus," in body["message"] and "reply_url" not in body
    assert [h["status"] for h in body["history"]] == ["asked"]
    assert response.headers["Location"].endswith(f"/api/v1/introductions/{body['id']}")
    url = f"/api/v1/introductions/{body['id']}"
    assert api.get(url).get_json() == body
    moved = api.patch(url, json={"status": "agreed", "note": "On Thursday"})
    assert moved.status_code == 200
    assert moved.get_json()["history"][-1] == {
        "status": "agreed", "at": moved.get_json()["history"][0]["at"], "note": "On Thursday"}
    api.post("/api/v1/introductions", json={"helper_id": dana.id, "prospect_id": gus.id,
                                            "message": "My own words"})
    listed = api.get("/api/v1/introductions").get_json()
    assert [i["status"] for i in listed["items"]] == ["agreed", "draft"]
    assert listed["items"][1]["message"] == "My own words"
    assert [i["id"] for i in api.get("/api/v1/introductions?status=draft").get_json()["items"]] \
        == [listed["items"][1]["id"]]
    assert len(api.get(f"/api/v1/introductions?person_id={gus.id}").get_json()["items"]) == 2
    page = api.get("/api/v1/introductions?limit=1").get_json()
    assert len(page["items"]) == 1 and page["next"]


def test_another_teams_request_is_404_and_untouched(api, cast, other_user):
    _, _, olga = cast
    pavel = factories.make_person(db.session, other_user.team_id, "Pavel Secret")
    theirs = introductions.create_introduction_request(db.session, other_user, olga.id, pavel.id)
    db.session.commit()
    before = snapshot()
    for response in (api.get(f"/api/v1/introductions/{theirs.id}"),
                     api.patch(f"/api/v1/introductions/{theirs.id}", json={"status": "asked"})):
        assert response.status_code == 404 and "Secret" not in response.get_data(as_text=True)
    assert api.get("/api/v1/introductions").get_json()["items"] == []
    assert snapshot() == before


@pytest.mark.parametrize(("body", "field"), [
    ({"prospect_id": 2}, "helper_id"),
    ({"helper_id": "one", "prospect_id": 2}, "helper_id"),
    ({"helper_id": 1, "prospect_id": 2, "status": "won"}, "status"),
    ({"helper_id": 1, "prospect_id": 1}, "helper_id"),
    ({"helper_id": 1, "prospect_id": "OLGA"}, "prospect_id"),
    ({"helper_id": 1, "prospect_id": 2, "colour": "red"}, "colour"),
])
def test_bad_input_is_400_with_fields_and_writes_nothing(api, cast, body, field):
    gus, dana, olga = cast
    ids = {1: gus.id, 2: dana.id, "OLGA": olga.id}
    body = {k: ids.get(v, v) if not isinstance(v, bool) else v for k, v in body.items()}
    before = snapshot()
    response = api.post("/api/v1/introductions", json=body)
    assert response.status_code == 400, response.get_json()
    assert field in response.get_json()["fields"]
    assert snapshot() == before


def test_bad_patches_are_400_and_write_nothing(api, cast, user):
    gus, dana, _ = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id)
    db.session.commit()
    before = snapshot()
    for body, field in (({"status": "maybe"}, "status"), ({"status": "draft"}, "status"),
                        ({}, "status"), ({"status": "asked", "note": 5}, "note")):
        response = api.patch(f"/api/v1/introductions/{request.id}", json=body)
        assert response.status_code == 400 and field in response.get_json()["fields"]
    assert snapshot() == before


def test_over_the_ask_cap_is_409_until_confirmed(api, cast, user):
    gus, dana, _ = cast
    for name in ("P1", "P2"):
        other = factories.make_person(db.session, user.team_id, name)
        introductions.create_introduction_request(
            db.session, user, other.id, gus.id, status="asked", confirm_over_cap=True
        )
    draft = introductions.create_introduction_request(db.session, user, dana.id, gus.id)
    db.session.commit()
    before = snapshot()
    body = {"helper_id": gus.id, "prospect_id": dana.id, "status": "asked"}
    response = api.post("/api/v1/introductions", json=body)
    assert response.status_code == 409 and "confirm_over_cap" in response.get_json()["fields"]
    response = api.patch(f"/api/v1/introductions/{draft.id}", json={"status": "asked"})
    assert response.status_code == 409
    assert snapshot() == before
    assert api.post("/api/v1/introductions",
                    json={**body, "confirm_over_cap": True}).status_code == 201
    assert db.session.scalar(select(IntroductionRequest).order_by(
        IntroductionRequest.id.desc())).status == "asked"
