"""GET/POST /api/v1/advocate-calls, GET /api/v1/followups, POST /followups/{id}/complete."""

from __future__ import annotations

from datetime import timedelta

import pytest

from referrals.advocates import calls
from referrals.advocates import followups as fu
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import AdvocateCall, Followup, Touch
from tests import factories
from tests.test_api_support import CheckedApi, count, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def pair(user):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield", roles=["prospect"])
    db.session.commit()
    return mike, dana


def test_logging_a_call_answers_201_with_its_followups(api, user, pair):
    mike, dana = pair
    day = today_for(user) - timedelta(days=2)
    response = api.post("/api/v1/advocate-calls", json={
        "advocate_id": mike.id, "prospect_id": dana.id, "occurred_on": day.isoformat(),
        "outcome": "Dana will take your call", "notes": "met at the trade show"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["advocate_id"] == mike.id and body["prospect_id"] == dana.id
    assert body["occurred_on"] == day.isoformat() and body["recorded_by"] == user.id
    kinds = {f["kind"]: f for f in body["followups"]}
    assert kinds["thank_you"]["due_on"] == fu.next_business_day(day).isoformat()
    assert kinds["feedback"]["due_on"] == (day + timedelta(days=7)).isoformat()
    assert all(f["status"] == "open" and f["person_id"] == mike.id for f in body["followups"])
    assert api.get(response.headers["Location"]).get_json() == body
    assert db.session.get(type(mike), mike.id).is_advocate
    assert count(Touch) == 1

    listed = api.get("/api/v1/advocate-calls").get_json()
    assert [c["id"] for c in listed["items"]] == [body["id"]] and listed["next"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_on": "future"}, "occurred_on"),
        ({"occurred_on": "23/11/2026"}, "occurred_on"),
        ({"advocate_id": "theirs"}, "advocate_id"),
        ({"prospect_id": "theirs"}, "prospect_id"),
        ({"prospect_id": 2**40}, "prospect_id"),
        ({"advocate_id": "1"}, "advocate_id"),
        ({"outcome": "x" * 501}, "outcome"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_calls_answer_400_with_field_messages_and_write_nothing(
    api, user, other_user, pair, change, field
):
    mike, dana = pair
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    body = {"advocate_id": mike.id, "prospect_id": dana.id,
            "occurred_on": today_for(user).isoformat()}
    key, value = next(iter(change.items()))
    body[key] = {"future": (today_for(user) + timedelta(days=2)).isoformat(),
                 "theirs": olga.id}.get(value, value) if isinstance(value, str) else value
    before = snapshot()
    response = api.post("/api/v1/advocate-calls", json=body)
    assert response.status_code == 400
    answer = response.get_json()
    assert field in answer["fields"], answer
    assert "Olga" not in response.get_data(as_text=True)
    assert snapshot() == before


def test_not_json_is_415_and_writes_nothing(api, pair):
    before = snapshot()
    response = api.post("/api/v1/advocate-calls", data="advocate_id=1",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert snapshot() == before


def _call(user, advocate, prospect, days_ago):
    return calls.log_advocate_call(db.session, user, {
        "advocate_id": advocate.id, "prospect_id": prospect.id,
        "occurred_on": today_for(user) - timedelta(days=days_ago)})


def test_followups_filter_by_status_and_due_date(api, user, pair):
    mike, dana = pair
    old = _call(user, mike, dana, 20)
    # another advocate: the same one calling again while their feedback is open would be
    # told the outcome once, by that open feedback
    ann = factories.make_person(db.session, user.team_id, "Ann Advocate")
    new = _call(user, ann, dana, 0)
    fu.complete_followup(db.session, user, old.followups[0])
    db.session.commit()
    everything = api.get("/api/v1/followups").get_json()["items"]
    assert len(everything) == 4
    assert set(everything[0]) == {"id", "kind", "person_id", "due_on", "status", "reason"}
    open_ = api.get("/api/v1/followups?status=open").get_json()["items"]
    assert {f["id"] for f in open_} == {old.followups[1].id, *(f.id for f in new.followups)}
    done = api.get("/api/v1/followups?status=done").get_json()["items"]
    assert [f["id"] for f in done] == [old.followups[0].id]
    cutoff = today_for(user).isoformat()
    due = api.get(f"/api/v1/followups?status=open&due_before={cutoff}").get_json()["items"]
    assert [f["id"] for f in due] == [old.followups[1].id]
    page = api.get("/api/v1/followups?limit=3").get_json()
    assert len(page["items"]) == 3 and page["next"].startswith("http")
    assert len(api.get(page["next"]).get_json()["items"]) == 1


@pytest.mark.parametrize("query", ["status=late", "due_before=soon", "limit=0", "colour=red"])
def test_bad_followup_filters_are_400(api, query):
    response = api.get(f"/api/v1/followups?{query}")
    assert response.status_code == 400 and response.get_json()["fields"]


def test_completing_a_followup_closes_it_and_is_idempotent(api, user, pair):
    mike, dana = pair
    call = _call(user, mike, dana, 1)
    db.session.commit()
    thank_you = call.followups[0]
    response = api.post(f"/api/v1/followups/{thank_you.id}/complete")
    assert response.status_code == 200
    assert response.get_json()["status"] == "done" and response.get_json()["id"] == thank_you.id
    again = api.post(f"/api/v1/followups/{thank_you.id}/complete")
    assert again.status_code == 200 and again.get_json() == response.get_json()
    db.session.expire_all()
    assert [e.action for e in db.session.get(Followup, thank_you.id).events] == [
        "created", "completed"]


def test_another_teams_followups_and_calls_are_invisible(api, user, other_user, pair):
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    pavel = factories.make_person(db.session, other_user.team_id, "Pavel Secret")
    theirs = _call(other_user, olga, pavel, 1)
    db.session.commit()
    assert api.get("/api/v1/followups").get_json()["items"] == []
    assert api.get("/api/v1/advocate-calls").get_json()["items"] == []
    before = snapshot()
    response = api.post(f"/api/v1/followups/{theirs.followups[0].id}/complete")
    assert response.status_code == 404
    assert api.get(f"/api/v1/advocate-calls/{theirs.id}").status_code == 404
    assert snapshot() == before
    assert count(AdvocateCall) == 1
