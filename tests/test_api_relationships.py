"""API v1 relationships: CRUD, tie strength, the person filter, validation, duplicates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from referrals.extensions import db
from referrals.vocab import RELATIONSHIP_KINDS
from tests import factories
from tests.test_api_support import CheckedApi, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def people(user):
    made = [factories.make_person(db.session, user.team_id, name) for name in ("Ann", "Bob", "Cy")]
    db.session.commit()
    return made


@pytest.fixture
def stranger(other_user):
    person = factories.make_person(db.session, other_user.team_id, "Stranger")
    db.session.commit()
    return person


def test_create_read_update_delete(api, user, people):
    ann, bob, _ = people
    body = {"person_a": ann.id, "person_b": bob.id, "kind": "former_colleague", "rating": 4,
            "last_interaction": "2024-03-05", "notes": "Worked together at Harbor Foods."}
    response = api.post("/api/v1/relationships", json=body)
    assert response.status_code == 201
    rel = response.get_json()
    assert {k: rel[k] for k in body} == body
    assert rel["recorded_by"] == user.id
    assert 0 < rel["tie_strength"] <= 1
    assert response.headers["Location"].endswith(f"/api/v1/relationships/{rel['id']}")
    assert api.get(f"/api/v1/relationships/{rel['id']}").get_json() == rel

    changed = api.patch(f"/api/v1/relationships/{rel['id']}",
                        json={"rating": 5, "last_interaction": None}).get_json()
    assert changed["rating"] == 5 and changed["last_interaction"] is None
    assert changed["kind"] == "former_colleague"

    assert api.delete(f"/api/v1/relationships/{rel['id']}").status_code == 204
    assert api.get(f"/api/v1/relationships/{rel['id']}").status_code == 404


def test_defaults(api, people):
    ann, bob, _ = people
    rel = api.post("/api/v1/relationships",
                   json={"person_a": ann.id, "person_b": bob.id, "kind": "friend"}).get_json()
    assert rel["rating"] == 3 and rel["last_interaction"] is None and rel["notes"] == ""


@pytest.mark.parametrize("kind", RELATIONSHIP_KINDS)
@pytest.mark.parametrize("rating", [1, 3, 5])
def test_tie_strength_is_in_zero_one(api, people, kind, rating):
    ann, bob, _ = people
    rel = api.post("/api/v1/relationships", json={
        "person_a": ann.id, "person_b": bob.id, "kind": kind, "rating": rating,
        "last_interaction": (date.today() - timedelta(days=400)).isoformat(),
    }).get_json()
    assert 0 < rel["tie_strength"] <= 1


def test_the_people_can_be_moved(api, people):
    ann, bob, cy = people
    rel = api.post("/api/v1/relationships",
                   json={"person_a": ann.id, "person_b": bob.id, "kind": "friend"}).get_json()
    moved = api.patch(f"/api/v1/relationships/{rel['id']}", json={"person_b": cy.id}).get_json()
    assert (moved["person_a"], moved["person_b"]) == (ann.id, cy.id)


def test_filter_by_person(api, user, people, stranger, other_user):
    ann, bob, cy = people
    factories.make_relationship(db.session, ann, bob)
    factories.make_relationship(db.session, bob, cy, kind="friend")
    factories.make_relationship(db.session, cy, ann, kind="family")
    theirs = factories.make_person(db.session, other_user.team_id, "Theirs")
    factories.make_relationship(db.session, stranger, theirs)
    db.session.commit()
    everything = api.get("/api/v1/relationships").get_json()["items"]
    assert len(everything) == 3
    of_bob = api.get(f"/api/v1/relationships?person_id={bob.id}").get_json()["items"]
    assert {(r["person_a"], r["person_b"]) for r in of_bob} == {(ann.id, bob.id), (bob.id, cy.id)}
    # Another team's person: nothing, as for a person who does not exist.
    assert api.get(f"/api/v1/relationships?person_id={stranger.id}").get_json()["items"] == []


def test_pages(api, people):
    ann, bob, cy = people
    for kind in ("friend", "family", "colleague"):
        factories.make_relationship(db.session, ann, bob, kind=kind)
    factories.make_relationship(db.session, bob, cy)
    db.session.commit()
    first = api.get(f"/api/v1/relationships?limit=2&person_id={bob.id}").get_json()
    assert len(first["items"]) == 2 and f"person_id={bob.id}" in first["next"]
    second = api.get(first["next"]).get_json()
    assert len(second["items"]) == 2 and second["next"] is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kind": None}, "kind", "Choose one of: customer, referral, friend, family, colleague, "
                                 "former_colleague or acquaintance."),
        ({"kind": "enemy"}, "kind", "Choose one of: customer, referral, friend, family, "
                                    "colleague, former_colleague or acquaintance."),
        ({"rating": 0}, "rating", "Rate the tie from 1 (barely know) to 5 (close)."),
        ({"rating": 6}, "rating", "Rate the tie from 1 (barely know) to 5 (close)."),
        ({"rating": "3"}, "rating", "Enter a whole number."),
        ({"rating": 3.0}, "rating", "Enter a whole number."),
        ({"rating": 2.5}, "rating", "Enter a whole number."),
        ({"rating": True}, "rating", "Enter a whole number."),
        ({"last_interaction": "05/03/2024"}, "last_interaction", "Use a date as YYYY-MM-DD."),
        ({"last_interaction": "2024-02-30"}, "last_interaction", "Use a date as YYYY-MM-DD."),
        ({"last_interaction": "2024-03-05T10:00:00"}, "last_interaction",
         "Use a date as YYYY-MM-DD."),
        ({"last_interaction": 20240305}, "last_interaction", "Use a date as YYYY-MM-DD."),
        ({"last_interaction": (date.today() + timedelta(days=1)).isoformat()}, "last_interaction",
         "The last interaction can't be in the future."),
        ({"person_a": None}, "person_a", "This field can't be null."),
        ({"person_a": "1"}, "person_a", "Enter a whole number."),
        ({"person_a": 0}, "person_a", "No such person in your team."),
        ({"person_a": -4}, "person_a", "No such person in your team."),
        ({"person_a": 10**20}, "person_a", "No such person in your team."),
        ({"person_a": 999_999}, "person_a", "No such person in your team."),
        ({"person_b": "me"}, "person_b", "Enter a whole number."),
        ({"notes": 5}, "notes", "Enter text."),
        ({"strength": 1}, "strength", "Unknown field."),
        ({"tie_strength": 0.5}, "tie_strength", "Unknown field."),
    ],
)
def test_create_refuses_bad_fields(api, people, change, field, message):
    ann, bob, _ = people
    body = {"person_a": ann.id, "person_b": bob.id, "kind": "friend", **change}
    before = snapshot()
    response = api.post("/api/v1/relationships", json=body)
    assert response.status_code == 400
    assert response.get_json()["fields"] == {field: [message]}
    assert snapshot() == before


@pytest.mark.parametrize("missing", ["person_a", "person_b", "kind"])
def test_required_fields(api, people, missing):
    ann, bob, _ = people
    body = {"person_a": ann.id, "person_b": bob.id, "kind": "friend"}
    del body[missing]
    response = api.post("/api/v1/relationships", json=body)
    assert response.status_code == 400
    assert response.get_json()["fields"] == {missing: ["This field is required."]}


def test_another_teams_person_reads_as_no_such_person(api, people, stranger):
    ann, _, _ = people
    before = snapshot()
    answers = [
        api.post("/api/v1/relationships",
                 json={"person_a": ann.id, "person_b": person_b, "kind": "friend"})
        for person_b in (stranger.id, stranger.id + 1000)
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].get_json() == answers[1].get_json()
    assert answers[0].get_json()["fields"] == {"person_b": ["No such person in your team."]}
    assert snapshot() == before


def test_moving_a_tie_to_another_teams_person_is_refused(api, people, stranger):
    ann, bob, _ = people
    rel = factories.make_relationship(db.session, ann, bob)
    db.session.commit()
    before = snapshot()
    response = api.patch(f"/api/v1/relationships/{rel.id}", json={"person_a": stranger.id})
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"person_a": ["No such person in your team."]}
    assert snapshot() == before


def test_a_person_cannot_be_tied_to_themself(api, people):
    ann, _, _ = people
    before = snapshot()
    response = api.post("/api/v1/relationships",
                        json={"person_a": ann.id, "person_b": ann.id, "kind": "friend"})
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == ["person_b"]
    assert snapshot() == before


@pytest.mark.parametrize("swap", [False, True])
def test_the_same_pair_and_kind_twice_is_a_conflict(api, people, swap):
    ann, bob, _ = people
    factories.make_relationship(db.session, ann, bob, kind="friend")
    db.session.commit()
    before = snapshot()
    a, b = (bob, ann) if swap else (ann, bob)
    response = api.post("/api/v1/relationships",
                        json={"person_a": a.id, "person_b": b.id, "kind": "friend"})
    assert response.status_code == 409
    assert "kind" in response.get_json()["fields"]
    assert snapshot() == before
    # Another kind for the same pair is a different tie.
    response = api.post("/api/v1/relationships",
                        json={"person_a": a.id, "person_b": b.id, "kind": "colleague"})
    assert response.status_code == 201


def test_changing_a_tie_into_a_duplicate_is_a_conflict(api, people):
    ann, bob, _ = people
    factories.make_relationship(db.session, ann, bob, kind="friend")
    other = factories.make_relationship(db.session, ann, bob, kind="colleague")
    db.session.commit()
    before = snapshot()
    response = api.patch(f"/api/v1/relationships/{other.id}", json={"kind": "friend", "rating": 5})
    assert response.status_code == 409
    assert snapshot() == before
