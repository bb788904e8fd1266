"""API v1 groups and their members."""

from __future__ import annotations

import pytest

from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person
from tests import factories
from tests.test_api_support import CheckedApi, count, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


def test_create_read_update_delete(api, user):
    response = api.post("/api/v1/groups", json={"name": "Ohio Manufacturers Association",
                                                "kind": "association", "notes": "Monthly."})
    assert response.status_code == 201
    group = response.get_json()
    assert group["member_count"] == 0 and group["kind"] == "association"
    assert response.headers["Location"].endswith(f"/api/v1/groups/{group['id']}")
    assert api.get(f"/api/v1/groups/{group['id']}").get_json() == group
    changed = api.patch(f"/api/v1/groups/{group['id']}", json={"name": "OMA"}).get_json()
    assert changed["name"] == "OMA" and changed["notes"] == "Monthly."
    assert api.delete(f"/api/v1/groups/{group['id']}").status_code == 204
    assert api.get(f"/api/v1/groups/{group['id']}").status_code == 404


def test_list_and_filters(api, user, other_user):
    factories.make_group(db.session, user.team_id, "OMA", "association")
    factories.make_group(db.session, user.team_id, "FabTech 2024", "event")
    factories.make_group(db.session, other_user.team_id, "Their Expo", "event")
    db.session.commit()
    names = lambda url: {g["name"] for g in api.get(url).get_json()["items"]}  # noqa: E731
    assert names("/api/v1/groups") == {"OMA", "FabTech 2024"}
    assert names("/api/v1/groups?kind=event") == {"FabTech 2024"}
    assert names("/api/v1/groups?q=fab") == {"FabTech 2024"}
    response = api.get("/api/v1/groups?kind=club")
    assert response.status_code == 400 and list(response.get_json()["fields"]) == ["kind"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"kind": "event"}, "name", "This field is required."),
        ({"name": "X"}, "kind", "This field is required."),
        ({"name": "X", "kind": "club"}, "kind", "Choose one of: association, event or company."),
        ({"name": "x" * 201, "kind": "event"}, "name", "Use at most 200 characters."),
        ({"name": "X", "kind": "event", "members": []}, "members", "Unknown field."),
    ],
)
def test_create_refuses_bad_fields(api, user, body, field, message):
    before = snapshot()
    response = api.post("/api/v1/groups", json=body)
    assert response.status_code == 400
    assert response.get_json()["fields"] == {field: [message]}
    assert snapshot() == before


def test_the_same_name_and_kind_twice_is_a_conflict(api, user):
    factories.make_group(db.session, user.team_id, "OMA", "association")
    event = factories.make_group(db.session, user.team_id, "OMA", "event")
    db.session.commit()
    before = snapshot()
    response = api.post("/api/v1/groups", json={"name": "OMA", "kind": "association"})
    assert response.status_code == 409
    response = api.patch(f"/api/v1/groups/{event.id}", json={"kind": "association"})
    assert response.status_code == 409
    assert snapshot() == before


def test_members(api, user):
    group = factories.make_group(db.session, user.team_id)
    people = [factories.make_person(db.session, user.team_id, n) for n in ("Zed", "Amy", "Bo")]
    db.session.commit()
    url = f"/api/v1/groups/{group.id}/members"
    for person in people:
        response = api.post(url, json={"person_id": person.id})
        assert response.status_code == 201
        assert response.get_json()["person_id"] == person.id
        assert response.headers["Location"].endswith(f"{url}/{person.id}")
    assert api.get(f"/api/v1/groups/{group.id}").get_json()["member_count"] == 3
    first = api.get(f"{url}?limit=2").get_json()
    rest = api.get(first["next"]).get_json()
    assert [p["id"] for p in first["items"] + rest["items"]] == sorted(p.id for p in people)
    assert api.get(f"{url}/{people[0].id}").get_json()["group_id"] == group.id

    assert api.delete(f"{url}/{people[0].id}").status_code == 204
    assert api.get(f"{url}/{people[0].id}").status_code == 404
    assert api.delete(f"{url}/{people[0].id}").status_code == 404
    assert api.get(f"/api/v1/groups/{group.id}").get_json()["member_count"] == 2
    assert count(Person) == 4  # the people stay (3 + the rep's own)


def test_adding_a_member_twice_is_a_conflict(api, user):
    person = factories.make_person(db.session, user.team_id)
    group = factories.make_group(db.session, user.team_id, members=[person])
    db.session.commit()
    before = snapshot()
    response = api.post(f"/api/v1/groups/{group.id}/members", json={"person_id": person.id})
    assert response.status_code == 409
    assert list(response.get_json()["fields"]) == ["person_id"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "This field is required."),
        ({"person_id": "7"}, "Enter a whole number."),
        ({"person_id": 0}, "No such person in your team."),
        ({"person_id": 2**31}, "No such person in your team."),
        ({"person_id": 999_999}, "No such person in your team."),
    ],
)
def test_adding_a_bad_member_is_refused(api, user, body, message):
    group = factories.make_group(db.session, user.team_id)
    db.session.commit()
    before = snapshot()
    response = api.post(f"/api/v1/groups/{group.id}/members", json=body)
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"person_id": [message]}
    assert snapshot() == before


def test_another_teams_person_cannot_join(api, user, other_user):
    group = factories.make_group(db.session, user.team_id)
    stranger = factories.make_person(db.session, other_user.team_id, "Stranger")
    db.session.commit()
    before = snapshot()
    answers = [api.post(f"/api/v1/groups/{group.id}/members", json={"person_id": pid})
               for pid in (stranger.id, stranger.id + 1000)]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].get_json() == answers[1].get_json()
    assert snapshot() == before


def test_deleting_a_group_keeps_its_people(api, user):
    person = factories.make_person(db.session, user.team_id)
    group = factories.make_group(db.session, user.team_id, members=[person])
    db.session.commit()
    assert api.delete(f"/api/v1/groups/{group.id}").status_code == 204
    assert (count(Group), count(GroupMembership), count(Person)) == (0, 0, 2)
