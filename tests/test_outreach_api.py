"""The outreach API: touches and cadence, the value library, openers, voicemail scripts, the
message check and the call-back card – every answer checked against the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta

import pytest

from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import SavedOpener, Touch, ValueItem, VoicemailScript
from tests import factories
from tests.test_api_support import CheckedApi, count, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def network(user):
    """Rep → Mike (customer) → Dana (friend): Mike is the one Dana knows."""
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid",
                                 company="Quality Fabricators", roles=["customer"])
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                 company="Harbor Foods", roles=["prospect"],
                                 timezone="America/Chicago", pressing_issues=["costs"])
    factories.make_relationship(db.session, user.person, mike, "customer", 5)
    factories.make_relationship(db.session, mike, dana, "friend", 4)
    db.session.commit()
    return mike, dana


def _iso(days_ago: float) -> str:
    return (utc_now() - timedelta(days=days_ago)).isoformat()


def _item(api, title="Freight cost index", issues=("costs",)):
    response = api.post("/api/v1/value-items", json={
        "title": title, "kind": "research", "issues": list(issues),
        "pitch": "our freight index shows where shippers like you can save"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_touches_are_logged_listed_and_read(api, network):
    _, dana = network
    item = _item(api)
    response = api.post("/api/v1/touches", json={
        "person_id": dana.id, "channel": "email", "occurred_at": _iso(1),
        "value_item_id": item["id"], "notes": "sent the index"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["channel"] == "email" and body["value_item_id"] == item["id"]
    assert api.get(response.headers["Location"]).get_json() == body
    listed = api.get(f"/api/v1/touches?person_id={dana.id}").get_json()
    assert [t["id"] for t in listed["items"]] == [body["id"]]


def test_the_fourth_voicemail_answers_409_until_confirmed(api, network):
    _, dana = network
    for days in (8, 5, 2):
        assert api.post("/api/v1/touches", json={
            "person_id": dana.id, "channel": "voicemail",
            "occurred_at": _iso(days)}).status_code == 201
    before = snapshot()
    refused = api.post("/api/v1/touches", json={"person_id": dana.id, "channel": "voicemail"})
    assert refused.status_code == 409
    assert "4th voicemail in 10 days" in refused.get_json()["fields"]["confirm"][0]
    assert snapshot() == before
    cadence = api.get(f"/api/v1/people/{dana.id}/cadence").get_json()
    assert cadence["voicemail"]["allowed"] is False and cadence["attempts"] == 3
    assert cadence["suggest_email"] is True
    confirmed = api.post("/api/v1/touches", json={"person_id": dana.id, "channel": "voicemail",
                                                  "confirm": True})
    assert confirmed.status_code == 201 and confirmed.get_json()["broke_cadence"] is True
    after = api.get(f"/api/v1/people/{dana.id}/cadence").get_json()
    assert after["voicemail"]["layoff_until"] is not None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "advocate_call"}, "channel"),
        ({"occurred_at": "2026-11-01T09:00:00"}, "occurred_at"),  # no offset
        ({"person_id": "1"}, "person_id"),
        ({"value_item_id": 2**40}, "value_item_id"),
        ({"outcome": "spoke", "channel": "voicemail"}, "outcome"),
        ({"extra": 1}, "extra"),
    ],
)
def test_a_bad_touch_answers_400_and_writes_nothing(api, network, body, field):
    _, dana = network
    before = snapshot()
    response = api.post("/api/v1/touches", json={"person_id": dana.id, "channel": "call",
                                                 **body})
    assert response.status_code == 400, response.get_json()
    assert field in response.get_json()["fields"]
    assert snapshot() == before


def test_another_teams_touches_and_value_items_answer_404(api, network, other_user):
    theirs = factories.make_person(db.session, other_user.team_id, "Their Prospect")
    db.session.commit()
    from referrals.outreach import library, touches

    item = library.create_value_item(db.session, other_user, {
        "title": "Theirs", "kind": "tip", "pitch": "p", "issues": ["costs"]})
    touch = touches.log_touch(db.session, other_user, {"person_id": theirs.id,
                                                       "channel": "call"})
    db.session.commit()
    assert api.get(f"/api/v1/touches/{touch.id}").status_code == 404
    assert api.get(f"/api/v1/value-items/{item.id}").status_code == 404
    assert api.patch(f"/api/v1/value-items/{item.id}", json={"title": "x"}).status_code == 404
    assert api.get(f"/api/v1/people/{theirs.id}/callback-card").status_code == 404
    assert api.get(f"/api/v1/people/{theirs.id}/openers").status_code == 404
    assert api.get("/api/v1/touches").get_json()["items"] == []
    assert api.post("/api/v1/touches", json={"person_id": theirs.id,
                                             "channel": "call"}).status_code == 400


def test_the_value_library_crud_and_issue_filter(api):
    first = _item(api, "Freight cost index", ("costs",))
    _item(api, "Labour market brief", ("staffing",))
    assert [i["title"] for i in api.get("/api/v1/value-items?issue=costs").get_json()[
        "items"]] == ["Freight cost index"]
    duplicate = api.post("/api/v1/value-items", json={
        "title": "Freight cost index", "kind": "tip", "pitch": "p", "issues": ["costs"]})
    assert duplicate.status_code == 409
    bad = api.post("/api/v1/value-items", json={"title": "x", "kind": "rumour", "pitch": "p",
                                                "issues": []})
    assert bad.status_code == 400 and {"kind", "issues"} <= set(bad.get_json()["fields"])
    changed = api.patch(f"/api/v1/value-items/{first['id']}", json={"issues": ["profit",
                                                                               "costs"]})
    assert changed.get_json()["issues"] == ["profit", "costs"]
    assert api.delete(f"/api/v1/value-items/{first['id']}").status_code == 204
    assert count(ValueItem) == 1


def test_openers_name_the_person_the_prospect_knows_and_can_be_saved(api, network):
    mike, dana = network
    body = api.get(f"/api/v1/people/{dana.id}/openers?hook=your+talk+at+the+Expo").get_json()
    best = body["paths"][0]
    assert best["knower"] == {"type": "person", "id": mike.id, "name": "Mike Kincaid"}
    texts = [o["text"] for o in best["options"]]
    assert len(texts) >= 3 and all("Mike" in t for t in texts)
    assert all("your talk at the Expo" in o["text"] for o in body["public_hook"])
    assert body["saved"] is None
    saved = api.post(f"/api/v1/people/{dana.id}/openers", json={
        "text": texts[1], "kind": best["kind"], "via_id": mike.id})
    assert saved.status_code == 201
    assert api.get(f"/api/v1/people/{dana.id}/openers").get_json()["saved"]["text"] == texts[1]
    assert api.post(f"/api/v1/people/{dana.id}/openers",
                    json={"text": "", "kind": "mutual"}).status_code == 400
    assert count(SavedOpener) == 1


def test_voicemail_scripts_preview_save_and_never_repeat_an_item(api, network):
    _, dana = network
    item = _item(api)
    request = {"opener": "Mike Kincaid asked me to give you a call.",
               "value_item_ids": [item["id"]], "phone": "555 010 2030"}
    preview = api.post(f"/api/v1/people/{dana.id}/voicemail-scripts",
                       json={**request, "preview": True})
    assert preview.status_code == 200 and count(VoicemailScript) == 0
    draft = preview.get_json()
    assert draft["text"].startswith("Hi Dana") and draft["length"]["words"] > 20
    saved = api.post(f"/api/v1/people/{dana.id}/voicemail-scripts", json=request)
    assert saved.status_code == 201 and saved.get_json()["value_item_ids"] == [item["id"]]
    before = snapshot()
    again = api.post(f"/api/v1/people/{dana.id}/voicemail-scripts", json=request)
    assert again.status_code == 400 and "value_item_ids" in again.get_json()["fields"]
    assert snapshot() == before
    listed = api.get(f"/api/v1/people/{dana.id}/voicemail-scripts").get_json()
    assert len(listed["items"]) == 1


def test_a_long_script_is_refused_unless_overridden(api, network):
    _, dana = network
    text = "Hi Dana. " + "Our freight research shows savings for plants like yours. " * 12
    request = {"issues": ["costs"], "phone": "555", "text": text}
    refused = api.post(f"/api/v1/people/{dana.id}/voicemail-scripts", json=request)
    assert refused.status_code == 400
    assert "30-second limit" in refused.get_json()["fields"]["text"][0]
    assert count(VoicemailScript) == 0
    overridden = api.post(f"/api/v1/people/{dana.id}/voicemail-scripts",
                          json={**request, "override": True})
    assert overridden.status_code == 201 and overridden.get_json()["over_length"] is True


def test_the_message_check_flags_and_passes(api):
    bad = api.post("/api/v1/message-checks", json={
        "text": "Hi, this is Rita from Acme, call me back at 555 010 2030. Thanks."}).get_json()
    assert "only_name_number" in [f["code"] for f in bad["flags"]]
    good = api.post("/api/v1/message-checks", json={"channel": "email", "text": (
        "Hi Dana – Mike Kincaid suggested I write. Our freight index shows shippers your size "
        "saving 8% on regional lanes. Would a 15-minute call on Thursday at 8 suit you?")}
    ).get_json()
    assert good["flags"] == []
    assert api.post("/api/v1/message-checks", json={"text": ""}).status_code == 400


def test_the_callback_card_has_the_path_and_the_last_message(api, network):
    _, dana = network
    api.post("/api/v1/touches", json={"person_id": dana.id, "channel": "voicemail",
                                      "notes": "mentioned the freight index"})
    card = api.get(f"/api/v1/people/{dana.id}/callback-card").get_json()
    assert [s["name"] for s in card["connection"]["steps"]][1] == "Mike Kincaid"
    assert card["last_messages"][0]["notes"] == "mentioned the freight index"
    assert card["script"][0].startswith("Thanks for calling me back, Dana")
    assert card["cadence"]["attempts"] == 1
    assert count(Touch) == 1
